import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import type dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import {
  answerEventLabels,
  instructionStatus,
  instructionStatusLabels,
  type AnswerEvent,
  type InstructionStatus,
  type AnswerState,
  type InstructionAnswer,
  type InstructionEntity,
} from '../../../shared/domain/instructions';
import { api } from '../api/client';
import { useLoad, useSubmit } from '../api/useApi';
import { formatDate, formatDateTime } from '../app/format';
import { notifyDataChanged, useLiveReload } from '../app/liveData';
import { navigate } from '../app/router';
import { useUnsavedWork } from '../app/unsavedWork';
import { useSession } from '../app/session';
import { ErrorState } from './ErrorState';

/**
 * 批示 on screen: one card per 批示 with each addressed unit's 落实情况 and the buttons the core
 * says the signed-in user may press (InstructionAnswer.actions); the 待办 list, the 工作台 card and
 * the task drawer's list all use it.
 */

const stateColors: Record<AnswerState, string> = {
  drafting: 'default',
  confirming: 'processing',
  answered: 'blue',
  closed: 'green',
};

const statusColors: Record<InstructionStatus, string> = {
  closed: 'green',
  overdue: 'red',
  awaitingClose: 'blue',
  inProgress: 'orange',
};

function StatusOf({ instruction }: { instruction: InstructionEntity }) {
  const status = instructionStatus(instruction);
  return <Tag color={statusColors[status]}>{instructionStatusLabels[status]}</Tag>;
}

const needsReason: AnswerEvent[] = ['answer.return', 'answer.sendBack'];
/** As the report editor: save typed text this long after the last keystroke. */
const autosaveDelayMs = 2000;

