import { Alert, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { chinaDate, type ExtensionEntity, type RoundEntity } from '../../../../shared/domain/rounds';
import type { ReminderEntity } from '../../../../shared/domain/supervision';
import { api } from '../../api/client';
import { useSubmit } from '../../api/useApi';

/** Who a 延期 is for: a unit that drafts reports in the round. */
export interface ExtendTarget {
  round: RoundEntity;
  unitId: number;
  unitName: string;
  /** The unit's deadline now (its earlier extension, or the round's). */
  deadline: string;
}

/** 延期: the task force gives one unit a later deadline in the round, with a reason (audited). */
export function ExtendDialog({
  target,
  onClose,
  onSaved,
}: {
  target: ExtendTarget | null;
  onClose: () => void;
  onSaved: (e: ExtensionEntity) => void;
}) {
  const [deadline, setDeadline] = useState<dayjs.Dayjs | null>(null);
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const reset = () => {
    setDeadline(null);
    setReason('');
    submit.clearError();
  };
  return (
    <Modal
      open={target !== null}
      destroyOnHidden
      title={target ? `为${target.unitName}延期` : ''}
      okText="确认延期"
      cancelText="取消"
      okButtonProps={{ disabled: deadline === null || reason.trim().length === 0 }}
      confirmLoading={submit.busy}
      onCancel={() => {
        reset();
        onClose();
      }}
      onOk={() => {
        if (!target || !deadline) return;
        submit.run(
          () =>
            api['rounds.extend']({
              roundId: target.round.id,
              unitId: target.unitId,
              deadline: deadline.format('YYYY-MM-DD'),
              reason,
            }),
          (saved) => {
            reset();
            onSaved(saved);
          },
        );
      }}
    >
      {submit.error && <Alert type="error" message={submit.error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        {target
          ? `本轮截止日期：${chinaDate(target.round.deadline)}；${target.unitName}现截止日期：${chinaDate(target.deadline)}。延期后该单位起草的报告按新日期判断是否超期，延期及理由记入审计记录。`
          : ''}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="延期至" required>
          <DatePicker format="YYYY年M月D日" value={deadline} onChange={setDeadline} aria-label="延期至" />
        </Form.Item>
        <Form.Item label="理由" required>
          <Input.TextArea
            aria-label="延期理由"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            placeholder="例如：机构调整，区卫健委申请延期报送"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Who a 催办 is for: one unit, or (without a unit) every unit that is overdue or lagging. */
export interface RemindTarget {
  round: RoundEntity;
  unit: { id: number; name: string } | null;
  /** How many units "every overdue or lagging unit" is now, for the confirmation. */
  behindCount: number;
}

/**
 * 催办: the message starts from the template in the 督办 settings; {单位}, {季度} and {截止日期} are
 * filled in for each unit when sent.
 */
export function RemindDialog({
  target,
  onClose,
  onSent,
}: {
  target: RemindTarget | null;
  onClose: () => void;
  onSent: (sent: ReminderEntity[]) => void;
}) {
  const [message, setMessage] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const submit = useSubmit();
  useEffect(() => {
    if (target === null) return;
    let live = true;
    api['supervision.settings']({}).then(
      (s) => {
        if (live) setMessage((m) => m ?? s.reminderTemplate);
      },
      (e: Error) => {
        if (live) setLoadError(e.message);
      },
    );
    return () => {
      live = false;
    };
  }, [target]);
  const reset = () => {
    setMessage(null);
    setLoadError(undefined);
    submit.clearError();
  };
  const error = submit.error ?? loadError;
  const text = message ?? '';
  return (
    <Modal
      open={target !== null}
      destroyOnHidden
      title={
        target
          ? target.unit
            ? `催办${target.unit.name}`
            : `催办全部超期未报、进度滞后的单位（${target.behindCount} 个）`
          : ''
      }
      okText="发送催办"
      cancelText="取消"
      okButtonProps={{ disabled: text.trim().length === 0 }}
      confirmLoading={submit.busy}
      onCancel={() => {
        reset();
        onClose();
      }}
      onOk={() => {
        if (!target) return;
        submit.run(
          () =>
            api['supervision.remind']({
              roundId: target.round.id,
              ...(target.unit ? { unitId: target.unit.id } : {}),
              message: text,
            }),
          (sent) => {
            reset();
            onSent(sent);
          },
        );
      }}
    >
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        催办通知出现在被催办单位经办人、负责人的待办和工作台中，并记入审计记录。可用 {'{单位}'}、{'{季度}'}、
        {'{截止日期}'}，发送时按各单位填入（截止日期含延期）。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="催办内容" required>
          <Input.TextArea
            aria-label="催办内容"
            rows={4}
            value={text}
            onChange={(e) => setMessage(e.target.value)}
            maxLength={500}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 取消延期: the unit's deadline goes back to the round's; the reason is audited. */
export function CancelExtensionDialog({
  target,
  onClose,
  onDone,
}: {
  target: { round: RoundEntity; extension: ExtensionEntity } | null;
  onClose: () => void;
  onDone: (unitName: string) => void;
}) {
  const [reason, setReason] = useState('');
  const submit = useSubmit();
  const reset = () => {
    setReason('');
    submit.clearError();
  };
  return (
    <Modal
      open={target !== null}
      destroyOnHidden
      title={target ? `取消${target.extension.unitName}的延期` : ''}
      okText="确认取消延期"
      okButtonProps={{ danger: true, disabled: reason.trim().length === 0 }}
      cancelText="返回"
      confirmLoading={submit.busy}
      onCancel={() => {
        reset();
        onClose();
      }}
      onOk={() => {
        if (!target) return;
        submit.run(
          () => api['rounds.cancelExtension']({ roundId: target.round.id, unitId: target.extension.unitId, reason }),
          () => {
            reset();
            onDone(target.extension.unitName);
          },
        );
      }}
    >
      {submit.error && <Alert type="error" message={submit.error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        {target
          ? `${target.extension.unitName}现截止日期 ${chinaDate(target.extension.deadline)}（延期理由：${target.extension.reason}）。取消后恢复本轮截止日期 ${chinaDate(target.round.deadline)}，已过该日期仍未报送的报告即为超期未报；取消及理由记入审计记录。`
          : ''}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="理由" required>
          <Input.TextArea
            aria-label="取消延期理由"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
