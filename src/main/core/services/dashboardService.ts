import type { IndicatorPace } from '../../../shared/contract/dashboard';
import { LuoshiError } from '../../../shared/errors';
import { quarterEndDate, type QuarterNumber } from '../../../shared/quarters';
import { expectedValue, isIndicatorLagging } from '../../../shared/workflow/status';
import type { ReadableDB } from '../db/database';
import { roundIndicatorValues } from '../store/dashboardQueries';
import { currentPlanId, listIndicators } from '../store/planStore';
import { getRoundRow } from '../store/roundsStore';
import { targetText, toIndicatorTarget } from './ledgers/indicators';

/** What the 工作台 shows beyond the round overview: every indicator against its pace. */
export class DashboardService {
  constructor(private readonly db: ReadableDB) {}

  indicators(roundId: number): { asOf: string; indicators: IndicatorPace[] } {
    const round = getRoundRow(this.db, roundId);
    if (!round) throw new LuoshiError('not_found', `没有编号为 ${roundId} 的填报轮次。`);
    const asOf = quarterEndDate({ year: round.year, quarter: round.quarter as QuarterNumber });
    const planId = currentPlanId(this.db);
    const byId = new Map((planId === null ? [] : listIndicators(this.db, planId)).map((i) => [i.id, i]));
    const indicators: IndicatorPace[] = [];
    for (const row of roundIndicatorValues(this.db, roundId)) {
      const indicator = byId.get(row.indicatorId);
      if (!indicator) continue;
      const target = toIndicatorTarget(indicator);
      indicators.push({
        indicatorId: row.indicatorId,
        taskId: row.taskId,
        taskNo: row.taskNo,
        reportId: row.reportId,
        metric: indicator.metric,
        unit: indicator.unit,
        target: targetText(indicator),
        value: row.value,
        expected: expectedValue(target, asOf),
        lagging: isIndicatorLagging(target, row.value, asOf),
      });
    }
    return { asOf, indicators };
  }
}
