import { afterAll, describe, it, expect } from 'vitest';
import { PassThrough } from 'node:stream';
import { writeTaskLedger } from '../../../../src/main/core/exports/xlsx';
import { statusColours, warningColours } from '../../../../src/main/core/exports/xlsx/styles';
import { taskStatusLabels } from '../../../../src/shared/domain/ledgers';
import { PLAN_TITLE, taskLedgerInput } from './fixtures';
import { fillOf, loadWorkbook, merges, rowValues, sheetXml, tempDir } from './readBack';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const HEADERS = [
  '序号',
  '重点任务',
  '目标任务',
  '牵头单位',
  '责任单位',
  '完成时限',
  '2025年第二季度进展情况',
  '2025年第三季度进展情况',
  '状态',
  '预警',
  '存在问题',
  '下步计划',
  '备注',
];
const N = HEADERS.length;

async function written() {
  const file = tmp.path(`task-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeTaskLedger(taskLedgerInput(), file);
  const workbook = await loadWorkbook(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return { file, workbook, sheet };
}

describe('writeTaskLedger', () => {
  it('frames the sheet: merged title, 填报 row, bold framed header', async () => {
    const { sheet } = await written();
    expect(sheet.name).toBe('重点任务推进台账');
    expect(sheet.getCell('A1').value).toBe(PLAN_TITLE);
    expect(merges(sheet)).toContain('A1:M1');
    expect(sheet.getCell('A2').value).toBe('填报单位（盖章）：区经济发展局');
    // The left part takes what 填报单位 needs (three columns here), the right part the rest.
    expect(sheet.getCell('D2').value).toBe('填报日期：2025年10月15日');
    expect(sheet.getCell('D2').alignment.horizontal).toBe('right');
    expect(merges(sheet)).toEqual(expect.arrayContaining(['A2:C2', 'D2:M2']));
    expect(rowValues(sheet, 3, N)).toEqual(HEADERS);
    for (let c = 1; c <= N; c++) {
      const cell = sheet.getCell(3, c);
      expect(cell.font.bold).toBe(true);
      expect(cell.border.top?.style).toBe('thin');
      expect(cell.border.bottom?.style).toBe('thin');
      expect(cell.alignment.wrapText).toBe(true);
    }
  });

  it('freezes and filters the header and sets up A4 landscape printing', async () => {
    const { sheet } = await written();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.autoFilter).toBe('A3:M3');
    expect(sheet.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:3',
    });
    expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
  });

  it('fits column widths to the text: narrow 序号, wide targets and progress', async () => {
    const { sheet } = await written();
    const width = (c: number): number => sheet.getColumn(c).width ?? 0;
    expect(width(1)).toBe(6);
    expect(width(3)).toBeGreaterThan(width(2));
    expect(width(7)).toBeGreaterThanOrEqual(16);
    expect(width(9)).toBe(10);
    let total = 0;
    for (let c = 1; c <= N; c++) {
      expect(width(c)).toBeGreaterThanOrEqual(6);
      expect(width(c)).toBeLessThanOrEqual(36);
      total += width(c);
    }
    // Keeps one page wide legible: about 70% or more on A4 landscape.
    expect(total).toBeLessThanOrEqual(210);
  });

  it('groups tasks under merged category rows and writes each task as given', async () => {
    const { sheet } = await written();
    const input = taskLedgerInput();
    expect(sheet.getCell('A4').value).toBe('（一）深化儿童友好社会政策');
    expect(merges(sheet)).toContain('A4:M4');
    expect(sheet.getCell('A7').value).toBe('（二）提升儿童友好公共服务');
    expect(merges(sheet)).toContain('A7:M7');

    const task8 = input.categories[1]!.tasks[0]!;
    const row = rowValues(sheet, 8, N);
    expect(row).toEqual([
      8,
      '大力发展普惠托育服务',
      task8.targets.join('\n'),
      '区社会事业局',
      task8.responsibleUnits.join('、'),
      '2025年底前',
      '新增社区托育点 3 处，新增托位 120 个。',
      // The BEL control character in the input is dropped.
      '全区托育机构达到 18 家，托位数 1020 个；每千人口托位数 4.6 个。\n已启动 2 个社区托育服务中心建设。',
      '进度滞后',
      '黄',
      task8.problems,
      task8.nextSteps,
      null,
    ]);
    expect(sheet.getCell('B5').value).toBe(input.categories[0]!.tasks[0]!.title);
    expect(sheet.getCell('D5').value).toBe('区经济发展局、区党群工作部（妇联）');
    expect(sheet.getCell('A9').value).toBe(9);
    expect(sheet.rowCount).toBe(9);
  });

  it('colours each status and wraps long text with a row tall enough for it', async () => {
    const { sheet } = await written();
    const statusCells = { done: 'I5', onTrack: 'I6', lagging: 'I8', overdue: 'I9' } as const;
    for (const [status, address] of Object.entries(statusCells) as [keyof typeof statusCells, string][]) {
      const cell = sheet.getCell(address);
      expect(cell.value).toBe(taskStatusLabels[status]);
      expect(fillOf(cell)).toBe(statusColours[status].fill);
      expect(cell.font.color?.argb).toBe(statusColours[status].font);
    }
    // 预警 beside 状态, on the level's fill; a task without a level leaves the cell empty.
    const warningCells = { green: 'J5', yellow: 'J8', red: 'J9' } as const;
    for (const [level, address] of Object.entries(warningCells) as [keyof typeof warningCells, string][]) {
      const cell = sheet.getCell(address);
      expect(cell.value).toBe({ green: '绿', yellow: '黄', red: '红' }[level]);
      expect(fillOf(cell)).toBe(warningColours[level].fill);
      expect(cell.font.color?.argb).toBe(warningColours[level].font);
    }
    expect(sheet.getCell('J6').value).toBeNull();
    expect(sheet.getCell('C8').alignment.wrapText).toBe(true);
    // Task 8 lists 13 responsible units: several lines, so a taller row than task 9's.
    expect(sheet.getRow(8).height).toBeGreaterThan(sheet.getRow(9).height);
  });

  it('writes formula-like text as text, never as a formula', async () => {
    const { file, sheet } = await written();
    expect(sheet.getCell('M5').value).toBe('=HYPERLINK("http://evil.example","点我")');
    expect(sheet.getCell('H6').value).toBe('+在“十五五”规划前期研究中增设儿童友好专题。');
    expect(sheet.getCell('K6').value).toBe('-部分单位对儿童友好理念理解不深');
    expect(sheet.getCell('L6').value).toBe('@召开专题培训会');
    for (const address of ['M5', 'H6', 'K6', 'L6']) {
      expect(typeof sheet.getCell(address).value).toBe('string');
      // The Text format keeps it text even when a user re-enters the cell.
      expect(sheet.getCell(address).numFmt).toBe('@');
    }
    expect(await sheetXml(file)).not.toMatch(/<f[ >]/);
  });

  it('writes to a stream as well as to a path', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeTaskLedger(taskLedgerInput(), out);
    const workbook = await loadWorkbook(Buffer.concat(chunks));
    expect(workbook.worksheets[0]?.getCell('A1').value).toBe(PLAN_TITLE);
  });
});
