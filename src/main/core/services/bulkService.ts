import type { Actor } from '../../../shared/domain/accounts';
import {
  bulkActionEvents,
  bulkInputSchema,
  bulkPreviewInputSchema,
  type BulkAction,
  type BulkInput,
  type BulkOutcome,
  type BulkPreviewItem,
  type BulkResult,
} from '../../../shared/domain/bulk';
import type { ReportKind } from '../../../shared/domain/reports';
import { parseUnknown } from '../../../shared/contract/parse';
import { LuoshiError } from '../../../shared/errors';
import { explainRefusal, viewOf } from '../../../shared/workflow';
import type { Clock } from '../clock';
import type { ReadableDB } from '../db/database';
import { actingRefOf } from '../policy';
import { getReportRow } from '../store/reportsStore';
import { partyNamer, persistedOf } from './reportContext';
import type { ReportQueries } from './reportQueries';
import type { ReportsService } from './reportsService';

/**
 * 批量办理 (issue #16): several reports filed, approved or signed at once. Nothing here decides
 * who may do what: each item goes through ReportsService.transition, the single-report path, in
 * its own transaction with its own audit entry, so an item is allowed in bulk exactly when it
 * would be allowed alone. A refusal (a LuoshiError) is recorded as that item's outcome and the
 * rest go on; anything else is a bug and stops the batch.
 */
export class BulkService {
  constructor(
    private readonly db: ReadableDB,
    private readonly clock: Clock,
    private readonly reports: ReportsService,
    private readonly queries: ReportQueries,
  ) {}

  /**
   * What the confirmation dialog lists: each report, whether the caller may take the step now,
   * and for filing the consecutive archive numbers the rule would give the allowed ones, in order.
   */
  preview(actor: Actor, input: { action: BulkAction; reportIds: number[] }): BulkPreviewItem[] {
    const valid = parseUnknown(bulkPreviewInputSchema, input as unknown, '批量办理');
    const event = bulkActionEvents[valid.action];
    const items: (BulkPreviewItem & { kind: ReportKind })[] = [];
    for (const reportId of [...new Set(valid.reportIds)]) {
      let view;
      try {
        view = this.queries.get(actor, reportId);
      } catch (error) {
        if (!(error instanceof LuoshiError)) throw error;
        items.push({
          reportId,
          version: 0,
          subjectLabel: `报告${reportId}`,
          title: '',
          allowed: false,
          refusal: error.message,
          archiveNo: null,
          kind: 'task',
        });
        continue;
      }
      const allowed = view.actions.some((a) => a.event === event);
      items.push({
        reportId,
        version: view.version,
        subjectLabel: view.subjectLabel,
        title: view.title,
        allowed,
        refusal: allowed ? null : this.refusal(actor, reportId, valid.action),
        archiveNo: null,
        kind: view.kind,
      });
    }
    if (valid.action === 'file') {
      // Task and project reports share one sequence; the compiled report's 发文字号 has its own.
      for (const compiled of [false, true]) {
        const same = items.filter((i) => i.allowed && (i.kind === 'compiled') === compiled);
        const numbers = this.reports.proposedArchiveNos(compiled ? 'compiled' : 'task', same.length);
        same.forEach((item, index) => (item.archiveNo = numbers[index] ?? null));
      }
    }
    return items.map(({ kind: _kind, ...item }) => item);
  }

  /** Take the step on every item, each on its own; the answer lists every outcome. */
  run(actor: Actor, input: BulkInput): BulkResult {
    const valid = parseUnknown(bulkInputSchema, input as unknown, '批量办理');
    const event = bulkActionEvents[valid.action];
    const outcomes: BulkOutcome[] = [];
    const seen = new Set<number>();
    for (const item of valid.items) {
      if (seen.has(item.reportId)) continue;
      seen.add(item.reportId);
      const label = this.labelOf(actor, item.reportId);
      try {
        const version = this.reports.transition(actor, {
          reportId: item.reportId,
          version: item.version,
          event,
          ...(valid.opinion ? { opinion: valid.opinion } : {}),
        });
        const archiveNo = valid.action === 'file' ? (getReportRow(this.db, item.reportId)?.archive_no ?? null) : null;
        const differs = archiveNo !== null && item.archiveNo !== undefined && item.archiveNo !== archiveNo;
        outcomes.push({
          reportId: item.reportId,
          ...label,
          ok: true,
          version,
          archiveNo,
          message: differs ? `归档号为 ${archiveNo}（确认时显示为 ${item.archiveNo}，其间已有其他报告归档）。` : null,
        });
      } catch (error) {
        if (!(error instanceof LuoshiError)) throw error;
        outcomes.push({
          reportId: item.reportId,
          ...label,
          ok: false,
          version: null,
          archiveNo: null,
          message: error.message,
        });
      }
    }
    const done = outcomes.filter((o) => o.ok).length;
    return { action: valid.action, done, refused: outcomes.length - done, items: outcomes };
  }

  /** How the result list names the report; one the caller may not read is named by its number. */
  private labelOf(actor: Actor, reportId: number): { subjectLabel: string; title: string } {
    try {
      const view = this.queries.get(actor, reportId);
      return { subjectLabel: view.subjectLabel, title: view.title };
    } catch (error) {
      if (!(error instanceof LuoshiError)) throw error;
      return { subjectLabel: `报告${reportId}`, title: '' };
    }
  }

  private refusal(actor: Actor, reportId: number, action: BulkAction): string {
    const row = getReportRow(this.db, reportId);
    if (!row) return `未找到编号为 ${reportId} 的报告。`;
    const by = actingRefOf(this.db, actor, this.clock.nowIso());
    return explainRefusal(viewOf(persistedOf(row)), bulkActionEvents[action], by, partyNamer(this.db), true);
  }
}
