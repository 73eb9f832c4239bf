import { DemoService } from '../../../../src/main/core/services/demoService';
import { unitNames, type TestWorld } from '../../workflow/helpers';

/**
 * A data folder worth moving to PostgreSQL: the demo's two quarters, a 2025Q4 round, and task 1's
 * report with the given attachments (the same bytes under each name). Shared by the db copy and the
 * PostgreSQL backup tests.
 */
export function fillDemoSource(world: TestWorld, attachments: { names: readonly string[]; bytes: Buffer }): void {
  const core = world.core;
  new DemoService(core.db, core.attachments, core.clock.now(), (id) => core.documents.composeQuarterly(id)).run({
    quarters: 2,
  });
  const coordinator = world.user('coord', ['coordinator'], unitNames.economy);
  const clerk = world.user('Social.Clerk', ['clerk'], unitNames.social);
  const roundId = core.workflow.rounds.open(coordinator, { year: 2025, quarter: 4, deadline: '2026-01-10' }).id;
  const reportId =
    core.workflow.rounds.overview(roundId).rows.find((r) => r.no === 1 && r.kind === 'task')?.reportId ?? 0;
  for (const name of attachments.names) {
    const version = core.workflow.reportQueries.get(clerk, reportId).version;
    core.workflow.reports.addAttachment(clerk, reportId, version, name, attachments.bytes.toString('base64'));
  }
}
