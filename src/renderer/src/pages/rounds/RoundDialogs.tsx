import {
  Alert,
  App as AntApp,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { reportStateLabels, reportStates } from '../../../../shared/domain/reports';
import {
  chinaDate,
  closeModeLabels,
  closeModes,
  type CloseMode,
  type PendingReport,
  type RoundEntity,
} from '../../../../shared/domain/rounds';
import { quarterEndDate, quarterLabel, type QuarterNumber } from '../../../../shared/quarters';
import { api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { StateTag } from '../../components/StatusTag';
import { UnitTags } from '../../components/UnitTags';

const quarterOptions = ([1, 2, 3, 4] as const).map((q) => ({ value: q, label: `第${'一二三四'[q - 1]}季度` }));
const defaultDeadline = (year: number, quarter: QuarterNumber) =>
  dayjs(quarterEndDate({ year, quarter })).add(10, 'day');

/**
 * 开启季度填报轮次: the year is typed freely (no clamping: the core says which quarters are
 * allowed), and a confirmation names the quarter and the deadline before anything is created.
 */
export function OpenRoundDialog({
  open,
  onClose,
  onOpened,
}: {
  open: boolean;
  onClose: () => void;
  onOpened: (roundId: number) => void;
}) {
  const { modal } = AntApp.useApp();
  const allowed = useLoad(() => (open ? api['rounds.window']({}) : Promise.resolve(null)), [open]);
  const [form] = Form.useForm<{ year: number; quarter: QuarterNumber; deadline: dayjs.Dayjs }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const current = allowed.data?.current;
  return (
    <Modal
      open={open}
      destroyOnHidden
      title="开启季度填报轮次"
      okText="开启"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: !allowed.data }}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      onOk={() => {
        void form.validateFields().then((values) => {
          const label = quarterLabel({ year: values.year, quarter: values.quarter });
          const deadline = values.deadline.format('YYYY-MM-DD');
          setError(undefined);
          modal.confirm({
            title: `开启${label}填报轮次？`,
            content: (
              <>
                <p>
                  季度：<b>{label}</b>
                </p>
                <p>
                  报送截止日期：<b>{chinaDate(deadline)}</b>
                </p>
                <p>
                  开启后为每项任务和工程项目生成一份本季度进展报告，各牵头单位即可起草。开错了可以在尚无报告提交时删除本轮。
                </p>
              </>
            ),
            okText: '确认开启',
            cancelText: '返回修改',
            onOk: () => {
              setBusy(true);
              return api['rounds.open']({ year: values.year, quarter: values.quarter, deadline }).then(
                (round) => {
                  setBusy(false);
                  onOpened(round.id);
                },
                (e: Error) => {
                  setBusy(false);
                  setError(e.message);
                },
              );
            },
          });
        });
      }}
    >
      <Typography.Paragraph type="secondary">
        开启后，系统为每项任务和每个工程项目生成一份本季度进展报告，由牵头单位起草。
      </Typography.Paragraph>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      {allowed.error && <Alert type="error" message={allowed.error.message} style={{ marginBottom: 12 }} />}
      {!current ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            year: current.year,
            quarter: current.quarter,
            deadline: defaultDeadline(current.year, current.quarter as QuarterNumber),
          }}
          onValuesChange={(changed: { year?: number; quarter?: QuarterNumber }, all) => {
            if (
              (changed.year !== undefined || changed.quarter !== undefined) &&
              Number.isInteger(all.year) &&
              all.quarter
            ) {
              form.setFieldValue('deadline', defaultDeadline(all.year, all.quarter));
            }
          }}
        >
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`可以开启的季度：${allowed.data?.label ?? ''}`}
          />
          <Space>
            <Form.Item
              label="年度"
              name="year"
              rules={[{ required: true, type: 'integer', message: '请填写四位数的年度' }]}
            >
              <InputNumber precision={0} controls={false} style={{ width: 110 }} aria-label="年度" />
            </Form.Item>
            <Form.Item label="季度" name="quarter" rules={[{ required: true, message: '请选择季度' }]}>
              <Select style={{ width: 140 }} options={quarterOptions} aria-label="季度" />
            </Form.Item>
          </Space>
          <Form.Item label="报送截止日期" name="deadline" rules={[{ required: true, message: '请选择截止日期' }]}>
            <DatePicker format="YYYY年M月D日" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/**
 * 关闭本轮: lists what is still open before closing, offers to file what waits to be filed, and
 * asks what becomes of the rest. Submitted reports keep moving after closing in either case.
 */
