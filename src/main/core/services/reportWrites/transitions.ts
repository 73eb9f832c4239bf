import { filedRecordOf } from '../../audit/filedRecord';
import type { Actor, ActorRef, Role } from '../../../../shared/domain/accounts';
import {
  submitGaps,
  submitGapsMessage,
  type ReportEventType,
  type TransitionInput,
} from '../../../../shared/domain/reports';
import { LuoshiError } from '../../../../shared/errors';
import {
  actingPartyOf,
  explainRefusal,
  reportEventOf,
  reportEventTable,
  stepReport,
  type Party,
  type ReportEvent,
} from '../../../../shared/workflow';
import { inTransaction } from '../../db/database';
import { actingRefOf } from '../../policy';
import * as auditStore from '../../store/auditStore';
import * as store from '../../store/reportsStore';
import type { DbReport } from '../../store/reportsStore';
import { issuersOf, onBehalfOf } from '../delegatedSteps';
import { checkIndicatorValues } from '../indicatorValues';
import { partyNamer, persistedOf } from '../reportContext';
import type { ArchiveNumbers } from './archiveNumbers';
import { draftingRole, type ReportWriteGuards } from './guards';

/**
 * Lifecycle steps: the machine decides (shared/workflow), this records what it decided: the
 * signature of the party acted for, the new snapshot and its copied columns, the audit entry.
 */
export class ReportTransitions {
  constructor(
    private readonly guards: ReportWriteGuards,
    private readonly archiveNumbers: ArchiveNumbers,
  ) {}

  private get db() {
    return this.guards.db;
  }

  private get clock() {
    return this.guards.clock;
  }

  /**
   * One lifecycle step. Returns the report's new version. The same step sent twice from the same
   * version by the same person (a double click, a retried request) is done once: the repeat
   * answers with the version the first one produced instead of a stale-version refusal.
   */
  transition(actor: Actor, input: TransitionInput): number {
    return inTransaction(this.db, () => {
      const row = this.guards.mustGet(input.reportId);
      if (this.isRepeatOfLastStep(actor, row, input)) return row.version;
      this.guards.checkFresh(row, input.version);
      this.guards.checkRoundOpen(row);
      const persisted = persistedOf(row);
      // With the leaders the caller stands in for under an active 委托: the machine decides.
      const by = actingRefOf(this.db, actor, this.clock.nowIso());
      const opinion = input.opinion?.trim() ?? '';
      let event = this.eventOf(input.event, by, opinion, '');
      if (input.event === 'report.file') {
        // Take a number only when filing is allowed; a refused file must not use one up.
        if (stepReport(persisted, event).ok)
          event = this.eventOf(input.event, by, opinion, this.archiveNumbers.nextArchiveNo(row.kind));
      }
      const result = stepReport(persisted, event);
      if (!result.ok) {
        throw new LuoshiError(
          'forbidden',
          explainRefusal(result.before, input.event, by, partyNamer(this.db), opinion.length > 0),
        );
      }
      if (input.event === 'report.submit' && row.kind !== 'compiled') {
        this.checkSubmittable(row);
        checkIndicatorValues(
          this.db,
          row.task_id,
          store
            .indicatorValuesOf(this.db, row.id)
            .map((v) => ({ indicatorId: v.indicator_id, value: v.value, note: v.note })),
          'submit',
          '',
        );
      }
      const now = this.clock.nowIso();
      const { before, after } = result;
      // The party this step is for, as the machine's guards chose it: an approval or a signature
      // is recorded for it; a return or objection only names whom the actor stood in for.
      const acting = actingPartyOf(before.context, event);
      const onBehalf = onBehalfOf(this.db, actor, by, acting?.party ?? null);
      const signs = input.event === 'report.approve' || input.event === 'report.sign';
      const party: Party | null = signs && acting ? acting.party : null;
      if (acting && party) {
        store.insertSignature(this.db, {
          report_id: row.id,
          cycle: after.context.cycle,
          stage: acting.stage,
          party_kind: party.kind,
          party_id: party.id,
          user_id: actor.userId,
          on_behalf_of: onBehalf?.leaderId ?? null,
          opinion,
          signed_at: now,
        });
      }
      const submitted = input.event === 'report.submit';
      this.guards.mustWrite(
        row,
        store.updateReportState(
          this.db,
          row.id,
          input.version,
          {
            state: after.state,
            snapshotJson: JSON.stringify(result.persisted),
            archiveNo: after.context.archiveNo,
            draftingUnitId: row.drafting_unit_id,
            firstSubmittedAt: row.first_submitted_at ?? (submitted ? now : null),
            submittedAt: submitted ? now : after.state === 'drafting' ? null : row.submitted_at,
            filedAt: after.state === 'filed' ? now : null,
          },
          now,
        ),
      );
      this.guards.appendReportAudit(
        onBehalf?.actor ?? actor,
        row,
        input.event,
        roleFor(input.event, actor),
        opinion,
        before.state,
        after.state,
        {
          cycle: after.context.cycle,
          ...(party ? { party: `${party.kind}:${party.id}` } : {}),
          ...(onBehalf ? { onBehalfOf: { userId: onBehalf.leaderId, name: onBehalf.leaderName } } : {}),
          // 签发人 of the 上行文: who signed the compiled report off, recorded as it is filed.
          ...(input.event === 'report.file' && row.kind === 'compiled'
            ? { issuers: issuersOf(this.db, row.id, after.context.cycle) }
            : {}),
          ...(after.context.archiveNo && input.event === 'report.file' ? { archiveNo: after.context.archiveNo } : {}),
          // What was filed, as the tables now hold it: `audit verify` recomputes it (core/audit/filedRecord.ts).
          ...(input.event === 'report.file' && after.state === 'filed'
            ? { filed: filedRecordOf(this.db, row.id) }
            : {}),
        },
      );
      return row.version + 1;
    });
  }

