import { App as AntApp, Button, Card, List, Popconfirm, Typography } from 'antd';
import { useRef, useState } from 'react';
import { attachmentMaxBytes, type ReportView } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { downloadBase64, fileToBase64, formatBytes } from '../../components/files';

export function AttachmentsCard({ report, onChanged }: { report: ReportView; onChanged: (next: ReportView) => void }) {
  const { message } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    if (file.size > attachmentMaxBytes) {
      message.error(`附件「${file.name}」超过 20 MB，请压缩后再上传。`);
      return;
    }
    setBusy(true);
    try {
      const contentBase64 = await fileToBase64(file);
      onChanged(
        await api['reports.attachments.add']({
          reportId: report.id,
          version: report.version,
          fileName: file.name,
          contentBase64,
        }),
      );
      message.success(`已上传「${file.name}」`);
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      title={`附件（${report.attachments.length}）`}
      extra={
        report.canEdit && (
          <>
            <input
              ref={input}
              type="file"
              hidden
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void upload(file);
              }}
            />
            <Button size="small" loading={busy} onClick={() => input.current?.click()}>
              上传
            </Button>
          </>
        )
      }
    >
      <List
        size="small"
        dataSource={report.attachments}
        locale={{ emptyText: '没有附件' }}
        renderItem={(a) => (
          <List.Item
            actions={[
              <a
                key="download"
                onClick={() =>
                  void api['reports.attachments.download']({ attachmentId: a.id }).then(
                    (file) => downloadBase64(file.fileName, file.contentBase64),
                    (e: Error) => message.error(e.message),
                  )
                }
              >
                下载
              </a>,
              ...(report.canEdit
                ? [
                    <Popconfirm
                      key="remove"
                      title={`删除附件「${a.fileName}」？`}
                      okText="删除"
                      cancelText="取消"
                      onConfirm={() =>
                        api['reports.attachments.remove']({
                          reportId: report.id,
                          version: report.version,
                          attachmentId: a.id,
                        }).then(onChanged, (e: Error) => message.error(e.message))
                      }
                    >
                      <a>删除</a>
                    </Popconfirm>,
                  ]
                : []),
            ]}
          >
            <List.Item.Meta
              title={<span style={{ wordBreak: 'break-all' }}>{a.fileName}</span>}
              description={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatBytes(a.size)} · {a.uploadedBy} · {formatDateTime(a.uploadedAt)}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