function AnswerLine({
  instruction,
  answer,
  onChanged,
}: {
  instruction: InstructionEntity;
  answer: InstructionAnswer;
  onChanged: (i: InstructionEntity) => void;
}) {
  const { message } = AntApp.useApp();
  const [text, setText] = useState(answer.answer);
  const [busy, setBusy] = useState<AnswerEvent | null>(null);
  const [reasonFor, setReasonFor] = useState<AnswerEvent | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const drafting = answer.actions.includes('answer.submit');
  const canSave = answer.actions.includes('answer.save');
  // Typed 落实情况 is kept like a report's draft: saved (answer.save) 2 s after the last keystroke,
  // and a route change or closing the window with unsaved text asks first (app/unsavedWork.tsx).
  const textRef = useRef(text);
  const savedText = useRef(answer.answer);
  const [saveNote, setSaveNote] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const saveDraft = async (): Promise<void> => {
    window.clearTimeout(timer.current);
    const typed = textRef.current;
    if (typed === savedText.current) return;
    setSaveNote('正在保存……');
    try {
      await api['instructions.act']({
        instructionId: instruction.id,
        unitId: answer.unitId,
        event: 'answer.save',
        text: typed,
      });
      savedText.current = typed;
      setSaveNote(textRef.current === typed ? '已自动保存' : null);
    } catch (e) {
      setSaveNote(`自动保存未成功：${(e as Error).message}`);
      throw e;
    }
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const isDirty = () => drafting && textRef.current !== savedText.current;
  useUnsavedWork({
    what: `${answer.unitName}的落实情况`,
    isDirty,
    ...(canSave ? { save: saveDraft } : {}),
  });
  const { confirmDiscard: confirmReasonDiscard } = useUnsavedWork({
    what: '退回理由',
    isDirty: () => reasonFor !== null && reason.trim() !== '',
  });
  const edit = (next: string) => {
    setText(next);
    textRef.current = next;
    setSaveNote(null);
    window.clearTimeout(timer.current);
    if (canSave) timer.current = window.setTimeout(() => void saveDraft().catch(() => undefined), autosaveDelayMs);
  };
  const send = (event: AnswerEvent, extra: { reason?: string } = {}) => {
    window.clearTimeout(timer.current);
    setBusy(event);
    setError(undefined);
    api['instructions.act']({
      instructionId: instruction.id,
      unitId: answer.unitId,
      event,
      ...(drafting ? { text } : {}),
      ...extra,
    }).then(
      (saved) => {
        if (drafting) savedText.current = text;
        setBusy(null);
        setReasonFor(null);
        setReason('');
        message.success(`${answer.unitName}：${answerEventLabels[event]}完成`);
        onChanged(saved);
        notifyDataChanged();
      },
      (e: Error) => {
        setBusy(null);
        setError(e.message);
      },
    );
  };
  const title = `${answer.unitName}的落实情况`;
  return (
    <List.Item style={{ display: 'block', paddingInline: 0 }} aria-label={title}>
      <Space wrap size={4}>
        <Typography.Text strong>{answer.unitName}</Typography.Text>
        <Tag color={stateColors[answer.state]}>{answer.stateLabel}</Tag>
        {answer.overdue && <Tag color="red">已逾期</Tag>}
        {answer.confirmedBy && (
          <Typography.Text type="secondary">
            负责人确认：{answer.confirmedBy} {formatDateTime(answer.answeredAt)}
          </Typography.Text>
        )}
        {answer.closedBy && (
          <Typography.Text type="secondary">
            办结：{answer.closedBy} {formatDateTime(answer.closedAt)}
          </Typography.Text>
        )}
      </Space>
      {answer.returnedReason && answer.state === 'drafting' && (
        <div>
          <Typography.Text type="danger">退回理由：{answer.returnedReason}</Typography.Text>
        </div>
      )}
      {drafting ? (
        <Input.TextArea
          aria-label={`${answer.unitName}落实情况`}
          rows={3}
          style={{ marginTop: 6 }}
          value={text}
          maxLength={4000}
          placeholder="填写本单位对批示的落实情况：做了什么、取得什么效果、下一步安排"
          onChange={(e) => edit(e.target.value)}
        />
      ) : (
        <Typography.Paragraph
          style={{ marginTop: 4, marginBottom: 4, whiteSpace: 'pre-wrap' }}
          type={answer.answer ? undefined : 'secondary'}
        >
          {answer.answer || '尚未填写落实情况'}
        </Typography.Paragraph>
      )}
      {drafting && (saveNote ?? (isDirty() && canSave)) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {saveNote ?? '有未保存的文字，停止输入 2 秒后自动保存'}
        </Typography.Text>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 6 }} />}
      {answer.actions.length > 0 && (
        <Space wrap style={{ marginTop: 6 }}>
          {answer.actions.map((event) => (
            <Button
              key={event}
              size="small"
              type={
                event === 'answer.submit' || event === 'answer.confirm' || event === 'answer.close'
                  ? 'primary'
                  : 'default'
              }
              danger={needsReason.includes(event)}
              loading={busy === event}
              disabled={event === 'answer.submit' && text.trim().length === 0}
              onClick={() => (needsReason.includes(event) ? setReasonFor(event) : send(event))}
            >
              {answerEventLabels[event]}
            </Button>
          ))}
        </Space>
      )}
      <Modal
        open={reasonFor !== null}
        title={reasonFor ? `${answerEventLabels[reasonFor]}：${answer.unitName}` : ''}
        okText="确认退回"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim().length === 0, danger: true }}
        confirmLoading={busy !== null}
        onCancel={() => void confirmReasonDiscard().then((discard) => discard && setReasonFor(null))}
        onOk={() => reasonFor && send(reasonFor, { reason })}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label="理由" required>
            <Input.TextArea
              aria-label="退回理由"
              rows={3}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </List.Item>
  );
}

/** One 批示 with its addressed units' lines. */
export function InstructionCard({
  instruction,
  onChanged,
  showTask = true,
}: {
  instruction: InstructionEntity;
  onChanged: (i: InstructionEntity) => void;
  showTask?: boolean;
}) {
  return (
    <Card
      size="small"
      aria-label={`批示：${instruction.text.slice(0, 20)}`}
      title={
        <Space wrap size={4}>
          <Tag color="volcano">批示</Tag>
          {showTask && (
            <Typography.Text>
              任务{instruction.taskNo} {instruction.taskTitle}
            </Typography.Text>
          )}
          <StatusOf instruction={instruction} />
        </Space>
      }
      extra={<Typography.Text type="secondary">办理时限：{formatDate(instruction.dueDate)}</Typography.Text>}
    >
      <Typography.Paragraph style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
        {instruction.text}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {instruction.issuedBy}
        {instruction.issuedByUnit ? `（${instruction.issuedByUnit}）` : ''} 批示于{' '}
        {formatDateTime(instruction.issuedAt)}
        {instruction.reportRevision !== null ? `，针对第 ${instruction.reportRevision} 版报告` : ''}
      </Typography.Text>
      <List
        size="small"
        dataSource={instruction.answers}
        rowKey="unitId"
        renderItem={(a) => (
          <AnswerLine key={`${a.unitId}-${a.state}`} instruction={instruction} answer={a} onChanged={onChanged} />
        )}
      />
    </Card>
  );
}

