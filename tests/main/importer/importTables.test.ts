import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../helpers/cliRunner';
import { makeTempDir } from '../../helpers/tempDir';

/** An Excel task list through the whole import: parsed, stored, and its targets kept. */
describe('luoshi import-plan with an .xlsx task list', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.cleanup());

  it('imports the rows as tasks and stores them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务');
    for (const row of [
      ['某区2025年民生实事任务清单'],
      ['序号', '任务', '牵头单位', '责任单位'],
      ['1', '新增托位。到2025年，新增普惠托位约为300个。', '区卫健委', '各街道'],
      ['2', '改造公厕。完成公厕改造20座。', '区城管局', '区财政局'],
    ])
      sheet.addRow(row);
    const file = join(temp.dir, '清单.xlsx');
    writeFileSync(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
    const dataDir = join(temp.dir, 'data');

    const dry = await runCliCaptured(['import-plan', file, '--data-dir', dataDir, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.out) as {
      meta: { title: string };
      tasks: Array<{ title: string; leadUnits: string[]; targets: Array<{ comparator: string; value: number }> }>;
    };
    expect(plan.meta.title).toBe('某区2025年民生实事任务清单');
    expect(plan.tasks.map((t) => [t.title, t.leadUnits])).toEqual([
      ['新增托位', ['区卫健委']],
      ['改造公厕', ['区城管局']],
    ]);
    expect(plan.tasks[0]?.targets.map((g) => [g.comparator, g.value])).toEqual([['approx', 300]]);

    const stored = await runCliCaptured(['import-plan', file, '--data-dir', dataDir]);
    expect(stored.code).toBe(0);
    expect(stored.out).toContain('任务 2 项');
  });
});
