import {
  computeTaskStatus,
  emptyStatusCounts,
  rateIndicator,
  type StatusCounts,
  type TaskStatus,
} from '../../../../shared/domain/progress';
import { LuoshiError } from '../../../../shared/errors';
import { quarterEndDate, type QuarterNumber } from '../../../../shared/quarters';
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
import type { RoundProgress } from '../roundProgress';

/**
 * Maps what the database holds to the composers' plain inputs. Which revision a task's text, values
 * and status come from is the progress rule's (src/shared/domain/progress.ts, applied to the round
 * by RoundProgress): the newest filed revision, else the newest submitted one, else none — a draft
 * has not been reported, so its text stays out. The overview reads the same RoundProgress, so the
 * documents' counts are the overview's counts.
 */

export interface RoundFacts {
  roundId: number;
  round: RoundRef;
  deadline: string;
  plan: PlanRef;
  categories: CategoryProgress[];
  indicators: IndicatorProgress[];
  bulletinTasks: BulletinTask[];
  totals: StatusCounts;
}

/** 12.5 and 0.8, never 12.500000001. */
function formatValue(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}

export function planRefOf(plan: q.DocPlan): PlanRef {
  return { title: plan.title.replace(/\s+/g, ''), docNumber: plan.doc_number, subject: planSubject(plan.title) };
}

/** One indicator's row of the indicator table, rated by the progress rule. */
function indicatorProgress(i: DocIndicator, taskNo: number, value: number | null, asOf: string): IndicatorProgress {
  const indicator = indicatorFromRow(i, i.task_id);
  const { expected, rating } = rateIndicator(toIndicatorTarget(indicator), value, asOf);
  return {
    taskNo,
    metric: i.metric,
    target: targetText(indicator),
    baseline: i.baseline_value === null ? null : formatValue(i.baseline_value),
    current: value === null ? null : formatValue(value),
    expected: expected === null ? null : formatValue(Math.round(expected * 100) / 100),
    unit: i.unit,
    rating,
  };
}

export function roundFacts(
  db: ReadableDB,
  round: { id: number; year: number; quarter: number; deadline: string },
  progress: RoundProgress,
): RoundFacts {
  const plan = q.planOfRound(db, round.id);
  if (!plan) throw new LuoshiError('conflict', '尚未导入工作方案，无法生成公文。请先导入方案。');
  const asOf = quarterEndDate({ year: round.year, quarter: round.quarter as QuarterNumber });
  const tasks = q.tasksOfRound(db, round.id);
  const units = q.unitNamesOfTasks(db, plan.id);
  const status = (task: DocTask): TaskStatus => progress.status('task', task.id);

  const progressOf = (task: DocTask): TaskProgress => {
    const source = progress.subject('task', task.id).counted;
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
    const subject = progress.subject('task', task.id);
    const value = subject.counted ? (subject.values.get(i.id)?.value ?? null) : null;
    return [indicatorProgress(i, task.no, value, asOf)];
  });

  const totals = emptyStatusCounts();
  const bulletinTasks: BulletinTask[] = [];
  for (const task of tasks) {
    const s = status(task);
    totals[s] += 1;
    if (s !== 'lagging' && s !== 'overdue') continue;
    const drafter = progress.subject('task', task.id).latest?.drafting_unit_id ?? null;
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
      problems: progress.subject('task', task.id).counted?.problems ?? '',
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

/**
 * One revision of a task report with its task. The document is that revision's own report (what the
 * unit sends), so its status is the progress rule applied to that revision as if it counted.
 */
export function taskReportFacts(
  db: ReadableDB,
  report: DocReport,
  round: { year: number; quarter: number; deadline: string },
  now: string,
): TaskReportFacts {
  if (report.kind !== 'task' || report.task_id === null) {
    throw new LuoshiError(
      'invalid_input',
      `报告 ${report.id} 不是任务进展报告，不能生成任务进展情况报告。`,
      'reportId',
    );
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
    counted: {
      completed: report.completed === 1,
      indicators: rows.map((i) => ({
        target: toIndicatorTarget(indicatorFromRow(i, i.task_id)),
        value: values.get(i.id) ?? null,
      })),
    },
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
