import type { Actor } from '../../../shared/domain/accounts';
import { taskStatuses, type TaskStatus } from '../../../shared/domain/ledgers';
import { reportStates, type ReportState } from '../../../shared/domain/reports';
import {
  roundStatusLabels,
  roundWarningSchema,
  type OpenRoundInput,
  type RoundEntity,
  type RoundOverview,
  type RoundWarning,
} from '../../../shared/domain/rounds';
import { LuoshiError } from '../../../shared/errors';
import { quarterLabel } from '../../../shared/quarters';
import type { Drafter, Party } from '../../../shared/workflow';
import type { Clock } from '../clock';
import { inTransaction, type WritableDB } from '../db/database';
import { compiledReportOfRound } from '../store/reportsStore';
import * as rounds from '../store/roundsStore';
import type { DbRound, SubjectUnits } from '../store/roundsStore';
import { getSetting } from '../store/settingsStore';
import { usersWithRoles } from '../store/usersStore';
import type { AuditService } from './auditService';
import { requireRole } from './permissions';
import type { ReportQueries } from './reportQueries';
import type { ReportsService } from './reportsService';

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
  ) {}

  list(): RoundEntity[] {
    return rounds.listRoundRows(this.db).map(toRound);
  }

  get(roundId: number): RoundEntity {
    return toRound(this.mustGet(roundId));
  }

  open(actor: Actor, input: OpenRoundInput): RoundEntity {
    requireRole(actor, ['coordinator'], '开启填报轮次');
    const label = quarterLabel({ year: input.year, quarter: input.quarter });
    const id = inTransaction(this.db, () => {
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
            warnings.push({ code: 'no_lead_unit', message: `${p.label}没有牵头单位，且单位目录中没有统筹协调单位，未生成报告。` });
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
        details: { year: input.year, quarter: input.quarter, deadline: input.deadline, reports: created, warnings: warnings.length },
      });
      return roundId;
    });
    return this.get(id);
  }

  close(actor: Actor, roundId: number): RoundEntity {
    requireRole(actor, ['coordinator'], '关闭填报轮次');
    inTransaction(this.db, () => {
      const round = this.mustGet(roundId);
      if (round.status === 'closed') throw new LuoshiError('conflict', '该填报轮次已经关闭。');
      rounds.closeRoundRow(this.db, roundId, actor.userId, this.clock.nowIso());
      this.audit.append({ actor, role: 'coordinator', subjectType: 'round', subjectId: roundId, event: 'round.close' });
    });
    return this.get(roundId);
  }

  overview(roundId: number): RoundOverview {
    const round = this.get(roundId);
    const { rows, compiledReportId } = this.queries.overviewRows(roundId);
    const countsByState = Object.fromEntries(reportStates.map((s) => [s, 0])) as Record<ReportState, number>;
    const countsByStatus = Object.fromEntries(taskStatuses.map((s) => [s, 0])) as Record<TaskStatus, number>;
    for (const row of rows) {
      countsByState[row.state] += 1;
      countsByStatus[row.status] += 1;
    }
    return { round, rows, countsByState, countsByStatus, compiledReportId };
  }

  /**
   * Start the compiled quarterly report of a round: drafted by the task force, reviewed by the
   * coordinating units, signed off by the task force's leaders (users who are both 专班 and 负责人).
   */
  createCompiled(actor: Actor, roundId: number, content: Record<string, unknown> = {}): number {
    requireRole(actor, ['coordinator'], '起草季度工作进展情况报告');
    return inTransaction(this.db, () => {
      const round = this.mustGet(roundId);
      if (round.status !== 'open') throw new LuoshiError('forbidden', '该填报轮次已关闭。');
      if (compiledReportOfRound(this.db, roundId)) {
        throw new LuoshiError('conflict', '本季度的工作进展情况报告已经创建，请在原报告上继续。');
      }
      const reviewers = this.compiledReviewers();
      const signers: Party[] = usersWithRoles(this.db, ['coordinator', 'leader']).map((u) => ({ kind: 'user', id: u.id }));
      if (signers.length === 0) {
        throw new LuoshiError('conflict', '尚无工作专班负责人账号（同时具有「专班」和「负责人」角色），无法安排会签。请管理员先创建。');
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

  private compiledReviewers(): Party[] {
    const setting = getSetting(this.db, compiledReviewUnitsSetting.key);
    const names = setting ? (JSON.parse(setting) as string[]) : [...compiledReviewUnitsSetting.fallback];
    return names.map((name) => {
      const id = rounds.unitIdByNameOrAlias(this.db, name);
      if (id === null) {
        throw new LuoshiError('conflict', `单位目录中没有统筹协调单位「${name}」，无法安排季度报告的审核。请在单位目录中添加或修改设置。`);
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
export function participants(
  subject: SubjectUnits,
  members: Map<number, { unitId: number; name: string }[]>,
  label: string,
  warnings: RoundWarning[],
): { reviewers: Party[]; signers: Party[] } {
  const seen = new Set<number>();
  const expand = (role: 'lead' | 'responsible'): Party[] => {
    const parties: Party[] = [];
    for (const unit of subject.units.filter((u) => u.role === role)) {
      const ids =
        unit.kind === 'group' ? (members.get(unit.unitId) ?? []).map((m) => m.unitId) : [unit.unitId];
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
    warnings: roundWarningSchema.array().parse(JSON.parse(row.warnings_json)),
  };
}
