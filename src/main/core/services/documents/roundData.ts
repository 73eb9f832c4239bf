import type { TaskStatus } from '../../../../shared/domain/ledgers';
import { LuoshiError } from '../../../../shared/errors';
import { quarterEndDate, type QuarterNumber } from '../../../../shared/quarters';
import { computeTaskStatus, isIndicatorLagging } from '../../../../shared/workflow';
import type { ReadableDB } from '../../db/database';
import type {
  BulletinTask,
  CategoryProgress,
  IndicatorProgress,
  PlanRef,
  RoundRef,
  TaskProgress,
} from '../../exports/docx';
import * as q from '../../store/documentQueries';
import type { DocIndicator, DocReport, DocTask } from '../../store/documentQueries';
import { indicatorFromRow, targetText, toIndicatorTarget } from '../ledgers/indicators';
import { planSubject } from '../ledgers/naming';

/**
 * Maps what the database holds to the composers' plain inputs.
 *
 * Which revision a task's text comes from (the rule of the compiled report and the bulletin):
 * the newest FILED revision of the task's report in the round when there is one — that is what
 * the units signed; otherwise the newest revision if it has been submitted at least once (the
 * unit has reported, review is not finished); otherwise nothing (a draft never submitted has not
 * been reported, so its text stays out). The status of every task is the round overview's, i.e.
 * the shared status logic applied to the newest revision, so the document's counts are the
 * overview's counts.
 */

export interface RoundFacts {
  roundId: number;
  round: RoundRef;
  deadline: string;
  plan: PlanRef;
  categories: CategoryProgress[];
  indicators: IndicatorProgress[];
  bulletinTasks: BulletinTask[];
  totals: Record<TaskStatus, number>;
}

/** 12.5 and 0.8, never 12.500000001. */
export function formatValue(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}

export function planRefOf(plan: q.DocPlan): PlanRef {
  return { title: plan.title.replace(/\s+/g, ''), docNumber: plan.doc_number, subject: planSubject(plan.title) };
}

/** One indicator's row of the indicator table: on pace unless the shared logic finds it lagging. */
export function indicatorProgress(i: DocIndicator, taskNo: number, value: number | null, asOf: string): IndicatorProgress {
  const indicator = indicatorFromRow(i, i.task_id);
  return {
    taskNo,
    metric: i.metric,
    target: targetText(indicator),
    baseline: i.baseline_value === null ? null : formatValue(i.baseline_value),
    current: value === null ? null : formatValue(value),
    unit: i.unit,
    onPace: value !== null && !isIndicatorLagging(toIndicatorTarget(indicator), value, asOf),
  };
}

/** The revision whose text the documents print (see the rule above), or null. */
function textSource(filed: DocReport | undefined, latest: DocReport | undefined): DocReport | null {
  if (filed) return filed;
  if (latest && latest.first_submitted_at !== null) return latest;
  return null;
}

