import type { Actor } from '../../shared/domain/accounts';
import type { ReportEventType } from '../../shared/domain/reports';
import { nextQuarter, quarterEndDate, type Quarter } from '../../shared/quarters';
import { viewOf } from '../../shared/workflow';
import type { LuoshiCore } from '../core/core';
import { persistedOf } from '../core/services/reportContext';
import * as reportsStore from '../core/store/reportsStore';
import type { Cast } from './district';
import { elapsedMs } from './stats';

/**
 * Single workflow transitions at full size: a new round after the district's last quarter, each
 * step in its own transaction (as in real use: one click, one commit with its audit entry and
 * fsync). Stops after `limit` transitions, which leaves the round part-way, as a 工作台 would
 * normally find it.
 */
export function measureTransitions(
  core: LuoshiCore,
  cast: Cast,
  after: Quarter,
  limit: number,
): { samples: number[]; totalMs: number; roundId: number } {
  const quarter = nextQuarter(after);
  const deadline = new Date(Date.parse(`${quarterEndDate(quarter)}T00:00:00Z`) + 10 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const { reports, rounds } = core.workflow;
  const round = rounds.open(cast.coordinator, { year: quarter.year, quarter: quarter.quarter, deadline });
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (const row of reportsStore.latestReportsOfRound(core.db, round.id)) {
    if (samples.length >= limit) break;
    if (row.kind === 'compiled') continue;
    const { context } = viewOf(persistedOf(row));
    const drafter = context.drafter.kind === 'unit' ? context.drafter.id : null;
    const clerk = drafter === null ? cast.coordinator : cast.clerks.get(drafter);
    if (!clerk) continue;
    const current = reportsStore.getReportRow(core.db, row.id);
    if (!current) continue;
    reports.updateContent(clerk, row.id, current.version, {
      progress: '本季度按计划推进，完成阶段性目标。',
      problems: '暂无突出问题。',
      nextSteps: '继续加强统筹调度。',
      completed: false,
      // A submission needs every indicator answered: here, 无新进展.
      indicatorValues: (row.task_id === null ? [] : reportsStore.indicatorsOfTask(core.db, row.task_id)).map((i) => ({
        indicatorId: i.id,
        value: null,
        note: '',
        noNewProgress: true,
      })),
    });
    let version = current.version + 1;
    const step = (actor: Actor | undefined, event: ReportEventType): void => {
      if (!actor || samples.length >= limit) return;
      const start = process.hrtime.bigint();
      version = reports.transition(actor, { reportId: row.id, version, event });
      samples.push(elapsedMs(start));
    };
    step(clerk, 'report.submit');
    context.reviewers.forEach((p) => step(cast.leaders.get(p.id), 'report.approve'));
    context.signers.forEach((p) => step(cast.leaders.get(p.id), 'report.sign'));
    step(cast.coordinator, 'report.file');
  }
  return { samples, totalMs: elapsedMs(started), roundId: round.id };
}
