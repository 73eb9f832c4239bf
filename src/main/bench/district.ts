import type { Actor } from '../../shared/domain/accounts';
import { appItself } from '../core/policy';
import type { ReportContent, ReportEventType } from '../../shared/domain/reports';
import { LuoshiError } from '../../shared/errors';
import { nextQuarter, quarterEndDate, quarterLabel, type Quarter } from '../../shared/quarters';
import { viewOf } from '../../shared/workflow';
import { fixedClock } from '../core/clock';
import type { LuoshiCore } from '../core/core';
import { persistedOf } from '../core/services/reportContext';
import { widenRoundPeriod } from '../core/services/roundsService';
import { createWorkflowServices, type WorkflowServices } from '../core/services/workflowServices';
import * as reportsStore from '../core/store/reportsStore';
import { toActor } from '../core/store/usersStore';
import { listUnits } from '../core/store/unitStore';

/**
 * The synthetic district the bench measures: every unit of the plan's directory with a clerk and
 * a leader, and `quarters` rounds in which every task and project report is edited, submitted,
 * approved by all its reviewers, signed by all its units and filed, plus the compiled quarterly
 * report. Everything goes through the real services (permissions, machine, audit chain); only the
 * clock is the builder's own. Draft saves are repeated so the audit trail reaches
 * `targetAuditEntries` as it would after years of real editing.
 */

export interface DistrictOptions {
  quarters: number;
  /** Audit entries to reach in total (default 100,000 at 40 quarters, scaled by quarters). */
  targetAuditEntries: number;
  /** The newest quarter the district covers. */
  lastQuarter: Quarter;
  /**
   * Completes the unit directory before the accounts are made (default: the district's
   * sub-district offices); the city (city.ts) stores its whole directory beforehand.
   */
  prepareDirectory?: (core: LuoshiCore, admin: Actor) => void;
  /** The unit of the 专班's accounts (default 区经济发展局). */
  coordinatorUnitName?: string;
}

export interface DistrictFacts {
  units: number;
  users: number;
  rounds: number;
  reports: number;
  transitions: number;
  edits: number;
  firstQuarter: Quarter;
  lastQuarter: Quarter;
  coordinatorUsername: string;
  coordinatorPassword: string;
}

const benchPassword = 'luoshi-bench';

export interface Cast {
  coordinator: Actor;
  taskForceLeader: Actor;
  clerks: Map<number, Actor>;
  leaders: Map<number, Actor>;
  users: number;
}

const progressPhrases = [
  '牵头单位会同责任单位按照方案要求推进各项工作，完成阶段性目标',
  '新增普惠托育机构，托位供给持续扩大，社区托育点完成选址',
  '儿童友好公园建设有序推进，完成口袋公园改造和游憩设施更新',
  '开展儿童安全教育进校园活动，覆盖全区中小学和幼儿园',
  '推进学校周边交通安全整治，上下学时段增派护学岗',
  '完成中小学生体质健康监测，落实营养干预和近视防控措施',
  '组织儿童议事会，听取儿童对社区公共空间改造的意见建议',
  '加强困境儿童关爱保护，按时足额发放基本生活保障金',
];
const problemPhrases = [
  '暂无突出问题。',
  '部分指标推进较慢，资金和用地保障仍需加强。',
  '项目前期手续尚未完成，开工时间有所推迟。',
  '专业人才不足，社会组织参与度不高。',
];
const nextPhrases = [
  '下一季度将继续对照目标任务，加强统筹调度，确保按期完成。',
  '加快推进项目前期工作，确保年度目标如期实现。',
  '强化部门协同和督导检查，及时研究解决推进中的困难。',
];

function pick<T>(list: readonly T[], n: number): T {
  return list[((n % list.length) + list.length) % list.length] as T;
}

/** 09:00 China time, `days` after the given date. */
function dayAfter(isoDate: string, days: number): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000 + 3_600_000);
}

function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1
    ? { year: q.year - 1, quarter: 4 }
    : { year: q.year, quarter: (q.quarter - 1) as Quarter['quarter'] };
}

export function firstQuarterOf(last: Quarter, quarters: number): Quarter {
  let first = last;
  for (let i = 1; i < quarters; i += 1) first = previousQuarter(first);
  return first;
}

