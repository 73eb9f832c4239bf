import type { Actor, Role } from '../../../../shared/domain/accounts';
import { auditEventLabel, type AuditEvent } from '../../../../shared/domain/audit';
import { reportMayMove } from '../../../../shared/domain/rounds';
import { LuoshiError } from '../../../../shared/errors';
import { draftedByUnit, formatChinaTime, isDrafter, personLabel, viewOf } from '../../../../shared/workflow';
import type { Clock } from '../../clock';
import type { WritableDB } from '../../db/database';
import { mayDo } from '../../policy';
import * as auditStore from '../../store/auditStore';
import * as store from '../../store/reportsStore';
import type { DbReport } from '../../store/reportsStore';
import { roundMotionOf } from '../../store/roundsStore';
import type { AuditService } from '../auditService';
import { actorRef, partyNamer, persistedOf } from '../reportContext';

/**
 * What every write to a report checks and records, shared by the content edits, attachments,
 * transitions and revisions (the pieces of ReportsService, reportsService.ts): the report exists,
 * the caller's version is current, the round lets it move, the caller may edit it, the write
 * happened, and its audit entry.
 */
export class ReportWriteGuards {
  constructor(
    readonly db: WritableDB,
    readonly clock: Clock,
    readonly audit: AuditService,
  ) {}

  mustGet(reportId: number): DbReport {
    const row = store.getReportRow(this.db, reportId);
    if (!row) throw new LuoshiError('not_found', `未找到编号为 ${reportId} 的报告。`, 'reportId');
    return row;
  }

  /** Drafting, the caller's unit drafts it, the round is open, and the version is current. */
  /** `forUnit`: a fill-in sheet of that unit, which a coordinator may import for it. */
  editable(actor: Actor, reportId: number, version: number, forUnit?: number): DbReport {
    const row = this.mustGet(reportId);
    this.checkFresh(row, version);
    this.checkRoundOpen(row);
    if (row.state !== 'drafting') {
      throw new LuoshiError('forbidden', '报告已提交，只有在起草阶段才能修改内容；如需修改，请撤回或等待退回。');
    }
    const { context } = viewOf(persistedOf(row));
    const importsForDrafter =
      forUnit !== undefined && draftedByUnit(context.drafter, forUnit) && mayDo(actor, 'fillIn.importForUnit');
    if (!isDrafter(context.drafter, actorRef(actor)) && !importsForDrafter) {
      const who =
        context.drafter.kind === 'coordinator'
          ? '工作专班'
          : `起草单位（${partyNamer(this.db)({ kind: 'unit', id: context.drafter.id })}）的经办人或负责人`;
      throw new LuoshiError('forbidden', `只有${who}可以修改该报告。`);
    }
    return row;
  }

  /** The round's rule (reportMayMove): closed rounds keep submitted reports moving, and drafting ones when carried over. */
  checkRoundOpen(row: DbReport): void {
    const round = roundMotionOf(this.db, row.round_id);
    if (round && reportMayMove(round, row.state)) return;
    if (row.state === 'drafting') {
      throw new LuoshiError(
        'forbidden',
        '该填报轮次已关闭，未提交的报告不能再起草或提交。如需补报，请工作专班重新开启本轮。',
      );
    }
    throw new LuoshiError(
      'forbidden',
      '该填报轮次已关闭，已归档的报告不能再修改或重新打开。如需更正，请工作专班重新开启本轮。',
    );
  }

  /** Refuse a change made against an older version, saying who changed it and when. */
  checkFresh(row: DbReport, version: number): void {
    if (row.version === version) return;
    const last = auditStore.lastAuditRowOfReport(this.db, row.id);
    if (!last) throw new LuoshiError('stale', '该报告已被修改，请刷新后再操作。');
    const who = personLabel(last.actor_name, last.unit_name);
    throw new LuoshiError(
      'stale',
      `该报告已由 ${who}于${formatChinaTime(last.at)} ${auditEventLabel(last.event)}，请刷新后再操作。`,
    );
  }

  mustWrite(row: DbReport, written: boolean): void {
    // Inside an immediate transaction the version was just checked, so this only fires on a bug.
    if (!written) throw new LuoshiError('stale', `报告 ${row.id} 已被修改，请刷新后再操作。`);
  }

  appendReportAudit(
    actor: Actor,
    row: DbReport,
    event: AuditEvent,
    role: Role | null,
    opinion: string,
    stateBefore: string,
    stateAfter: string,
    details: Record<string, unknown>,
  ): void {
    this.audit.append({
      actor,
      role,
      subjectType: 'report',
      subjectId: row.id,
      reportId: row.id,
      revision: row.revision,
      event,
      opinion,
      stateBefore,
      stateAfter,
      details,
    });
  }
}

/** The role in which the actor edits or submits a report they draft, for the audit entry's 角色 column. */
export function draftingRole(actor: Actor): Role | null {
  if (actor.roles.includes('clerk')) return 'clerk';
  if (actor.roles.includes('leader')) return 'leader';
  return actor.roles.includes('coordinator') ? 'coordinator' : null;
}
