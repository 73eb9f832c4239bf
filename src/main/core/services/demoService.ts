import type { Actor, Role } from '../../../shared/domain/accounts';
import { appItself } from '../policy';
import type { ReportContent, ReportEventType } from '../../../shared/domain/reports';
import { LuoshiError } from '../../../shared/errors';
import { nextQuarter, quarterEndDate, quarterLabel, type Quarter } from '../../../shared/quarters';
import { expectedValue } from '../../../shared/domain/progress';
import { viewOf } from '../../../shared/workflow';
import { fixedClock } from '../clock';
import type { WritableDB } from '../db/database';
import type { AttachmentStore } from '../files/attachmentStore';
import * as reportsStore from '../store/reportsStore';
import * as roundsStore from '../store/roundsStore';
import { countUsers, toActor } from '../store/usersStore';
import { toTarget } from './reportQueries';
import { persistedOf } from './reportContext';
import { compiledReviewUnitsSetting, widenRoundPeriod } from './roundsService';
import { createWorkflowServices, type WorkflowServices } from './workflowServices';

/**
 * Demo data for trying the app and for benchmarks: accounts for every unit of the plan and
 * `quarters` reporting rounds ending with the last completed quarter, with reports in every
 * state. Everything goes through the same services as real use (permissions, machine, audit
 * trail); only the clock is the demo's own, and account passwords use the demo scrypt cost.
 */

interface DemoAccount {
  username: string;
  password: string;
  roles: Role[];
  unit: string | null;
}

export interface DemoResult {
  accounts: DemoAccount[];
  rounds: number;
  reports: number;
  transitions: number;
}

const demoPassword = 'luoshi-demo';

const surnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
];
const givenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
];

function personName(index: number): string {
  const surname = surnames[index % surnames.length] ?? '王';
  const given = givenNames[Math.floor(index / surnames.length + index) % givenNames.length] ?? '明';
  return `${surname}${given}`;
}

