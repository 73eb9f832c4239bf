import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import { localContext, type CallContext } from '../../../src/main/core/context';
import type { LuoshiCore } from '../../../src/main/core/core';
import { defaultUnitDirectory, diffPlans, parsePlanText, seedPlanFile } from '../../../src/main/core/importer';
import type { ImportPreview } from '../../../src/main/core/services/planService';
import {
  applyCorrections,
  carryCorrections,
  CorrectionError,
  taskKeys,
  type PlanCorrection,
} from '../../../src/shared/domain/planCorrections';
import type { ParsedPlan } from '../../../src/shared/domain/plan';
import { runCliCaptured } from '../../helpers/cliRunner';
import { makeTempDir, resourcesDir } from '../../helpers/tempDir';
import { makeTestCore } from '../../helpers/testCore';

const seedText = readFileSync(seedPlanFile(resourcesDir), 'utf8');
const seed = parsePlanText(seedText, defaultUnitDirectory()).plan;
const keys = taskKeys(seed);
const keyOf = (no: number) => keys[seed.tasks.findIndex((t) => t.no === no)]!;
const task = (plan: ParsedPlan, no: number) => plan.tasks.find((t) => t.no === no)!;

describe('corrections applied to a parsed plan', () => {
  it('gives every task a stable key: the same text gives the same key, another text another', () => {
    expect(new Set(keys).size).toBe(55);
    expect(taskKeys(parsePlanText(seedText, defaultUnitDirectory()).plan)).toEqual(keys);
    const revised = parsePlanText(
      seedText.replace('大力发展普惠托育服务', '大力发展普惠托育和婴幼儿照护服务'),
      defaultUnitDirectory(),
    ).plan;
    const changed = taskKeys(revised).filter((k, i) => k !== keys[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/@8$/);
  });

  it('changes a title, and units with their roles (指导 and 参与 stay out of the lead units)', () => {
    const corrections: PlanCorrection[] = [
      { op: 'title', key: keyOf(8), title: '发展普惠托育服务' },
      {
        op: 'units',
        key: keyOf(8),
        units: [
          { unit: '区社会事业局', role: 'lead' },
          { unit: '区教育文化体育局', role: 'guiding' },
          { unit: '区建设局', role: 'participating' },
          { unit: '区财政局（审计局）', role: 'cooperating' },
        ],
      },
    ];
    const { plan } = applyCorrections(seed, corrections);
    const t8 = task(plan, 8);
    expect(t8.title).toBe('发展普惠托育服务');
    expect(t8.leadUnits).toEqual(['区社会事业局']);
    expect(t8.responsibleUnits).toEqual(['区教育文化体育局', '区建设局', '区财政局（审计局）']);
    expect(t8.unitRoles?.map((u) => u.role)).toEqual(['lead', 'guiding', 'participating', 'cooperating']);
    // Nothing else moves, and the parsed plan is left as it was.
    expect(plan.tasks.filter((t) => t.no !== 8)).toEqual(seed.tasks.filter((t) => t.no !== 8));
    expect(task(seed, 8).title).toBe('大力发展普惠托育服务');
  });

  it('edits a target (value, comparator, unit), deletes a false one and adds a missed one', () => {
    const { plan } = applyCorrections(seed, [
      { op: 'targetEdit', key: keyOf(8), index: 1, comparator: 'range', value: 5, value2: 6, unit: '个' },
      { op: 'targetDelete', key: keyOf(9), index: 2 },
      {
        op: 'targetAdd',
        key: keyOf(9),
        target: { metric: '学前普惠性覆盖率', comparator: 'gte', value: 90, unit: '%', year: 2025 },
      },
    ]);
    expect(task(plan, 8).targets[1]).toMatchObject({
      metric: '每千人口托位数',
      comparator: 'range',
      value: 5,
      value2: 6,
      unit: '个',
      text: '且辖区每千人口托位数达到6个',
    });
    expect(task(plan, 8).targets[0]).toEqual(task(seed, 8).targets[0]);
    expect(task(plan, 9).targets.map((t) => t.metric)).toEqual([
      '九年义务教育巩固率',
      '儿童友好幼儿园',
      '学前普惠性覆盖率',
    ]);
    expect(task(plan, 9).targets[2]).toEqual({
      metric: '学前普惠性覆盖率',
      comparator: 'gte',
      value: 90,
      unit: '%',
      year: 2025,
      text: '（导入时补充）学前普惠性覆盖率',
    });
    // A single-value comparator drops a second value; a range without one is refused.
    const single = applyCorrections(seed, [
      { op: 'targetEdit', key: keyOf(8), index: 0, comparator: 'gte', value: 30, value2: 40, unit: '个' },
    ]).plan;
    expect(task(single, 8).targets[0]).not.toHaveProperty('value2');
    expect(() =>
      applyCorrections(seed, [
        { op: 'targetEdit', key: keyOf(8), index: 0, comparator: 'range', value: 1, unit: '个' },
      ]),
    ).toThrow(/两个数值/);
    expect(() => applyCorrections(seed, [{ op: 'targetDelete', key: keyOf(8), index: 5 }])).toThrow(
      /没有第 6 个指标（共 2 个）/,
    );
  });

  it('merges a task into the one before and renumbers the tasks after it', () => {
    const { plan, keys: after } = applyCorrections(seed, [{ op: 'merge', key: keyOf(9) }]);
    expect(plan.tasks).toHaveLength(54);
    const merged = task(plan, 8);
    expect(merged.title).toBe('大力发展普惠托育服务');
    expect(merged.body).toContain('促进基础教育均衡发展');
    expect(merged.body.endsWith(task(seed, 9).body)).toBe(true);
    expect(merged.targets).toHaveLength(5);
    expect(merged.leadUnits).toEqual(['区社会事业局', '区教育文化体育局']);
    expect(task(plan, 9).title).toBe(task(seed, 10).title);
    expect(plan.tasks.map((t) => t.no)).toEqual(Array.from({ length: 54 }, (_, i) => i + 1));
    expect(after).not.toContain(keyOf(9));
    expect(() => applyCorrections(seed, [{ op: 'merge', key: keys[0]! }])).toThrow(/第一项任务/);
  });

  it('splits a task in two at a place in its text, the targets going with their sentence', () => {
    const body = task(seed, 8).body;
    const at = body.indexOf('到2025年');
    const { plan, keys: after } = applyCorrections(seed, [
      { op: 'split', key: keyOf(8), at, title: '托位建设目标' },
      { op: 'title', key: `${keyOf(8)}#2`, title: '托位建设达标' },
    ]);
    expect(plan.tasks).toHaveLength(56);
    expect(task(plan, 8)).toMatchObject({ title: '大力发展普惠托育服务', body: body.slice(0, at).trim(), targets: [] });
    expect(task(plan, 9)).toMatchObject({ title: '托位建设达标', body: body.slice(at), leadUnits: ['区社会事业局'] });
    expect(task(plan, 9).targets.map((t) => t.metric)).toEqual(['每个社区托育服务机构托位规模', '每千人口托位数']);
    expect(task(plan, 10).title).toBe('促进基础教育均衡发展');
    expect(after.slice(7, 10)).toEqual([keyOf(8), `${keyOf(8)}#2`, keyOf(9)]);
    expect(() => applyCorrections(seed, [{ op: 'split', key: keyOf(8), at: 5000, title: 'x' }])).toThrow(
      /无法在第 5000 个字处拆分/,
    );
  });

  it('shows a change of role alone in the difference between plans', () => {
    const roles = task(seed, 8).unitRoles!.map((u) => (u.unit === '区政法委' ? { ...u, role: 'guiding' as const } : u));
    const { plan } = applyCorrections(seed, [{ op: 'units', key: keyOf(8), units: roles }]);
    expect(diffPlans(seed, plan).tasksChanged.map((c) => [c.no, c.fields])).toEqual([[8, ['unitRoles']]]);
    // Task 23 lists a unit as lead and as responsible: not a change of role.
    expect(diffPlans(seed, seed).tasksChanged).toEqual([]);
  });

  it('names the correction whose task is not in the plan', () => {
    const error = (() => {
      try {
        applyCorrections(seed, [
          { op: 'title', key: keyOf(8), title: 'a' },
          { op: 'title', key: 'nope@3', title: 'b' },
        ]);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(CorrectionError);
    expect((error as CorrectionError).index).toBe(1);
    expect((error as Error).message).toContain('第 2 条更正（修改任务名称）所指的任务在方案中找不到了');
  });

  it('carries a correction to a revised plan where the task text is unchanged, also when the task moved', () => {
    const stored = [
      {
        sourceHash: keyOf(9).split('@')[0]!,
        correction: { op: 'title', key: keyOf(9), title: '基础教育均衡' } as PlanCorrection,
        correctedBy: '王专班',
        correctedAt: '2025-01-01T00:00:00Z',
      },
      {
        sourceHash: keyOf(8).split('@')[0]!,
        correction: { op: 'title', key: keyOf(8), title: '托育' } as PlanCorrection,
        correctedBy: '王专班',
        correctedAt: '2025-01-01T00:00:00Z',
      },
    ];
    // Task 8 is reworded; a new task is inserted before everything, so task 9 is now the 10th.
    const revisedText = seedText.replace('大力发展普惠托育服务', '大力发展普惠托育和婴幼儿照护服务');
    const revised = parsePlanText(revisedText, defaultUnitDirectory()).plan;
    const shifted: ParsedPlan = {
      ...revised,
      tasks: [{ ...revised.tasks[0]!, title: '新增任务', body: '新的正文' }, ...revised.tasks],
    };
    const { carried, stale } = carryCorrections(shifted, stored);
    expect(carried.map((c) => c.correction.key)).toEqual([`${stored[0]!.sourceHash}@10`]);
    expect(stale.map((c) => [c.correction.key, c.reason])).toEqual([[keyOf(8), '原文已修改，更正未沿用']]);
    expect(
      task(
        applyCorrections(
          shifted,
          carried.map((c) => c.correction),
        ).plan,
        9,
      ).title,
    ).toBe('基础教育均衡');
  });
});

describe('corrections through plan.importPreview and plan.import', () => {
  let core: LuoshiCore;
  let cleanup: () => void;
  let coord: CallContext;
  const call = (method: string, input: unknown, context: CallContext) =>
    createDispatcher(core, () => undefined).call(method, input, context);
  const ok = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await call(method, input, coord);
    if (!result.ok) throw new Error(result.error.message);
    return result.data as T;
  };
  const upload = (text: string, fileName = '方案.txt') => ({
    fileName,
    contentBase64: Buffer.from(text).toString('base64'),
  });
  const storedTask = (no: number) => core.plan.task(core.plan.overview()!.tasks.find((t) => t.no === no)!.id);

  beforeEach(async () => {
    ({ core, cleanup } = await makeTestCore());
    const admin = localContext('http');
    await call('auth.setup', { username: 'admin', displayName: '管理员', password: 'admin-pass-1' }, admin);
    const unitId = core.plan.directory().find((u) => u.name === '区社会事业局')!.id;
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
    coord = localContext('http');
    await call('auth.login', { username: 'coord', password: 'coord-pass-1' }, coord);
  });
  afterEach(() => cleanup());

  it('stores the corrected plan, the corrections with who and when, the plan roles, and one audit entry counting them', async () => {
    const preview = await ok<ImportPreview>('plan.importPreview', upload(seedText));
    expect(preview.keys).toEqual(keys);
    expect(preview.corrections).toEqual({ carried: [], stale: [] });
    const key8 = preview.keys[7]!;
    const corrections: PlanCorrection[] = [
      { op: 'title', key: key8, title: '发展普惠托育服务' },
      {
        op: 'units',
        key: key8,
        units: [
          { unit: '区社会事业局', role: 'lead' },
          { unit: '区教育文化体育局', role: 'guiding' },
          { unit: '区市场监管局', role: 'cooperating' },
          { unit: '区托育指导中心', role: 'participating' },
        ],
      },
      { op: 'targetDelete', key: key8, index: 0 },
    ];
    const result = await ok<ImportPreview>('plan.import', { ...upload(seedText), corrections });
    expect(task(result.plan, 8).title).toBe('发展普惠托育服务');
    // A spelling the directory knows becomes its canonical name; an unknown unit is added for review.
    expect(task(result.plan, 8).responsibleUnits).toEqual(['区教育文化体育局', '区市场监督管理局', '区托育指导中心']);
    expect(result.newUnits).toEqual(['区托育指导中心']);

    const detail = storedTask(8);
    expect(detail.title).toBe('发展普惠托育服务');
    expect(detail.leadUnits).toEqual(['区社会事业局']);
    expect(detail.unitRoles).toEqual([
      { unit: '区社会事业局', role: 'lead' },
      { unit: '区教育文化体育局', role: 'guiding' },
      { unit: '区市场监督管理局', role: 'cooperating' },
      { unit: '区托育指导中心', role: 'participating' },
    ]);
    expect(detail.indicators.map((i) => i.metric)).toEqual(['每千人口托位数']);

    const rows = core.db
      .prepare(
        'SELECT position, source_hash, task_key, operation_json, corrected_by FROM plan_corrections ORDER BY position',
      )
      .all() as Array<{ source_hash: string; task_key: string; operation_json: string; corrected_by: string }>;
    expect(rows).toHaveLength(3);
    expect(
      rows.every((r) => r.task_key === key8 && r.source_hash === key8.split('@')[0] && r.corrected_by === '王专班'),
    ).toBe(true);
    expect(JSON.parse(rows[0]!.operation_json)).toEqual(corrections[0]);

    const audit = core.db
      .prepare("SELECT opinion, details_json FROM audit_log WHERE event = 'plan.import' ORDER BY id DESC LIMIT 1")
      .get() as { opinion: string; details_json: string };
    expect(audit.opinion).toContain('更正 3 条');
    expect(JSON.parse(audit.details_json)).toMatchObject({
      corrections: 3,
      correctionsNew: 3,
      correctionsCarried: 0,
      correctionsStale: 0,
    });
    expect(core.workflow.audit.verify().ok).toBe(true);
  });

  it('keeps the numeric standards as standards in the store', () => {
    const detail = storedTask(12);
    const standards = detail.indicators.filter((i) => i.standard).map((i) => [i.metric, i.value, i.unit]);
    expect(standards.length).toBeGreaterThanOrEqual(3);
    expect(standards).toContainEqual(expect.arrayContaining([10, '小时']));
    expect(detail.indicators.find((i) => i.unit === '%')?.standard).toBe(false);
  });

  it('on re-import keeps the corrections whose text is unchanged and lists the others as 原文已修改，更正未沿用', async () => {
    await ok('plan.import', {
      ...upload(seedText),
      corrections: [
        { op: 'title', key: keyOf(8), title: '托育服务（更正）' },
        { op: 'title', key: keyOf(9), title: '基础教育（更正）' },
        {
          op: 'units',
          key: keyOf(9),
          units: [
            { unit: '区教育文化体育局', role: 'lead' },
            { unit: '区经济发展局', role: 'guiding' },
            { unit: '区市场监管局', role: 'participating' },
          ],
        },
      ],
    });
    const revised = seedText.replace('扩大托育服务供给。', '扩大普惠托育服务供给。');
    const preview = await ok<ImportPreview>('plan.importPreview', upload(revised, '修订方案.txt'));
    expect(preview.corrections.carried.map((c) => c.correction.op)).toEqual(['title', 'units']);
    expect(preview.corrections.stale.map((c) => [c.correction.key, c.reason, c.correctedBy])).toEqual([
      [keyOf(8), '原文已修改，更正未沿用', '王专班'],
    ]);
    // The preview's plan is as parsed; the difference already counts the carried corrections.
    expect(task(preview.plan, 9).title).toBe('促进基础教育均衡发展');
    expect(preview.diff?.tasksChanged.map((c) => c.no)).toEqual([8]);

    await ok('plan.import', upload(revised, '修订方案.txt'));
    expect(storedTask(8).title).toBe('大力发展普惠托育服务');
    expect(storedTask(9).title).toBe('基础教育（更正）');
    // The carried units correction typed an alias: resolved again to the directory's name.
    expect(storedTask(9).unitRoles).toEqual([
      { unit: '区教育文化体育局', role: 'lead' },
      { unit: '区经济发展局', role: 'guiding' },
      { unit: '区市场监督管理局', role: 'participating' },
    ]);
    const kept = core.db
      .prepare(
        'SELECT task_key, corrected_by FROM plan_corrections WHERE import_id = (SELECT max(id) FROM plan_imports)',
      )
      .all();
    expect(kept).toEqual([
      { task_key: keyOf(9), corrected_by: '王专班' },
      { task_key: keyOf(9), corrected_by: '王专班' },
    ]);
    const audit = core.db
      .prepare("SELECT details_json FROM audit_log WHERE event = 'plan.import' ORDER BY id DESC LIMIT 1")
      .get() as { details_json: string };
    expect(JSON.parse(audit.details_json)).toMatchObject({
      corrections: 2,
      correctionsCarried: 2,
      correctionsNew: 0,
      correctionsStale: 1,
    });
  });

  it('refuses a correction that does not apply, naming it, and writes nothing', async () => {
    const before = core.db.prepare('SELECT count(*) AS n FROM plan_imports').get();
    const refused = await call(
      'plan.import',
      { ...upload(seedText), corrections: [{ op: 'merge', key: keys[0] }] },
      coord,
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/第 1 条更正：任务“.+”是第一项任务.*未导入/);
    const bad = await call(
      'plan.import',
      { ...upload(seedText), corrections: [{ op: 'title', key: keys[0], title: '' }] },
      coord,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('任务名称不能为空');
    expect(core.db.prepare('SELECT count(*) AS n FROM plan_imports').get()).toEqual(before);
  });

  it('reads the first sheet with tasks of a workbook by default, lists the sheets, and reads the one picked', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('填表说明').addRow(['请按要求填写']);
    const first = workbook.addWorksheet('一季度');
    [
      ['重点任务', '牵头单位', '责任单位'],
      ['推广垃圾分类', '区城管局', '各办事处'],
    ].forEach((r) => first.addRow(r));
    const second = workbook.addWorksheet('二季度');
    [
      ['重点任务', '牵头单位', '责任单位'],
      ['建设口袋公园', '区建设局', '区财政局'],
      ['改造老旧小区', '区建设局', ''],
    ].forEach((r) => second.addRow(r));
    const contentBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const byDefault = await ok<ImportPreview>('plan.importPreview', { fileName: '台账.xlsx', contentBase64 });
    expect(byDefault.sheets).toEqual(['填表说明', '一季度', '二季度']);
    expect(byDefault.sheet).toBe('一季度');
    expect(byDefault.plan.tasks.map((t) => t.title)).toEqual(['推广垃圾分类']);
    const picked = await ok<ImportPreview>('plan.importPreview', {
      fileName: '台账.xlsx',
      contentBase64,
      sheet: '二季度',
    });
    expect(picked.sheet).toBe('二季度');
    expect(picked.plan.tasks.map((t) => t.title)).toEqual(['建设口袋公园', '改造老旧小区']);
    const text = await ok<ImportPreview>('plan.importPreview', upload(seedText));
    expect([text.sheets, text.sheet]).toEqual([[], null]);
  });
});

describe('luoshi import-plan --corrections', () => {
  it('prints the task keys, applies a corrections file, and refuses a file that is not a list of corrections', async () => {
    const temp = makeTempDir();
    try {
      const dataDir = join(temp.dir, 'data');
      const file = join(temp.dir, '方案.txt');
      writeFileSync(file, seedText);
      const listed = await runCliCaptured(['import-plan', file, '--data-dir', dataDir, '--dry-run', '--keys']);
      expect(listed.code).toBe(0);
      const line8 = listed.out.split('\n').find((l) => l.endsWith('\t8\t大力发展普惠托育服务'));
      expect(line8?.split('\t')[0]).toBe(keyOf(8));

      const corrections = join(temp.dir, '更正.json');
      writeFileSync(
        corrections,
        JSON.stringify([
          {
            op: 'units',
            key: keyOf(8),
            units: [
              { unit: '区社会事业局', role: 'lead' },
              { unit: '区教育文化体育局', role: 'guiding' },
            ],
          },
        ]),
      );
      const applied = await runCliCaptured([
        'import-plan',
        file,
        '--data-dir',
        dataDir,
        '--corrections',
        corrections,
        '--json',
      ]);
      expect(applied.code).toBe(0);
      const plan = JSON.parse(applied.out) as ParsedPlan;
      expect(task(plan, 8).unitRoles).toEqual([
        { unit: '区社会事业局', role: 'lead' },
        { unit: '区教育文化体育局', role: 'guiding' },
      ]);
      // Imported again unchanged: the stored correction is carried over.
      const again = await runCliCaptured(['import-plan', file, '--data-dir', dataDir]);
      expect(again.out).toContain('沿用上次导入的更正 1 条（原文未修改）。');

      writeFileSync(corrections, JSON.stringify([{ op: 'rename', key: keyOf(8) }]));
      const bad = await runCliCaptured(['import-plan', file, '--data-dir', dataDir, '--corrections', corrections]);
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('更正文件 更正.json');
    } finally {
      temp.cleanup();
    }
  }, 60_000);
});
