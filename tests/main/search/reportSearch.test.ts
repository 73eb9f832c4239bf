import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyReportContent } from '../../../src/shared/domain/reports';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';

let world: TestWorld;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.cleanup());

describe('searching report text', () => {
  it('finds what a unit wrote as soon as it is saved, and forgets replaced text', () => {
    const coordinator = world.user('coord', ['coordinator'], unitNames.economy);
    const clerk = world.user('social.clerk', ['clerk'], unitNames.social);
    const round = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    const row = world.core.workflow.rounds.overview(round.id).rows.find((r) => r.kind === 'task' && r.no === 1);
    if (!row) throw new Error('no report for task 1');
    const search = (q: string) => world.core.search.query(q, ['report'], 20);

    expect(search('亲子阅读')).toHaveLength(0);
    world.clock.advance(1000);
    world.core.workflow.reports.updateContent(clerk, row.reportId, row.version, {
      ...emptyReportContent,
      progress: '本季度开展亲子阅读活动12场，覆盖家庭300户。',
    });
    const hits = search('亲子阅读');
    expect(hits.map((h) => h.refId)).toEqual([row.reportId]);
    expect(hits[0]?.title).toContain('2025年第三季度');
    expect(hits[0]?.match).toBe('亲子阅读');
    // Two-character words work too.
    expect(search('家庭').map((h) => h.refId)).toContain(row.reportId);

    world.clock.advance(1000);
    const version = world.core.workflow.reportQueries.get(clerk, row.reportId).version;
    world.core.workflow.reports.updateContent(clerk, row.reportId, version, {
      ...emptyReportContent,
      progress: '建成儿童友好公园一处。',
    });
    expect(search('亲子阅读')).toHaveLength(0);
    expect(search('公园').map((h) => h.refId)).toContain(row.reportId);
  });
});
