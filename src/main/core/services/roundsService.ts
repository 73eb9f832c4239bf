import type { Actor } from '../../../shared/domain/accounts';
import { taskStatuses, type TaskStatus } from '../../../shared/domain/ledgers';
import { countWarnings, unitWarnings } from '../../../shared/domain/progress';
import { reportStateLabels, reportStates, type ReportState } from '../../../shared/domain/reports';
import {
  chinaDate,
  roundDeadlineProblem,
  roundQuarterProblem,
  roundStatusLabels,
  roundWarningSchema,
  roundWindow,
  type CloseMode,
  type ClosePreview,
  type ExtendInput,
  type ExtensionEntity,
  type OpenRoundInput,
  type PendingReport,
  type RoundEntity,
  type RoundOverview,
  type RoundWarning,
  type RoundWindow,
} from '../../../shared/domain/rounds';
import { workflowReadiness, type Readiness, type ReadinessUnit } from '../../../shared/domain/readiness';
import { LuoshiError } from '../../../shared/errors';
import { quarterLabel, type Quarter, type QuarterNumber } from '../../../shared/quarters';
import { viewOf, type Drafter, type Party } from '../../../shared/workflow';
import type { Clock } from '../clock';
import { inTransaction, type WritableDB } from '../db/database';
import type { AttachmentStore } from '../files/attachmentStore';
import { compiledReportOfRound, latestReportsOfRound } from '../store/reportsStore';
import { deleteExtension, extensionsOfRound, upsertExtension } from '../store/remindersStore';
import * as rounds from '../store/roundsStore';
import type { DbRound, SubjectUnits } from '../store/roundsStore';
import { getSetting, setSetting } from '../store/settingsStore';
import { listUsers, usersWithRoles } from '../store/usersStore';
import type { AuditService } from './auditService';
import { authorize, type ReadScope } from '../policy';
import { reminderSummaries } from './supervisionService';
import { partyNamer, persistedOf } from './reportContext';
import { awaitingOf, type ReportQueries } from './reportQueries';
import type { ReportsService } from './reportsService';

/**
 * The years rounds may be opened for, when the plan's own text does not give them right (a
 * simulated district with ten years of history, a plan without a document number):
 * `{"from": 2016, "to": 2035}`. Without it the period comes from the plan.
 */
const roundPeriodSetting = { key: 'rounds.period' } as const;

/** Widen the period rounds may be opened for, so it covers `from`..`to` (the demo and the bench). */
export function widenRoundPeriod(db: WritableDB, from: number, to: number): void {
  const period = planPeriod(db);
  if ((period.from === null || period.from <= from) && (period.to === null || period.to >= to)) return;
  const next = { from: Math.min(from, period.from ?? from), to: Math.max(to, period.to ?? to) };
  setSetting(db, roundPeriodSetting.key, JSON.stringify(next));
}

/**
 * The plan's period: the setting if present, else from the year in the plan's document number
 * (郑经管政〔2023〕32号 → 2023) with no end of its own: plans set goals far ahead (到2035年) and
 * their targets do not mark an end, so only "not after the next quarter" bounds the future.
 */
function planPeriod(db: WritableDB): { from: number | null; to: number | null } {
  const setting = getSetting(db, roundPeriodSetting.key);
  if (setting) {
    const parsed = JSON.parse(setting) as { from?: unknown; to?: unknown };
    return {
      from: typeof parsed.from === 'number' ? parsed.from : null,
      to: typeof parsed.to === 'number' ? parsed.to : null,
    };
  }
  const docNumber = rounds.currentPlanDocNumber(db);
  const issued = docNumber ? /〔(\d{4})〕/.exec(docNumber) : null;
  return { from: issued ? Number(issued[1]) : null, to: null };
}

export interface CloseRoundOptions {
  /** File every report waiting to be filed (待归档) as part of closing. */
  fileReady: boolean;
  remaining: CloseMode;
}

