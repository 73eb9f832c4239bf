import { Alert, App as AntApp, Button, Input, Modal, Space, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import type { AllowedAction, ReportView } from '../../../../shared/domain/reports';
import { ApiError, api } from '../../api/client';
import { notifyDataChanged } from '../../app/liveData';

const primaryEvents = new Set(['report.submit', 'report.approve', 'report.sign', 'report.file']);
const dangerEvents = new Set(['report.return', 'report.object', 'report.withdraw']);

const reasonPrompts: Partial<Record<AllowedAction['event'], string>> = {
  'report.withdraw':
    '撤回后报告回到起草阶段，牵头单位的审核待办随之撤销。请填写撤回理由（必填），起草单位的经办人将在待办中看到这段说明：',
};

/** What a submission still needs, under the buttons, while 提交审核 is held back. */
export function SubmitGapsNotice({ report, gaps }: { report: ReportView; gaps: readonly string[] }): ReactNode {
  if (gaps.length === 0 || !report.actions.some((a) => a.event === 'report.submit')) return null;
  return (
    <Alert
      type="info"
      showIcon
      message="提交审核前还需补充："
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {gaps.map((gap) => (
            <li key={gap}>{gap}</li>
          ))}
        </ul>
      }
    />
  );
}

/**
 * The lifecycle buttons the core says the caller may press now. A return, an objection or a
 * withdrawal needs a reason and a confirmation; signing takes an optional opinion; filing is
 * irreversible and asks first. While one step is on its way every button is disabled, so a double
 * click sends it once. Submitting is held back, with the reasons shown, while `submitGaps` lists
 * what is missing.
 */
export function ReportActions({
  report,
  onChanged,
  beforeAction,
  submitGaps = [],
}: {
  report: ReportView;
  onChanged: (next: ReportView) => void;
  /** Save pending edits first; resolves to the report as it now is. */
  beforeAction?: () => Promise<ReportView>;
  submitGaps?: readonly string[];
}) {
  const { message } = AntApp.useApp();
  const [pending, setPending] = useState<AllowedAction | null>(null);
  const [running, setRunning] = useState<AllowedAction['event'] | null>(null);
  const [opinion, setOpinion] = useState('');
  const busyRef = useRef(false);
  const busy = running !== null;

  const run = async (action: AllowedAction, text: string) => {
    // A second click before React re-renders must not send a second request.
    if (busyRef.current) return;
    busyRef.current = true;
    setRunning(action.event);
    try {
      const current = (await beforeAction?.()) ?? report;
      const next = await api['reports.transition']({
        reportId: current.id,
        version: current.version,
        event: action.event,
        ...(text.trim() ? { opinion: text.trim() } : {}),
      });
      message.success(`已${action.label}`);
      setPending(null);
      setOpinion('');
      onChanged(next);
      notifyDataChanged();
    } catch (error) {
      message.error((error as Error).message);
      // Someone else acted first: show the report as it is now (unsaved text was saved or kept
      // beside it by beforeAction before the step was sent).
      if (error instanceof ApiError && error.code === 'stale') {
        setPending(null);
        await api['reports.get']({ reportId: report.id }).then(onChanged, () => undefined);
      }
    } finally {
      busyRef.current = false;
      setRunning(null);
    }
  };

  if (report.actions.length === 0) return null;
  const needsDialog = (a: AllowedAction) =>
    a.needsReason || a.event === 'report.sign' || a.event === 'report.approve' || a.event === 'report.file';
  const blocked = (a: AllowedAction) => a.event === 'report.submit' && submitGaps.length > 0;
  return (
    <>
      <Space wrap>
        {report.actions.map((action) => {
          const button = (
            <Button
              key={action.event}
              type={primaryEvents.has(action.event) ? 'primary' : 'default'}
              danger={dangerEvents.has(action.event)}
              loading={running === action.event}
              disabled={(busy && running !== action.event) || blocked(action)}
              onClick={() => (needsDialog(action) ? setPending(action) : void run(action, ''))}
            >
              {action.label}
            </Button>
          );
          return blocked(action) ? (
            <Tooltip key={action.event} title="请先补全下方所列内容">
              <span>{button}</span>
            </Tooltip>
          ) : (
            button
          );
        })}
      </Space>
      <Modal
        open={pending !== null}
        title={pending ? `${pending.label}：${report.title}` : ''}
        okText={pending?.label ?? '确定'}
        cancelText="取消"
        okButtonProps={{
          danger: pending ? dangerEvents.has(pending.event) : false,
          disabled: pending?.needsReason === true && opinion.trim() === '',
        }}
        confirmLoading={busy}
        onCancel={() => !busy && setPending(null)}
        onOk={() => pending && void run(pending, opinion)}
      >
        {pending?.event === 'report.file' && (
          <Typography.Paragraph type="warning">
            归档后报告不可再修改，将分配归档号。如需更正，只能重新打开生成新的修订。确定归档吗？
          </Typography.Paragraph>
        )}
        <Typography.Paragraph>
          {pending?.needsReason
            ? (reasonPrompts[pending.event] ?? '请填写理由（必填），起草单位将看到这段说明：')
            : '意见（选填）：'}
        </Typography.Paragraph>
        <Input.TextArea
          value={opinion}
          onChange={(e) => setOpinion(e.target.value)}
          rows={4}
          maxLength={2000}
          showCount
          aria-label="意见"
          placeholder={
            pending?.event === 'report.withdraw'
              ? '例如：指标数据填错，撤回更正后重新提交'
              : pending?.needsReason
                ? '例如：进展数据与台账不一致，请核实后重新提交'
                : '例如：同意'
          }
        />
      </Modal>
    </>
  );
}
