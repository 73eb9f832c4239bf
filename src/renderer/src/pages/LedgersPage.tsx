import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import {
  fillInFieldLabels,
  ledgerKindLabels,
  ledgerKinds,
  type FillInChange,
  type FillInPreview,
  type LedgerKind,
} from '../../../shared/domain/ledgers';
import type { RoundEntity } from '../../../shared/domain/rounds';
import { api } from '../api/client';
import { useLoad } from '../api/useApi';
import { notifyDataChanged } from '../app/liveData';
import { useSession } from '../app/session';
import { ErrorState } from '../components/ErrorState';
import { navigate } from '../app/router';
import { ledgerPrintPath } from './print/LedgerPrint';
import { downloadBase64, fileToBase64 } from '../components/files';

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function quarterKeyOf(round: RoundEntity): string {
  return `${round.year}Q${round.quarter}`;
}

/** Export a ledger for one round or a range of quarters. */
function LedgerExportCard({ rounds, units }: { rounds: RoundEntity[]; units: { id: number; name: string }[] }) {
  const { message } = AntApp.useApp();
  const [kind, setKind] = useState<LedgerKind>('task');
  const [scope, setScope] = useState<'round' | 'range'>('round');
  const [roundId, setRoundId] = useState<number | undefined>(rounds[0]?.id);
  const ordered = [...rounds].sort((a, b) => a.year - b.year || a.quarter - b.quarter);
  const [from, setFrom] = useState<string | undefined>(ordered[0] ? quarterKeyOf(ordered[0]) : undefined);
  const [to, setTo] = useState<string | undefined>(ordered.at(-1) ? quarterKeyOf(ordered.at(-1)!) : undefined);
  const [unitId, setUnitId] = useState<number>();
  const [busy, setBusy] = useState(false);
  const ready =
    (scope === 'round' ? roundId !== undefined : from !== undefined) && (kind !== 'unit' || unitId !== undefined);
  return (
    <Card title="导出台账">
      <Form layout="vertical">
        <Form.Item label="台账类型">
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value as LedgerKind)}
            optionType="button"
            options={ledgerKinds.map((k) => ({ value: k, label: ledgerKindLabels[k] }))}
          />
        </Form.Item>
        {kind === 'unit' && (
          <Form.Item label="单位">
            <Select
              showSearch
              optionFilterProp="label"
              placeholder="选择单位"
              value={unitId}
              onChange={setUnitId}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              aria-label="台账单位"
            />
          </Form.Item>
        )}
        <Form.Item label="时间范围">
          <Space wrap>
            <Radio.Group
              value={scope}
              onChange={(e) => setScope(e.target.value as 'round' | 'range')}
              options={[
                { value: 'round', label: '一个季度' },
                { value: 'range', label: '多个季度' },
              ]}
            />
            {scope === 'round' ? (
              <Select
                style={{ width: 220 }}
                value={roundId}
                onChange={setRoundId}
                options={rounds.map((r) => ({ value: r.id, label: r.label }))}
                aria-label="季度"
              />
            ) : (
              <>
                <Select
                  style={{ width: 180 }}
                  value={from}
                  onChange={setFrom}
                  options={ordered.map((r) => ({ value: quarterKeyOf(r), label: r.label }))}
                  aria-label="起始季度"
                />
                至
                <Select
                  style={{ width: 180 }}
                  value={to}
                  onChange={setTo}
                  options={ordered.map((r) => ({ value: quarterKeyOf(r), label: r.label }))}
                  aria-label="截止季度"
                />
              </>
            )}
          </Space>
        </Form.Item>
        <Button
          type="primary"
          loading={busy}
          disabled={!ready}
          onClick={() => {
            setBusy(true);
            api['ledgers.export']({
              kind,
              ...(scope === 'round' ? { roundId } : { from, to }),
              ...(kind === 'unit' ? { unitId } : {}),
            }).then(
              (file) => {
                setBusy(false);
                downloadBase64(file.fileName, file.contentBase64, xlsxMime);
                message.success(`已导出「${file.fileName}」`);
              },
              (e: Error) => {
                setBusy(false);
                message.error(e.message);
              },
            );
          }}
        >
          {busy ? '正在生成台账……' : '导出 Excel'}
        </Button>
        <Button
          style={{ marginInlineStart: 8 }}
          disabled={!ready}
          onClick={() =>
            navigate(
              ledgerPrintPath({
                kind,
                ...(scope === 'round' ? { roundId } : { from, to }),
                ...(kind === 'unit' ? { unitId } : {}),
              }),
            )
          }
        >
          打印
        </Button>
      </Form>
    </Card>
  );
}