/** 我的待办: the 批示 waiting for the signed-in user (their unit's 落实, a confirmation, or closing). */
export function InstructionsTodo() {
  const todo = useLoad(() => api['instructions.todo']({}), []);
  useLiveReload(todo.reload);
  if (todo.error) return <ErrorState error={todo.error} onRetry={todo.reload} />;
  if (!todo.data || todo.data.length === 0) return null;
  return (
    <Card
      title={`待处理的领导批示（${todo.data.length}）`}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
    >
      {todo.data.map((i) => (
        <InstructionCard key={i.id} instruction={i} onChanged={todo.reload} />
      ))}
    </Card>
  );
}

/** 工作台: how many 批示 are open and overdue, and the open ones. */
export function InstructionsDashboardCard() {
  const open = useLoad(() => Promise.all([api['instructions.list']({}), api['instructions.todo']({})]), []);
  useLiveReload(open.reload);
  if (open.error) return <ErrorState error={open.error} onRetry={open.reload} />;
  if (!open.data) return <Skeleton active />;
  const [list, todo] = open.data;
  const overdue = list.filter((i) => i.overdue).length;
  return (
    <Card title="领导批示落实" aria-label="领导批示落实">
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Space size="large">
            <Statistic title="未办结批示" value={list.length} suffix="件" />
            <Statistic
              title="逾期未答复"
              value={overdue}
              suffix="件"
              valueStyle={{ color: overdue > 0 ? '#f5222d' : undefined }}
            />
            <Statistic title="待我处理" value={todo.length} suffix="件" />
          </Space>
          {todo.length > 0 && (
            <div>
              <Button type="link" style={{ paddingInline: 0 }} onClick={() => navigate('/work/inbox')}>
                去处理 →
              </Button>
            </div>
          )}
        </Col>
        <Col xs={24} lg={16}>
          <List
            size="small"
            dataSource={list.slice(0, 8)}
            locale={{ emptyText: '没有未办结的批示' }}
            renderItem={(i) => (
              <List.Item
                actions={[
                  <Typography.Text key="n" type="secondary">
                    {i.answers.filter((a) => a.state === 'answered' || a.state === 'closed').length}/{i.answers.length}{' '}
                    个单位已答复
                  </Typography.Text>,
                  <Typography.Text key="d" type="secondary">
                    时限 {formatDate(i.dueDate)}
                  </Typography.Text>,
                  <StatusOf key="s" instruction={i} />,
                ]}
              >
                <Typography.Text ellipsis style={{ maxWidth: 420 }} title={i.text}>
                  任务{i.taskNo} · {i.issuedBy}：{i.text}
                </Typography.Text>
              </List.Item>
            )}
          />
        </Col>
      </Row>
    </Card>
  );
}

/** The task drawer's 批示: every one on the task with its answers, and 下达批示 for those who may. */
export function TaskInstructions({
  taskId,
  taskLabel,
  leadUnits,
  responsibleUnits,
}: {
  taskId: number;
  taskLabel: string;
  leadUnits: string[];
  responsibleUnits: string[];
}) {
  const { actor, can } = useSession();
  const list = useLoad(() => api['instructions.ofTask']({ taskId }), [taskId]);
  const [issuing, setIssuing] = useState(false);
  // A hint only: the core decides (policy/roles.ts mayIssueInstruction).
  const mayIssue =
    can('coordinator') || (can('leader') && actor.unitName !== null && leadUnits.includes(actor.unitName));
  return (
    <>
      <Space style={{ marginTop: 20, marginBottom: 8, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          领导批示（{list.data?.length ?? 0}）
        </Typography.Title>
        {mayIssue && (
          <Button type="primary" onClick={() => setIssuing(true)}>
            下达批示
          </Button>
        )}
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Skeleton active />
      ) : list.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本任务暂无批示" />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {list.data.map((i) => (
            <InstructionCard key={i.id} instruction={i} onChanged={list.reload} showTask={false} />
          ))}
        </Space>
      )}
      <IssueDialog
        open={issuing}
        taskId={taskId}
        taskLabel={taskLabel}
        suggested={[...leadUnits, ...responsibleUnits]}
        onClose={() => setIssuing(false)}
        onIssued={() => {
          setIssuing(false);
          list.reload();
          notifyDataChanged();
        }}
      />
    </>
  );
}