  /** The machine's event for a request: the opinion is the reason or the opinion; the archive number only once taken. */
  private eventOf(type: ReportEventType, by: ActorRef, opinion: string, archiveNo: string): ReportEvent {
    return reportEventOf(type, by, reportEventTable[type].payload === 'archiveNo' ? archiveNo || undefined : opinion);
  }

  /** Refuse to submit a task or project report without progress text or with indicators left open. */
  private checkSubmittable(row: DbReport): void {
    const marked = store.noNewProgressOf(row);
    const values = store.indicatorValuesOf(this.db, row.id).map((v) => ({
      indicatorId: v.indicator_id,
      value: v.value,
      note: v.note,
      noNewProgress: marked.has(v.indicator_id),
    }));
    for (const id of marked)
      if (!values.some((v) => v.indicatorId === id))
        values.push({ indicatorId: id, value: null, note: '', noNewProgress: true });
    const due =
      row.task_id === null
        ? []
        : store.indicatorsOfTask(this.db, row.task_id).map((i) => ({ indicatorId: i.id, metric: i.metric }));
    const gaps = submitGaps({ progress: row.progress, indicatorValues: values }, due);
    if (gaps.length > 0) throw new LuoshiError('invalid_input', submitGapsMessage(gaps), 'content');
  }

  /**
   * Did this very step just happen? Every write to a report raises its version by one and appends
   * one audit entry, so a report one version past the caller's, whose last entry is this event by
   * this user with this opinion, is the caller's own step arriving twice.
   */
  private isRepeatOfLastStep(actor: Actor, row: DbReport, input: TransitionInput): boolean {
    if (row.version !== input.version + 1) return false;
    const last = auditStore.lastAuditRowOfReport(this.db, row.id);
    return (
      last !== null &&
      last.event === input.event &&
      last.user_id === actor.userId &&
      last.opinion === (input.opinion?.trim() ?? '')
    );
  }
}

/** The role in which the actor did it, for the audit entry's 角色 column. */
function roleFor(event: ReportEventType, actor: Actor): Role | null {
  const actedAs = reportEventTable[event].actedAs;
  return actedAs === 'drafter' ? draftingRole(actor) : actedAs;
}