function describeChange(change: FillInChange): string {
  if (change.field === 'completed') {
    const yesNo = (v: boolean) => (v ? '是' : '否');
    return `${fillInFieldLabels.completed}：${yesNo(change.old)} → ${yesNo(change.new)}`;
  }
  const label = change.field === 'indicator' ? `指标「${change.metric}」` : fillInFieldLabels[change.field];
  const show = (v: string | number | null) =>
    v === null || v === '' ? '（空）' : String(v).length > 60 ? `${String(v).slice(0, 60)}…` : String(v);
  return `${label}：${show(change.old)} → ${show(change.new)}`;
}

/** Offline fill-in: download a unit's sheet, and bring the filled sheet back after checking every change. */
function FillInCard({ rounds, units }: { rounds: RoundEntity[]; units: { id: number; name: string }[] }) {
  const { message, modal } = AntApp.useApp();
  const { actor, can } = useSession();
  const openRounds = rounds.filter((r) => r.status === 'open');
  const [roundId, setRoundId] = useState<number | undefined>(openRounds[0]?.id);
  const [unitId, setUnitId] = useState<number | undefined>(
    can('coordinator') ? undefined : (actor.unitId ?? undefined),
  );
  const [preview, setPreview] = useState<{ data: FillInPreview; content: string; name: string } | null>(null);
  const [busy, setBusy] = useState<'export' | 'preview' | 'apply' | null>(null);
  // An import's refusal stays on screen, beside the file it is about, until the next attempt.
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);
  useEffect(() => {
    setPreview(null);
    setFailure(null);
  }, [roundId, unitId]);
  const ready = roundId !== undefined && unitId !== undefined;
  const fail = (e: Error) => {
    setBusy(null);
    message.error(e.message);
  };
  const failInline = (title: string) => (e: Error) => {
    setBusy(null);
    setFailure({ title, message: e.message });
  };
  return (
    <Card title="离线填报表">
      <Typography.Paragraph type="secondary">
        为不使用本系统的单位生成本季度填报表（Excel）。单位在 Excel 或 WPS
        中填写后交回，在此导入：系统先核对文件与每项修改，确认后一次性写入。
      </Typography.Paragraph>
      {openRounds.length === 0 ? (
        <Empty description="没有正在填报的轮次" />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Select
              style={{ width: 200 }}
              value={roundId}
              onChange={setRoundId}
              options={openRounds.map((r) => ({ value: r.id, label: r.label }))}
              aria-label="填报轮次"
            />
            <Select
              showSearch
              optionFilterProp="label"
              style={{ width: 300 }}
              placeholder="选择单位"
              value={unitId}
              onChange={setUnitId}
              disabled={!can('coordinator')}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              aria-label="填报单位"
            />
          </Space>
          <Space wrap>
            <Button
              disabled={!ready}
              loading={busy === 'export'}
              onClick={() => {
                setBusy('export');
                api['fillIn.export']({ roundId: roundId!, unitId: unitId! }).then((file) => {
                  setBusy(null);
                  downloadBase64(file.fileName, file.contentBase64, xlsxMime);
                }, fail);
              }}
            >
              下载填报表
            </Button>
            <Button
              disabled={!ready}
              loading={busy === 'preview'}
              onClick={() => document.getElementById('luoshi-fillin-file')?.click()}
            >
              导入已填写的填报表
            </Button>
            <input
              id="luoshi-fillin-file"
              type="file"
              accept=".xlsx"
              hidden
              aria-label="选择填报表文件"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (!file || !ready) return;
                // A new file replaces the previous one's preview and messages at once.
                setPreview(null);
                setFailure(null);
                setBusy('preview');
                const refused = failInline(`「${file.name}」未能读取`);
                void fileToBase64(file).then(
                  (content) =>
                    api['fillIn.preview']({ roundId: roundId, unitId: unitId, contentBase64: content }).then((data) => {
                      setBusy(null);
                      setPreview({ data, content, name: file.name });
                    }, refused),
                  refused,
                );
              }}
            />
          </Space>
          {failure && (
            <Alert
              type="error"
              showIcon
              closable
              onClose={() => setFailure(null)}
              message={failure.title}
              description={failure.message}
            />
          )}
          {preview && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Alert
                type={preview.data.canApply ? (preview.data.changes.length ? 'info' : 'success') : 'error'}
                message={
                  preview.data.canApply
                    ? preview.data.changes.length
                      ? `「${preview.name}」共 ${preview.data.changes.length} 处修改，涉及 ${preview.data.updates.length} 份报告；${preview.data.unchangedReports} 份未改动。`
                      : `「${preview.name}」与系统中的内容一致，没有需要导入的修改。`
                    : `「${preview.name}」有 ${preview.data.conflicts.length} 处冲突，不能导入。请重新下载填报表后再填写。`
                }
              />
              {preview.data.conflicts.length > 0 && (
                <Table
                  size="small"
                  rowKey={(c) => `${c.reportId}-${c.reason}`}
                  pagination={false}
                  dataSource={preview.data.conflicts}
                  columns={[
                    { title: '报告', dataIndex: 'title' },
                    { title: '冲突', dataIndex: 'message' },
                  ]}
                />
              )}
              {preview.data.changes.length > 0 && (
                <Table
                  size="small"
                  rowKey={(c) => `${c.reportId}-${c.cell.sheet}-${c.cell.address}`}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={preview.data.changes}
                  columns={[
                    { title: '报告', dataIndex: 'title', width: 160, ellipsis: true },
                    { title: '修改', key: 'change', render: (_v, c) => describeChange(c) },
                    {
                      title: '位置',
                      key: 'cell',
                      width: 110,
                      render: (_v, c) => <Tag>{`${c.cell.sheet}!${c.cell.address}`}</Tag>,
                    },
                  ]}
                />
              )}
              {preview.data.canApply && preview.data.changes.length > 0 && (
                <Button
                  type="primary"
                  loading={busy === 'apply'}
                  onClick={() =>
                    modal.confirm({
                      title: '确认导入？',
                      content: `将写入 ${preview.data.updates.length} 份报告的 ${preview.data.changes.length} 处修改，并以导入人身份记入审计记录。`,
                      okText: '导入',
                      cancelText: '取消',
                      onOk: () => {
                        setBusy('apply');
                        const name = preview.name;
                        return api['fillIn.apply']({
                          roundId: roundId!,
                          unitId: unitId!,
                          contentBase64: preview.content,
                        }).then(
                          (result) => {
                            setBusy(null);
                            setPreview(null);
                            message.success(`已导入 ${result.reports} 份报告的 ${result.applied} 处修改`);
                            notifyDataChanged();
                          },
                          (e: Error) => {
                            setPreview(null);
                            failInline(`「${name}」未能导入，未写入任何数据`)(e);
                          },
                        );
                      },
                    })
                  }
                >
                  确认导入
                </Button>
              )}
            </Space>
          )}
        </Space>
      )}
    </Card>
  );
}

/** 台账导出: Excel ledgers for meetings and the city, and the offline fill-in loop. */
export function LedgersPage() {
  const data = useLoad(() => Promise.all([api['rounds.list']({}), api['units.list']({})]), []);
  if (data.error) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Skeleton active />;
  const [rounds, allUnits] = data.data;
  const units = allUnits.filter((u) => u.kind === 'unit');
  if (rounds.length === 0)
    return (
      <Card>
        <Empty description="还没有填报轮次。开启填报轮次后即可导出台账和填报表。" />
      </Card>
    );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <LedgerExportCard rounds={rounds} units={units} />
      </Col>
      <Col xs={24} xl={12}>
        <FillInCard rounds={rounds} units={units} />
      </Col>
    </Row>
  );
}
