import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import { localContext, type CallContext } from '../../../src/main/core/context';
import type { LuoshiCore } from '../../../src/main/core/core';
import { seedPlanFile } from '../../../src/main/core/importer';
import { runCliCaptured } from '../../helpers/cliRunner';
import { makeTempDir, resourcesDir } from '../../helpers/tempDir';
import { makeTestCore } from '../../helpers/testCore';

const seedText = readFileSync(seedPlanFile(resourcesDir), 'utf8');

describe('luoshi import-plan', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('prints the parsed plan as JSON in the documented shape and writes nothing with --dry-run', async () => {
    const dataDir = join(temp.dir, 'data');
    const file = join(temp.dir, '方案.txt');
    writeFileSync(file, seedText);
    const { code, out } = await runCliCaptured(['import-plan', file, '--data-dir', dataDir, '--dry-run', '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(out) as {
      meta: { docNumber: string };
      tasks: { no: number; leadUnits: string[]; targets: { comparator: string }[] }[];
      projects: unknown[];
    };
    expect(plan.meta.docNumber).toBe('郑经管政〔2023〕32号');
    expect(plan.tasks).toHaveLength(55);
    expect(plan.tasks.find((t) => t.no === 8)?.leadUnits).toEqual(['区社会事业局']);
    expect(plan.projects).toHaveLength(18);
    const check = await runCliCaptured(['import-plan', file, '--data-dir', dataDir, '--dry-run']);
    expect(check.out).toContain('任务 55 项');
    expect(check.out).toContain('试运行：未写入任何数据。');
  });

  it('imports into a new data folder, and refuses a file that is not a plan with exit code 2', async () => {
    const dataDir = join(temp.dir, 'data');
    const plan = join(temp.dir, 'plan.txt');
    writeFileSync(plan, seedText);
    expect((await runCliCaptured(['import-plan', plan, '--data-dir', dataDir])).code).toBe(0);
    const notes = join(temp.dir, '会议纪要.txt');
    writeFileSync(notes, '会议纪要\n一、会议内容\n大家讨论了工作。\n');
    const bad = await runCliCaptured(['import-plan', notes, '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('会议纪要.txt');
    const missing = await runCliCaptured(['import-plan', join(temp.dir, 'nope.txt'), '--data-dir', dataDir]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('找不到文件');
  });
});

describe('plan import and the unit directory over the API', () => {
  let core: LuoshiCore;
  let cleanup: () => void;
  let admin: CallContext;
  let clerk: CallContext;
  const call = (method: string, input: unknown, context: CallContext) =>
    createDispatcher(core, () => undefined).call(method, input, context);

  beforeEach(async () => {
    ({ core, cleanup } = await makeTestCore());
    admin = localContext('http');
    expect(
      (await call('auth.setup', { username: 'admin', displayName: '管理员', password: 'admin-pass-1' }, admin)).ok,
    ).toBe(true);
    const units = core.plan.directory();
    const unitId = units.find((u) => u.name === '区社会事业局')!.id;
    await call(
      'users.create',
      {
        username: 'coord',
        displayName: '王专班',
        password: 'coord-pass-1',
        unitId,
        roles: ['coordinator'],
        mustChangePassword: false,
      },
      admin,
    );
    await call(
      'users.create',
      {
        username: 'clerk',
        displayName: '李经办',
        password: 'clerk-pass-1',
        unitId,
        roles: ['clerk'],
        mustChangePassword: false,
      },
      admin,
    );
    clerk = localContext('http');
    await call('auth.login', { username: 'clerk', password: 'clerk-pass-1' }, clerk);
  });
  afterEach(() => cleanup());

  const upload = (text: string) => ({ fileName: '修订方案.txt', contentBase64: Buffer.from(text).toString('base64') });

  it('previews a revised plan as a difference without writing, and keeps reports of remaining tasks on import', async () => {
    const coord = localContext('http');
    await call('auth.login', { username: 'coord', password: 'coord-pass-1' }, coord);
    const opened = await call('rounds.open', { year: 2025, quarter: 3, deadline: '2025-10-10' }, coord);
    expect(opened.ok).toBe(true);
    const reportsBefore = (core.db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;

    const revised = seedText.replace('大力发展普惠托育服务', '大力发展普惠托育和婴幼儿照护服务');
    const preview = await call('plan.importPreview', upload(revised), coord);
    if (!preview.ok) throw new Error(preview.error.message);
    const diff = (preview.data as { diff: { tasksChanged: { no: number }[]; tasksAdded: unknown[] } }).diff;
    expect(diff.tasksChanged.map((c) => c.no)).toEqual([8]);
    expect(diff.tasksAdded).toHaveLength(0);
    expect(core.plan.task(core.plan.overview()!.tasks.find((t) => t.no === 8)!.id).title).toBe('大力发展普惠托育服务');

    const refused = await call('plan.import', upload(revised), clerk);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('forbidden');

    const imported = await call('plan.import', upload(revised), coord);
    expect(imported.ok).toBe(true);
    const task8 = core.plan.overview()!.tasks.find((t) => t.no === 8)!;
    expect(task8.title).toBe('大力发展普惠托育和婴幼儿照护服务');
    expect((core.db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n).toBe(reportsBefore);
    expect(core.db.prepare('SELECT count(*) AS n FROM reports WHERE task_id = ?').get(task8.id)).toEqual({ n: 1 });
    expect(core.workflow.audit.verify().ok).toBe(true);
  });

  it('lets an administrator correct the directory, refusing an alias that names another unit', async () => {
    const units = core.plan.directory();
    const group = units.find((u) => u.name === '各办事处')!;
    const office = units.find((u) => u.name === '区社会事业局')!;
    const market = units.find((u) => u.name === '区市场监督管理局')!;
    expect(market.aliases).toContain('区市场监管局');

    const members = await call('units.update', { unitId: group.id, memberIds: [office.id] }, admin);
    expect(members.ok).toBe(true);
    expect(core.plan.directory().find((u) => u.id === group.id)!.members).toEqual(['区社会事业局']);

    const clash = await call('units.update', { unitId: office.id, aliases: ['区市场监管局'] }, admin);
    expect(clash.ok).toBe(false);
    if (!clash.ok) expect(clash.error.message).toContain('区市场监督管理局');
    expect(core.plan.directory().find((u) => u.id === market.id)!.aliases).toContain('区市场监管局');

    const byClerk = await call('units.update', { unitId: office.id, needsReview: true }, clerk);
    expect(byClerk.ok).toBe(false);
    expect(core.workflow.audit.verify().ok).toBe(true);
  });

  it('lets an administrator add the offices behind 各办事处, and a round then asks each to countersign', async () => {
    const group = core.plan.directory().find((u) => u.name === '各办事处')!;
    for (const name of ['明湖办事处', '潮河办事处']) {
      const created = await call('units.create', { name, groupIds: [group.id] }, admin);
      expect(created.ok).toBe(true);
    }
    expect(core.plan.directory().find((u) => u.id === group.id)!.members).toEqual(['明湖办事处', '潮河办事处']);
    const duplicate = await call('units.create', { name: '区市场监管局' }, admin);
    expect(duplicate.ok).toBe(false);
    if (!duplicate.ok) expect(duplicate.error.message).toContain('区市场监督管理局');
    expect((await call('units.create', { name: '前程办事处' }, clerk)).ok).toBe(false);

    const coord = localContext('http');
    await call('auth.login', { username: 'coord', password: 'coord-pass-1' }, coord);
    const round = await call('rounds.open', { year: 2025, quarter: 3, deadline: '2025-10-10' }, coord);
    if (!round.ok) throw new Error(round.error.message);
    const task8 = core.plan.overview()!.tasks.find((t) => t.no === 8)!;
    const row = core.workflow.rounds
      .overview((round.data as { id: number }).id)
      .rows.find((r) => r.taskId === task8.id)!;
    const view = await call('reports.get', { reportId: row.reportId }, coord);
    if (!view.ok) throw new Error(view.error.message);
    const signers = (view.data as { signers: { name: string }[] }).signers.map((s) => s.name);
    expect(signers).toEqual(expect.arrayContaining(['明湖办事处', '潮河办事处']));
    expect(signers).not.toContain('各办事处');
    expect(core.workflow.audit.verify().ok).toBe(true);
  });
});
