import { Alert, App as AntApp, Button, Card, Empty, Select, Skeleton, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MethodInput } from '../../../../shared/contract';
import { officialDocumentSchema, type OfficialDocument } from '../../../../shared/domain/documents';
import type { ReportView } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { ErrorState } from '../../components/ErrorState';
import { downloadBase64 } from '../../components/files';
import { StateTag } from '../../components/StatusTag';
import { CompiledEditor } from './CompiledEditor';
import { DocxPreview } from './DocxPreview';

const docxMime = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
type RenderInput = MethodInput<'documents.render'>;

/** Preview and export buttons for one document; the preview shows the bytes that are exported. */
function RenderActions({ request, disabled }: { request: RenderInput | null; disabled?: boolean }) {
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'export' | null>(null);
  const key = JSON.stringify(request);
  useEffect(() => setFile(null), [key]);
  const render = async (): Promise<{ fileName: string; contentBase64: string }> => {
    if (file) return file;
    const rendered = await api['documents.render'](request!);
    setFile(rendered);
    return rendered;
  };
  const run = (what: 'preview' | 'export') => {
    setBusy(what);
    render().then(
      (rendered) => {
        setBusy(null);
        if (what === 'export') downloadBase64(rendered.fileName, rendered.contentBase64, docxMime);
      },
      (e: Error) => {
        setBusy(null);
        message.error(e.message);
      },
    );
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Button disabled={disabled || !request} loading={busy === 'preview'} onClick={() => run('preview')}>
          预览
        </Button>
        <Button
          type="primary"
          disabled={disabled || !request}
          loading={busy === 'export'}
          onClick={() => run('export')}
        >
          导出 Word
        </Button>
        {file && <Typography.Text type="secondary">{file.fileName}</Typography.Text>}
      </Space>
      {file && <DocxPreview contentBase64={file.contentBase64} />}
    </Space>
  );
}

function parseStored(report: ReportView): OfficialDocument | null {
  const parsed = officialDocumentSchema.safeParse(report.compiledContent);
  return parsed.success ? parsed.data : null;
}

