import type { IndicatorTrend, TaskTrend, TrendRound } from '../../../shared/contract/trend';
import type { Indicator } from '../../../shared/domain/planView';
import { countedRevision, firstSubmission, rateIndicator } from '../../../shared/domain/progress';
import { targetText } from '../../../shared/domain/targetText';
import { LuoshiError } from '../../../shared/errors';
import { quarterEndDate, quarterLabel, type QuarterNumber } from '../../../shared/quarters';
import type { ReadableDB } from '../db/database';
import { currentPlanId, listIndicators, listTaskSummaries } from '../store/planStore';
import { prepared } from '../store/preparedStatements';
import type { DbExtension } from '../store/remindersStore';
import type { DbReport } from '../store/reportsStore';
import { readSupervisionSettings } from '../store/supervisionSettings';
import { extensionsOfRounds, trendRevisions, trendRounds, valuesOfReportSet } from '../store/trendQueries';
import { judgeSubject, targetOf } from './roundProgress';

/**
 * The trend (趋势): each task's quarters side by side — status, warning, and every indicator's
 * counted value, 应达值 and rating per round — by the same progress rule as each round's screens
 * (judgeSubject; drafts never count). Loaded in one pass: four statements for the whole plan
 * however many rounds it has, then judged in memory.
 */
export function queryTrend(db: ReadableDB, now: string, options: { taskId?: number } = {}): TaskTrend[] {
  let planId: number | null;
  let tasks: { id: number; no: number; title: string }[];
  if (options.taskId !== undefined) {
    const task = prepared(db, 'SELECT id, plan_id, no, title FROM tasks WHERE id = ?').get(options.taskId) as
      { id: number; plan_id: number; no: number; title: string } | undefined;
    if (!task)
      throw new LuoshiError('not_found', `未找到编号为 ${options.taskId} 的任务。请刷新方案任务页后再试。`, 'taskId');
    planId = task.plan_id;
    tasks = [task];
  } else {
    planId = currentPlanId(db);
    if (planId === null) throw new LuoshiError('conflict', '尚未导入工作方案，没有可以显示的趋势。请先导入方案。');
    tasks = listTaskSummaries(db, planId);
  }
  const rounds = trendRounds(db, planId, options.taskId);
  const roundIds = rounds.map((r) => r.id);
  const extensionsByRound = new Map<number, Map<number, DbExtension>>();
  for (const e of extensionsOfRounds(db, roundIds)) {
    const map = extensionsByRound.get(e.round_id) ?? new Map<number, DbExtension>();
    map.set(e.unit_id, e);
    extensionsByRound.set(e.round_id, map);
  }
  const settings = readSupervisionSettings(db);
  const rules = { dueSoonDays: settings.dueSoonDays, redMarginPercent: settings.redMarginPercent };
  const indicatorsByTask = new Map<number, Indicator[]>();
  for (const i of listIndicators(db, planId)) {
    if (i.taskId === null) continue;
    indicatorsByTask.set(i.taskId, [...(indicatorsByTask.get(i.taskId) ?? []), i]);
  }
  // Revisions by task, then by round (already ordered by round and revision).
  const revisions = new Map<number, Map<number, DbReport[]>>();
  for (const r of trendRevisions(db, planId, options.taskId)) {
    if (r.task_id === null) continue;
    const byRound = revisions.get(r.task_id) ?? new Map<number, DbReport[]>();
    byRound.set(r.round_id, [...(byRound.get(r.round_id) ?? []), r]);
    revisions.set(r.task_id, byRound);
  }
  const counted = new Map<string, DbReport | null>();
  for (const [taskId, byRound] of revisions)
    for (const [roundId, list] of byRound) counted.set(`${taskId}:${roundId}`, countedRevision(list));
  const values = valuesOfReportSet(
    db,
    [...counted.values()].flatMap((r) => (r ? [r.id] : [])),
  );
  const noValues = new Map<number, { value: number | null }>();
  const noExtensions = new Map<number, DbExtension>();
  const asOf = new Map(
    rounds.map((r) => [r.id, quarterEndDate({ year: r.year, quarter: r.quarter as QuarterNumber })]),
  );

  return tasks.map((task) => {
    const indicators = indicatorsByTask.get(task.id) ?? [];
    const byRound = revisions.get(task.id);
    const trendRoundsOfTask: TrendRound[] = [];
    const points = new Map<number, IndicatorTrend['points']>(indicators.map((i) => [i.id, []]));
    for (const round of rounds) {
      const list = byRound?.get(round.id);
      // A round without a report of this task (opened before the task was in the plan) is left out.
      if (!list) continue;
      const c = counted.get(`${task.id}:${round.id}`) ?? null;
      const reported = c ? (values.get(c.id) ?? noValues) : noValues;
      const end = asOf.get(round.id) ?? '';
      const judged = judgeSubject({
        roundDeadline: round.deadline,
        asOf: end,
        now,
        rules,
        extensions: extensionsByRound.get(round.id) ?? noExtensions,
        indicators,
        latest: list[list.length - 1] ?? null,
        counted: c,
        firstSubmittedAt: firstSubmission(list),
        values: reported,
      });
      trendRoundsOfTask.push({
        roundId: round.id,
        year: round.year,
        quarter: round.quarter,
        label: quarterLabel(round),
        asOf: end,
        status: judged.status,
        warning: judged.warning,
        reportId: c?.id ?? null,
      });
      for (const i of indicators) {
        const value = c ? (reported.get(i.id)?.value ?? null) : null;
        const { expected, rating } = rateIndicator(targetOf(i), value, end);
        points.get(i.id)?.push({ roundId: round.id, value, expected, rating });
      }
    }
    return {
      taskId: task.id,
      no: task.no,
      title: task.title,
      rounds: trendRoundsOfTask,
      indicators: indicators.map((i) => ({
        indicatorId: i.id,
        metric: i.metric,
        unit: i.unit,
        target: targetText(i),
        points: points.get(i.id) ?? [],
      })),
    };
  });
}
