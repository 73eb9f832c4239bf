import type { Workbook, Worksheet } from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/shared/domain/accounts';
import { LuoshiError } from '../../../src/shared/errors';
import { createLedgerWorld, text, units, workbookOf, type LedgerWorld } from './world';

let world: LedgerWorld;
let coordinator: Actor;
let clerkSocial: Actor;
let leaderSocial: Actor;
let clerkEducation: Actor;
let roundId: number;
let social: number;

beforeEach(async () => {
  world = await createLedgerWorld();
  coordinator = world.user('coord', ['coordinator'], units.economy, '王专班');
  clerkSocial = world.user('social.clerk', ['clerk'], units.social, '李经办');
  leaderSocial = world.user('social.leader', ['leader'], units.social, '张三');
  clerkEducation = world.user('edu.clerk', ['clerk'], units.education, '赵教育');
  roundId = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
  social = world.unitId(units.social);
});
afterEach(() => world.cleanup());

function sheet(workbook: Workbook, name: string): Worksheet {
  const s = workbook.getWorksheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Open the sheet as a unit's spreadsheet program would, change it, save it. */
async function fill(bytes: Buffer, change: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = await workbookOf(bytes);
  change(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Rows of the progress sheet by report id (the hidden key column G holds R<id>). */
function progressRows(workbook: Workbook): Map<number, number> {
  const s = sheet(workbook, '进展填报');
  const rows = new Map<number, number>();
  for (let r = 4; r <= s.rowCount; r++) {
    const key = text(s, r, 7);
    if (key.startsWith('R')) rows.set(Number(key.slice(1)), r);
  }
  return rows;
}

async function refusal(promise: Promise<unknown>): Promise<LuoshiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LuoshiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The social affairs bureau's drafting reports in the round (what its sheet must hold). */
function socialReports(): { id: number; version: number; taskId: number | null }[] {
  return world.core.db
    .prepare(
      `SELECT p.id, p.version, p.task_id AS taskId FROM reports p WHERE p.round_id = ? AND p.drafting_unit_id = ? AND p.state = 'drafting' ORDER BY p.id`,
    )
    .all(roundId, social) as { id: number; version: number; taskId: number | null }[];
}

describe('the fill-in round trip', () => {
  it('exports the unit’s drafting reports, previews the typed values and applies exactly them, one audit entry each', async () => {
    // One report already submitted: it must not be on the sheet.
    const reports = socialReports();
    const submitted = reports[reports.length - 1];
    if (!submitted || reports.length < 3) throw new Error('seed changed: 区社会事业局 drafts too few reports');
    world.submit(clerkSocial, submitted.id);
    const onSheet = reports.slice(0, -1);
    const withIndicator = onSheet.find(
      (r) => r.taskId !== null && world.core.db.prepare('SELECT 1 FROM indicators WHERE task_id = ?').get(r.taskId),
    );
    if (!withIndicator) throw new Error('seed changed: no indicator on the social bureau’s tasks');
    const indicator = world.core.db
      .prepare('SELECT id, metric FROM indicators WHERE task_id = ? ORDER BY position LIMIT 1')
      .get(withIndicator.taskId) as { id: number; metric: string };
    // A note written in the app must survive an import that sets the value.
    world.edit(clerkSocial, withIndicator.id, {
      indicatorValues: [{ indicatorId: indicator.id, value: 1, note: '统计口径：年末数' }],
    });
    const first = onSheet[0];
    const second = onSheet[1];
    if (!first || !second) throw new Error('unreachable');

    const file = await world.core.ledgers.exportFillIn(clerkSocial, roundId, social);
    expect(file.fileName).toBe(`${units.social}2025年第三季度填报表.xlsx`);
    const workbook = await workbookOf(file.bytes);
    const rows = progressRows(workbook);
    expect([...rows.keys()].sort((a, b) => a - b)).toEqual(onSheet.map((r) => r.id));

    const filled = await fill(file.bytes, (wb) => {
      const progress = sheet(wb, '进展填报');
      progress.getCell(rows.get(first.id) ?? 0, 4).value = '新建儿童之家 4 个，覆盖率 80%。';
      progress.getCell(rows.get(first.id) ?? 0, 5).value = '专业社工不足';
      progress.getCell(rows.get(second.id) ?? 0, 6).value = '下季度完成验收';
      const values = sheet(wb, '指标填报');
      for (let r = 4; r <= values.rowCount; r++) {
        if (text(values, r, 7) === `I${withIndicator.id}-${indicator.id}`) values.getCell(r, 6).value = 157;
      }
    });

    const before = world.snapshot();
    const preview = await world.core.ledgers.previewFillIn(clerkSocial, roundId, social, filled);
    expect(world.snapshot()).toBe(before);
    expect(preview.canApply).toBe(true);
    expect(preview.conflicts).toEqual([]);
    expect(preview.changes.map((c) => [c.reportId, c.field])).toEqual(
      expect.arrayContaining([
        [first.id, 'progress'],
        [first.id, 'problems'],
        [second.id, 'nextSteps'],
        [withIndicator.id, 'indicator'],
      ]),
    );
    expect(preview.changes).toHaveLength(4);

    const versionsBefore = new Map(socialReports().map((r) => [r.id, r.version]));
    const auditBefore = (world.core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const result = await world.core.ledgers.applyFillIn(clerkSocial, roundId, social, filled);
    const changedIds = [...new Set([first.id, second.id, withIndicator.id])];
    expect(result).toMatchObject({ applied: 4, reports: changedIds.length });

    const firstView = world.core.workflow.reportQueries.get(clerkSocial, first.id);
    expect(firstView.content.progress).toBe('新建儿童之家 4 个，覆盖率 80%。');
    expect(firstView.content.problems).toBe('专业社工不足');
    expect(firstView.content.nextSteps).toBe('');
    expect(world.core.workflow.reportQueries.get(clerkSocial, second.id).content.nextSteps).toBe('下季度完成验收');
    const values = world.core.workflow.reportQueries.get(clerkSocial, withIndicator.id).content.indicatorValues;
    expect(values.find((v) => v.indicatorId === indicator.id)).toEqual({
      indicatorId: indicator.id,
      value: 157,
      note: '统计口径：年末数',
    });

    // Versions moved by one on changed reports only.
    const versionsAfter = new Map(socialReports().map((r) => [r.id, r.version]));
    for (const r of onSheet) {
      expect([r.id, versionsAfter.get(r.id)]).toEqual([
        r.id,
        (versionsBefore.get(r.id) ?? 0) + (changedIds.includes(r.id) ? 1 : 0),
      ]);
    }

    const entries = world.core.db
      .prepare('SELECT report_id, event, actor_name, unit_name, role, opinion FROM audit_log WHERE id > ? ORDER BY id')
      .all(auditBefore) as {
      report_id: number;
      event: string;
      actor_name: string;
      unit_name: string;
      role: string;
      opinion: string;
    }[];
    expect(entries.map((e) => e.report_id).sort((a, b) => a - b)).toEqual(changedIds.sort((a, b) => a - b));
    for (const e of entries) {
      expect(e).toMatchObject({
        event: 'report.edit',
        actor_name: '李经办',
        unit_name: units.social,
        role: 'clerk',
        opinion: '经填报表导入（导入人：李经办）',
      });
    }
    expect(world.core.workflow.audit.verify().ok).toBe(true);

    // Importing the same sheet again finds its content already stored: nothing to do, nothing changed,
    // and no one is told that someone else changed the reports.
    const again = world.snapshot();
    expect(await world.core.ledgers.applyFillIn(clerkSocial, roundId, social, filled)).toMatchObject({
      applied: 0,
      reports: 0,
    });
    expect(world.snapshot()).toBe(again);
  });

  it('applies 是否已全部完成 chosen on the sheet: completed is written into the report with the rest', async () => {
    const [report, other] = socialReports();
    if (!report || !other) throw new Error('seed changed: 区社会事业局 drafts too few reports');
    const completedOf = (id: number) => world.core.workflow.reportQueries.get(clerkSocial, id).content.completed;
    expect([completedOf(report.id), completedOf(other.id)]).toEqual([false, false]);

    const file = await world.core.ledgers.exportFillIn(clerkSocial, roundId, social);
    const rows = progressRows(await workbookOf(file.bytes));
    const row = rows.get(report.id) ?? 0;
    const exported = sheet(await workbookOf(file.bytes), '进展填报');
    expect(text(exported, row, 8)).toBe('否');
    expect(exported.getCell(row, 8).dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });

    const filled = await fill(file.bytes, (wb) => {
      const progress = sheet(wb, '进展填报');
      progress.getCell(row, 8).value = '是';
      progress.getCell(row, 4).value = '全部建成并投入使用。';
    });
    const preview = await world.core.ledgers.previewFillIn(clerkSocial, roundId, social, filled);
    expect(preview.changes.map((c) => [c.reportId, c.field, c.old, c.new])).toEqual([
      [report.id, 'progress', expect.any(String), '全部建成并投入使用。'],
      [report.id, 'completed', false, true],
    ]);

    const auditBefore = (world.core.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const result = await world.core.ledgers.applyFillIn(clerkSocial, roundId, social, filled);
    expect(result).toMatchObject({ applied: 2, reports: 1 });
    const view = world.core.workflow.reportQueries.get(clerkSocial, report.id);
    expect(view.content.completed).toBe(true);
    expect(view.content.progress).toBe('全部建成并投入使用。');
    expect(completedOf(other.id)).toBe(false);
    expect(world.core.db.prepare('SELECT completed, version FROM reports WHERE id = ?').get(report.id)).toEqual({
      completed: 1,
      version: report.version + 1,
    });
    const entries = world.core.db
      .prepare('SELECT details_json FROM audit_log WHERE id > ? ORDER BY id')
      .all(auditBefore) as { details_json: string }[];
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]?.details_json ?? '{}')).toMatchObject({
      changed: ['progress', 'completed'],
      source: 'fillIn',
    });
    expect(world.core.workflow.audit.verify().ok).toBe(true);
  });

  it('lets a coordinator import for the unit and records the unit with the importer', async () => {
    const [report] = socialReports();
    if (!report) throw new Error('no report');
    const file = await world.core.ledgers.exportFillIn(coordinator, roundId, social);
    const filled = await fill(file.bytes, (wb) => {
      sheet(wb, '进展填报').getCell(progressRows(wb).get(report.id) ?? 0, 4).value = '专班代为录入';
    });
    await world.core.ledgers.applyFillIn(coordinator, roundId, social, filled);
    const entry = world.core.db
      .prepare('SELECT actor_name, unit_name, role, opinion, details_json FROM audit_log ORDER BY id DESC LIMIT 1')
      .get() as Record<string, string>;
    expect(entry).toMatchObject({
      actor_name: '王专班',
      unit_name: units.social,
      role: 'coordinator',
      opinion: `经填报表导入（导入人：王专班，${units.economy}）`,
    });
    expect(JSON.parse(entry.details_json ?? '{}')).toMatchObject({ source: 'fillIn', importerUnitName: units.economy });
  });
});

describe('refused imports change nothing', () => {
  async function filledSheet(): Promise<{ bytes: Buffer; reportId: number }> {
    const [report] = socialReports();
    if (!report) throw new Error('no report');
    const file = await world.core.ledgers.exportFillIn(clerkSocial, roundId, social);
    const bytes = await fill(file.bytes, (wb) => {
      sheet(wb, '进展填报').getCell(progressRows(wb).get(report.id) ?? 0, 4).value = '填报表中的进展';
    });
    return { bytes, reportId: report.id };
  }

  it('refuses a sheet whose report was edited after the export', async () => {
    const { bytes, reportId } = await filledSheet();
    world.edit(leaderSocial, reportId, { progress: '在系统中修改过' });
    const before = world.snapshot();
    const preview = await world.core.ledgers.previewFillIn(clerkSocial, roundId, social, bytes);
    expect(preview.canApply).toBe(false);
    expect(preview.conflicts.map((c) => c.reason)).toEqual(['versionMoved']);
    const error = await refusal(world.core.ledgers.applyFillIn(clerkSocial, roundId, social, bytes));
    expect(error.code).toBe('stale');
    expect(error.message).toContain('重新下载');
    expect(world.snapshot()).toBe(before);
  });

  it('names who changed the report since the export, instead of blaming 他人', async () => {
    const { bytes, reportId } = await filledSheet();
    world.edit(leaderSocial, reportId, { progress: '在系统中修改过' });
    const preview = await world.core.ledgers.previewFillIn(clerkSocial, roundId, social, bytes);
    const message = preview.conflicts[0]?.message ?? '';
    expect(message).toContain(`最近一次由张三（${units.social}）于2025年`);
    expect(message).toContain('修改内容');
    expect(message).not.toContain('他人');
  });

  it('takes the same sheet imported twice as already imported, not as a conflict', async () => {
    const { bytes, reportId } = await filledSheet();
    const first = await world.core.ledgers.applyFillIn(clerkSocial, roundId, social, bytes);
    expect(first.applied).toBe(1);
    const before = world.snapshot();
    const again = await world.core.ledgers.previewFillIn(clerkSocial, roundId, social, bytes);
    expect(again.conflicts).toEqual([]);
    expect(again.changes).toEqual([]);
    expect(again.canApply).toBe(true);
    expect(world.snapshot()).toBe(before);
    // A sheet that would change the re-imported report again names the importer and how.
    const changedAgain = await fill(bytes, (wb) => {
      sheet(wb, '进展填报').getCell(progressRows(wb).get(reportId) ?? 0, 4).value = '再次修改的进展';
    });
    const conflict =
      (await world.core.ledgers.previewFillIn(clerkSocial, roundId, social, changedAgain)).conflicts[0]?.message ?? '';
    expect(conflict).toContain(`最近一次由李经办（${units.social}）于`);
    expect(conflict).toContain('经填报表导入');
    expect(conflict).not.toContain('他人');
  });

  it('refuses a sheet whose report was submitted after the export', async () => {
    const { bytes, reportId } = await filledSheet();
    world.submit(clerkSocial, reportId);
    const before = world.snapshot();
    const error = await refusal(world.core.ledgers.applyFillIn(clerkSocial, roundId, social, bytes));
    expect(error.message).toContain('牵头单位审核');
    expect(world.snapshot()).toBe(before);
  });

  it('refuses another unit’s sheet, another round’s sheet and a tampered sheet', async () => {
    const { bytes } = await filledSheet();
    const education = world.unitId(units.education);
    const q4 = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 4, deadline: '2026-01-10' }).id;
    const before = world.snapshot();

    const wrongUnit = await refusal(world.core.ledgers.applyFillIn(coordinator, roundId, education, bytes));
    expect(wrongUnit.message).toContain(units.social);
    const wrongRound = await refusal(world.core.ledgers.applyFillIn(clerkSocial, q4, social, bytes));
    expect(wrongRound.message).toContain('2025年第三季度');

    const tampered = await fill(bytes, (wb) => {
      const ids = sheet(wb, '_luoshi');
      const json = text(ids, 4, 1);
      // Pretend the sheet was made against a newer version of the first report.
      ids.getCell(4, 1).value = json.replace(/"version":(\d+)/, (_m, v: string) => `"version":${Number(v) + 1}`);
    });
    const tamperedError = await refusal(world.core.ledgers.applyFillIn(clerkSocial, roundId, social, tampered));
    expect(tamperedError.message).toContain('校验不通过');

    const notExcel = await refusal(
      world.core.ledgers.applyFillIn(clerkSocial, roundId, social, Buffer.from('not a workbook')),
    );
    expect(notExcel.code).toBe('invalid_input');
    const tooBig = await refusal(
      world.core.ledgers.previewFillIn(clerkSocial, roundId, social, Buffer.alloc(10 * 1024 * 1024 + 1)),
    );
    expect(tooBig.message).toContain('10 MB');

    expect(world.snapshot()).toBe(before);
    expect(world.core.workflow.audit.verify().ok).toBe(true);
  });

  it('refuses a sheet made from another data folder (another key)', async () => {
    const { bytes } = await filledSheet();
    const other = await createLedgerWorld();
    try {
      const coord = other.user('coord', ['coordinator'], units.economy, '王专班');
      const round = other.core.workflow.rounds.open(coord, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
      expect([round, other.unitId(units.social)]).toEqual([roundId, social]);
      const before = other.snapshot();
      const error = await refusal(other.core.ledgers.previewFillIn(coord, round, social, bytes));
      expect(error.message).toContain('校验不通过');
      await refusal(other.core.ledgers.applyFillIn(coord, round, social, bytes));
      expect(other.snapshot()).toBe(before);
      // Reading never creates the key.
      expect(other.core.db.prepare(`SELECT count(*) AS n FROM settings WHERE key = 'fillIn.hmacKey'`).get()).toEqual({
        n: 0,
      });
    } finally {
      other.cleanup();
    }
  });

  it('refuses a clerk of another unit, for the sheet and for the import', async () => {
    const { bytes } = await filledSheet();
    const before = world.snapshot();
    expect((await refusal(world.core.ledgers.exportFillIn(clerkEducation, roundId, social))).code).toBe('forbidden');
    expect((await refusal(world.core.ledgers.previewFillIn(clerkEducation, roundId, social, bytes))).code).toBe(
      'forbidden',
    );
    const error = await refusal(world.core.ledgers.applyFillIn(clerkEducation, roundId, social, bytes));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain(units.social);
    expect(world.snapshot()).toBe(before);
  });

  it('refuses an import into a closed round', async () => {
    const { bytes } = await filledSheet();
    world.core.workflow.rounds.close(coordinator, roundId);
    const before = world.snapshot();
    const error = await refusal(world.core.ledgers.applyFillIn(clerkSocial, roundId, social, bytes));
    expect(error.message).toContain('已关闭');
    expect(world.snapshot()).toBe(before);
  });

  it("refuses with the editor's own words: the sheet writes through the editor's path (a closed round)", async () => {
    const { bytes, reportId } = await filledSheet();
    world.core.workflow.rounds.close(coordinator, roundId);
    const before = world.snapshot();
    const fromSheet = await refusal(world.core.ledgers.applyFillIn(clerkSocial, roundId, social, bytes));
    const { version } = world.core.db.prepare('SELECT version FROM reports WHERE id = ?').get(reportId) as {
      version: number;
    };
    const content = { progress: '在编辑器中修改', problems: '', nextSteps: '', completed: false, indicatorValues: [] };
    const fromEditor = await refusal(
      Promise.resolve().then(() => world.core.workflow.reports.updateContent(clerkSocial, reportId, version, content)),
    );
    expect(fromSheet.code).toBe('forbidden');
    expect(fromSheet.code).toBe(fromEditor.code);
    expect(fromSheet.message).toBe(fromEditor.message);
    expect(world.snapshot()).toBe(before);
  });

  it("lets a coordinator write a unit's report only by importing its sheet (a permission), not in the editor", async () => {
    const { bytes, reportId } = await filledSheet();
    const { version } = world.core.db.prepare('SELECT version FROM reports WHERE id = ?').get(reportId) as {
      version: number;
    };
    const content = { progress: '专班直接修改', problems: '', nextSteps: '', completed: false, indicatorValues: [] };
    const refused = await refusal(
      Promise.resolve().then(() => world.core.workflow.reports.updateContent(coordinator, reportId, version, content)),
    );
    expect(refused.message).toBe(`只有起草单位（${units.social}）的经办人或负责人可以修改该报告。`);
    expect((await world.core.ledgers.applyFillIn(coordinator, roundId, social, bytes)).reports).toBe(1);
  });
});
