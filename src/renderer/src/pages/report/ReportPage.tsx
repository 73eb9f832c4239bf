import { Alert, App as AntApp, Button, Card, Col, Descriptions, Form, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ReportView } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { formatDate, formatDateTime } from '../../app/format';
import { navigate } from '../../app/router';
import { ErrorState } from '../../components/ErrorState';
import { StateTag, StatusTag } from '../../components/StatusTag';
import { AttachmentsCard } from './AttachmentsCard';
import { PartiesList } from './PartiesList';
import { ReopenButton } from './ReopenButton';
import { ReportActions } from './ReportActions';
import { ReportEditor, toContent, toEditorValues, type EditorValues } from './ReportEditor';
import { ReportTimeline } from './ReportTimeline';

/** One report: the drafting form, the lifecycle buttons, who has acted, attachments, and the record. */
export function ReportPage({ reportId }: { reportId: number }) {
  const { message } = AntApp.useApp();
  const loaded = useLoad(() => api['reports.get']({ reportId }), [reportId]);
  const [report, setReport] = useState<ReportView>();
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<EditorValues>();
  // A new version of the report is a new entry in its timeline: reload it then.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const timeline = useLoad(() => api['reports.timeline']({ reportId }), [reportId, report?.version]);

  useEffect(() => {
    if (loaded.data) setReport(loaded.data);
  }, [loaded.data]);

  const apply = useCallback(
    (next: ReportView) => {
      setReport(next);
      form.setFieldsValue(toEditorValues(next));
      setDirty(false);
    },
    [form],
  );

  /** Save pending edits; returns the saved report (or null when nothing needed saving). */
  const save = useCallback(async (): Promise<ReportView | null> => {
    if (!report || !report.canEdit || !dirty) return null;
    const values = await form.validateFields();
    setSaving(true);
    try {
      const next = await api['reports.update']({ reportId: report.id, version: report.version, content: toContent(values, report) });
      apply(next);
      return next;
    } finally {
      setSaving(false);
    }
  }, [report, dirty, form, apply]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        save().then((saved) => saved && message.success('已保存'), (e: Error) => message.error(e.message));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, message]);

  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!report) return <Skeleton active />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {report.title}
            </Typography.Title>
            <StateTag state={report.state} />
            <StatusTag status={report.status} />
            {report.revision > 1 && <Tag color="purple">第{report.revision}次修订</Tag>}
          </Space>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label="事项">{report.subjectLabel}</Descriptions.Item>
            <Descriptions.Item label="季度">{report.quarterLabel}</Descriptions.Item>
            <Descriptions.Item label="起草单位">{report.draftingUnit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="截止日期">{formatDate(report.deadline)}</Descriptions.Item>
            <Descriptions.Item label="最近更新">{formatDateTime(report.updatedAt)}</Descriptions.Item>
            {report.archiveNo && <Descriptions.Item label="归档号">{report.archiveNo}</Descriptions.Item>}
          </Descriptions>
          {report.previousId !== null && (
            <Typography.Link href={`#/reports/${report.previousId}`}>查看上一修订（已归档）</Typography.Link>
          )}
          {report.nextId !== null && (
            <Alert type="info" showIcon message="本报告已重新打开，有更新的修订。" action={<Button size="small" onClick={() => navigate(`/reports/${report.nextId}`)}>查看最新修订</Button>} />
          )}
          <Space wrap>
            {report.canEdit && (
              <Button
                loading={saving}
                disabled={!dirty}
                onClick={() => save().then((saved) => saved && message.success('已保存'), (e: Error) => message.error(e.message))}
              >
                保存（Ctrl+S）
              </Button>
            )}
            <ReportActions report={report} onChanged={apply} beforeAction={save} />
            {report.canReopen && <ReopenButton report={report} />}
          </Space>
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title="报告内容">
            {report.kind === 'compiled' ? (
              <Typography.Paragraph>
                季度工作进展情况报告的正文在「报告」页面编辑和预览。<a href="#/documents">前往报告页面</a>
              </Typography.Paragraph>
            ) : (
              <ReportEditor key={`${report.id}-${report.version}`} report={report} form={form} onDirty={() => setDirty(true)} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title="牵头单位审核">
              <PartiesList parties={report.reviewers} doneLabel="已审核" emptyText="无需审核" />
            </Card>
            <Card size="small" title="责任单位会签">
              <PartiesList parties={report.signers} doneLabel="已会签" emptyText="无需会签" />
            </Card>
            <AttachmentsCard report={report} onChanged={apply} />
            <Card size="small" title="流转记录">
              {timeline.data ? <ReportTimeline entries={timeline.data} /> : <Skeleton active />}
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
