import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import { LuoshiError } from '../../../src/shared/errors';
import { createWorld, unitNames, type TestWorld } from './helpers';

let world: TestWorld;
let coordinator: Actor;
let clerk: Actor;
let otherClerk: Actor;
let roundId: number;
let taskReport: number;

beforeEach(async () => {
  world = await createWorld();
  coordinator = world.user('coord', ['coordinator'], unitNames.economy);
  clerk = world.user('social.clerk', ['clerk'], unitNames.social);
  otherClerk = world.user('health.clerk', ['clerk'], unitNames.health);
  roundId = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
  taskReport =
    world.core.workflow.rounds.overview(roundId).rows.find((r) => r.no === 1 && r.kind === 'task')?.reportId ?? 0;
});
afterEach(() => world.cleanup());

const refusal = (fn: () => unknown): LuoshiError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof LuoshiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('attachments', () => {
  it('stores the file under the data folder by sha256, lists and returns it, and bumps the version', () => {
    const bytes = Buffer.from('托育机构名单（第三季度）');
    const before = world.core.workflow.reportQueries.get(clerk, taskReport);
    world.core.workflow.reports.addAttachment(clerk, taskReport, before.version, '名单.txt', bytes.toString('base64'));
    const after = world.core.workflow.reportQueries.get(clerk, taskReport);
    expect(after.version).toBe(before.version + 1);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(after.attachments).toMatchObject([{ fileName: '名单.txt', size: bytes.length, sha256: sha }]);
    expect(world.core.attachments.has(sha)).toBe(true);
    const file = world.core.workflow.reports.readAttachment(after.attachments[0]?.id ?? 0);
    expect(file.bytes.equals(bytes)).toBe(true);

    world.core.workflow.reports.removeAttachment(clerk, taskReport, after.version, after.attachments[0]?.id ?? 0);
    expect(world.core.workflow.reportQueries.get(clerk, taskReport).attachments).toEqual([]);
    expect(world.core.workflow.reportQueries.timeline(taskReport).map((e) => e.eventLabel)).toEqual([
      '上传附件',
      '删除附件',
    ]);
  });

  it('refuses files over 20 MB and uploads by another unit', () => {
    const version = world.core.workflow.reportQueries.get(clerk, taskReport).version;
    const big = Buffer.alloc(20 * 1024 * 1024 + 1).toString('base64');
    const tooBig = refusal(() =>
      world.core.workflow.reports.addAttachment(clerk, taskReport, version, '大文件.pdf', big),
    );
    expect(tooBig.message).toContain('20 MB');
    const other = refusal(() =>
      world.core.workflow.reports.addAttachment(otherClerk, taskReport, version, 'a.txt', 'YWJj'),
    );
    expect(other.code).toBe('forbidden');
  });
});

describe('the compiled quarterly report', () => {
  it('is reviewed by the coordinating units, signed by task-force leaders, and filed with a document number', () => {
    const economyLeader = world.user('economy.leader', ['leader'], unitNames.economy);
    const womenLeader = world.user('women.leader', ['leader'], unitNames.women);
    const noLeaders = refusal(() => world.core.workflow.rounds.createCompiled(coordinator, roundId));
    expect(noLeaders.message).toContain('工作专班负责人');
    const taskForceLeader = world.user('tf.leader', ['coordinator', 'leader'], unitNames.economy);

    const id = world.core.workflow.rounds.createCompiled(coordinator, roundId, { title: '草稿' });
    let view = world.core.workflow.reportQueries.get(coordinator, id);
    expect(view.kind).toBe('compiled');
    expect(view.reviewers.map((r) => r.name)).toEqual([unitNames.economy, unitNames.women]);
    expect(view.signers.map((r) => r.name)).toEqual(['tf.leader']);
    expect(view.canEdit).toBe(true);
    // A unit's clerk does not read the task force's draft (README「谁能看什么」); a reviewer's leader does.
    expect(refusal(() => world.core.workflow.reportQueries.get(clerk, id)).code).toBe('forbidden');
    expect(world.core.workflow.reportQueries.get(economyLeader, id).canEdit).toBe(false);

    const document = { blocks: [{ type: 'paragraph', text: '本季度各项任务有序推进。' }], nested: { a: [1, 2] } };
    world.core.workflow.reports.updateCompiled(coordinator, id, view.version, document);
    view = world.core.workflow.reportQueries.get(coordinator, id);
    expect(view.compiledContent).toEqual(document);

    const step = (actor: Actor, event: Parameters<typeof world.core.workflow.reports.transition>[1]['event']) => {
      const version = world.core.workflow.reportQueries.get(actor, id).version;
      world.core.workflow.reports.transition(actor, { reportId: id, version, event });
      return world.core.workflow.reportQueries.get(actor, id);
    };
    step(coordinator, 'report.submit');
    step(economyLeader, 'report.approve');
    expect(step(womenLeader, 'report.approve').state).toBe('signOff');
    expect(refusal(() => step(economyLeader, 'report.sign')).code).toBe('forbidden');
    expect(step(taskForceLeader, 'report.sign').state).toBe('filing');
    const filed = step(coordinator, 'report.file');
    expect(filed.archiveNo).toBe('郑经儿童专班〔2025〕1号');
    // Filed, it is issued to every unit.
    expect(world.core.workflow.reportQueries.get(clerk, id).archiveNo).toBe(filed.archiveNo);
    expect(world.core.workflow.rounds.overview(roundId).compiledReportId).toBe(id);
  });

  it('uses the configured pattern for the next number', () => {
    world.core.workflow.reports.setArchivePatterns(coordinator, {
      reportPattern: 'LS-{year}-{seq:3}',
      compiledPattern: '郑经儿童专班〔{year}〕{seq}号',
    });
    const leader = world.user('health.leader', ['leader'], unitNames.health);
    const task2 = world.core.workflow.rounds.overview(roundId).rows.find((r) => r.no === 2 && r.kind === 'task');
    let version = world.completeDraft(otherClerk, task2?.reportId ?? 0);
    version = world.core.workflow.reports.transition(otherClerk, {
      reportId: task2?.reportId ?? 0,
      version,
      event: 'report.submit',
    });
    version = world.core.workflow.reports.transition(leader, {
      reportId: task2?.reportId ?? 0,
      version,
      event: 'report.approve',
    });
    world.core.workflow.reports.transition(coordinator, {
      reportId: task2?.reportId ?? 0,
      version,
      event: 'report.file',
    });
    expect(world.core.workflow.reportQueries.get(coordinator, task2?.reportId ?? 0).archiveNo).toBe('LS-2025-001');
    const bad = refusal(() =>
      world.core.workflow.reports.setArchivePatterns(coordinator, {
        reportPattern: '无序号',
        compiledPattern: 'x{seq}',
      }),
    );
    expect(bad.message).toContain('{seq}');
  });
});
