import type { SearchHitView } from '../../../shared/contract/search';
import type { WritableDB } from '../db/database';
import { splitTerms } from '../search/bigrams';
import * as planStore from '../store/planStore';
import { inTransaction } from '../db/database';
import { projectKindLabels, type ProjectKind } from '../../../shared/domain/plan';
import { quarterLabel } from '../../../shared/quarters';
import {
  searchDocuments,
  staleReports,
  upsertSearchDocument,
  type SearchDocument,
  type SearchKind,
  type StaleReport,
} from '../store/searchStore';
import { listUnits } from '../store/unitStore';
import type { Clock } from '../clock';

const contextChars = 40;

export class SearchService {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
  ) {}

  query(q: string, kinds: readonly SearchKind[], limit: number): SearchHitView[] {
    this.catchUpReports();
    const terms = splitTerms(q);
    return searchDocuments(this.db, q, kinds, limit).map((hit) => ({
      kind: hit.kind,
      refId: hit.refId,
      title: hit.title,
      ...snippet(`${hit.title}\n${hit.body}`, terms[0] ?? ''),
    }));
  }

  /** Re-index the current plan's tasks, projects and the unit directory. Call inside the import's transaction. */
  indexPlan(): void {
    const planId = planStore.currentPlanId(this.db);
    if (planId === null) return;
    const now = this.clock.nowIso();
    const docs: SearchDocument[] = [];
    for (const task of planStore.listTaskSummaries(this.db, planId)) {
      const detail = planStore.getTaskDetail(this.db, task.id);
      docs.push({
        kind: 'task',
        refId: task.id,
        title: `${task.no}. ${task.title}`,
        body: [
          detail?.body ?? '',
          `牵头单位：${task.leadUnits.join('、')}`,
          `责任单位：${task.responsibleUnits.join('、')}`,
        ].join('\n'),
      });
    }
    for (const project of planStore.listProjects(this.db, planId)) {
      docs.push({ kind: 'project', refId: project.id, title: project.title, body: project.body });
    }
    for (const unit of listUnits(this.db)) {
      docs.push({ kind: 'unit', refId: unit.id, title: unit.name, body: unit.aliases.join('、') });
    }
    for (const doc of docs) upsertSearchDocument(this.db, doc, now);
  }

  indexDocument(doc: SearchDocument): void {
    upsertSearchDocument(this.db, doc, this.clock.nowIso());
  }

  /** Index the reports written since the last search, in one transaction. */
  catchUpReports(): number {
    const stale = staleReports(this.db);
    if (stale.length === 0) return 0;
    inTransaction(this.db, () => {
      // The document keeps the report's own time, so it is stale again exactly when the report changes.
      for (const report of stale) upsertSearchDocument(this.db, reportDocument(report), report.updatedAt);
    });
    return stale.length;
  }
}

function reportDocument(report: StaleReport): SearchDocument {
  const quarter = quarterLabel({ year: report.year, quarter: report.quarter });
  const revision = report.revision > 1 ? `（第${report.revision}次修订）` : '';
  const subject =
    report.kind === 'task'
      ? `任务${report.taskNo ?? ''} ${report.taskTitle ?? ''}`
      : report.kind === 'project'
        ? `${projectKindLabels[(report.projectKind ?? 'keyProject') as ProjectKind]}${report.projectNo ?? ''} ${report.projectTitle ?? ''}`
        : '季度工作进展情况报告';
  return {
    kind: 'report',
    refId: report.id,
    title: `${quarter} · ${subject}${revision}`,
    // Attachment names are found too (adding or removing one touches the report, so it is re-indexed).
    body: [
      report.progress,
      report.problems,
      report.nextSteps,
      report.attachmentNames ? `附件：${report.attachmentNames.split('\n').join('、')}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

function snippet(text: string, term: string): { before: string; match: string; after: string } {
  const flat = text.replace(/\s+/g, ' ');
  const index = term ? flat.indexOf(term) : -1;
  if (index < 0) return { before: '', match: '', after: flat.slice(0, contextChars * 2) };
  const start = Math.max(0, index - contextChars);
  const end = Math.min(flat.length, index + term.length + contextChars);
  return {
    before: (start > 0 ? '…' : '') + flat.slice(start, index),
    match: flat.slice(index, index + term.length),
    after: flat.slice(index + term.length, end) + (end < flat.length ? '…' : ''),
  };
}
