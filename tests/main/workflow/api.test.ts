import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../../src/main/core/dispatcher';
import { dispatchCalls } from '../../helpers/dispatch';
import { createWorld, unitNames, type TestWorld } from './helpers';

let world: TestWorld;
let api: Dispatcher;

beforeEach(async () => {
  world = await createWorld();
  api = createDispatcher(world.core, () => undefined);
  world.user('coord', ['coordinator'], unitNames.economy, '王专班');
  world.user('social.clerk', ['clerk'], unitNames.social, '李经办');
  world.user('social.leader', ['leader'], unitNames.social, '张三');
});
afterEach(() => world.cleanup());

const { call, session } = dispatchCalls(() => api);

describe('the workflow API through the dispatcher', () => {
  it('carries a report from the inbox through edit, attachment, submit and the timeline', async () => {
    const coord = await session('coord');
    const clerk = await session('social.clerk');
    const leader = await session('social.leader');
    const round = await call('rounds.open', { year: 2025, quarter: 3, deadline: '2025-10-10' }, coord);
    expect((await call('rounds.list', {}, clerk)).map((r) => r.label)).toEqual(['2025年第三季度']);
    expect(await call('compiled.get', { roundId: round.id }, coord)).toBeNull();

    const inbox = await call('reports.inbox', {}, clerk);
    expect(inbox.map((i) => [i.subjectLabel, i.actionLabel])).toEqual([['任务1', '起草']]);
    const item = inbox[0];
    if (!item) throw new Error('empty inbox');
    let view = await call('reports.get', { reportId: item.reportId }, clerk);
    expect(view.actions.map((a) => a.label)).toEqual(['提交审核']);
    view = await call(
      'reports.update',
      {
        reportId: view.id,
        version: view.version,
        content: {
          progress: '已建成托育点 3 个。',
          problems: '',
          nextSteps: '',
          indicatorValues: [{ indicatorId: view.indicators[0]?.indicatorId ?? 0, value: 5.9 }],
        },
      },
      clerk,
    );
    expect(view.content.progress).toBe('已建成托育点 3 个。');
    view = await call(
      'reports.attachments.add',
      {
        reportId: view.id,
        version: view.version,
        fileName: '照片.jpg',
        contentBase64: Buffer.from('jpg').toString('base64'),
      },
      clerk,
    );
    const download = await call('reports.attachments.download', { attachmentId: view.attachments[0]?.id ?? 0 }, leader);
    expect(Buffer.from(download.contentBase64, 'base64').toString()).toBe('jpg');
    view = await call(
      'reports.transition',
      { reportId: view.id, version: view.version, event: 'report.submit' },
      clerk,
    );
    expect(view.stateLabel).toBe('牵头单位审核');
    expect((await call('reports.inbox', {}, leader)).map((i) => i.actionLabel)).toEqual(['审核']);

    const stale = await api.call(
      'reports.transition',
      { reportId: view.id, version: view.version - 1, event: 'report.withdraw' },
      clerk,
    );
    expect(stale.ok ? 'ok' : stale.error.code).toBe('stale');

    const overview = await call('rounds.overview', { roundId: round.id }, coord);
    const row = overview.rows.find((r) => r.reportId === view.id);
    expect(row?.awaiting).toEqual([unitNames.social, unitNames.education]);
    expect(overview.countsByState.leadReview).toBe(1);

    const timeline = await call('reports.timeline', { reportId: view.id }, coord);
    expect(timeline.map((e) => e.summary)).toEqual([
      '李经办（区社会事业局，经办人）修改内容。',
      '李经办（区社会事业局，经办人）上传附件：照片.jpg。',
      '李经办（区社会事业局，经办人）提交审核。',
    ]);
    expect((await call('audit.verify', {}, coord)).ok).toBe(true);
    expect((await call('system.integrity', {}, clerk)).audit.ok).toBe(true);
    expect((await call('units.list', {}, clerk)).map((u) => u.name)).toContain(unitNames.offices);
  });
});
