import type { Actor, ActorRef } from '../../../shared/domain/accounts';
import type { AuditEntry } from '../../../shared/domain/audit';
import { taskStatusLabels } from '../../../shared/domain/ledgers';
import {
  effectiveDeadline,
  isLate,
  rateIndicator,
  type IndicatorRating,
  type IndicatorTarget,
} from '../../../shared/domain/progress';
import { comparatorSchema, projectKindLabels, projectKindSchema } from '../../../shared/domain/plan';
import {
  compiledContentSchema,
  inboxActionLabels,
  reportKindLabels,
  reportStateLabels,
  returnedReasonLabels,
  type InboxAction,
  type ReportEventType,
  type InboxItem,
  type PartyView,
  type ReportIndicator,
  type ReportView,
} from '../../../shared/domain/reports';
import { reportMayMove, type RoundRow } from '../../../shared/domain/rounds';
import { LuoshiError } from '../../../shared/errors';
import { quarterEndDate, quarterLabel, type QuarterNumber } from '../../../shared/quarters';
import {
  allowedActions,
  draftedByUnit,
  isDrafter,
  namesPerson,
  partyKey,
  viewOf,
  type Party,
  type PartyNamer,
} from '../../../shared/workflow';
import type { Clock } from '../clock';
import type { ReadableDB } from '../db/database';
import * as store from '../store/reportsStore';
import type { DbIndicatorTarget, DbReport } from '../store/reportsStore';
import { extensionsOfRound, type DbExtension } from '../store/remindersStore';
import { getRoundRow, type DbRound } from '../store/roundsStore';
import type { AuditService } from './auditService';
import { partyNamer, persistedOf } from './reportContext';
import { indicatorFromRow, targetText } from './ledgers/indicators';
import { RoundProgress } from './roundProgress';
import { actingRefOf, mayReopen, requireReadReport } from '../policy';

/**
 * Reads over reports, shaped for the screens: the report page, the inbox (待办), the round
 * overview and the timeline. Nothing here writes.
 */
