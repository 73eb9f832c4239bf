import { Alert, App as AntApp, Button, Card, Descriptions, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MethodOutput } from '../../../../shared/contract';
import { unitRoleLabels, type ParsedPlan, type ParsedTask } from '../../../../shared/domain/plan';
import {
  applyCorrections,
  describeCorrection,
  rolesOf,
  type PlanCorrection,
} from '../../../../shared/domain/planCorrections';
import { api } from '../../api/client';
import { fileToBase64 } from '../../components/files';
import { TaskCorrectionDialog } from './TaskCorrectionDialog';

type Preview = MethodOutput<'plan.importPreview'>;

interface Upload {
  fileName: string;
  contentBase64: string;
  sheet: string | undefined;
  preview: Preview;
}

/** The plan as it will be stored: the carried corrections first, then this session's, in order. */
function correctedView(preview: Preview, corrections: readonly PlanCorrection[]): { plan: ParsedPlan; keys: string[] } {
  const carried = applyCorrections(
    preview.plan,
    preview.corrections.carried.map((c) => c.correction),
    preview.keys,
  );
  return applyCorrections(carried.plan, corrections, carried.keys);
}

/** The units of a task other than its lead units, each with its role when it is not plain 责任. */
function otherUnits(task: ParsedTask): string {
  const others = rolesOf(task).filter((u) => u.role !== 'lead');
  return (
    others.map((u) => (u.role === 'responsible' ? u.unit : `${u.unit}（${unitRoleLabels[u.role]}）`)).join('、') || '—'
  );
}

/**
 * 方案导入: read a plan document, show everything found and every warning with its line, let the
 * coordinator correct what was read wrongly (the corrections are stored with the plan and carried
 * to a revised plan where its text is unchanged), then commit.
 */