export function CloseRoundDialog({
  round,
  onClose,
  onClosed,
}: {
  round: RoundEntity | null;
  onClose: () => void;
  onClosed: (round: RoundEntity) => void;
}) {
  const preview = useLoad(
    () => (round ? api['rounds.closePreview']({ roundId: round.id }) : Promise.resolve(null)),
    [round],
  );
  const [fileReady, setFileReady] = useState(true);
  const [remaining, setRemaining] = useState<CloseMode>('carryOver');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const data = preview.data;
  const filing = data?.counts.filing ?? 0;
  const open = reportStates.filter((s) => s !== 'filed' && (data?.counts[s] ?? 0) > 0);
  return (
    <Modal
      open={round !== null}
      destroyOnHidden
      width={760}
      title={round ? `关闭${round.label}填报轮次` : ''}
      okText="关闭轮次"
      okButtonProps={{ danger: true, disabled: !data }}
      cancelText="取消"
      confirmLoading={busy}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      onOk={() => {
        if (!round) return;
        setBusy(true);
        setError(undefined);
        api['rounds.close']({ roundId: round.id, fileReady: filing > 0 && fileReady, remaining }).then(
          (closed) => {
            setBusy(false);
            onClosed(closed);
          },
          (e: Error) => {
            setBusy(false);
            setError(e.message);
          },
        );
      }}
    >
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      {preview.error && <Alert type="error" message={preview.error.message} style={{ marginBottom: 12 }} />}
      {!data ? (
        <Skeleton active />
      ) : data.pending.length === 0 ? (
        <Alert
          type="success"
          showIcon
          message="本轮报告均已归档。"
          description="关闭后不能再起草或提交本轮报告，已归档的报告不受影响。"
        />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            message={`本轮还有 ${data.pending.length} 份报告没有归档`}
            description={open.map((s) => `${reportStateLabels[s]} ${data.counts[s] ?? 0} 份`).join('，')}
          />
          <Table<PendingReport>
            rowKey="reportId"
            size="small"
            dataSource={data.pending}
            pagination={false}
            scroll={{ y: 220 }}
            columns={[
              { title: '事项', dataIndex: 'subjectLabel', width: 100 },
              { title: '标题', dataIndex: 'title', ellipsis: true },
              {
                title: '流转状态',
                dataIndex: 'state',
                width: 120,
                render: (_v, row) => <StateTag state={row.state} />,
              },
              {
                title: '待处理',
                dataIndex: 'awaiting',
                width: 230,
                render: (units: string[]) => <UnitTags units={units} />,
              },
            ]}
          />
          {filing > 0 && (
            <Checkbox checked={fileReady} onChange={(e) => setFileReady(e.target.checked)}>
              随关闭一并归档 {filing} 份待归档的报告（分配归档号）
            </Checkbox>
          )}
          {data.pending.length > (fileReady ? filing : 0) && (
            <>
              <Typography.Text strong>其余未归档的报告：</Typography.Text>
              <Radio.Group
                value={remaining}
                onChange={(e) => setRemaining(e.target.value as CloseMode)}
                style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
              >
                {closeModes.map((mode) => (
                  <Radio key={mode} value={mode}>
                    {closeModeLabels[mode]}
                  </Radio>
                ))}
              </Radio.Group>
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}

/** 修改截止日期: the core checks the same range as when opening. */
export function DeadlineDialog({
  round,
  onClose,
  onSaved,
}: {
  round: RoundEntity | null;
  onClose: () => void;
  onSaved: (round: RoundEntity) => void;
}) {
  const [deadline, setDeadline] = useState<dayjs.Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const value = deadline ?? (round ? dayjs(round.deadline) : null);
  return (
    <Modal
      open={round !== null}
      destroyOnHidden
      title={round ? `修改${round.label}的报送截止日期` : ''}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={() => {
        setDeadline(null);
        setError(undefined);
        onClose();
      }}
      onOk={() => {
        if (!round || !value) return;
        setBusy(true);
        setError(undefined);
        api['rounds.setDeadline']({ roundId: round.id, deadline: value.format('YYYY-MM-DD') }).then(
          (saved) => {
            setBusy(false);
            setDeadline(null);
            onSaved(saved);
          },
          (e: Error) => {
            setBusy(false);
            setError(e.message);
          },
        );
      }}
    >
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        现截止日期：{round ? chinaDate(round.deadline) : ''}。修改会记入审计记录，逾期状态按新日期计算。
      </Typography.Paragraph>
      <DatePicker format="YYYY年M月D日" value={value} onChange={setDeadline} aria-label="新的截止日期" />
    </Modal>
  );
}

/** 重新开启本轮: the task force only, with a reason for the audit trail. */
export function ReopenRoundDialog({
  round,
  onClose,
  onReopened,
}: {
  round: RoundEntity | null;
  onClose: () => void;
  onReopened: (round: RoundEntity) => void;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <Modal
      open={round !== null}
      destroyOnHidden
      title={round ? `重新开启${round.label}填报轮次` : ''}
      okText="重新开启"
      cancelText="取消"
      okButtonProps={{ disabled: reason.trim().length === 0 }}
      confirmLoading={busy}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      onOk={() => {
        if (!round) return;
        setBusy(true);
        setError(undefined);
        api['rounds.reopen']({ roundId: round.id, reason }).then(
          (reopened) => {
            setBusy(false);
            setReason('');
            onReopened(reopened);
          },
          (e: Error) => {
            setBusy(false);
            setError(e.message);
          },
        );
      }}
    >
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        重新开启后，本轮未归档的报告可以继续起草、提交和流转。理由记入审计记录。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="理由" required>
          <Input.TextArea
            aria-label="理由"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            placeholder="例如：区卫健委申请补报本季度进展"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
