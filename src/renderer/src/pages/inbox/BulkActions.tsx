import { Alert, App as AntApp, Button, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import {
  bulkActionLabels,
  type BulkAction,
  type BulkPreviewItem,
  type BulkResult,
} from '../../../../shared/domain/bulk';
import type { InboxItem, ReportState } from '../../../../shared/domain/reports';
import type { RoundRow } from '../../../../shared/domain/rounds';
import { api } from '../../api/client';
import { notifyDataChanged } from '../../app/liveData';

/** Which bulk step each 待办 kind takes. Drafting has none: each report is written on its own. */
export const bulkActionOfInbox: Partial<Record<InboxItem['action'], BulkAction>> = {
  file: 'file',
  review: 'approve',
  signOff: 'sign',
};

/** Which bulk step a report of the round overview (轮次总览) may take, by its state; the core decides whether this user may. */
export const bulkActionOfState: Partial<Record<ReportState, BulkAction>> = {
  filing: 'file',
  leadReview: 'approve',
  signOff: 'sign',
};

/** A selected row: a 待办 (by what it expects of the user) or a row of the round overview (by its state). */
export type BulkSelectable = Pick<InboxItem, 'reportId' | 'action'> | Pick<RoundRow, 'reportId' | 'state'>;

export function bulkActionOf(item: BulkSelectable): BulkAction | undefined {
  return 'action' in item ? bulkActionOfInbox[item.action] : bulkActionOfState[item.state];
}

/**
 * 批量办理 over the selected 待办 or overview rows: one button per step the selection holds; a confirmation that
 * lists the reports (for filing, with the archive numbers the rule proposes, in order) and those
 * that cannot be done now and why; then the result, successes and refusals, item by item. The core
 * takes each report through the single-report path; nothing here decides who may do what.
 */
export function BulkActions({
  available,
  selected,
  onDone,
}: {
  available: boolean;
  selected: readonly BulkSelectable[];
  onDone: () => void;
}) {
  const { message } = AntApp.useApp();
  const [action, setAction] = useState<BulkAction | null>(null);
  const [preview, setPreview] = useState<BulkPreviewItem[] | null>(null);
  const [opinion, setOpinion] = useState('');
  const [result, setResult] = useState<BulkResult | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const groups = (Object.keys(bulkActionLabels) as BulkAction[])
    .map((a) => ({ action: a, items: selected.filter((i) => bulkActionOf(i) === a) }))
    .filter((g) => g.items.length > 0);

  const open = async (next: BulkAction, items: readonly BulkSelectable[]) => {
    setBusy(true);
    try {
      setPreview(await api['reports.bulkPreview']({ action: next, reportIds: items.map((i) => i.reportId) }));
      setAction(next);
      setOpinion('');
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    if (busyRef.current || !action || !preview) return;
    busyRef.current = true;
    setBusy(true);
    try {
      const allowed = preview.filter((p) => p.allowed);
      const answer = await api['reports.bulk']({
        action,
        items: allowed.map((p) => ({
          reportId: p.reportId,
          version: p.version,
          ...(p.archiveNo ? { archiveNo: p.archiveNo } : {}),
        })),
        ...(opinion.trim() ? { opinion: opinion.trim() } : {}),
      });
      setPreview(null);
      setResult(answer);
      notifyDataChanged();
      onDone();
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  const label = action ? bulkActionLabels[action] : '';
  const allowedCount = preview?.filter((p) => p.allowed).length ?? 0;
  return (
    <>
      <Space wrap>
        {available && (
          <Typography.Text type="secondary">
            {selected.length > 0 ? `已选 ${selected.length} 份` : '勾选多份报告可批量办理'}
          </Typography.Text>
        )}
        {groups.map((g) => (
          <Button
            key={g.action}
            type="primary"
            loading={busy && action === null}
            onClick={() => void open(g.action, g.items)}
          >
            批量{bulkActionLabels[g.action]}（{g.items.length}）
          </Button>
        ))}
      </Space>
      <Modal
        open={preview !== null}
        title={`批量${label}：请确认`}
        okText={`${label} ${allowedCount} 份`}
        cancelText="取消"
        okButtonProps={{ disabled: allowedCount === 0 }}
        confirmLoading={busy}
        onCancel={() => !busy && setPreview(null)}
        onOk={() => void run()}
        width={720}
      >
        {action === 'file' && (
          <Typography.Paragraph type="warning">
            归档后报告不可再修改。归档号按归档号格式依次编排如下；如确认期间有其他报告归档，实际号码顺延，结果中会注明。
          </Typography.Paragraph>
        )}
        <List
          size="small"
          bordered
          dataSource={preview ?? []}
          renderItem={(item) => (
            <List.Item data-testid={`bulk-preview-${item.reportId}`}>
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Space wrap>
                  <Tag>{item.subjectLabel}</Tag>
                  <span>{item.title}</span>
                  {item.archiveNo && <Tag color="gold">{item.archiveNo}</Tag>}
                </Space>
                {!item.allowed && (
                  <Typography.Text type="danger">
                    不能{label}：{item.refusal}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
        {action !== 'file' && (
          <>
            <Typography.Paragraph style={{ marginTop: 12 }}>意见（选填，每份报告相同）：</Typography.Paragraph>
            <Input.TextArea value={opinion} onChange={(e) => setOpinion(e.target.value)} rows={3} maxLength={2000} />
          </>
        )}
      </Modal>
      <Modal
        open={result !== null}
        title={
          result
            ? `批量${bulkActionLabels[result.action]}结果：成功 ${result.done} 份，未办理 ${result.refused} 份`
            : ''
        }
        okText="知道了"
        cancelButtonProps={{ style: { display: 'none' } }}
        onOk={() => setResult(null)}
        onCancel={() => setResult(null)}
        width={720}
      >
        {result && result.refused > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message="以下未办理的报告请逐份查看原因，处理后再办理。"
          />
        )}
        <List
          size="small"
          bordered
          dataSource={result?.items ?? []}
          renderItem={(item) => (
            <List.Item data-testid={`bulk-result-${item.reportId}`}>
              <Space direction="vertical" size={0}>
                <Space wrap>
                  <Tag color={item.ok ? 'green' : 'red'}>{item.ok ? '已办理' : '未办理'}</Tag>
                  <Tag>{item.subjectLabel}</Tag>
                  <span>{item.title}</span>
                  {item.archiveNo && <Tag color="gold">{item.archiveNo}</Tag>}
                </Space>
                {item.message && (
                  <Typography.Text type={item.ok ? 'secondary' : 'danger'}>{item.message}</Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
}