/** 季度工作进展情况报告: draft from the filed reports, edit, preview, then send through review and sign-off. */
function QuarterlyTab({ roundId }: { roundId: number }) {
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const compiled = useLoad(() => api['compiled.get']({ roundId }), [roundId]);
  const [draft, setDraft] = useState<OfficialDocument | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const report = compiled.data ?? null;
  useEffect(() => {
    setDraft(report ? parseStored(report) : null);
    setDirty(false);
  }, [report]);

  if (compiled.error) return <ErrorState error={compiled.error} onRetry={compiled.reload} />;
  if (compiled.loading && compiled.data === undefined) return <Skeleton active />;
  if (!report) {
    return (
      <Card>
        <Empty description="本轮尚未起草季度工作进展情况报告。起草时系统按各任务已报送的进展自动生成正文，可修改后提交审核。">
          {can('coordinator') && (
            <Button
              type="primary"
              loading={busy}
              onClick={() => {
                setBusy(true);
                api['documents.createCompiled']({ roundId }).then(
                  () => {
                    setBusy(false);
                    compiled.reload();
                  },
                  (e: Error) => {
                    setBusy(false);
                    message.error(e.message);
                  },
                );
              }}
            >
              起草季度报告
            </Button>
          )}
        </Empty>
        <RenderActions request={{ kind: 'quarterly', roundId }} />
      </Card>
    );
  }
  const save = () => {
    if (!draft) return;
    setBusy(true);
    api['documents.saveCompiled']({ reportId: report.id, version: report.version, document: draft }).then(
      () => {
        setBusy(false);
        message.success('已保存');
        compiled.reload();
      },
      (e: Error) => {
        setBusy(false);
        message.error(e.message);
      },
    );
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            <Typography.Text strong>{report.title}</Typography.Text>
            <StateTag state={report.state} />
            {report.archiveNo && <Typography.Text>发文字号：{report.archiveNo}</Typography.Text>}
          </Space>
          <Space wrap>
            {report.canEdit && can('coordinator') && (
              <Button
                onClick={() =>
                  api['documents.compose']({ kind: 'quarterly', roundId }).then(
                    (fresh) => {
                      setDraft(fresh);
                      setDirty(true);
                      message.info('已按最新报送情况重新生成正文，保存后生效');
                    },
                    (e: Error) => message.error(e.message),
                  )
                }
              >
                按最新数据重新生成
              </Button>
            )}
            {report.canEdit && (
              <Button type="primary" disabled={!dirty || !draft} loading={busy} onClick={save}>
                保存正文
              </Button>
            )}
            <Button onClick={() => navigate(`/reports/${report.id}`)}>审核与流转</Button>
            <Button disabled={dirty} onClick={() => navigate(`/print/compiled/${report.id}`)}>
              打印
            </Button>
          </Space>
        </Space>
        {!report.canEdit && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            message="报告已提交审核或归档，正文不能再修改。预览与导出的即为报送的文件。"
          />
        )}
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          items={[
            {
              key: 'edit',
              label: report.canEdit ? '编辑正文' : '正文',
              children: draft ? (
                <CompiledEditor
                  document={draft}
                  readOnly={!report.canEdit}
                  onChange={(next) => {
                    setDraft(next);
                    setDirty(true);
                  }}
                />
              ) : (
                <Alert
                  type="warning"
                  message="本报告保存的正文不是有效的公文格式。请点击「按最新数据重新生成」后保存。"
                />
              ),
            },
            {
              key: 'preview',
              label: '预览与导出',
              children: (
                <>
                  {dirty && (
                    <Alert
                      type="info"
                      style={{ marginBottom: 12 }}
                      message="预览的是当前编辑的内容；保存后提交审核的文件与预览一致。"
                    />
                  )}
                  <RenderActions
                    request={dirty && draft ? { document: draft } : { compiledReportId: report.id }}
                    disabled={!draft}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function TaskReportTab({ roundId }: { roundId: number }) {
  const overview = useLoad(() => api['rounds.overview']({ roundId }), [roundId]);
  const [reportId, setReportId] = useState<number>();
  if (overview.error) return <ErrorState error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return <Skeleton active />;
  const rows = overview.data.rows.filter((r) => r.kind === 'task');
  return (
    <Card>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          showSearch
          optionFilterProp="label"
          placeholder="选择任务"
          style={{ width: 520 }}
          value={reportId}
          onChange={setReportId}
          options={rows.map((r) => ({ value: r.reportId, label: `${r.subjectLabel} ${r.title}（${r.stateLabel}）` }))}
          aria-label="选择任务报告"
        />
        <RenderActions request={reportId ? { kind: 'task', reportId } : null} />
      </Space>
    </Card>
  );
}

/** 报告: the compiled quarterly report, the bulletin of lagging and overdue tasks, and any task's report. */
export function DocumentsPage() {
  const rounds = useLoad(() => api['rounds.list']({}), []);
  const [roundId, setRoundId] = useState<number>();
  useEffect(() => {
    if (roundId === undefined && rounds.data?.[0]) setRoundId(rounds.data[0].id);
  }, [rounds.data, roundId]);
  if (rounds.error) return <ErrorState error={rounds.error} onRetry={rounds.reload} />;
  if (!rounds.data) return <Skeleton active />;
  if (rounds.data.length === 0)
    return (
      <Card>
        <Empty description="还没有填报轮次。开启填报轮次并报送进展后，即可生成季度报告和通报。" />
      </Card>
    );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Select
        style={{ width: 240 }}
        value={roundId}
        onChange={setRoundId}
        options={rounds.data.map((r) => ({ value: r.id, label: r.label }))}
        aria-label="选择季度"
      />
      {roundId !== undefined && (
        <Tabs
          items={[
            {
              key: 'quarterly',
              label: '季度工作进展情况报告',
              children: <QuarterlyTab key={roundId} roundId={roundId} />,
            },
            {
              key: 'bulletin',
              label: '进度滞后与超期未报通报',
              children: (
                <Card>
                  <RenderActions request={{ kind: 'bulletin', roundId }} />
                </Card>
              ),
            },
            { key: 'task', label: '任务进展报告', children: <TaskReportTab key={roundId} roundId={roundId} /> },
          ]}
        />
      )}
    </Space>
  );
}
