import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { taskStatusLabels, taskStatuses, type TaskStatus } from '../../../shared/domain/ledgers';
import { reportStateLabels, reportStates } from '../../../shared/domain/reports';
import {
  currentRound,
  type ExtensionEntity,
  type RoundEntity,
  type RoundOverview,
  type RoundRow,
} from '../../../shared/domain/rounds';
import { api } from '../api/client';
import { useLoad } from '../api/useApi';
import { useLiveReload } from '../app/liveData';
import { CollapsibleNotice } from '../components/CollapsibleNotice';
import { formatDate, formatDateTime } from '../app/format';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { ErrorState } from '../components/ErrorState';
import { StateTag, StatusTag } from '../components/StatusTag';
import { UnitTags } from '../components/UnitTags';
import { CloseRoundDialog, DeadlineDialog, OpenRoundDialog, ReopenRoundDialog } from './rounds/RoundDialogs';
import {
  CancelExtensionDialog,
  ExtendDialog,
  RemindDialog,
  type ExtendTarget,
  type RemindTarget,
} from './rounds/SupervisionDialogs';
import { UnitWarningsTable, warningColors, WarningTag } from '../components/Supervision';
import { downloadBase64 } from '../components/files';
import { warningLevelLabels, warningLevels } from '../../../shared/domain/progress';
import { behindUnitIds } from '../../../shared/domain/supervision';
import { BulkActions, bulkActionOfState } from './inbox/BulkActions';

/** What a closed round left unfinished, said plainly: nothing is stranded without the user seeing it. */
function closedRoundNotice(data: RoundOverview): string | null {
  if (data.round.status !== 'closed') return null;
  const submitted = data.countsByState.leadReview + data.countsByState.signOff + data.countsByState.filing;
  const drafting = data.countsByState.drafting;
  if (submitted + drafting === 0) return null;
  const parts = [];
  if (submitted > 0) parts.push(`${submitted} 份已提交的报告仍按流程审核、会签、归档，留在相关单位的待办中`);
  if (drafting > 0) {
    parts.push(
      data.round.carryOver
        ? `${drafting} 份未提交的报告延续办理，起草单位仍可填写和提交`
        : `${drafting} 份报告未提交，已停止起草，按未报送统计`,
    );
  }
  return `本轮已关闭：${parts.join('；')}。`;
}

