import type { FillInReportUpdate } from '../../../../shared/domain/ledgers';
import type { Indicator } from '../../../../shared/domain/planView';
import { projectKindSchema, projectKindLabels } from '../../../../shared/domain/plan';
import { reportContentSchema } from '../../../../shared/domain/reports';
import { auditEventLabel } from '../../../../shared/domain/audit';
import { LuoshiError } from '../../../../shared/errors';
import { formatChinaTime, personLabel } from '../../../../shared/workflow';
import type { ReadableDB } from '../../db/database';
import type { CurrentReport, FillInRowInput } from '../../exports/xlsx';
import type { LedgerReport } from '../../store/ledgerQueries';
import { lastAuditRowOfReport } from '../../store/auditStore';
import { indicatorValuesOf, indicatorsOfTask, subjectTitle } from '../../store/reportsStore';
import { indicatorFromRow, targetText } from './indicators';

/** Maximum size of an uploaded fill-in sheet. A unit's sheet is tens of kilobytes. */
const fillInMaxBytes = 10 * 1024 * 1024;

export function checkUploadSize(bytes: Buffer): void {
  if (bytes.length === 0)
    throw new LuoshiError('invalid_input', '上传的填报表为空，或不是有效的 base64 内容。', 'contentBase64');
  if (bytes.length > fillInMaxBytes) {
    throw new LuoshiError(
      'invalid_input',
      `上传的填报表大小为 ${(bytes.length / 1048576).toFixed(1)} MB，超过 10 MB 的上限。填报表通常只有几十 KB，请确认选择的是本系统下载的填报表。`,
      'contentBase64',
    );
  }
}

/** 5 for task 5; 工程2 for the second 重点工程 (the 类别 column says 项目 for all three kinds). */
function subjectNo(report: LedgerReport, no: number, projectKind: string | null): string | number {
  if (report.kind === 'task') return no;
  const kind = projectKindSchema.safeParse(projectKind);
  return kind.success ? `${projectKindLabels[kind.data].slice(2)}${no}` : no;
}

interface StoredReport {
  report: LedgerReport;
  no: string | number;
  title: string;
  indicators: Indicator[];
  values: Map<number, { value: number | null; note: string }>;
}

function stored(db: ReadableDB, report: LedgerReport): StoredReport {
  const id = report.kind === 'task' ? report.task_id : report.project_id;
  const subject = subjectTitle(db, report.kind, id);
  const indicators =
    report.task_id === null
      ? []
      : indicatorsOfTask(db, report.task_id).map((i) => indicatorFromRow(i, report.task_id ?? 0));
  const values = new Map(
    indicatorValuesOf(db, report.id).map((v) => [v.indicator_id, { value: v.value, note: v.note }] as const),
  );
  return {
    report,
    no: subject ? subjectNo(report, subject.no, subject.projectKind) : report.id,
    title: subject?.title ?? `报告${report.id}`,
    indicators,
    values,
  };
}

/** The rows of a unit's fill-in sheet: its reports still in drafting. */
export function fillInRows(db: ReadableDB, reports: readonly LedgerReport[]): FillInRowInput[] {
  return reports
    .filter((r) => r.state === 'drafting')
    .map((r) => stored(db, r))
    .map((s) => ({
      reportId: s.report.id,
      version: s.report.version,
      kind: s.report.kind,
      no: s.no,
      title: s.title,
      progress: s.report.progress,
      problems: s.report.problems,
      nextSteps: s.report.next_steps,
      completed: s.report.completed === 1,
      indicators: s.indicators.map((i) => ({
        indicatorId: i.id,
        metric: i.metric,
        target: targetText(i),
        unit: i.unit,
        value: s.values.get(i.id)?.value ?? null,
      })),
    }));
}

/** The unit's reports as they stand now, for comparing with a returned sheet. */
export function currentReports(db: ReadableDB, reports: readonly LedgerReport[]): CurrentReport[] {
  return reports
    .map((r) => stored(db, r))
    .map((s) => ({
      reportId: s.report.id,
      version: s.report.version,
      state: s.report.state,
      progress: s.report.progress,
      problems: s.report.problems,
      nextSteps: s.report.next_steps,
      completed: s.report.completed === 1,
      // Every indicator of the task, reported or not: a value may be filled in for the first time.
      indicatorValues: s.indicators.map((i) => ({ indicatorId: i.id, value: s.values.get(i.id)?.value ?? null })),
      lastChange: lastChangeOf(db, s.report.id),
    }));
}

/** 李经办（区社会事业局）于2025年10月8日 14:03经填报表导入 — the report's last audited change. */
function lastChangeOf(db: ReadableDB, reportId: number): string | null {
  const last = lastAuditRowOfReport(db, reportId);
  if (!last) return null;
  const viaImport = last.event === 'report.edit' && last.opinion.startsWith('经填报表导入');
  return `${personLabel(last.actor_name, last.unit_name)}于${formatChinaTime(last.at)}${viaImport ? '经填报表导入' : auditEventLabel(last.event)}`;
}

/** The content a report will hold after an update: the stored content with the sheet's changes. */
export function mergedContent(
  report: LedgerReport,
  storedValues: readonly { indicator_id: number; value: number | null; note: string }[],
  update: FillInReportUpdate,
  title: string,
): {
  progress: string;
  problems: string;
  nextSteps: string;
  completed: boolean;
  indicatorValues: { indicatorId: number; value: number | null; note: string }[];
} {
  const values = new Map(storedValues.map((v) => [v.indicator_id, { value: v.value, note: v.note }] as const));
  for (const v of update.indicatorValues)
    values.set(v.indicatorId, { value: v.value, note: values.get(v.indicatorId)?.note ?? '' });
  const content = {
    progress: update.progress ?? report.progress,
    problems: update.problems ?? report.problems,
    nextSteps: update.nextSteps ?? report.next_steps,
    completed: update.completed ?? report.completed === 1,
    indicatorValues: [...values].map(([indicatorId, v]) => ({ indicatorId, value: v.value, note: v.note })),
  };
  // The same limits as the report editor.
  const checked = reportContentSchema.safeParse(content);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new LuoshiError(
      'invalid_input',
      `「${title}」的填报内容不符合要求：${issue?.message ?? '内容无效'}。未导入任何数据。`,
    );
  }
  return {
    progress: content.progress,
    problems: content.problems,
    nextSteps: content.nextSteps,
    completed: content.completed,
    indicatorValues: content.indicatorValues,
  };
}