/** 2025-10-01T01:00:00Z is 09:00 China time on the day after the quarter ends. */
function dayAfter(isoDate: string, days: number, hourUtc = 1): Date {
  const d = new Date(`${isoDate}T00:00:00Z`);
  return new Date(d.getTime() + days * 86_400_000 + hourUtc * 3_600_000);
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

function lastCompletedQuarter(now: Date): Quarter {
  const month = now.getUTCMonth(); // 0-based
  const current = Math.floor(month / 3) + 1;
  return current === 1
    ? { year: now.getUTCFullYear() - 1, quarter: 4 }
    : { year: now.getUTCFullYear(), quarter: (current - 1) as Quarter['quarter'] };
}

type Scenario =
  | 'overdue'
  | 'drafting'
  | 'leadReview'
  | 'signOff'
  | 'filing'
  | 'filed'
  | 'returned'
  | 'returnedThenFiled'
  | 'objectedThenFiled'
  | 'reopened';

export class DemoService {
  constructor(
    private readonly db: WritableDB,
    private readonly attachments: AttachmentStore,
    private readonly now: Date,
    /** Composes the compiled report's document from the round's reports; without it a short placeholder is stored. */
    private readonly composeCompiled?: (roundId: number) => Record<string, unknown>,
  ) {}

  run(options: { quarters: number }): DemoResult {
    if (options.quarters < 1 || options.quarters > 200) {
      throw new LuoshiError('invalid_input', `季度数 ${options.quarters} 无效，应为 1–200。`, 'quarters');
    }
    if (countUsers(this.db) > 0) {
      throw new LuoshiError(
        'conflict',
        '该数据目录中已有账号，演示数据只能生成到新的数据目录（请用 --data-dir 指定一个空目录）。',
      );
    }
    const tasks = roundsStore.activeTasksWithUnits(this.db);
    const projects = roundsStore.activeProjectsWithUnits(this.db);
    if (tasks.length === 0 && projects.length === 0) {
      throw new LuoshiError('conflict', '尚未导入工作方案，无法生成演示数据。');
    }
    const last = lastCompletedQuarter(this.now);
    let first: Quarter = last;
    for (let i = 1; i < options.quarters; i += 1) {
      first =
        first.quarter === 1
          ? { year: first.year - 1, quarter: 4 }
          : { year: first.year, quarter: (first.quarter - 1) as Quarter['quarter'] };
    }
    // Many quarters of demo history can reach back before the plan was issued.
    widenRoundPeriod(this.db, first.year, last.year);
    const clock = fixedClock(dayAfter(quarterEndDate(first), -2));
    const services = createWorkflowServices(this.db, clock, this.attachments);
    // One transaction for all accounts: a commit per account would cost an fsync each.
    const cast = this.db.transaction(() => this.createAccounts(services, tasks, projects))();

    const result: DemoResult = { accounts: cast.accounts, rounds: 0, reports: 0, transitions: 0 };
    let quarter = first;
    for (let index = 0; index < options.quarters; index += 1) {
      const latest = index === options.quarters - 1;
      // One round's work in one outer transaction: each step's own transaction nests as a savepoint.
      this.db.transaction(() => this.playRound(services, clock, cast, quarter, latest, index, result))();
      result.rounds += 1;
      quarter = nextQuarter(quarter);
    }
    return result;
  }

  private createAccounts(
    services: WorkflowServices,
    tasks: roundsStore.SubjectUnits[],
    projects: roundsStore.SubjectUnits[],
  ): Cast {
    const accounts: DemoAccount[] = [];
    const names = roundsStore.unitNames(this.db);
    const members = roundsStore.groupMembers(this.db);
    const unitIds = new Set<number>();
    for (const subject of [...tasks, ...projects]) {
      for (const u of subject.units) {
        if (u.kind === 'group') for (const m of members.get(u.unitId) ?? []) unitIds.add(m.unitId);
        else unitIds.add(u.unitId);
      }
    }
    for (const name of compiledReviewUnitsSetting.fallback) {
      const id = roundsStore.unitIdByNameOrAlias(this.db, name);
      if (id !== null) unitIds.add(id);
    }
    let person = 0;
    const make = (username: string, roles: Role[], unitId: number | null, creator: Actor | null): Actor => {
      // The first account (the administrator) is made by the app itself.
      const user = services.accounts.create(
        creator ?? appItself,
        { username, displayName: personName(person), password: demoPassword, unitId, roles, mustChangePassword: false },
        { hashCost: 'demo' },
      );
      person += 1;
      accounts.push({
        username,
        password: demoPassword,
        roles,
        unit: unitId === null ? null : (names.get(unitId) ?? null),
      });
      return toActor(user);
    };
    const admin = make('admin', ['admin'], null, null);
    const economy = roundsStore.unitIdByNameOrAlias(this.db, '区经济发展局');
    const coordinatorUnit = economy ?? [...unitIds][0] ?? null;
    const coordinator = make('zhuanban', ['coordinator', 'clerk'], coordinatorUnit, admin);
    const taskForceLeader = make('zhuanban.leader', ['coordinator', 'leader'], coordinatorUnit, admin);
    const clerks = new Map<number, Actor>();
    const leaders = new Map<number, Actor>();
    for (const unitId of [...unitIds].sort((a, b) => a - b)) {
      clerks.set(unitId, make(`u${unitId}.clerk`, ['clerk'], unitId, admin));
      leaders.set(unitId, make(`u${unitId}.leader`, ['leader'], unitId, admin));
    }
    if (coordinatorUnit !== null) leaders.set(coordinatorUnit, taskForceLeader);
    return { accounts, coordinator, taskForceLeader, clerks, leaders };
  }

  private playRound(
    services: WorkflowServices,
    clock: ReturnType<typeof fixedClock>,
    cast: Cast,
    quarter: Quarter,
    latest: boolean,
    index: number,
    result: DemoResult,
  ): void {
    const end = quarterEndDate(quarter);
    const deadline = isoDay(dayAfter(end, 10));
    clock.set(dayAfter(end, 1));
    const round = services.rounds.open(cast.coordinator, { year: quarter.year, quarter: quarter.quarter, deadline });
    const tick = () => clock.advance(3 * 60_000);
    const rows = reportsStore.latestReportsOfRound(this.db, round.id);
    rows.forEach((row, i) => {
      const scenario = scenarioFor(latest, index, i);
      const { context } = viewOf(persistedOf(row));
      const unitOf = (p: { kind: string; id: number }) => p.id;
      const drafterUnit = context.drafter.kind === 'unit' ? context.drafter.id : null;
      const clerk =
        drafterUnit === null ? cast.coordinator : (cast.clerks.get(drafterUnit) ?? cast.leaders.get(drafterUnit));
      if (!clerk) return;
      let version = row.version;
      const step = (actor: Actor | undefined, event: ReportEventType, opinion?: string) => {
        if (!actor) return false;
        tick();
        version = services.reports.transition(actor, {
          reportId: row.id,
          version,
          event,
          ...(opinion ? { opinion } : {}),
        });
        result.transitions += 1;
        return true;
      };
      const reviewers = context.reviewers.map((p) => cast.leaders.get(unitOf(p)));
      const signers = context.signers.map((p) => cast.leaders.get(unitOf(p)));
      result.reports += 1;
      if (scenario === 'overdue') return;
      tick();
      services.reports.updateContent(clerk, row.id, version, this.content(row, quarter, i));
      version += 1;
      if (scenario === 'drafting') return;
      step(clerk, 'report.submit');
      if (scenario === 'returned' || scenario === 'returnedThenFiled') {
        step(reviewers[reviewers.length - 1], 'report.return', '请补充本季度指标数据的统计口径。');
        if (scenario === 'returned') return;
        step(clerk, 'report.submit');
      }
      if (scenario === 'leadReview') {
        if (reviewers.length > 1) step(reviewers[0], 'report.approve', '同意。');
        return;
      }
      reviewers.forEach((r, k) => step(r, 'report.approve', k === 0 ? '同意上报。' : ''));
      if (scenario === 'objectedThenFiled' && signers.length > 0) {
        step(signers[0], 'report.object', '我单位承担部分的数据需更正。');
        step(clerk, 'report.submit');
        reviewers.forEach((r) => step(r, 'report.approve', '同意。'));
      }
      if (scenario === 'signOff') {
        signers.slice(0, Math.max(0, signers.length - 1)).forEach((s) => step(s, 'report.sign', ''));
        return;
      }
      signers.forEach((s, k) => step(s, 'report.sign', k % 3 === 0 ? '无意见。' : ''));
      if (scenario === 'filing') return;
      step(cast.coordinator, 'report.file');
      if (scenario === 'reopened') {
        tick();
        const revision = services.reports.reopen(cast.coordinator, row.id, version, '指标数据更正，重新报送。');
        const revisionVersion = reportsStore.getReportRow(this.db, revision)?.version ?? 1;
        let v = revisionVersion;
        const again = (actor: Actor | undefined, event: ReportEventType) => {
          if (!actor) return;
          tick();
          v = services.reports.transition(actor, { reportId: revision, version: v, event });
          result.transitions += 1;
        };
        again(clerk, 'report.submit');
        reviewers.forEach((r) => again(r, 'report.approve'));
        signers.forEach((s) => again(s, 'report.sign'));
        again(cast.coordinator, 'report.file');
      }
    });
    this.playCompiled(services, tick, cast, round.id, quarter, latest);
    if (!latest) {
      clock.set(dayAfter(deadline, 5));
      services.rounds.close(cast.coordinator, round.id);
    }
  }

  private playCompiled(
    services: WorkflowServices,
    tick: () => void,
    cast: Cast,
    roundId: number,
    quarter: Quarter,
    latest: boolean,
  ): void {
    tick();
    const label = quarterLabel(quarter);
    let reportId: number;
    try {
      reportId = services.rounds.createCompiled(
        cast.coordinator,
        roundId,
        this.composeCompiled?.(roundId) ?? {
          kind: 'quarterly',
          title: `关于${label}儿童友好城市建设工作进展情况的报告`,
          note: '演示数据',
        },
      );
    } catch (error) {
      // Without the coordinating units in the directory there is no compiled report to show.
      if (error instanceof LuoshiError && error.code === 'conflict') return;
      throw error;
    }
    if (latest) return;
    const row = reportsStore.getReportRow(this.db, reportId);
    if (!row) return;
    const { context } = viewOf(persistedOf(row));
    let version = row.version;
    const step = (actor: Actor | undefined, event: ReportEventType) => {
      if (!actor) return;
      tick();
      version = services.reports.transition(actor, { reportId, version, event });
    };
    step(cast.coordinator, 'report.submit');
    context.reviewers.forEach((p) => step(cast.leaders.get(p.id), 'report.approve'));
    step(cast.taskForceLeader, 'report.sign');
    step(cast.coordinator, 'report.file');
  }

  private content(row: reportsStore.DbReport, quarter: Quarter, i: number): ReportContent {
    const label = quarterLabel(quarter);
    const asOf = quarterEndDate(quarter);
    const indicators = row.task_id === null ? [] : reportsStore.indicatorsOfTask(this.db, row.task_id);
    const behind = i % 5 === 2;
    return {
      progress: `${label}，牵头单位会同责任单位按照方案要求推进各项工作，完成阶段性目标。`,
      problems: behind ? '部分指标推进较慢，资金和用地保障仍需加强。' : '暂无突出问题。',
      nextSteps: '下一季度将继续对照目标任务，加强统筹调度，确保按期完成。',
      completed: false,
      indicatorValues: indicators.map((ind) => {
        const target = toTarget(ind);
        const expected = expectedValue(target, asOf) ?? target.baselineValue ?? target.value;
        const factor = behind
          ? target.comparator === 'lte' || target.comparator === 'lt' || target.comparator === 'decreaseBy'
            ? 1.2
            : 0.8
          : 1;
        // Plausible values only (src/shared/domain/indicatorInput.ts): no share above 100%.
        const value = Math.max(0, Math.round(expected * factor * 100) / 100);
        return { indicatorId: ind.id, value: ind.unit.trim() === '%' ? Math.min(100, value) : value, note: '' };
      }),
    };
  }
}

interface Cast {
  accounts: DemoAccount[];
  coordinator: Actor;
  taskForceLeader: Actor;
  clerks: Map<number, Actor>;
  leaders: Map<number, Actor>;
}

function scenarioFor(latest: boolean, roundIndex: number, reportIndex: number): Scenario {
  if (latest) {
    const spread: Scenario[] = ['overdue', 'drafting', 'leadReview', 'signOff', 'filing', 'filed', 'returned', 'filed'];
    return spread[reportIndex % spread.length] ?? 'filed';
  }
  if (reportIndex === 0 && roundIndex % 4 === 0) return 'reopened';
  if (reportIndex % 17 === 5) return 'overdue';
  if (reportIndex % 13 === 3) return 'returnedThenFiled';
  if (reportIndex % 19 === 7) return 'objectedThenFiled';
  return 'filed';
}
