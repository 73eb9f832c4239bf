import { App as AntApp, Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { AllowedAction, ReportView } from '../../../../shared/domain/reports';
import { api } from '../../api/client';

const primaryEvents = new Set(['report.submit', 'report.approve', 'report.sign', 'report.file']);
const dangerEvents = new Set(['report.return', 'report.object']);

/**
 * The lifecycle buttons the core says the caller may press now. A return or an objection needs
 * a reason; signing takes an optional opinion; filing is irreversible and asks first.
 */
export function ReportActions({ report, onChanged, beforeAction }: { report: ReportView; onChanged: (next: ReportView) => void; beforeAction?: () => Promise<ReportView | null> }) {
  const { message } = AntApp.useApp();
  const [pending, setPending] = useState<AllowedAction | null>(null);
  const [opinion, setOpinion] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (action: AllowedAction, text: string) => {
    setBusy(true);
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
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (report.actions.length === 0) return null;
  const needsDialog = (a: AllowedAction) => a.needsReason || a.event === 'report.sign' || a.event === 'report.approve' || a.event === 'report.file';
  return (
    <>
      <Space wrap>
        {report.actions.map((action) => (
          <Button
            key={action.event}
            type={primaryEvents.has(action.event) ? 'primary' : 'default'}
            danger={dangerEvents.has(action.event)}
            loading={busy && pending?.event === action.event}
            onClick={() => (needsDialog(action) ? setPending(action) : void run(action, ''))}
          >
            {action.label}
          </Button>
        ))}
      </Space>
      <Modal
        open={pending !== null}
        title={pending ? `${pending.label}：${report.title}` : ''}
        okText={pending?.label ?? '确定'}
        cancelText="取消"
        okButtonProps={{ danger: pending ? dangerEvents.has(pending.event) : false, disabled: pending?.needsReason === true && opinion.trim() === '' }}
        confirmLoading={busy}
        onCancel={() => setPending(null)}
        onOk={() => pending && void run(pending, opinion)}
      >
        {pending?.event === 'report.file' && (
          <Typography.Paragraph type="warning">归档后报告不可再修改，将分配归档号。如需更正，只能重新打开生成新的修订。确定归档吗？</Typography.Paragraph>
        )}
        <Typography.Paragraph>{pending?.needsReason ? '请填写理由（必填），起草单位将看到这段说明：' : '意见（选填）：'}</Typography.Paragraph>
        <Input.TextArea
          value={opinion}
          onChange={(e) => setOpinion(e.target.value)}
          rows={4}
          maxLength={2000}
          showCount
          aria-label="意见"
          placeholder={pending?.needsReason ? '例如：进展数据与台账不一致，请核实后重新提交' : '例如：同意'}
        />
      </Modal>
    </>
  );
}
