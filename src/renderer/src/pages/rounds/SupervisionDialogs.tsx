import { Alert, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { chinaDate, type ExtensionEntity, type RoundEntity } from '../../../../shared/domain/rounds';
import { api } from '../../api/client';

/** Who a 延期 is for: a unit that drafts reports in the round. */
export interface ExtendTarget {
  round: RoundEntity;
  unitId: number;
  unitName: string;
  /** The unit's deadline now (its earlier extension, or the round's). */
  deadline: string;
}

/** 延期: the task force gives one unit a later deadline in the round, with a reason (audited). */
export function ExtendDialog({ target, onClose, onSaved }: { target: ExtendTarget | null; onClose: () => void; onSaved: (e: ExtensionEntity) => void }) {
  const [deadline, setDeadline] = useState<dayjs.Dayjs | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const reset = () => {
    setDeadline(null);
    setReason('');
    setError(undefined);
  };
  return (
    <Modal
      open={target !== null}
      destroyOnHidden
      title={target ? `为${target.unitName}延期` : ''}
      okText="确认延期"
      cancelText="取消"
      okButtonProps={{ disabled: deadline === null || reason.trim().length === 0 }}
      confirmLoading={busy}
      onCancel={() => {
        reset();
        onClose();
      }}
      onOk={() => {
        if (!target || !deadline) return;
        setBusy(true);
        setError(undefined);
        api['rounds.extend']({ roundId: target.round.id, unitId: target.unitId, deadline: deadline.format('YYYY-MM-DD'), reason }).then(
          (saved) => {
            setBusy(false);
            reset();
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
        {target
          ? `本轮截止日期：${chinaDate(target.round.deadline)}；${target.unitName}现截止日期：${chinaDate(target.deadline)}。延期后该单位起草的报告按新日期判断是否超期，延期及理由记入审计记录。`
          : ''}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="延期至" required>
          <DatePicker format="YYYY年M月D日" value={deadline} onChange={setDeadline} aria-label="延期至" />
        </Form.Item>
        <Form.Item label="理由" required>
          <Input.TextArea aria-label="延期理由" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="例如：机构调整，区卫健委申请延期报送" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