/** The units that review the compiled quarterly report, by name; an administrator may change the setting. */
export const compiledReviewUnitsSetting = {
  key: 'compiled.reviewUnits',
  fallback: ['区经济发展局', '区党群工作部（妇联）'],
} as const;

/**
 * Reporting rounds: opening one creates a report per task and project of the current plan, with
 * its lead units (reviewers) and responsible units (signers) fixed at that moment; collective
 * groups (各办事处) are expanded to their members.
 */
export class RoundsService {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly reports: ReportsService,
    private readonly queries: ReportQueries,
    private readonly attachments: AttachmentStore,
  ) {}

  /** The quarters a round may be opened for now. */
  window(): RoundWindow {
    return roundWindow(planPeriod(this.db), this.clock.now());
  }

  private checkQuarterAndDeadline(quarter: Quarter, deadline: string): void {
    const problem = roundQuarterProblem(quarter, this.window());
    if (problem) throw new LuoshiError('invalid_input', problem, 'year');
    const late = roundDeadlineProblem(quarter, deadline);
    if (late) throw new LuoshiError('invalid_input', late, 'deadline');
  }

  list(): RoundEntity[] {
    return rounds.listRoundRows(this.db).map(toRound);
  }

  get(roundId: number): RoundEntity {
    return toRound(this.mustGet(roundId));
  }

  open(actor: Actor, input: OpenRoundInput): RoundEntity {
    authorize(actor, 'rounds.open');
    const quarter = { year: input.year, quarter: input.quarter as QuarterNumber };
    const label = quarterLabel(quarter);
    const id = inTransaction(this.db, () => {
      this.checkQuarterAndDeadline(quarter, input.deadline);
      if (rounds.roundIdByQuarter(this.db, input.year, input.quarter) !== null) {
        throw new LuoshiError('conflict', `${label}的填报轮次已经开启过，不能重复开启。`);
      }
      const tasks = rounds.activeTasksWithUnits(this.db);
      const projects = rounds.activeProjectsWithUnits(this.db);
      if (tasks.length === 0 && projects.length === 0) {
        throw new LuoshiError('conflict', '尚未导入工作方案，没有可填报的任务。请先导入方案。');
      }
      const members = rounds.groupMembers(this.db);
      const warnings: RoundWarning[] = [];
      const planned = [
        ...tasks.map((s) => ({ s, kind: 'task' as const, label: `任务${s.no}「${s.title}」` })),
        ...projects.map((s) => ({ s, kind: 'project' as const, label: `项目${s.no}「${s.title}」` })),
      ].map((p) => ({ ...p, parties: participants(p.s, members, p.label, warnings) }));
      const roundId = rounds.insertRound(
        this.db,
        { year: input.year, quarter: input.quarter, deadline: input.deadline, openedBy: actor.userId, warnings },
        this.clock.nowIso(),
      );
      let created = 0;
      const withoutLead: string[] = [];
      let fallbackReviewers: Party[] | null = null;
      for (const p of planned) {
        const first = p.parties.reviewers[0];
        let drafter: Drafter = first ? { kind: 'unit', id: first.id } : { kind: 'coordinator' };
        let reviewers = p.parties.reviewers;
        if (!first) {
          // The plan names no lead unit (the seed's 重点工程 and 品牌活动 list none): the task force
          // drafts it and the coordinating units review it, as for the compiled report.
          try {
            fallbackReviewers ??= this.compiledReviewers();
          } catch {
            warnings.push({
              code: 'no_lead_unit',
              message: `${p.label}没有牵头单位，且单位目录中没有统筹协调单位，未生成报告。`,
            });
            continue;
          }
          drafter = { kind: 'coordinator' };
          reviewers = fallbackReviewers;
          withoutLead.push(p.label);
        }
        this.reports.createReport({
          roundId,
          kind: p.kind,
          subjectKey: `${p.kind}:${p.s.id}`,
          taskId: p.kind === 'task' ? p.s.id : null,
          projectId: p.kind === 'project' ? p.s.id : null,
          drafter,
          reviewers,
          signers: p.parties.signers.filter((s) => !reviewers.some((r) => r.kind === s.kind && r.id === s.id)),
        });
        created += 1;
      }
      if (withoutLead.length > 0) {
        warnings.push({
          code: 'no_lead_unit',
          message: `${withoutLead.length} 项未列牵头单位，由工作专班起草、统筹协调单位审核：${withoutLead.join('、')}。`,
        });
      }
      rounds.setRoundWarnings(this.db, roundId, warnings);
      this.audit.append({
        actor,
        role: 'coordinator',
        subjectType: 'round',
        subjectId: roundId,
        event: 'round.open',
        opinion: `${label}，截止日期 ${input.deadline}`,
        details: {
          year: input.year,
          quarter: input.quarter,
          deadline: input.deadline,
          reports: created,
          warnings: warnings.length,
        },
      });
      return roundId;
    });
    return this.get(id);
  }

  /** What is still open in the round: every report not filed, with who must act next. */
  closePreview(actor: Actor, roundId: number): ClosePreview {
    authorize(actor, 'rounds.close');
    const round = this.get(roundId);
    const counts = Object.fromEntries(reportStates.map((s) => [s, 0])) as Record<ReportState, number>;
    const pending = this.pendingReports(roundId);
    for (const p of pending) counts[p.state] += 1;
    return { round, counts, pending };
  }

  /**
   * Close the round. With `fileReady`, every report waiting to be filed is filed first, in the
   * same transaction. Submitted reports keep moving after closing (reportMayMove); drafting
   * ones stay writable only when carried over.
   */
  close(
    actor: Actor,
    roundId: number,
    options: CloseRoundOptions = { fileReady: false, remaining: 'leaveUnfinished' },
  ): RoundEntity {
    authorize(actor, 'rounds.close');
    inTransaction(this.db, () => {
      const round = this.mustGet(roundId);
      if (round.status === 'closed') throw new LuoshiError('conflict', '该填报轮次已经关闭。');
      const filed: number[] = [];
      if (options.fileReady) {
        for (const row of latestReportsOfRound(this.db, roundId)) {
          if (row.state !== 'filing') continue;
          this.reports.transition(actor, { reportId: row.id, version: row.version, event: 'report.file' });
          filed.push(row.id);
        }
      }
      const pending = this.pendingReports(roundId);
      const carryOver = options.remaining === 'carryOver';
      rounds.closeRoundRow(this.db, roundId, actor.userId, this.clock.nowIso(), carryOver);
      const byState = Object.fromEntries(
        reportStates.filter((s) => s !== 'filed').map((s) => [s, pending.filter((p) => p.state === s).length]),
      );
      const opinion = [
        filed.length > 0 ? `随关闭归档 ${filed.length} 份` : '',
        pending.length > 0 ? `${pending.length} 份报告未办结，${carryOver ? '延续办理' : '保留为未完成'}` : '',
      ]
        .filter(Boolean)
        .join('；');
      this.audit.append({
        actor,
        role: 'coordinator',
        subjectType: 'round',
        subjectId: roundId,
        event: 'round.close',
        opinion,
        details: {
          fileReady: options.fileReady,
          remaining: options.remaining,
          filed: filed.length,
          unfinished: byState,
        },
      });
    });
    return this.get(roundId);
  }

  /** Reopen a closed round (the coordinator, with a reason): its reports can be drafted and moved again. */
  reopen(actor: Actor, roundId: number, reason: string): RoundEntity {
    authorize(actor, 'rounds.reopen');
    const why = reason.trim();
    if (why.length === 0)
      throw new LuoshiError('invalid_input', '重新开启填报轮次必须填写理由，理由会记入审计记录。', 'reason');
    inTransaction(this.db, () => {
      const round = this.mustGet(roundId);
      if (round.status === 'open')
        throw new LuoshiError('conflict', `${labelOf(round)}的填报轮次没有关闭，无需重新开启。`);
      rounds.reopenRoundRow(this.db, roundId);
      this.audit.append({
        actor,
        role: 'coordinator',
        subjectType: 'round',
        subjectId: roundId,
        event: 'round.reopen',
        opinion: why,
        details: { closedAt: round.closed_at },
      });
    });
    return this.get(roundId);
  }

  /** Move the round's deadline; the same rule as opening applies. */
  setDeadline(actor: Actor, roundId: number, deadline: string): RoundEntity {
    authorize(actor, 'rounds.setDeadline');
    inTransaction(this.db, () => {
      const round = this.mustGet(roundId);
      const problem = roundDeadlineProblem({ year: round.year, quarter: round.quarter as QuarterNumber }, deadline);
      if (problem) throw new LuoshiError('invalid_input', problem, 'deadline');
      if (round.deadline === deadline) return;
      rounds.setRoundDeadline(this.db, roundId, deadline);
      this.audit.append({
        actor,
        role: 'coordinator',
        subjectType: 'round',
        subjectId: roundId,
        event: 'round.deadline',
        opinion: `${labelOf(round)}报送截止日期由 ${chinaDate(round.deadline)} 改为 ${chinaDate(deadline)}`,
        details: { before: round.deadline, after: deadline },
      });
    });
    return this.get(roundId);
  }

  /**
   * 延期: give one unit its own deadline in the round, later than the round's, with a reason
   * (audited). Its reports are judged against it (effectiveDeadline); a new grant replaces the old.
   */
  extend(actor: Actor, input: ExtendInput): ExtensionEntity {
    authorize(actor, 'rounds.extend');
    const why = input.reason.trim();
    if (why.length === 0) throw new LuoshiError('invalid_input', '延期必须填写理由，理由会记入审计记录。', 'reason');
    inTransaction(this.db, () => {
      const round = this.mustGet(input.roundId);
      const unitName = rounds.unitNames(this.db).get(input.unitId);
      if (unitName === undefined) throw new LuoshiError('not_found', `未找到编号为 ${input.unitId} 的单位。`, 'unitId');
      const problem = roundDeadlineProblem(
        { year: round.year, quarter: round.quarter as QuarterNumber },
        input.deadline,
      );
      if (problem) throw new LuoshiError('invalid_input', problem, 'deadline');
      if (input.deadline <= round.deadline) {
        throw new LuoshiError(
          'invalid_input',
          `延期后的截止日期应晚于本轮截止日期 ${chinaDate(round.deadline)}，${chinaDate(input.deadline)} 不晚于它。如要提前全部单位的截止日期，请修改本轮截止日期。`,
          'deadline',
        );
      }
      const before = extensionsOfRound(this.db, input.roundId).find((e) => e.unit_id === input.unitId) ?? null;
      upsertExtension(
        this.db,
        {
          roundId: input.roundId,
          unitId: input.unitId,
          deadline: input.deadline,
          reason: why,
          grantedBy: actor.userId,
        },
        this.clock.nowIso(),
      );
      this.audit.append({
        actor,
        role: 'coordinator',
        subjectType: 'round',
        subjectId: input.roundId,
        event: 'round.extend',
        opinion: `${unitName}${labelOf(round)}报送截止日期延至 ${chinaDate(input.deadline)}：${why}`,
        details: {
          unitId: input.unitId,
          unit: unitName,
          before: before?.deadline ?? round.deadline,
          after: input.deadline,
        },
      });
    });
    const granted = this.extensions(input.roundId).find((e) => e.unitId === input.unitId);
    if (!granted) throw new LuoshiError('conflict', '延期没有保存，请重试。');
    return granted;
  }

  /**
   * Take back a unit's 延期 (audited, with a reason): its reports are judged against the round's
   * deadline again, so they may turn overdue at once.
   */
  cancelExtension(actor: Actor, input: { roundId: number; unitId: number; reason: string }): ExtensionEntity[] {
    authorize(actor, 'rounds.cancelExtension');
    const why = input.reason.trim();
    if (why.length === 0)
      throw new LuoshiError('invalid_input', '取消延期必须填写理由，理由会记入审计记录。', 'reason');
    inTransaction(this.db, () => {
      const round = this.mustGet(input.roundId);
      const granted = extensionsOfRound(this.db, input.roundId).find((e) => e.unit_id === input.unitId);
      if (!granted)
        throw new LuoshiError(
          'not_found',
          `${labelOf(round)}没有给编号为 ${input.unitId} 的单位延期，无需取消。请刷新轮次总览后再试。`,
          'unitId',
        );
      deleteExtension(this.db, input.roundId, input.unitId);
      this.audit.append({
        actor,
        role: 'coordinator',
        subjectType: 'round',
        subjectId: input.roundId,
        event: 'round.extend.cancel',
        opinion: `取消${granted.unit_name}${labelOf(round)}延期（原延至 ${chinaDate(granted.deadline)}），恢复本轮截止日期 ${chinaDate(round.deadline)}：${why}`,
        details: { unitId: input.unitId, unit: granted.unit_name, before: granted.deadline, after: round.deadline },
      });
    });
    return this.extensions(input.roundId);
  }

  /** A unit's id by its name or alias, or null. */
  unitIdByName(name: string): number | null {
    return rounds.unitIdByNameOrAlias(this.db, name);
  }

  /** The extensions (延期) granted in a round, by unit name. */
  extensions(roundId: number): ExtensionEntity[] {
    return extensionsOfRound(this.db, roundId).map((e) => ({
      unitId: e.unit_id,
      unitName: e.unit_name,
      deadline: e.deadline,
      reason: e.reason,
      grantedBy: e.granted_by_name ?? '系统',
      grantedAt: e.granted_at,
    }));
  }

  /**
   * Delete a round opened by mistake, with its reports, their values, parties, signatures,
   * attachments and search entries, in one transaction; refused once any report was submitted.
   * Attachment files nothing else refers to are removed after the commit.
   */
  delete(actor: Actor, roundId: number): { reports: number; attachments: number } {
    authorize(actor, 'rounds.delete');
    const result = inTransaction(this.db, () => {
      const round = this.mustGet(roundId);
      const label = labelOf(round);
      const submitted = rounds.submittedReportCount(this.db, roundId);
      if (submitted > 0) {
        throw new LuoshiError(
          'conflict',
          `${label}已有 ${submitted} 份报告提交过，不能删除该轮次（提交记录须保留）。如是开错了轮次，请关闭它；如截止日期有误，请修改截止日期。`,
        );
      }
      const deleted = rounds.deleteRoundRows(this.db, roundId);
      this.audit.append({
        actor,
        role: 'coordinator',
        subjectType: 'round',
        subjectId: roundId,
        event: 'round.delete',
        opinion: `${label}（截止日期 ${round.deadline}）`,
        details: {
          year: round.year,
          quarter: round.quarter,
          deadline: round.deadline,
          reports: deleted.reports,
          attachments: deleted.attachments,
        },
      });
      if (this.attachments.transactional) for (const name of deleted.orphanFiles) this.attachments.remove(name);
      return deleted;
    });
    // Best effort: a file left behind is only disk space; the rows are gone either way.
    if (!this.attachments.transactional) for (const name of result.orphanFiles) this.attachments.remove(name);
    return { reports: result.reports, attachments: result.attachments };
  }

  private pendingReports(roundId: number): PendingReport[] {
    const overview = this.queries.overviewRows(roundId);
    const pending: PendingReport[] = overview.rows
      .filter((r) => r.state !== 'filed')
      .map((r) => ({
        reportId: r.reportId,
        subjectLabel: r.subjectLabel,
        title: r.title,
        state: r.state,
        stateLabel: r.stateLabel,
        awaiting: r.awaiting,
      }));
    const compiled = compiledReportOfRound(this.db, roundId);
    if (compiled && compiled.state !== 'filed') {
      const { context } = viewOf(persistedOf(compiled));
      const awaiting = awaitingOf(compiled, context, partyNamer(this.db));
      pending.push({
        reportId: compiled.id,
        subjectLabel: '季度报告',
        title: `${labelOf(this.mustGet(roundId))}工作进展情况报告`,
        state: compiled.state,
        stateLabel: reportStateLabels[compiled.state],
        awaiting,
      });
    }
    // What someone is already working on first (待归档, 会签, 审核), then what was never submitted.
    const rank: Record<ReportState, number> = { filing: 0, signOff: 1, leadReview: 2, drafting: 3, filed: 4 };
    return pending.sort((a, b) => rank[a.state] - rank[b.state]);
  }

  /** `scope`: what the caller may read (policy/reads.ts); null shows everything. */
  overview(roundId: number, scope: ReadScope | null = null): RoundOverview {
    const round = this.get(roundId);
    const all = this.queries.overviewRows(roundId);
    const rows = scope === null ? all.rows : all.rows.filter((r) => scope.report(r.reportId));
    const compiledReportId =
      all.compiledReportId !== null && (scope === null || scope.report(all.compiledReportId))
        ? all.compiledReportId
        : null;
    const extensions = this.extensions(roundId).filter((e) => scope === null || scope.unit(e.unitId));
    const reminders = reminderSummaries(this.db, roundId).filter((r) => scope === null || scope.unit(r.unitId));
    const countsByState = Object.fromEntries(reportStates.map((s) => [s, 0])) as Record<ReportState, number>;
    const countsByStatus = Object.fromEntries(taskStatuses.map((s) => [s, 0])) as Record<TaskStatus, number>;
    const countsByWarning = countWarnings(rows.map((r) => r.warning));
    for (const row of rows) {
      countsByState[row.state] += 1;
      countsByStatus[row.status] += 1;
    }
    return {
      round,
      rows,
      extensions,
      reminders,
      countsByState,
      countsByStatus,
      countsByWarning,
      units: unitWarnings(rows),
      compiledReportId,
    };
  }

  /**
   * Start the compiled quarterly report of a round: drafted by the task force, reviewed by the
   * coordinating units, signed off by the task force's leaders (users who are both 专班 and 负责人).
   */
  createCompiled(actor: Actor, roundId: number, content: Record<string, unknown> = {}): number {
    authorize(actor, 'compiled.create');
    return inTransaction(this.db, () => {
      const round = this.mustGet(roundId);
      if (round.status !== 'open') throw new LuoshiError('forbidden', '该填报轮次已关闭。');
      if (compiledReportOfRound(this.db, roundId)) {
        throw new LuoshiError('conflict', '本季度的工作进展情况报告已经创建，请在原报告上继续。');
      }
      const reviewers = this.compiledReviewers();
      const signers: Party[] = usersWithRoles(this.db, ['coordinator', 'leader']).map((u) => ({
        kind: 'user',
        id: u.id,
      }));
      if (signers.length === 0) {
        throw new LuoshiError(
          'conflict',
          '尚无工作专班负责人账号（同时具有「专班」和「负责人」角色），无法安排会签。请管理员先创建。',
        );
      }
      return this.reports.createReport({
        roundId,
        kind: 'compiled',
        subjectKey: 'compiled',
        taskId: null,
        projectId: null,
        drafter: { kind: 'coordinator' },
        reviewers,
        signers,
        compiledContent: content,
      });
    });
  }

  compiledReportId(roundId: number): number | null {
    this.mustGet(roundId);
    return compiledReportOfRound(this.db, roundId)?.id ?? null;
  }

  /** Which accounts the workflow still lacks for the current plan (see workflowReadiness). */
  readiness(): Readiness {
    const members = rounds.groupMembers(this.db);
    const names = rounds.unitNames(this.db);
    const unit = (p: Party) => ({ id: p.id, name: names.get(p.id) ?? `单位 ${p.id}` });
    const drafters: ReadinessUnit[] = [];
    const reviewers: ReadinessUnit[] = [];
    const signers: ReadinessUnit[] = [];
    for (const subject of [...rounds.activeTasksWithUnits(this.db), ...rounds.activeProjectsWithUnits(this.db)]) {
      const parties = participants(subject, members, '', []);
      const first = parties.reviewers[0];
      if (first) drafters.push(unit(first));
      reviewers.push(...parties.reviewers.map(unit));
      signers.push(...parties.signers.filter((s) => !parties.reviewers.some((r) => r.id === s.id)).map(unit));
    }
    return workflowReadiness({
      accounts: listUsers(this.db),
      compiledReviewUnits: this.compiledReviewUnitNames().map((name) => ({
        id: rounds.unitIdByNameOrAlias(this.db, name),
        name,
      })),
      drafters,
      reviewers,
      signers,
    });
  }

  private compiledReviewUnitNames(): string[] {
    const setting = getSetting(this.db, compiledReviewUnitsSetting.key);
    return setting ? (JSON.parse(setting) as string[]) : [...compiledReviewUnitsSetting.fallback];
  }

  private compiledReviewers(): Party[] {
    return this.compiledReviewUnitNames().map((name) => {
      const id = rounds.unitIdByNameOrAlias(this.db, name);
      if (id === null) {
        throw new LuoshiError(
          'conflict',
          `单位目录中没有统筹协调单位「${name}」，无法安排季度报告的审核。请在单位目录中添加或修改设置。`,
        );
      }
      return { kind: 'unit', id };
    });
  }

  private mustGet(roundId: number): DbRound {
    const round = rounds.getRoundRow(this.db, roundId);
    if (!round) throw new LuoshiError('not_found', `未找到编号为 ${roundId} 的填报轮次。`, 'roundId');
    return round;
  }
}

