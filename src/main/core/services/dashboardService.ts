import type { IndicatorPace } from '../../../shared/contract/dashboard';
import type { TaskTrend } from '../../../shared/contract/trend';
import { LuoshiError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { ReadableDB } from '../db/database';
import { subjectTitlesOf } from '../store/reportsStore';
import { getRoundRow } from '../store/roundsStore';
import { targetText } from './ledgers/indicators';
import { RoundProgress } from './roundProgress';
import { queryTrend } from './trendQuery';
import type { ReadScope } from '../policy';

/**
 * What the 工作台 shows beyond the round overview: every indicator against its 序时进度, with the
 * value of the submitted report only (the progress rule, src/shared/domain/progress.ts).
 */
export class DashboardService {
  constructor(
    private readonly db: ReadableDB,
    private readonly clock: Clock,
  ) {}

  /** `scope`: what the caller may read (policy/reads.ts); null shows every indicator. */
  indicators(roundId: number, scope: ReadScope | null = null): { asOf: string; indicators: IndicatorPace[] } {
    const round = getRoundRow(this.db, roundId);
    if (!round) throw new LuoshiError('not_found', `没有编号为 ${roundId} 的填报轮次。`);
    const progress = new RoundProgress(this.db, round, this.clock.nowIso());
    const standings = progress.standings();
    const titles = subjectTitlesOf(
      this.db,
      standings.map((s) => ({ kind: 'task' as const, task_id: s.indicator.taskId, project_id: null })),
    );
    const indicators: IndicatorPace[] = [];
    for (const s of standings) {
      const taskId = s.indicator.taskId;
      if (taskId === null) continue;
      if (scope !== null && !scope.task(taskId) && (s.reportId === null || !scope.report(s.reportId))) continue;
      indicators.push({
        indicatorId: s.indicator.id,
        taskId,
        taskNo: titles('task', taskId)?.no ?? 0,
        reportId: s.reportId,
        metric: s.indicator.metric,
        unit: s.indicator.unit,
        target: targetText(s.indicator),
        value: s.value,
        expected: s.expected,
        rating: s.rating,
        lagging: s.rating === 'lagging',
      });
    }
    return { asOf: progress.asOf, indicators };
  }

  /** A task's quarters side by side (trendQuery.ts). */
  taskTrend(taskId: number): TaskTrend {
    const [trend] = queryTrend(this.db, this.clock.nowIso(), { taskId });
    if (!trend) throw new LuoshiError('not_found', `未找到编号为 ${taskId} 的任务。`, 'taskId');
    return trend;
  }
}