/** The report page's 批示: those written on this revision, and 对本报告批示 for those who may. */
export function ReportInstructions({ taskId, report }: { taskId: number; report: { id: number; revision: number } }) {
  const { actor, can } = useSession();
  const data = useLoad(
    () => Promise.all([api['plan.task']({ taskId }), api['instructions.ofTask']({ taskId })]),
    [taskId],
  );
  const [issuing, setIssuing] = useState(false);
  useLiveReload(data.reload);
  if (data.error) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Skeleton active />;
  const [task, all] = data.data;
  const mine = all.filter((i) => i.reportId === report.id);
  const mayIssue =
    can('coordinator') || (can('leader') && actor.unitName !== null && task.leadUnits.includes(actor.unitName));
  if (mine.length === 0 && !mayIssue) return null;
  return (
    <Card
      size="small"
      title={`领导批示（${mine.length}）`}
      extra={
        mayIssue && (
          <Button size="small" onClick={() => setIssuing(true)}>
            对本报告批示
          </Button>
        )
      }
    >
      {mine.length === 0 ? (
        <Typography.Text type="secondary">本版报告暂无批示。任务的全部批示见「方案任务」中的任务详情。</Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {mine.map((i) => (
            <InstructionCard key={i.id} instruction={i} onChanged={data.reload} showTask={false} />
          ))}
        </Space>
      )}
      <IssueDialog
        open={issuing}
        taskId={taskId}
        taskLabel={`任务${task.no}`}
        report={report}
        suggested={[...task.leadUnits, ...task.responsibleUnits]}
        onClose={() => setIssuing(false)}
        onIssued={() => {
          setIssuing(false);
          data.reload();
          notifyDataChanged();
        }}
      />
    </Card>
  );
}

function IssueDialog({
  open,
  taskId,
  taskLabel,
  report,
  suggested,
  onClose,
  onIssued,
}: {
  open: boolean;
  taskId: number;
  taskLabel: string;
  /** The report revision the 批示 is written on, when issued from the report page. */
  report?: { id: number; revision: number };
  suggested: string[];
  onClose: () => void;
  onIssued: () => void;
}) {
  const { message } = AntApp.useApp();
  const units = useLoad(() => (open ? api['units.list']({}) : Promise.resolve([])), [open]);
  const [unitIds, setUnitIds] = useState<number[]>([]);
  const [text, setText] = useState('');
  const [due, setDue] = useState<dayjs.Dayjs | null>(null);
  const submit = useSubmit();
  const byName = new Map((units.data ?? []).map((u) => [u.name, u]));
  // The task's own units first, then the rest of the directory.
  const options = [
    ...suggested.flatMap((name) => {
      const unit = byName.get(name);
      return unit ? [unit] : [];
    }),
    ...(units.data ?? []).filter((u) => !suggested.includes(u.name)),
  ]
    // A 批示 is answered by a unit's own users: collectives (各办事处) are not offered.
    .filter((u) => u.kind !== 'group')
    .map((u) => ({ value: u.id, label: u.name }));
  const reset = () => {
    setUnitIds([]);
    setText('');
    setDue(null);
    submit.clearError();
  };
  return (
    <Modal
      open={open}
      destroyOnHidden
      title={report ? `对${taskLabel}第 ${report.revision} 版报告下达批示` : `对${taskLabel}下达批示`}
      okText="下达批示"
      cancelText="取消"
      okButtonProps={{ disabled: unitIds.length === 0 || text.trim().length === 0 || due === null }}
      confirmLoading={submit.busy}
      onCancel={() => {
        reset();
        onClose();
      }}
      onOk={() => {
        if (!due) return;
        submit.run(
          () =>
            api['instructions.issue']({
              taskId,
              ...(report ? { reportId: report.id } : {}),
              unitIds,
              text,
              dueDate: due.format('YYYY-MM-DD'),
            }),
          (issued) => {
            reset();
            message.success(`批示已交办 ${issued.answers.length} 个单位`);
            onIssued();
          },
        );
      }}
    >
      {submit.error && <Alert type="error" showIcon message={submit.error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical">
        <Form.Item label="承办单位" required>
          <Select
            mode="multiple"
            aria-label="承办单位"
            loading={units.loading}
            options={options}
            value={unitIds}
            onChange={setUnitIds}
            optionFilterProp="label"
            placeholder="选择一个或多个单位（本任务的牵头、责任单位在前）"
          />
        </Form.Item>
        <Form.Item label="批示内容" required>
          <Input.TextArea
            aria-label="批示内容"
            rows={4}
            value={text}
            maxLength={2000}
            onChange={(e) => setText(e.target.value)}
          />
        </Form.Item>
        <Form.Item
          label="办理时限"
          required
          extra="各承办单位须在此日期（含当天）前答复落实情况，逾期未答复的在工作台和待办中标红。"
        >
          <DatePicker
            format="YYYY年M月D日"
            value={due}
            onChange={setDue}
            aria-label="办理时限"
            style={{ width: 200 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
