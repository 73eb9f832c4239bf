import { App as AntApp, Button, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { ReportView } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { navigate } from '../../app/router';

/** Reopening a filed report makes a new revision that goes round again; the filed one stays as it is. */
export function ReopenButton({ report }: { report: ReportView }) {
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>重新打开（生成新修订）</Button>
      <Modal
        open={open}
        title="重新打开已归档报告"
        okText="重新打开"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: reason.trim() === '' }}
        onCancel={() => setOpen(false)}
        onOk={() => {
          setBusy(true);
          api['reports.reopen']({ reportId: report.id, version: report.version, reason: reason.trim() }).then(
            (next) => {
              setBusy(false);
              setOpen(false);
              navigate(`/reports/${next.id}`);
            },
            (e: Error) => {
              setBusy(false);
              message.error(e.message);
            },
          );
        }}
      >
        <Typography.Paragraph>
          已归档的报告保持不变；系统将生成第 {report.revision + 1} 次修订，由起草单位修改后重新走审核、会签、归档流程。
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="请填写重新打开的理由（必填）"
          aria-label="重新打开的理由"
          maxLength={2000}
        />
      </Modal>
    </>
  );
}