/**
 * Reviewers are the lead units, in the plan's order (the first drafts); signers are the
 * responsible units. Groups expand to their members; a unit takes part once, as lead if it is
 * listed as both; an empty group is skipped with a warning.
 */
function participants(
  subject: SubjectUnits,
  members: Map<number, { unitId: number; name: string }[]>,
  label: string,
  warnings: RoundWarning[],
): { reviewers: Party[]; signers: Party[] } {
  const seen = new Set<number>();
  const expand = (role: 'lead' | 'responsible'): Party[] => {
    const parties: Party[] = [];
    for (const unit of subject.units.filter((u) => u.role === role)) {
      const ids = unit.kind === 'group' ? (members.get(unit.unitId) ?? []).map((m) => m.unitId) : [unit.unitId];
      if (unit.kind === 'group' && ids.length === 0) {
        warnings.push({
          code: 'empty_group',
          message: `${label}的${role === 'lead' ? '牵头' : '责任'}单位「${unit.name}」没有成员单位，已跳过。请在单位目录中为其添加成员。`,
        });
      }
      for (const id of ids) {
        if (seen.has(id)) continue;
        seen.add(id);
        parties.push({ kind: 'unit', id });
      }
    }
    return parties;
  };
  const reviewers = expand('lead');
  const signers = expand('responsible');
  return { reviewers, signers };
}

function labelOf(row: DbRound): string {
  return quarterLabel({ year: row.year, quarter: row.quarter });
}

function toRound(row: DbRound): RoundEntity {
  return {
    id: row.id,
    year: row.year,
    quarter: row.quarter,
    label: quarterLabel({ year: row.year, quarter: row.quarter }),
    deadline: row.deadline,
    status: row.status,
    statusLabel: roundStatusLabels[row.status],
    openedAt: row.opened_at,
    openedBy: row.opened_by_name ?? '系统',
    closedAt: row.closed_at,
    reportCount: row.report_count,
    filedCount: row.filed_count,
    carryOver: row.carry_over === 1,
    warnings: roundWarningSchema.array().parse(JSON.parse(row.warnings_json)),
  };
}