export function buildDistrict(core: LuoshiCore, options: DistrictOptions): { facts: DistrictFacts; cast: Cast } {
  const first = firstQuarterOf(options.lastQuarter, options.quarters);
  // Ten years of history reach back before the seed plan was issued (2023).
  widenRoundPeriod(core.db, first.year, options.lastQuarter.year);
  const clock = fixedClock(dayAfter(quarterEndDate(first), -2));
  const services = createWorkflowServices(core.db, clock, core.attachments);
  const cast = core.db.transaction(() =>
    createAccounts(
      core,
      services,
      options.prepareDirectory ?? addSubDistrictOffices,
      options.coordinatorUnitName ?? '区经济发展局',
    ),
  )();
  const facts: DistrictFacts = {
    units: cast.clerks.size,
    users: cast.users,
    rounds: 0,
    reports: 0,
    transitions: 0,
    edits: 0,
    firstQuarter: first,
    lastQuarter: options.lastQuarter,
    coordinatorUsername: 'zhuanban',
    coordinatorPassword: benchPassword,
  };
  const auditPerRound = options.targetAuditEntries / options.quarters;
  let quarter = first;
  for (let index = 0; index < options.quarters; index += 1) {
    // One round per outer transaction: each service call's own transaction nests as a savepoint,
    // so building costs no fsync per step (the bench measures single transitions separately).
    core.db.transaction(() => playRound(core, services, clock, cast, quarter, auditPerRound, facts))();
    facts.rounds += 1;
    quarter = nextQuarter(quarter);
  }
  return { facts, cast };
}

function createAccounts(
  core: LuoshiCore,
  services: WorkflowServices,
  prepareDirectory: (core: LuoshiCore, admin: Actor) => void,
  coordinatorUnitName: string,
): Cast {
  let users = 0;
  const make = (username: string, roles: Actor['roles'], unitId: number | null, creator: Actor | null): Actor => {
    users += 1;
    const user = services.accounts.create(
      creator ?? appItself,
      { username, displayName: `测试用户${users}`, password: benchPassword, unitId, roles },
      { hashCost: 'demo' },
    );
    return toActor(user);
  };
  const admin = make('admin', ['admin'], null, null);
  prepareDirectory(core, admin);
  const units = listUnits(core.db).filter((u) => u.kind === 'unit');
  const coordinatorUnit = units.find((u) => u.name === coordinatorUnitName)?.id ?? units[0]?.id ?? null;
  const coordinator = make('zhuanban', ['coordinator', 'clerk'], coordinatorUnit, admin);
  const taskForceLeader = make('zhuanban.leader', ['coordinator', 'leader'], coordinatorUnit, admin);
  const clerks = new Map<number, Actor>();
  const leaders = new Map<number, Actor>();
  for (const unit of units) {
    clerks.set(unit.id, make(`u${unit.id}.clerk`, ['clerk'], unit.id, admin));
    leaders.set(unit.id, make(`u${unit.id}.leader`, ['leader'], unit.id, admin));
  }
  if (coordinatorUnit !== null) leaders.set(coordinatorUnit, taskForceLeader);
  return { coordinator, taskForceLeader, clerks, leaders, users };
}

function playRound(
  core: LuoshiCore,
  services: WorkflowServices,
  clock: ReturnType<typeof fixedClock>,
  cast: Cast,
  quarter: Quarter,
  auditPerRound: number,
  facts: DistrictFacts,
): void {
  const end = quarterEndDate(quarter);
  const deadline = dayAfter(end, 10).toISOString().slice(0, 10);
  clock.set(dayAfter(end, 1));
  const tick = (): void => clock.advance(60_000);
  const round = services.rounds.open(cast.coordinator, { year: quarter.year, quarter: quarter.quarter, deadline });
  const rows = reportsStore.latestReportsOfRound(core.db, round.id);
  const perReport = auditPerRound / Math.max(1, rows.length);
  rows.forEach((row, i) => {
    const { context } = viewOf(persistedOf(row));
    const drafter = context.drafter.kind === 'unit' ? context.drafter.id : null;
    const clerk = drafter === null ? cast.coordinator : (cast.clerks.get(drafter) ?? cast.leaders.get(drafter));
    if (!clerk) throw new LuoshiError('conflict', `报告 ${row.id} 的起草单位没有账号。`);
    const reviewers = context.reviewers.map((p) => cast.leaders.get(p.id));
    const signers = context.signers.map((p) => cast.leaders.get(p.id));
    let version = row.version;
    const step = (actor: Actor | undefined, event: ReportEventType, opinion = ''): void => {
      if (!actor) throw new LuoshiError('conflict', `报告 ${row.id} 缺少执行「${event}」的账号。`);
      tick();
      version = services.reports.transition(actor, {
        reportId: row.id,
        version,
        event,
        ...(opinion ? { opinion } : {}),
      });
      facts.transitions += 1;
    };
    const steps = 2 + reviewers.length + signers.length;
    const edits = Math.max(1, Math.round(perReport - steps));
    for (let e = 0; e < edits; e += 1) {
      tick();
      services.reports.updateContent(clerk, row.id, version, content(core, row, quarter, i, e));
      version += 1;
      facts.edits += 1;
    }
    step(clerk, 'report.submit');
    reviewers.forEach((r, k) => step(r, 'report.approve', k === 0 ? '同意上报。' : ''));
    signers.forEach((s, k) => step(s, 'report.sign', k % 3 === 0 ? '无意见。' : ''));
    step(cast.coordinator, 'report.file');
    facts.reports += 1;
  });
  playCompiled(core, services, tick, cast, round.id, quarter, facts);
  clock.set(dayAfter(deadline, 5));
  services.rounds.close(cast.coordinator, round.id);
}