export class ReportQueries {
  constructor(
    private readonly db: ReadableDB,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  get(actor: Actor, reportId: number): ReportView {
    const row = store.getReportRow(this.db, reportId);
    if (!row) throw new LuoshiError('not_found', `未找到编号为 ${reportId} 的报告。`, 'reportId');
    requireReadReport(this.db, actor, row);
    const round = this.round(row.round_id);
    const persisted = persistedOf(row);
    const { context } = viewOf(persisted);
    const nameOf = partyNamer(this.db);
    const signatures = store.signaturesOf(this.db, row.id, context.cycle);
    const acted = (stage: 'review' | 'signOff', party: Party) => {
      const sig = signatures.find((s) => s.stage === stage && s.party_kind === party.kind && s.party_id === party.id);
      return sig ? { by: sig.user_name, at: sig.signed_at, opinion: sig.opinion } : null;
    };
    const partyView =
      (stage: 'review' | 'signOff') =>
      (party: Party): PartyView => ({
        kind: party.kind,
        id: party.id,
        name: nameOf(party),
        acted: (stage === 'review' ? context.approvals : context.signatures).includes(partyKey(party))
          ? acted(stage, party)
          : null,
      });
    const indicators = this.indicators(row, round);
    const revisions = store.revisionsOf(this.db, row.round_id, row.subject_key);
    const next = revisions.find((r) => r.revision === row.revision + 1) ?? null;
    const subject = this.subject(row, round);
    const by = actingRefOf(this.db, actor, this.clock.nowIso());
    const roundOpen = round.status === 'open';
    const mayMove = reportMayMove({ status: round.status, carryOver: round.carry_over === 1 }, row.state);
    const progress = this.progress(round, row.subject_key);
    const status = progress.status(row.kind === 'project' ? 'project' : 'task', row.task_id ?? row.project_id ?? 0);
    const deadline = effectiveDeadline(round.deadline, row.drafting_unit_id, progress.extensions);
    return {
      id: row.id,
      roundId: row.round_id,
      quarterLabel: quarterLabel({ year: round.year, quarter: round.quarter }),
      kind: row.kind,
      kindLabel: reportKindLabels[row.kind],
      taskId: row.task_id,
      projectId: row.project_id,
      subjectLabel: subject.label,
      title: subject.title,
      revision: row.revision,
      previousId: row.previous_id,
      nextId: next?.id ?? null,
      state: row.state,
      stateLabel: reportStateLabels[row.state],
      version: row.version,
      content: {
        progress: row.progress,
        problems: row.problems,
        nextSteps: row.next_steps,
        completed: row.completed === 1,
        indicatorValues: indicators.map((i) => ({
          indicatorId: i.indicatorId,
          value: i.value,
          note: i.note,
          ...(i.noNewProgress ? { noNewProgress: true } : {}),
        })),
      },
      compiledContent:
        row.kind !== 'compiled' || row.content_json === null
          ? null
          : compiledContentSchema.parse(JSON.parse(row.content_json)),
      archiveNo: row.archive_no,
      draftingUnit: context.drafter.kind === 'unit' ? nameOf({ kind: 'unit', id: context.drafter.id }) : '工作专班',
      reviewers: context.reviewers.map(partyView('review')),
      signers: context.signers.map(partyView('signOff')),
      indicators,
      attachments: store.attachmentsOf(this.db, row.id).map((a) => ({
        id: a.id,
        fileName: a.file_name,
        size: a.size,
        sha256: a.sha256,
        uploadedBy: a.uploaded_by_name ?? '',
        uploadedAt: a.uploaded_at,
      })),
      status,
      statusLabel: taskStatusLabels[status],
      deadline,
      extended: deadline !== round.deadline,
      roundOpen,
      submittedAt: row.submitted_at,
      filedAt: row.filed_at,
      updatedAt: row.updated_at,
      returnedReason: row.state === 'drafting' ? context.returnedReason : null,
      returnedLabel: row.state === 'drafting' && context.returnedReason !== null ? this.returnedLabel(row.id) : null,
      canEdit: mayMove && row.state === 'drafting' && isDrafter(context.drafter, by),
      canReopen: mayMove && row.state === 'filed' && next === null && mayReopen(actor, context.drafter),
      actions: mayMove ? allowedActions(persisted, by) : [],
    };
  }

  /**
   * What awaits the caller (待办): unfiled reports the machine allows them a step on, in open
   * rounds and in closed rounds where the report may still move (reportMayMove).
   */
  inbox(actor: Actor): InboxItem[] {
    const by = actingRefOf(this.db, actor, this.clock.nowIso());
    const rounds = new Map<number, DbRound>();
    const extensionsByRound = new Map<number, Map<number, DbExtension>>();
    const items: InboxItem[] = [];
    const unfiled = store.unfiledReports(this.db);
    const titles = store.subjectTitlesOf(this.db, unfiled);
    for (const row of unfiled) {
      if (!reportMayMove({ status: row.round_status, carryOver: row.round_carry_over === 1 }, row.state)) continue;
      const persisted = persistedOf(row);
      const { context } = viewOf(persisted);
      if (!mayConcern(context, by)) continue;
      const allowed = new Set(allowedActions(persisted, by).map((a) => a.event));
      const action = inboxActionOf(row.state, allowed);
      if (!action) continue;
      let round = rounds.get(row.round_id);
      if (!round) {
        round = this.round(row.round_id);
        rounds.set(row.round_id, round);
      }
      let extensions = extensionsByRound.get(row.round_id);
      if (!extensions) {
        extensions = new Map(extensionsOfRound(this.db, row.round_id).map((e) => [e.unit_id, e]));
        extensionsByRound.set(row.round_id, extensions);
      }
      const deadline = effectiveDeadline(round.deadline, row.drafting_unit_id, extensions);
      const subject = this.subject(row, round, titles);
      items.push({
        reportId: row.id,
        version: row.version,
        roundId: row.round_id,
        quarterLabel: quarterLabel({ year: round.year, quarter: round.quarter }),
        kind: row.kind,
        subjectLabel: subject.label,
        title: subject.title,
        state: row.state,
        stateLabel: reportStateLabels[row.state],
        action,
        actionLabel: inboxActionLabels[action],
        returnedReason: row.state === 'drafting' ? context.returnedReason : null,
        returnedLabel: row.state === 'drafting' && context.returnedReason !== null ? this.returnedLabel(row.id) : null,
        deadline,
        extended: deadline !== round.deadline,
        overdue: isLate(row.first_submitted_at, deadline, this.clock.nowIso()),
        updatedAt: row.updated_at,
      });
    }
    return items;
  }

  /** One row per task and project of a round (newest revisions), with state, status and who is awaited. */
  overviewRows(roundId: number): { rows: RoundRow[]; compiledReportId: number | null } {
    const round = this.round(roundId);
    const nameOf = partyNamer(this.db);
    const rows: RoundRow[] = [];
    let compiledReportId: number | null = null;
    const progress = this.progress(round);
    const latest = store.latestReportsOfRound(this.db, roundId);
    const titles = store.subjectTitlesOf(this.db, latest);
    for (const row of latest) {
      if (row.kind === 'compiled') {
        compiledReportId = row.id;
        continue;
      }
      const { context } = viewOf(persistedOf(row));
      const subject = this.subject(row, round, titles);
      const subjectProgress = progress.subject(
        row.kind,
        row.kind === 'task' ? (row.task_id ?? 0) : (row.project_id ?? 0),
      );
      const status = subjectProgress.status;
      rows.push({
        reportId: row.id,
        version: row.version,
        kind: row.kind,
        taskId: row.task_id,
        projectId: row.project_id,
        no: subject.no,
        subjectLabel: subject.label,
        title: subject.title,
        leadUnits: context.reviewers.map(nameOf),
        revision: row.revision,
        state: row.state,
        stateLabel: reportStateLabels[row.state],
        status,
        statusLabel: taskStatusLabels[status],
        warning: subjectProgress.warning,
        awaiting: awaitingOf(row, context, nameOf),
        late: isLate(row.first_submitted_at, subjectProgress.deadline, this.clock.nowIso()),
        deadline: subjectProgress.deadline,
        extended: subjectProgress.extension !== null,
        draftingUnitId: row.drafting_unit_id,
        draftingUnit: context.drafter.kind === 'unit' ? nameOf({ kind: 'unit', id: context.drafter.id }) : null,
        archiveNo: row.archive_no,
        submittedAt: row.submitted_at,
        filedAt: row.filed_at,
      });
    }
    return { rows, compiledReportId };
  }

  /** Every entry about this report and its other revisions, oldest first. */
  timeline(reportId: number): AuditEntry[] {
    const row = store.getReportRow(this.db, reportId);
    if (!row) throw new LuoshiError('not_found', `未找到编号为 ${reportId} 的报告。`, 'reportId');
    const ids = store.revisionsOf(this.db, row.round_id, row.subject_key).map((r) => r.id);
    return this.audit.entriesOfReports(ids);
  }

  /** The progress rule over the round: what counts and each subject's status (roundProgress.ts). */
  private progress(round: DbRound, onlySubject?: string): RoundProgress {
    return new RoundProgress(this.db, round, this.clock.nowIso(), onlySubject);
  }

  /** How a report in drafting with a reason came back: the last return, objection or withdrawal. */
  private returnedLabel(reportId: number): string {
    const event = store.lastReturnEvent(this.db, reportId);
    return (event && returnedReasonLabels[event as ReportEventType]) ?? '被退回';
  }

  private round(roundId: number): DbRound {
    const round = getRoundRow(this.db, roundId);
    if (!round) throw new LuoshiError('not_found', `未找到编号为 ${roundId} 的填报轮次。`, 'roundId');
    return round;
  }

  private subject(
    row: DbReport,
    round: DbRound,
    titles: ReturnType<typeof store.subjectTitlesOf> = (kind, id) => store.subjectTitle(this.db, kind, id),
  ): { no: number | null; label: string; title: string } {
    if (row.kind === 'compiled') {
      const label = `${quarterLabel({ year: round.year, quarter: round.quarter })}工作进展情况报告`;
      return { no: null, label: '季度报告', title: label };
    }
    const subject = titles(row.kind, row.kind === 'task' ? row.task_id : row.project_id);
    if (!subject) return { no: null, label: row.subject_key, title: '' };
    if (row.kind === 'task') return { no: subject.no, label: `任务${subject.no}`, title: subject.title };
    const kind = projectKindSchema.safeParse(subject.projectKind);
    return {
      no: subject.no,
      label: `${kind.success ? projectKindLabels[kind.data] : '项目'}${subject.no}`,
      title: subject.title,
    };
  }

  private indicators(row: DbReport, round: DbRound): ReportIndicator[] {
    if (row.task_id === null) return [];
    const values = new Map(store.indicatorValuesOf(this.db, row.id).map((v) => [v.indicator_id, v]));
    const marked = store.noNewProgressOf(row);
    const asOf = quarterEndDate({ year: round.year, quarter: round.quarter as QuarterNumber });
    return store.indicatorsOfTask(this.db, row.task_id).map((i) => {
      const reported = values.get(i.id);
      const value = reported?.value ?? null;
      return {
        indicatorId: i.id,
        metric: i.metric,
        comparator: i.comparator,
        // The same words as the ledgers and the Word documents: ≥ 6个（2025年）.
        target: targetText(indicatorFromRow(i, row.task_id ?? 0)),
        unit: i.unit,
        baselineValue: i.baseline_value,
        baselineYear: i.baseline_year,
        year: i.year,
        value,
        note: reported?.note ?? '',
        noNewProgress: value === null && marked.has(i.id),
        targetValue: i.value,
        targetValue2: i.value2,
        ...paceOf(toTarget(i), value, asOf),
      };
    });
  }
}

/** The progress rule's view of one value of this revision (the editor's own view of its draft). */
function paceOf(
  target: IndicatorTarget,
  value: number | null,
  asOf: string,
): { lagging: boolean; expected: number | null; rating: IndicatorRating } {
  const { expected, rating } = rateIndicator(target, value, asOf);
  return { lagging: rating === 'lagging', expected, rating };
}

export function toTarget(i: DbIndicatorTarget): IndicatorTarget {
  return {
    comparator: comparatorSchema.parse(i.comparator),
    value: i.value,
    value2: i.value2,
    year: i.year,
    baseYear: i.base_year,
    baselineValue: i.baseline_value,
    baselineYear: i.baseline_year,
  };
}

/** A cheap pre-filter: could this actor be expected to act on the report at all? */
function mayConcern(context: ReturnType<typeof viewOf>['context'], by: ActorRef): boolean {
  if (by.roles.includes('coordinator')) return true;
  if (draftedByUnit(context.drafter, by.unitId)) return true;
  const people = [by, ...(by.actingFor ?? [])];
  const mine = (p: Party) => people.some((who) => namesPerson(p, who));
  return context.reviewers.some(mine) || context.signers.some(mine);
}

function inboxActionOf(state: DbReport['state'], allowed: Set<string>): InboxAction | null {
  if (state === 'drafting' && allowed.has('report.submit')) return 'draft';
  if (state === 'leadReview' && allowed.has('report.approve')) return 'review';
  if (state === 'signOff' && allowed.has('report.sign')) return 'signOff';
  if (state === 'filing' && allowed.has('report.file')) return 'file';
  return null;
}

export function awaitingOf(row: DbReport, context: ReturnType<typeof viewOf>['context'], nameOf: PartyNamer): string[] {
  switch (row.state) {
    case 'drafting':
      return [context.drafter.kind === 'unit' ? nameOf({ kind: 'unit', id: context.drafter.id }) : '工作专班'];
    case 'leadReview':
      return context.reviewers.filter((p) => !context.approvals.includes(partyKey(p))).map(nameOf);
    case 'signOff':
      return context.signers.filter((p) => !context.signatures.includes(partyKey(p))).map(nameOf);
    case 'filing':
      return ['工作专班'];
    case 'filed':
      return [];
  }
}
