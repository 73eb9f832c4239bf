import { Alert, App as AntApp, Button, Card, DatePicker, Empty, Form, InputNumber, Modal, Select, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { taskStatusLabels, taskStatuses, type TaskStatus } from '../../../shared/domain/ledgers';
import { reportStateLabels, reportStates } from '../../../shared/domain/reports';
import type { RoundRow } from '../../../shared/domain/rounds';
import { quarterEndDate, type QuarterNumber } from '../../../shared/quarters';
import { api } from '../api/client';
import { useLoad } from '../api/useApi';
import { useLiveReload } from '../app/liveData';
import { CollapsibleNotice } from '../components/CollapsibleNotice';
import { formatDate } from '../app/format';
import { navigate } from '../app/router';
import { useSession } from '../app/session';
import { ErrorState } from '../components/ErrorState';
import { StateTag, StatusTag } from '../components/StatusTag';
import { UnitTags } from '../components/UnitTags';

function OpenRoundDialog({ open, onClose, onOpened }: { open: boolean; onClose: () => void; onOpened: (roundId: number) => void }) {
  const [form] = Form.useForm<{ year: number; quarter: QuarterNumber; deadline: dayjs.Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const now = new Date();
  const currentQuarter = (Math.floor(now.getMonth() / 3) + 1) as QuarterNumber;
  return (
    <Modal
      open={open}
      title="开启季度填报轮次"
      okText="开启"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => {
        void form.validateFields().then((values) => {
          setBusy(true);
          setError(undefined);
          api['rounds.open']({ year: values.year, quarter: values.quarter, deadline: values.deadline.format('YYYY-MM-DD') }).then(
            (round) => {
              setBusy(false);
              onOpened(round.id);
            },
            (e: Error) => {
              setBusy(false);
              setError(e.message);
            },
          );
        });
      }}
    >
      <Typography.Paragraph type="secondary">开启后，系统为每项任务和每个工程项目生成一份本季度进展报告，由牵头单位起草。</Typography.Paragraph>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          year: now.getFullYear(),
          quarter: currentQuarter,
          deadline: dayjs(quarterEndDate({ year: now.getFullYear(), quarter: currentQuarter })).add(10, 'day'),
        }}
      >
        <Space>
          <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item label="季度" name="quarter" rules={[{ required: true, message: '请选择季度' }]}>
            <Select style={{ width: 140 }} options={([1, 2, 3, 4] as const).map((q) => ({ value: q, label: `第${'一二三四'[q - 1]}季度` }))} />
          </Form.Item>
        </Space>
        <Form.Item label="报送截止日期" name="deadline" rules={[{ required: true, message: '请选择截止日期' }]}>
          <DatePicker format="YYYY年M月D日" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 轮次总览: every task's and project's report in a round, its state, its status and who is awaited. */
export function RoundsPanel({ initialStatus }: { initialStatus?: TaskStatus }) {
  const { can } = useSession();
  const { modal, message } = AntApp.useApp();
  const rounds = useLoad(() => api['rounds.list']({}), []);
  const [roundId, setRoundId] = useState<number>();
  const [dialog, setDialog] = useState(false);
  const [stateFilter, setStateFilter] = useState<string>();
  const [statusFilter, setStatusFilter] = useState<TaskStatus | undefined>(initialStatus);
  useEffect(() => {
    if (roundId === undefined && rounds.data?.[0]) setRoundId(rounds.data[0].id);
  }, [rounds.data, roundId]);
  const overview = useLoad(() => (roundId ? api['rounds.overview']({ roundId }) : Promise.resolve(null)), [roundId]);
  useLiveReload(overview.reload);

  if (rounds.error) return <ErrorState error={rounds.error} onRetry={rounds.reload} />;
  if (!rounds.data) return <Skeleton active />;
  const isCoordinator = can('coordinator');
  const dialogElement = (
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
  );
  if (rounds.data.length === 0) {
    return (
      <Card>
        <Empty description={isCoordinator ? '还没有填报轮次。开启一个季度的填报轮次后，各单位即可起草进展报告。' : '还没有填报轮次，请等待工作专班开启。'}>
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
  const rows = (data?.rows ?? []).filter((r) => (!stateFilter || r.state === stateFilter) && (!statusFilter || r.status === statusFilter));
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
              </Typography.Text>
            )}
          </Space>
          {isCoordinator && (
            <Space>
              {data?.round.status === 'open' && (
                <Button
                  onClick={() =>
                    modal.confirm({
                      title: `关闭${data.round.label}填报轮次？`,
                      content: '关闭后不能再起草或提交本轮报告，已归档的报告不受影响。',
                      okText: '关闭轮次',
                      cancelText: '取消',
                      onOk: () =>
                        api['rounds.close']({ roundId: data.round.id }).then(
                          () => {
                            rounds.reload();
                            overview.reload();
                          },
                          (e: Error) => message.error(e.message),
                        ),
                    })
                  }
                >
                  关闭本轮
                </Button>
              )}
              <Button type="primary" onClick={() => setDialog(true)}>
                开启填报轮次
              </Button>
            </Space>
          )}
        </Space>
        {data && <CollapsibleNotice style={{ marginTop: 12 }} title="开启轮次时的提示" lines={data.round.warnings.map((w) => w.message)} />}
        {data && (
          <Space size="large" wrap style={{ marginTop: 16 }}>
            {reportStates.map((s) => (
              <Statistic key={s} title={reportStateLabels[s]} value={data.countsByState[s] ?? 0} />
            ))}
            {taskStatuses.map((s) => (
              <Statistic key={s} title={taskStatusLabels[s]} value={data.countsByStatus[s] ?? 0} />
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
            <Space>
              <Select allowClear placeholder="按流转状态" style={{ width: 150 }} value={stateFilter} onChange={setStateFilter} options={reportStates.map((s) => ({ value: s, label: reportStateLabels[s] }))} />
              <Select allowClear placeholder="按进度状态" style={{ width: 150 }} value={statusFilter} onChange={setStatusFilter} options={taskStatuses.map((s) => ({ value: s, label: taskStatusLabels[s] }))} />
            </Space>
          }
        >
          <Table<RoundRow>
            rowKey="reportId"
            dataSource={rows}
            size="middle"
            pagination={{ pageSize: 30, hideOnSinglePage: true, showSizeChanger: false }}
            onRow={(row) => ({ onClick: () => navigate(`/reports/${row.reportId}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: '事项', dataIndex: 'subjectLabel', width: 110 },
              { title: '标题', dataIndex: 'title', render: (t: string, row) => <a href={`#/reports/${row.reportId}`}>{t}</a> },
              { title: '牵头单位', dataIndex: 'leadUnits', width: 220, render: (u: string[]) => <UnitTags units={u} color="blue" /> },
              { title: '流转状态', dataIndex: 'state', width: 130, render: (_v, row) => <StateTag state={row.state} /> },
              { title: '进度', dataIndex: 'status', width: 100, render: (_v, row) => <StatusTag status={row.status} /> },
              {
                title: '待处理',
                dataIndex: 'awaiting',
                width: 220,
                render: (units: string[], row) => (
                  <>
                    <UnitTags units={units} />
                    {row.late && <Tag color="red">逾期</Tag>}
                  </>
                ),
              },
              { title: '归档号', dataIndex: 'archiveNo', width: 160, render: (no: string | null) => no ?? '—' },
            ]}
          />
        </Card>
      )}
      {dialogElement}
    </Space>
  );
}