export function roundFacts(
  db: ReadableDB,
  round: { id: number; year: number; quarter: number; deadline: string },
  statusOf: ReadonlyMap<number, TaskStatus>,
): RoundFacts {
  const plan = q.planOfRound(db, round.id);
  if (!plan) throw new LuoshiError('conflict', '尚未导入工作方案，无法生成公文。请先导入方案。');
  const asOf = quarterEndDate({ year: round.year, quarter: round.quarter as QuarterNumber });
  const tasks = q.tasksOfRound(db, round.id);
  const units = q.unitNamesOfTasks(db, plan.id);
  const filed = new Map(q.latestFiledTaskReports(db, round.id).map((r) => [r.task_id, r]));
  const latest = new Map(q.latestTaskReports(db, round.id).map((r) => [r.task_id, r]));
  const sources = new Map<number, DocReport>();
  for (const task of tasks) {
    const source = textSource(filed.get(task.id), latest.get(task.id));
    if (source) sources.set(task.id, source);
  }
  const values = q.indicatorValuesOfReports(db, [...sources.values()].map((r) => r.id));
  const status = (task: DocTask): TaskStatus => statusOf.get(task.id) ?? 'onTrack';

  const progressOf = (task: DocTask): TaskProgress => {
    const source = sources.get(task.id);
    return {
      no: task.no,
      title: task.title,
      leadUnits: units.get(task.id)?.lead ?? [],
      status: status(task),
      progress: source?.progress ?? '',
      problems: source?.problems ?? '',
      nextSteps: source?.next_steps ?? '',
    };
  };
  const categories: CategoryProgress[] = q.categoriesOfPlan(db, plan.id).map((category) => ({
    no: category.no,
    title: category.title,
    tasks: tasks.filter((t) => t.category_id === category.id).map(progressOf),
  }));

  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const indicators = q.indicatorsOfPlan(db, plan.id).flatMap((i) => {
    const task = taskById.get(i.task_id);
    if (!task) return [];
    const source = sources.get(task.id);
    const value = source ? (values.get(source.id)?.get(i.id) ?? null) : null;
    return [indicatorProgress(i, task.no, value, asOf)];
  });

  const totals: Record<TaskStatus, number> = { done: 0, onTrack: 0, lagging: 0, overdue: 0 };
  const bulletinTasks: BulletinTask[] = [];
  for (const task of tasks) {
    const s = status(task);
    totals[s] += 1;
    if (s !== 'lagging' && s !== 'overdue') continue;
    const drafter = latest.get(task.id)?.drafting_unit_id ?? null;
    const drafterName = drafter === null ? null : q.unitNameById(db, drafter);
    bulletinTasks.push({
      no: task.no,
      title: task.title,
      categoryNo: task.category_no,
      categoryTitle: task.category_title,
      leadUnits: units.get(task.id)?.lead ?? [],
      // The unit that drafts the report is the one that did not report by the deadline.
      missingUnits: s === 'overdue' && drafterName ? [drafterName] : [],
      status: s,
      problems: sources.get(task.id)?.problems ?? '',
    });
  }
  return {
    roundId: round.id,
    round: { year: round.year, quarter: round.quarter },
    deadline: round.deadline,
    plan: planRefOf(plan),
    categories,
    indicators,
    bulletinTasks,
    totals,
  };
}

export interface TaskReportFacts {
  plan: PlanRef;
  round: RoundRef;
  task: DocTask;
  units: q.TaskUnitNames;
  status: TaskStatus;
  indicators: IndicatorProgress[];
}

/** One revision of a task report with its task, and its status by the shared logic. */
export function taskReportFacts(
  db: ReadableDB,
  report: DocReport,
  round: { year: number; quarter: number; deadline: string },
  now: string,
): TaskReportFacts {
  if (report.kind !== 'task' || report.task_id === null) {
    throw new LuoshiError('invalid_input', `报告 ${report.id} 不是任务进展报告，不能生成任务进展情况报告。`, 'reportId');
  }
  const task = q.taskById(db, report.task_id);
  const plan = task ? q.planById(db, task.plan_id) : null;
  if (!task || !plan) throw new LuoshiError('not_found', `报告 ${report.id} 对应的任务已不在方案中。`, 'reportId');
  const asOf = quarterEndDate({ year: round.year, quarter: round.quarter as QuarterNumber });
  const values = q.indicatorValuesOfReports(db, [report.id]).get(report.id) ?? new Map<number, number | null>();
  const rows = q.indicatorsOfPlan(db, plan.id).filter((i) => i.task_id === task.id);
  const status = computeTaskStatus({
    deadline: round.deadline,
    quarterEnd: asOf,
    now,
    firstSubmittedAt: report.first_submitted_at,
    completed: report.completed === 1,
    indicators: rows.map((i) => ({ target: toIndicatorTarget(indicatorFromRow(i, i.task_id)), value: values.get(i.id) ?? null })),
  });
  return {
    plan: planRefOf(plan),
    round: { year: round.year, quarter: round.quarter },
    task,
    units: q.unitNamesOfTasks(db, plan.id).get(task.id) ?? { lead: [], responsible: [] },
    status,
    indicators: rows.map((i) => indicatorProgress(i, task.no, values.get(i.id) ?? null, asOf)),
  };
}
