import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { submitGaps, type ReportView } from '../../../../shared/domain/reports';
import { ApiError, api } from '../../api/client';
import { useLoad } from '../../api/useApi';
import { formatDate, formatDateTime } from '../../app/format';
import { notifyDataChanged } from '../../app/liveData';
import { navigate } from '../../app/router';
import { useUnsavedWork } from '../../app/unsavedWork';
import { ErrorState } from '../../components/ErrorState';
import { StateTag, StatusTag } from '../../components/StatusTag';
import { AttachmentsCard } from './AttachmentsCard';
import { PartiesList } from './PartiesList';
import { ReopenButton } from './ReopenButton';
import { ReportActions, SubmitGapsNotice } from './ReportActions';
import { editorKey, ReportEditor, toContent, toEditorValues, type EditorValues } from './ReportEditor';
import { ReportTimeline } from './ReportTimeline';
import { ReportInstructions } from '../../components/Instructions';

/** After this long without typing, the editor saves by itself. */
const autosaveDelayMs = 2000;

type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };

/** The user's text that a newer version refused, kept beside the current version to merge by hand. */
interface Conflict {
  mine: EditorValues;
  message: string;
}

/**
 * One report: the drafting form, the lifecycle buttons, who has acted, attachments, and the record.
 *
 * Drafts are never lost: the form saves itself 2 s after typing stops (through the same versioned
 * save as the button, so a stale version is still refused); leaving the page with unsaved text
 * asks first, in the app and on reload or close; and when a save is refused because someone else
 * changed the report, the user's text stays on screen beside the current version.
 */