export function PlanImportPanel() {
  const { message, modal } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [corrections, setCorrections] = useState<PlanCorrection[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [unitNames, setUnitNames] = useState<string[]>([]);

  useEffect(() => {
    api['units.directory']({}).then(
      (units) => setUnitNames(units.map((u) => u.name)),
      () => setUnitNames([]),
    );
  }, []);

  const read = async (fileName: string, contentBase64: string, sheet: string | undefined) => {
    setBusy(true);
    try {
      const preview = await api['plan.importPreview']({
        fileName,
        contentBase64,
        ...(sheet === undefined ? {} : { sheet }),
      });
      setUpload({ fileName, contentBase64, sheet: preview.sheet ?? undefined, preview });
      setCorrections([]);
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const pick = async (file: File) => {
    try {
      await read(file.name, await fileToBase64(file), undefined);
    } catch (error) {
      message.error((error as Error).message);
    }
  };

  const view = useMemo(() => {
    if (!upload) return null;
    try {
      return correctedView(upload.preview, corrections);
    } catch {
      // Only reachable if a carried correction no longer applies here: show the plan as read.
      return { plan: upload.preview.plan, keys: upload.preview.keys };
    }
  }, [upload, corrections]);

  /** Add corrections, refusing (with the reason) any that would not apply. */
  const addCorrections = (added: PlanCorrection[]) => {
    if (!upload) return;
    try {
      correctedView(upload.preview, [...corrections, ...added]);
      setCorrections([...corrections, ...added]);
      setEditing(null);
    } catch (error) {
      message.error((error as Error).message);
    }
  };

  const undo = (index: number) => {
    if (!upload) return;
    const rest = corrections.filter((_c, i) => i !== index);
    try {
      correctedView(upload.preview, rest);
      setCorrections(rest);
    } catch {
      message.error('后面的更正依赖这一条，请先撤销后面的更正。');
    }
  };

  const plan = view?.plan;
  const editingIndex = editing === null || !view ? -1 : view.keys.indexOf(editing);
  const editingTask = editingIndex >= 0 ? view?.plan.tasks[editingIndex] : undefined;
  const stale = upload?.preview.corrections.stale ?? [];
  const carried = upload?.preview.corrections.carried ?? [];
  const diff = upload?.preview.diff;
  const diffRows = diff
    ? [
        ...diff.tasksAdded.map((t) => ({ key: `a${t.no}`, kind: '新增', text: `${t.no}. ${t.title}` })),
        ...diff.tasksRemoved.map((t) => ({ key: `r${t.no}`, kind: '删除', text: `${t.no}. ${t.title}` })),
        ...diff.tasksChanged.map((t) => ({
          key: `c${t.no}`,
          kind: '修改',
          text:
            t.titleBefore === t.titleAfter ? `${t.no}. ${t.titleAfter}` : `${t.no}. ${t.titleBefore} → ${t.titleAfter}`,
        })),
      ]
    : [];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="导入或更新工作方案">
        <Typography.Paragraph type="secondary">
          支持 .txt（UTF-8 或 GBK 编码）、.docx（正文或任务表格）和
          .xlsx（任务清单，默认读第一个有任务的工作表，可另选）。系统先识别方案中的任务、牵头与责任单位、量化指标和工程项目，列出所有提示；识别有误的，可在导入前逐项更正（任务名称、单位及其角色、指标，合并或拆分任务），更正随方案保存，更新方案时原文未改的任务自动沿用；确认后才写入。更新方案时，仍然存在的任务保留已填写的报告。
        </Typography.Paragraph>
        <input
          ref={input}
          type="file"
          accept=".txt,.docx,.xlsx"
          hidden
          aria-label="选择方案文件"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void pick(file);
          }}
        />
        <Button type="primary" loading={busy} onClick={() => input.current?.click()}>
          选择方案文件
        </Button>
      </Card>
      {upload && plan && (
        <Card
          title={`识别结果：${upload.fileName}`}
          extra={
            <Button
              type="primary"
              onClick={() =>
                modal.confirm({
                  title: '确认导入此方案？',
                  content:
                    (diff
                      ? `将更新当前方案：新增任务 ${diff.tasksAdded.length} 项、删除 ${diff.tasksRemoved.length} 项、修改 ${diff.tasksChanged.length} 项。`
                      : `将导入 ${plan.tasks.length} 项任务和 ${plan.projects.length} 个工程项目。`) +
                    (corrections.length + carried.length > 0
                      ? `按更正 ${corrections.length + carried.length} 条修改后写入（沿用 ${carried.length} 条，本次 ${corrections.length} 条）。`
                      : ''),
                  okText: '导入',
                  cancelText: '取消',
                  onOk: () =>
                    api['plan.import']({
                      fileName: upload.fileName,
                      contentBase64: upload.contentBase64,
                      ...(upload.sheet === undefined ? {} : { sheet: upload.sheet }),
                      corrections,
                    }).then(
                      () => {
                        message.success('方案已导入');
                        setUpload(null);
                        setCorrections([]);
                      },
                      (e: Error) => message.error(e.message),
                    ),
                })
              }
            >
              确认导入
            </Button>
          }
        >
          {upload.preview.sheets.length > 1 && (
            <Space style={{ marginBottom: 16 }}>
              <Typography.Text>工作表</Typography.Text>
              <Select
                aria-label="工作表"
                style={{ width: 240 }}
                value={upload.sheet}
                loading={busy}
                onChange={(sheet: string) => void read(upload.fileName, upload.contentBase64, sheet)}
                options={upload.preview.sheets.map((name) => ({ value: name, label: name }))}
              />
              <Typography.Text type="secondary">
                本工作簿有 {upload.preview.sheets.length} 个工作表，换一个会重新识别（本次更正清空）。
              </Typography.Text>
            </Space>
          )}
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="方案名称" span={2}>
              {plan.meta.title}
            </Descriptions.Item>
            <Descriptions.Item label="发文机关">{plan.meta.issuer || '（未识别）'}</Descriptions.Item>
            <Descriptions.Item label="发文字号">{plan.meta.docNumber ?? '（未识别）'}</Descriptions.Item>
            <Descriptions.Item label="任务">
              {plan.tasks.length} 项（{plan.categories.length} 个类别）
            </Descriptions.Item>
            <Descriptions.Item label="量化指标">
              {plan.tasks.reduce((n, t) => n + t.targets.length, 0)} 个
            </Descriptions.Item>
            <Descriptions.Item label="基期数据">{plan.baselines.length} 项</Descriptions.Item>
            <Descriptions.Item label="工程项目与活动">{plan.projects.length} 个</Descriptions.Item>
          </Descriptions>
          {plan.warnings.length > 0 ? (
            <Alert
              style={{ marginTop: 16 }}
              type="warning"
              message={`${plan.warnings.length} 条提示，请逐条核对`}
              description={
                <List
                  size="small"
                  dataSource={plan.warnings}
                  renderItem={(w) => (
                    <List.Item>
                      {w.line !== null && <Tag>第 {w.line} 行</Tag>}
                      {w.message}
                    </List.Item>
                  )}
                />
              }
            />
          ) : (
            <Alert style={{ marginTop: 16 }} type="success" message="没有需要核对的提示" />
          )}
          {upload.preview.newUnits.length > 0 && (
            <Alert
              style={{ marginTop: 16 }}
              type="info"
              message="将加入单位目录并标记为待核实的新单位"
              description={upload.preview.newUnits.join('、')}
            />
          )}
          {stale.length > 0 && (
            <Alert
              style={{ marginTop: 16 }}
              type="warning"
              message={`上次导入的更正有 ${stale.length} 条未沿用：原文已修改，更正未沿用，请核对后决定是否重新更正`}
              description={
                <List
                  size="small"
                  dataSource={stale}
                  renderItem={(entry) => {
                    const position = Number(/@(\d+)$/.exec(entry.correction.key)?.[1] ?? 0);
                    const target = position > 0 ? upload.preview.plan.tasks[position - 1] : undefined;
                    const key = upload.preview.keys[position - 1];
                    return (
                      <List.Item
                        actions={
                          target && key
                            ? [
                                <Button
                                  key="apply"
                                  size="small"
                                  onClick={() => addCorrections([{ ...entry.correction, key }])}
                                >
                                  仍然应用到第 {target.no} 项
                                </Button>,
                              ]
                            : []
                        }
                      >
                        <Tag color="orange">{entry.reason}</Tag>
                        {describeCorrection(entry.correction)}（{entry.correctedBy ?? '—'}）
                      </List.Item>
                    );
                  }}
                />
              }
            />
          )}
          {carried.length > 0 && (
            <Alert
              style={{ marginTop: 16 }}
              type="info"
              message={`沿用上次导入的更正 ${carried.length} 条（原文未修改）`}
              description={carried.map((c) => describeCorrection(c.correction)).join('；')}
            />
          )}
          {corrections.length > 0 && (
            <Card
              size="small"
              title={`本次更正 ${corrections.length} 条（导入时保存并记入审计日志）`}
              style={{ marginTop: 16 }}
            >
              <List
                size="small"
                dataSource={corrections}
                renderItem={(c, i) => {
                  const at = view?.keys.indexOf(c.key) ?? -1;
                  const where = at >= 0 ? `第 ${view?.plan.tasks[at]?.no ?? ''} 项` : '已并入的任务';
                  return (
                    <List.Item
                      actions={[
                        <Button key="undo" size="small" onClick={() => undo(i)}>
                          撤销
                        </Button>,
                      ]}
                    >
                      {where}：{describeCorrection(c)}
                    </List.Item>
                  );
                }}
              />
            </Card>
          )}
          {diff && (
            <Card size="small" title="与当前方案的差异" style={{ marginTop: 16 }}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text>
                  新增任务 {diff.tasksAdded.length} 项，删除 {diff.tasksRemoved.length} 项，修改{' '}
                  {diff.tasksChanged.length} 项；新增单位 {diff.unitsAdded.length} 个，不再出现的单位{' '}
                  {diff.unitsRemoved.length} 个。{corrections.length > 0 ? '（按识别结果计算，未含本次更正。）' : ''}
                </Typography.Text>
                {diffRows.length > 0 && (
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="key"
                    dataSource={diffRows}
                    columns={[
                      {
                        title: '变化',
                        dataIndex: 'kind',
                        width: 80,
                        render: (k: string) => (
                          <Tag color={k === '删除' ? 'red' : k === '新增' ? 'green' : 'blue'}>{k}</Tag>
                        ),
                      },
                      { title: '任务', dataIndex: 'text' },
                    ]}
                  />
                )}
              </Space>
            </Card>
          )}
          <Table
            style={{ marginTop: 16 }}
            size="small"
            rowKey={(t) => view?.keys[plan.tasks.indexOf(t)] ?? String(t.no)}
            pagination={{ pageSize: 10 }}
            dataSource={plan.tasks}
            columns={[
              { title: '序号', dataIndex: 'no', width: 60 },
              { title: '任务', dataIndex: 'title' },
              { title: '牵头单位', dataIndex: 'leadUnits', render: (u: string[]) => u.join('、') || '—' },
              { title: '责任、配合、指导、参与单位', key: 'others', render: (_v, t) => otherUnits(t) },
              { title: '指标', key: 'targets', width: 60, render: (_v, t) => t.targets.length },
              {
                title: '更正',
                key: 'correct',
                width: 80,
                render: (_v, t) => (
                  <Button
                    size="small"
                    aria-label={`更正第 ${t.no} 项`}
                    onClick={() => setEditing(view?.keys[plan.tasks.indexOf(t)] ?? null)}
                  >
                    更正
                  </Button>
                ),
              },
            ]}
          />
          {editingTask && editing !== null && (
            <TaskCorrectionDialog
              key={`${editing}:${corrections.length}`}
              task={editingTask}
              taskKey={editing}
              isFirst={editingIndex === 0}
              unitNames={unitNames}
              onApply={addCorrections}
              onClose={() => setEditing(null)}
            />
          )}
        </Card>
      )}
    </Space>
  );
}