function playCompiled(
  core: LuoshiCore,
  services: WorkflowServices,
  tick: () => void,
  cast: Cast,
  roundId: number,
  quarter: Quarter,
  facts: DistrictFacts,
): void {
  tick();
  const reportId = services.rounds.createCompiled(cast.coordinator, roundId, {
    kind: 'quarterly',
    title: `关于${quarterLabel(quarter)}儿童友好城市建设工作进展情况的报告`,
    note: '基准测试数据',
  });
  const row = reportsStore.getReportRow(core.db, reportId);
  if (!row) return;
  const { context } = viewOf(persistedOf(row));
  let version = row.version;
  const step = (actor: Actor | undefined, event: ReportEventType): void => {
    if (!actor) return;
    tick();
    version = services.reports.transition(actor, { reportId, version, event });
    facts.transitions += 1;
  };
  step(cast.coordinator, 'report.submit');
  context.reviewers.forEach((p) => step(cast.leaders.get(p.id), 'report.approve'));
  step(cast.taskForceLeader, 'report.sign');
  step(cast.coordinator, 'report.file');
  facts.reports += 1;
}

/** Report text that varies by report, quarter and draft, so searches hit some reports and not others. */
function content(
  core: LuoshiCore,
  row: reportsStore.DbReport,
  quarter: Quarter,
  i: number,
  edit: number,
): ReportContent {
  const indicators = row.task_id === null ? [] : reportsStore.indicatorsOfTask(core.db, row.task_id);
  const seed = i * 7 + quarter.year * 4 + quarter.quarter;
  return {
    progress: `${quarterLabel(quarter)}，${pick(progressPhrases, seed)}；${pick(progressPhrases, seed + 3)}（第${edit + 1}稿）。`,
    problems: pick(problemPhrases, seed + edit),
    nextSteps: pick(nextPhrases, seed),
    completed: false,
    // Plausible values (src/shared/domain/indicatorInput.ts): between half and the whole of the target.
    indicatorValues: indicators.map((ind, k) => ({
      indicatorId: ind.id,
      value: Math.round(ind.value * (0.5 + ((seed + k + edit) % 11) / 20) * 100) / 100,
      note: '',
    })),
  };
}

/** Offices a district of this size has behind 各办事处; the seed plan names none. */
export const officeNames = [
  '明湖',
  '潮河',
  '京航',
  '九龙',
  '前程',
  '祥云',
  '滨河',
  '航海',
  '锦绣',
  '朝阳',
  '平安',
  '瑞祥',
  '龙湖',
  '金岱',
];

/**
 * The seed directory has 28 units; a district of 40 adds its sub-district offices as members of
 * 各办事处, through the same service an administrator uses, so every task shared with 各办事处 is
 * countersigned by each office.
 */
function addSubDistrictOffices(core: LuoshiCore, admin: Actor): void {
  const target = 40;
  const directory = listUnits(core.db);
  const group = directory.find((u) => u.kind === 'group' && u.name === '各办事处');
  let count = directory.filter((u) => u.kind === 'unit').length;
  for (const name of officeNames) {
    if (count >= target || !group) break;
    core.plan.createUnit(admin, { name: `${name}办事处`, kind: 'unit', parentId: null, groupIds: [group.id] });
    count += 1;
  }
}
