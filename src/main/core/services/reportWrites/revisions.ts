import type { Actor, Role } from '../../../../shared/domain/accounts';
import type { CompiledContent, ReportKind } from '../../../../shared/domain/reports';
import { LuoshiError } from '../../../../shared/errors';
import {
  initialReportSnapshot,
  reportMachineId,
  reportMachineVersion,
  viewOf,
  type Drafter,
  type Party,
} from '../../../../shared/workflow';
import { inTransaction } from '../../db/database';
import { mayReopen } from '../../policy';
import * as store from '../../store/reportsStore';
import type { DbReport } from '../../store/reportsStore';
import { persistedOf } from '../reportContext';
import { draftingRole, type ReportWriteGuards } from './guards';

export interface NewReportSpec {
  roundId: number;
  kind: ReportKind;
  subjectKey: string;
  taskId: number | null;
  projectId: number | null;
  drafter: Drafter;
  reviewers: Party[];
  signers: Party[];
  compiledContent?: CompiledContent;
}

/** Revisions: a report created in drafting (when a round opens), and a filed one reopened as the next revision. */
export class ReportRevisions {
  constructor(private readonly guards: ReportWriteGuards) {}

  /** Create a report in drafting. Call inside the round-opening transaction. */
  createReport(spec: NewReportSpec, revision = 1, previous: DbReport | null = null): number {
    const { db } = this.guards;
    const now = this.guards.clock.nowIso();
    const snapshot = initialReportSnapshot({ drafter: spec.drafter, reviewers: spec.reviewers, signers: spec.signers });
    const id = store.insertReport(db, {
      round_id: spec.roundId,
      kind: spec.kind,
      subject_key: spec.subjectKey,
      task_id: spec.taskId,
      project_id: spec.projectId,
      revision,
      previous_id: previous?.id ?? null,
      state: 'drafting',
      machine_id: reportMachineId,
      machine_version: reportMachineVersion,
      snapshot_json: JSON.stringify(snapshot),
      version: 1,
      drafting_unit_id: spec.drafter.kind === 'unit' ? spec.drafter.id : null,
      progress: previous?.progress ?? '',
      problems: previous?.problems ?? '',
      next_steps: previous?.next_steps ?? '',
      completed: previous?.completed ?? 0,
      content_json: previous?.content_json ?? (spec.compiledContent ? JSON.stringify(spec.compiledContent) : null),
      archive_no: null,
      first_submitted_at: previous?.first_submitted_at ?? null,
      submitted_at: null,
      filed_at: null,
      created_at: now,
      updated_at: now,
    });
    store.insertParties(db, [
      ...spec.reviewers.map((p, i) => ({
        report_id: id,
        stage: 'review' as const,
        party_kind: p.kind,
        party_id: p.id,
        position: i,
      })),
      ...spec.signers.map((p, i) => ({
        report_id: id,
        stage: 'signOff' as const,
        party_kind: p.kind,
        party_id: p.id,
        position: i,
      })),
    ]);
    return id;
  }

  /**
   * A filed report never changes: a correction reopens it as a new revision in drafting, with
   * the same content and parties, while the filed revision and its history stay as they were.
   */
  reopen(actor: Actor, reportId: number, version: number, reason: string): number {
    const { db } = this.guards;
    if (reason.trim().length === 0) throw new LuoshiError('invalid_input', '重新打开报告时必须填写理由。', 'reason');
    return inTransaction(db, () => {
      const row = this.guards.mustGet(reportId);
      this.guards.checkFresh(row, version);
      this.guards.checkRoundOpen(row);
      if (row.state !== 'filed') throw new LuoshiError('forbidden', '只有已归档的报告可以重新打开为新修订。');
      const revisions = store.revisionsOf(db, row.round_id, row.subject_key);
      if (revisions[revisions.length - 1]?.id !== row.id) {
        throw new LuoshiError('conflict', '该报告已有更新的修订，请在最新修订上操作。');
      }
      const { context } = viewOf(persistedOf(row));
      if (!mayReopen(actor, context.drafter)) {
        throw new LuoshiError('forbidden', '只有起草单位或工作专班可以重新打开已归档的报告。');
      }
      const id = this.createReport(
        {
          roundId: row.round_id,
          kind: row.kind,
          subjectKey: row.subject_key,
          taskId: row.task_id,
          projectId: row.project_id,
          drafter: context.drafter,
          reviewers: context.reviewers,
          signers: context.signers,
        },
        row.revision + 1,
        row,
      );
      const values = store.indicatorValuesOf(db, row.id);
      store.replaceIndicatorValues(
        db,
        id,
        values.map((v) => ({ indicatorId: v.indicator_id, value: v.value, note: v.note })),
      );
      store.copyAttachments(db, row.id, id);
      const created = this.guards.mustGet(id);
      this.guards.appendReportAudit(
        actor,
        created,
        'report.reopen',
        reopenRole(actor),
        reason.trim(),
        'filed',
        'drafting',
        {
          previousId: row.id,
          previousArchiveNo: row.archive_no,
        },
      );
      return id;
    });
  }
}

function reopenRole(actor: Actor): Role | null {
  return actor.roles.includes('coordinator') ? 'coordinator' : draftingRole(actor);
}