export function ReportPage({ reportId }: { reportId: number }) {
  const { message } = AntApp.useApp();
  const loaded = useLoad(() => api['reports.get']({ reportId }), [reportId]);
  const [report, setReport] = useState<ReportView>();
  const [dirty, setDirty] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [form] = Form.useForm<EditorValues>();
  const watched = Form.useWatch([], form) as EditorValues | undefined;
  const reportRef = useRef<ReportView>(undefined);
  /** The form's values as last saved (editorKey), to tell whether anything is unsaved. */
  const savedKey = useRef<string | null>(null);
  const inFlight = useRef<Promise<unknown> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  // A new version of the report is a new entry in its timeline: reload it then.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const timeline = useLoad(() => api['reports.timeline']({ reportId }), [reportId, report?.version]);

  const currentValues = useCallback((): EditorValues => form.getFieldsValue(true) as EditorValues, [form]);
  const isDirty = useCallback((): boolean => {
    const current = reportRef.current;
    if (!current?.canEdit || current.kind === 'compiled' || savedKey.current === null) return false;
    return editorKey(currentValues(), current) !== savedKey.current;
  }, [currentValues]);

  /** Take a report as the server has it; `resetForm` when its content replaces what the form shows. */
  const apply = useCallback(
    (next: ReportView, resetForm: boolean) => {
      reportRef.current = next;
      setReport(next);
      if (resetForm) {
        const values = toEditorValues(next);
        form.setFieldsValue(values);
        savedKey.current = editorKey(values, next);
        setDirty(false);
      } else {
        setDirty(isDirty());
      }
    },
    [form, isDirty],
  );

  useEffect(() => {
    if (loaded.data) apply(loaded.data, true);
  }, [loaded.data, apply]);

  /** Someone else changed the report: show the current version and keep the user's text beside it. */
  const keepBeside = useCallback(
    async (mine: EditorValues, refusal: string) => {
      setConflict({ mine, message: refusal });
      try {
        apply(await api['reports.get']({ reportId }), true);
      } catch {
        // The refusal stays on screen; the user's text is in the conflict card either way.
      }
    },
    [apply, reportId],
  );

  /** Save pending edits (one save at a time); resolves to the report as it now is. */
  const save = useCallback(async (): Promise<ReportView | undefined> => {
    window.clearTimeout(timer.current);
    while (inFlight.current) await inFlight.current.catch(() => undefined);
    const current = reportRef.current;
    if (!current || !isDirty()) return current;
    try {
      await form.validateFields();
    } catch {
      const failed = '表单中有标红的内容需要更正，更正后才能保存。';
      setSaveState({ kind: 'failed', message: failed });
      throw new Error(failed);
    }
    const values = currentValues();
    const key = editorKey(values, current);
    setSaveState({ kind: 'saving' });
    const request = api['reports.update']({
      reportId: current.id,
      version: current.version,
      content: toContent(values, current),
    });
    inFlight.current = request;
    try {
      const next = await request;
      savedKey.current = key;
      // Keep what was typed while the save was on its way: only the version and the rest change.
      apply(next, false);
      setSaveState({ kind: 'saved', at: next.updatedAt });
      notifyDataChanged();
      return next;
    } catch (error) {
      setSaveState({ kind: 'failed', message: (error as Error).message });
      // Someone else saved first, or moved the report on: keep the text where the user can take it.
      if (error instanceof ApiError && (error.code === 'stale' || error.code === 'forbidden'))
        await keepBeside(values, error.message);
      throw error;
    } finally {
      inFlight.current = null;
    }
  }, [apply, currentValues, form, isDirty, keepBeside]);

  const saveNow = useCallback(() => {
    const before = reportRef.current?.version;
    save().then(
      (saved) => saved && saved.version !== before && message.success('已保存'),
      (e: Error) => message.error(e.message),
    );
  }, [save, message]);

  const onEdited = useCallback(() => {
    setDirty(isDirty());
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      // A failed autosave shows beside the save button (and a conflict keeps the text): no toast.
      save().catch(() => undefined);
    }, autosaveDelayMs);
  }, [isDirty, save]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  // The leave guard every typed text has (app/unsavedWork.tsx): save and leave, leave, or stay.
  useUnsavedWork({
    isDirty: () => isDirty() || inFlight.current !== null,
    what: '本报告',
    save: () => save().then(() => undefined),
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        saveNow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saveNow]);

  const gaps = useMemo(() => {
    if (!report || report.kind === 'compiled') return [];
    const content =
      report.canEdit && watched ? toContent({ ...toEditorValues(report), ...watched }, report) : report.content;
    return submitGaps(content, report.indicators);
  }, [report, watched]);

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
            <Descriptions.Item label="截止日期">
              {formatDate(report.deadline)}
              {report.extended && '（已延期）'}
            </Descriptions.Item>
            <Descriptions.Item label="最近更新">{formatDateTime(report.updatedAt)}</Descriptions.Item>
            {report.archiveNo && <Descriptions.Item label="归档号">{report.archiveNo}</Descriptions.Item>}
          </Descriptions>
          {report.previousId !== null && (
            <Typography.Link href={`#/reports/${report.previousId}`}>查看上一修订（已归档）</Typography.Link>
          )}
          {report.returnedReason && (
            <Alert type="warning" showIcon message={`${report.returnedLabel ?? '被退回'}：${report.returnedReason}`} />
          )}
          {report.nextId !== null && (
            <Alert
              type="info"
              showIcon
              message="本报告已重新打开，有更新的修订。"
              action={
                <Button size="small" onClick={() => navigate(`/reports/${report.nextId}`)}>
                  查看最新修订
                </Button>
              }
            />
          )}
          <Space wrap>
            <Button
              onClick={() =>
                navigate(report.kind === 'compiled' ? `/print/compiled/${report.id}` : `/print/report/${report.id}`)
              }
            >
              打印
            </Button>
            {report.canEdit && report.kind !== 'compiled' && (
              <Button loading={saveState.kind === 'saving'} disabled={!dirty} onClick={saveNow}>
                保存（Ctrl+S）
              </Button>
            )}
            {report.canEdit && report.kind !== 'compiled' && <SaveStatus state={saveState} dirty={dirty} />}
            <ReportActions
              report={report}
              onChanged={(next) => apply(next, true)}
              beforeAction={async () => (await save()) ?? report}
              submitGaps={gaps}
            />
            {report.canReopen && <ReopenButton report={report} />}
          </Space>
          <SubmitGapsNotice report={report} gaps={gaps} />
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          {conflict && (
            <ConflictCard
              conflict={conflict}
              report={report}
              onUseMine={() => {
                form.setFieldsValue(conflict.mine);
                setConflict(null);
                onEdited();
              }}
              onDismiss={() => setConflict(null)}
            />
          )}
          <Card title="报告内容">
            {report.kind === 'compiled' ? (
              <Typography.Paragraph>
                季度工作进展情况报告的正文在「报告」页面编辑和预览。<a href="#/documents">前往报告页面</a>
              </Typography.Paragraph>
            ) : (
              <ReportEditor key={`${report.id}-${report.canEdit}`} report={report} form={form} onDirty={onEdited} />
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
            <AttachmentsCard report={report} onChanged={(next) => apply(next, false)} />
            {report.taskId !== null && (
              <ReportInstructions taskId={report.taskId} report={{ id: report.id, revision: report.revision }} />
            )}
            <Card size="small" title="流转记录">
              {timeline.data ? <ReportTimeline entries={timeline.data} /> : <Skeleton active />}
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function SaveStatus({ state, dirty }: { state: SaveState; dirty: boolean }) {
  if (state.kind === 'saving') return <Typography.Text type="secondary">正在保存……</Typography.Text>;
  if (state.kind === 'failed') return <Typography.Text type="danger">未能保存：{state.message}</Typography.Text>;
  if (dirty) return <Typography.Text type="secondary">有未保存的修改，停止输入 2 秒后自动保存</Typography.Text>;
  if (state.kind === 'saved')
    return <Typography.Text type="success">已自动保存（{formatDateTime(state.at)}）</Typography.Text>;
  return null;
}

/** The user's refused text, field by field, beside the current version in the editor. */
function ConflictCard({
  conflict,
  report,
  onUseMine,
  onDismiss,
}: {
  conflict: Conflict;
  report: ReportView;
  onUseMine: () => void;
  onDismiss: () => void;
}) {
  const { mine } = conflict;
  const fields: [string, string][] = [
    ['进展情况', mine.progress ?? ''],
    ['存在问题', mine.problems ?? ''],
    ['下步计划', mine.nextSteps ?? ''],
  ];
  const values = report.indicators
    .map((i) => {
      const value = mine.values?.[i.indicatorId];
      const text =
        value !== null && value !== undefined
          ? `${value}${i.unit}`
          : mine.noNewProgress?.[i.indicatorId]
            ? '无新进展'
            : '';
      return text ? `${i.metric}：${text}` : '';
    })
    .filter(Boolean);
  return (
    <Card
      title="您未保存成功的内容"
      style={{ marginBottom: 16, borderColor: '#faad14' }}
      extra={
        <Space>
          {report.canEdit && (
            <Button type="primary" onClick={onUseMine}>
              用我的内容替换编辑区
            </Button>
          )}
          <Button onClick={onDismiss}>已合并，关闭</Button>
        </Space>
      }
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        message={conflict.message}
        description="下方编辑区已显示报告的当前版本。您的内容保留在这里，可以复制需要的部分合并进去，或用它整体替换编辑区后再保存。"
      />
      {fields.map(([label, text]) => (
        <div key={label} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{label}</Typography.Text>
          {text.trim() ? (
            <Typography.Paragraph
              copyable={{ text, tooltips: ['复制', '已复制'] }}
              className="luoshi-body-text"
              style={{ marginTop: 4 }}
            >
              {text}
            </Typography.Paragraph>
          ) : (
            <div>
              <Typography.Text type="secondary">（未填写）</Typography.Text>
            </div>
          )}
        </div>
      ))}
      {values.length > 0 && (
        <>
          <Typography.Text strong>指标本季度值</Typography.Text>
          <ul style={{ marginTop: 4 }}>
            {values.map((v) => (
              <li key={v}>{v}</li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