/** 轮次总览: every task's and project's report in a round, its state, its status and who is awaited. */
export function RoundsPanel({ initialStatus }: { initialStatus?: TaskStatus }) {
  const { can } = useSession();
  const { modal, message } = AntApp.useApp();
  const rounds = useLoad(() => api['rounds.list']({}), []);
  const [roundId, setRoundId] = useState<number>();
  const [dialog, setDialog] = useState(false);
  const [closing, setClosing] = useState<RoundEntity | null>(null);
  const [editingDeadline, setEditingDeadline] = useState<RoundEntity | null>(null);
  const [reopening, setReopening] = useState<RoundEntity | null>(null);
  const [extending, setExtending] = useState<ExtendTarget | null>(null);
  const [reminding, setReminding] = useState<RemindTarget | null>(null);
  const [cancelling, setCancelling] = useState<{ round: RoundEntity; extension: ExtensionEntity } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [stateFilter, setStateFilter] = useState<string>();
  const [statusFilter, setStatusFilter] = useState<TaskStatus | undefined>(initialStatus);
  // 批量办理 over the overview's rows, through the same dialogs as 我的待办 (inbox/BulkActions.tsx).
  const [selectedIds, setSelectedIds] = useState<number[]>([]);
  useEffect(() => {
    // The same round the dashboard shows as 当前轮次: the latest open one by quarter.
    const current = rounds.data ? currentRound(rounds.data) : null;
    if ((roundId === undefined || !rounds.data?.some((r) => r.id === roundId)) && current) setRoundId(current.id);
  }, [rounds.data, roundId]);
  const overview = useLoad(() => (roundId ? api['rounds.overview']({ roundId }) : Promise.resolve(null)), [roundId]);
  useEffect(() => setSelectedIds([]), [roundId]);
  useLiveReload(overview.reload);

  if (rounds.error) return <ErrorState error={rounds.error} onRetry={rounds.reload} />;
  if (!rounds.data) return <Skeleton active />;
  const isCoordinator = can('coordinator');
  const refresh = () => {
    rounds.reload();
    overview.reload();
  };
  const dialogElement = (
    <>
      <OpenRoundDialog
        open={dialog}
        onClose={() => setDialog(false)}
        onOpened={(id) => {
          setDialog(false);
          message.success('填报轮次已开启');
          rounds.reload();
          setRoundId(id);
        }}
      />
      <CloseRoundDialog
        round={closing}
        onClose={() => setClosing(null)}
        onClosed={(round) => {
          setClosing(null);
          message.success(`${round.label}填报轮次已关闭`);
          refresh();
        }}
      />
      <DeadlineDialog
        round={editingDeadline}
        onClose={() => setEditingDeadline(null)}
        onSaved={(round) => {
          setEditingDeadline(null);
          message.success(`截止日期已改为 ${formatDate(round.deadline)}`);
          refresh();
        }}
      />
      <ExtendDialog
        target={extending}
        onClose={() => setExtending(null)}
        onSaved={(e) => {
          setExtending(null);
          message.success(`${e.unitName}的报送截止日期已延至 ${formatDate(e.deadline)}`);
          overview.reload();
        }}
      />
      <RemindDialog
        target={reminding}
        onClose={() => setReminding(null)}
        onSent={(sent) => {
          setReminding(null);
          message.success(`已催办 ${sent.length} 个单位：${sent.map((r) => r.unitName).join('、')}`);
          overview.reload();
        }}
      />
      <CancelExtensionDialog
        target={cancelling}
        onClose={() => setCancelling(null)}
        onDone={(unitName) => {
          setCancelling(null);
          message.success(`已取消${unitName}的延期，恢复本轮截止日期`);
          overview.reload();
        }}
      />
      <ReopenRoundDialog
        round={reopening}
        onClose={() => setReopening(null)}
        onReopened={(round) => {
          setReopening(null);
          message.success(`${round.label}填报轮次已重新开启`);
          refresh();
        }}
      />
    </>
  );
  const confirmDelete = (round: RoundEntity) =>
    modal.confirm({
      title: `删除${round.label}填报轮次？`,
      content: `将删除本轮的 ${round.reportCount} 份报告及其附件，不能恢复。只有在本轮尚无报告提交过时才能删除；删除记入审计记录。`,
      okText: '删除本轮',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        api['rounds.delete']({ roundId: round.id }).then(
          () => {
            message.success(`${round.label}填报轮次已删除`);
            setRoundId(undefined);
            rounds.reload();
          },
          // A refusal here explains what to do instead: it stays until read, not a fading toast.
          (e: Error) => {
            modal.error({ title: `不能删除${round.label}填报轮次`, content: e.message, okText: '知道了' });
          },
        ),
    });
  if (rounds.data.length === 0) {
    return (
      <Card>
        <Empty
          description={
            isCoordinator
              ? '还没有填报轮次。开启一个季度的填报轮次后，各单位即可起草进展报告。'
              : '还没有填报轮次，请等待工作专班开启。'
          }
        >
          {isCoordinator && (
            <Button type="primary" onClick={() => setDialog(true)}>
              开启填报轮次
            </Button>
          )}
        </Empty>
        {dialogElement}
      </Card>
    );
  }
  const data = overview.data;
  const rows = (data?.rows ?? []).filter(
    (r) => (!stateFilter || r.state === stateFilter) && (!statusFilter || r.status === statusFilter),
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Select
              value={roundId}
              onChange={setRoundId}
              style={{ width: 220 }}
              aria-label="选择填报轮次"
              options={rounds.data.map((r) => ({ value: r.id, label: `${r.label}（${r.statusLabel}）` }))}
            />
            {data && (
              <Typography.Text type="secondary">
                截止 {formatDate(data.round.deadline)} · 开启人 {data.round.openedBy}
                {data.round.status === 'closed' &&
                  ` · 已于 ${formatDate(data.round.closedAt)} 关闭${data.round.carryOver ? '（延续办理）' : ''}`}
              </Typography.Text>
            )}
          </Space>
          {isCoordinator && (
            <Space>
              {data?.round.status === 'open' && <Button onClick={() => setClosing(data.round)}>关闭本轮</Button>}
              {data?.round.status === 'closed' && <Button onClick={() => setReopening(data.round)}>重新开启</Button>}
              {data && data.round.status === 'open' && (
                <Button
                  danger
                  disabled={behindUnits(data.rows) === 0}
                  onClick={() => setReminding({ round: data.round, unit: null, behindCount: behindUnits(data.rows) })}
                >
                  催办超期、滞后单位
                </Button>
              )}
              {data && <Button onClick={() => setEditingDeadline(data.round)}>修改截止日期</Button>}
              {data?.round.status === 'open' && (
                <Button danger onClick={() => confirmDelete(data.round)}>
                  删除本轮
                </Button>
              )}
              <Button type="primary" onClick={() => setDialog(true)}>
                开启填报轮次
              </Button>
            </Space>
          )}
        </Space>
        {data && closedRoundNotice(data) && (
          <Alert style={{ marginTop: 12 }} type="info" showIcon message={closedRoundNotice(data)} />
        )}
        {data && (
          <CollapsibleNotice
            style={{ marginTop: 12 }}
            title="开启轮次时的提示"
            lines={data.round.warnings.map((w) => w.message)}
          />
        )}
        {data && data.extensions.length > 0 && (
          <Card size="small" style={{ marginTop: 12 }} title={`已延期单位（${data.extensions.length}）`}>
            <Table<ExtensionEntity>
              size="small"
              rowKey="unitId"
              dataSource={data.extensions}
              pagination={false}
              columns={[
                { title: '单位', dataIndex: 'unitName', width: 200 },
                { title: '延至', dataIndex: 'deadline', width: 130, render: (d: string) => formatDate(d) },
                { title: '理由', dataIndex: 'reason' },
                {
                  title: '批准',
                  key: 'granted',
                  width: 190,
                  render: (_v, e) => `${e.grantedBy}，${formatDate(e.grantedAt)}`,
                },
                ...(isCoordinator
                  ? [
                      {
                        title: '',
                        key: 'cancel',
                        width: 96,
                        render: (_v: unknown, e: ExtensionEntity) => (
                          <Button
                            size="small"
                            aria-label={`取消${e.unitName}的延期`}
                            onClick={() => setCancelling({ round: data.round, extension: e })}
                          >
                            取消延期
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        )}
        {data && (
          <Space size="large" wrap style={{ marginTop: 16 }}>
            {reportStates.map((s) => (
              <Statistic key={s} title={reportStateLabels[s]} value={data.countsByState[s] ?? 0} />
            ))}
            {taskStatuses.map((s) => (
              <Statistic key={s} title={taskStatusLabels[s]} value={data.countsByStatus[s] ?? 0} />
            ))}
            {warningLevels.map((level) => (
              <Statistic
                key={level}
                title={warningLevelLabels[level]}
                value={data.countsByWarning[level] ?? 0}
                valueStyle={{ color: warningColors[level] }}
              />
            ))}
          </Space>
        )}
      </Card>
      {overview.error ? (
        <ErrorState error={overview.error} onRetry={overview.reload} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <Card
          styles={{ body: { padding: 0 } }}
          title={`${data.round.label} · ${rows.length} 份报告`}
          extra={
            <Space wrap>
              <BulkActions
                available={rows.some((r) => bulkActionOfState[r.state])}
                selected={data.rows.filter((r) => selectedIds.includes(r.reportId))}
                onDone={() => setSelectedIds([])}
              />
              <Select
                allowClear
                placeholder="按流转状态"
                style={{ width: 150 }}
                value={stateFilter}
                onChange={setStateFilter}
                options={reportStates.map((s) => ({ value: s, label: reportStateLabels[s] }))}
              />
              <Select
                allowClear
                placeholder="按进度状态"
                style={{ width: 150 }}
                value={statusFilter}
                onChange={setStatusFilter}
                options={taskStatuses.map((s) => ({ value: s, label: taskStatusLabels[s] }))}
              />
            </Space>
          }
        >
          <Table<RoundRow>
            rowKey="reportId"
            dataSource={rows}
            size="middle"
            pagination={{ pageSize: 30, hideOnSinglePage: true, showSizeChanger: false }}
            rowSelection={{
              selectedRowKeys: selectedIds,
              // Across pages and filters: what is selected stays selected until done or the round changes.
              preserveSelectedRowKeys: true,
              onChange: (keys) => setSelectedIds(keys.map(Number)),
              getCheckboxProps: (row) => ({
                disabled: !bulkActionOfState[row.state],
                'aria-label': `选择${row.subjectLabel}`,
              }),
            }}
            onRow={(row) => ({
              onClick: (event) => {
                // A click on the checkbox selects; anywhere else opens the report.
                if ((event.target as HTMLElement).closest('.ant-table-selection-column')) return;
                navigate(`/reports/${row.reportId}`);
              },
              style: { cursor: 'pointer' },
            })}
            columns={[
              { title: '事项', dataIndex: 'subjectLabel', width: 90 },
              {
                title: '标题',
                dataIndex: 'title',
                render: (t: string, row) => <a href={`#/reports/${row.reportId}`}>{t}</a>,
              },
              {
                title: '牵头单位',
                dataIndex: 'leadUnits',
                width: 170,
                render: (u: string[]) => <UnitTags units={u} color="blue" />,
              },
              {
                title: '流转状态',
                dataIndex: 'state',
                width: 110,
                render: (_v, row) => <StateTag state={row.state} />,
              },
              { title: '进度', dataIndex: 'status', width: 96, render: (_v, row) => <StatusTag status={row.status} /> },
              {
                title: '预警',
                dataIndex: 'warning',
                width: 56,
                render: (_v, row) => <WarningTag level={row.warning} />,
              },
              {
                title: '待处理',
                dataIndex: 'awaiting',
                width: 170,
                render: (units: string[], row) => (
                  <>
                    <UnitTags units={units} />
                    {row.late && <Tag color="red">逾期</Tag>}
                    {data.round.status === 'closed' && !data.round.carryOver && row.state === 'drafting' && (
                      <Tag>已停止起草</Tag>
                    )}
                  </>
                ),
              },
              {
                title: '截止日期',
                dataIndex: 'deadline',
                width: 124,
                render: (deadline: string, row) => (
                  <>
                    {formatDate(deadline)}
                    {row.extended && (
                      <div>
                        <Tag color="gold">已延期</Tag>
                      </div>
                    )}
                  </>
                ),
              },
              // Only once something is filed: a fresh round has no 归档号 and the title needs the room.
              ...(data.rows.some((r) => r.archiveNo !== null)
                ? [{ title: '归档号', dataIndex: 'archiveNo', width: 120, render: (no: string | null) => no ?? '—' }]
                : []),
              ...(isCoordinator && data.round.status === 'open'
                ? [
                    {
                      title: '督办',
                      key: 'supervise',
                      width: 76,
                      render: (_v: unknown, row: RoundRow) => {
                        const unit =
                          row.draftingUnitId !== null && row.draftingUnit !== null
                            ? { id: row.draftingUnitId, name: row.draftingUnit }
                            : null;
                        if (!unit) return null;
                        return (
                          <Space direction="vertical" size={4} onClick={(event) => event.stopPropagation()}>
                            {(row.state === 'drafting' || row.status === 'lagging') && (
                              <Button
                                size="small"
                                aria-label={`催办${unit.name}`}
                                onClick={() => setReminding({ round: data.round, unit, behindCount: 1 })}
                              >
                                催办
                              </Button>
                            )}
                            {row.state === 'drafting' && (
                              <Button
                                size="small"
                                aria-label={`为${unit.name}延期`}
                                onClick={() =>
                                  setExtending({
                                    round: data.round,
                                    unitId: unit.id,
                                    unitName: unit.name,
                                    deadline: row.deadline,
                                  })
                                }
                              >
                                延期
                              </Button>
                            )}
                          </Space>
                        );
                      },
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
      {data && data.units.length > 0 && (
        <Card title={`单位预警（${data.units.length} 个单位）`} styles={{ body: { padding: 0 } }}>
          <UnitWarningsTable
            units={data.units}
            {...(isCoordinator && data.round.status === 'open'
              ? {
                  onRemind: (u: RoundOverview['units'][number]) =>
                    setReminding({ round: data.round, unit: { id: u.unitId, name: u.unitName }, behindCount: 1 }),
                }
              : {})}
          />
        </Card>
      )}
      {data && data.reminders.length > 0 && (
        <Card
          title={`催办记录（${data.reminders.length} 个单位）`}
          styles={{ body: { padding: 0 } }}
          extra={
            isCoordinator && (
              <Button
                size="small"
                loading={exporting}
                onClick={() => {
                  setExporting(true);
                  api['supervision.exportNotice']({ roundId: data.round.id }).then(
                    (file) => {
                      setExporting(false);
                      downloadBase64(
                        file.fileName,
                        file.contentBase64,
                        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                      );
                      message.success(`已导出「${file.fileName}」`);
                    },
                    (e: Error) => {
                      setExporting(false);
                      message.error(e.message);
                    },
                  );
                }}
              >
                导出催办通知
              </Button>
            )
          }
        >
          <Table
            rowKey="unitId"
            size="small"
            dataSource={data.reminders}
            pagination={false}
            columns={[
              { title: '被催办单位', dataIndex: 'unitName', width: 200 },
              { title: '次数', dataIndex: 'count', width: 70 },
              { title: '最近催办', dataIndex: 'lastAt', width: 170, render: (at: string) => formatDateTime(at) },
              { title: '催办人', dataIndex: 'lastBy', width: 100 },
              { title: '最近内容', dataIndex: 'lastMessage' },
            ]}
          />
        </Card>
      )}
      {dialogElement}
    </Space>
  );
}

/** Units that draft an overdue or lagging report: whom "催办超期、滞后单位" reminds. */
function behindUnits(rows: readonly RoundRow[]): number {
  return behindUnitIds(rows).length;
}
