import { afterAll, describe, it, expect } from 'vitest';
import {
  writeIndicatorLedger,
  writeProjectLedger,
  writeTaskLedger,
  writeUnitLedger,
} from '../../../../src/main/core/exports/xlsx';
import { indicatorLedgerInput, projectLedgerInput, taskLedgerInput, unitLedgerInput } from './fixtures';
import { loadWorkbook, merges, tempDir } from './readBack';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** Every ledger carries the same frame; one table asserts it for all four. */
const ledgers = [
  {
    name: 'task',
    write: (f: string) => writeTaskLedger(taskLedgerInput(), f),
    title: taskLedgerInput().title,
    columns: 13,
  },
  {
    name: 'indicator',
    write: (f: string) => writeIndicatorLedger(indicatorLedgerInput(), f),
    title: indicatorLedgerInput().title,
    columns: 12,
  },
  {
    name: 'project',
    write: (f: string) => writeProjectLedger(projectLedgerInput(), f),
    title: projectLedgerInput().title,
    columns: 12,
  },
  {
    name: 'unit',
    write: (f: string) => writeUnitLedger(unitLedgerInput(), f),
    title: unitLedgerInput().title,
    columns: 13,
  },
] as const;

describe.each(ledgers)('the $name ledger frame', ({ name, write, title, columns }) => {
  it('has a merged title, a 填报 row, a framed header, frozen and filtered, printed A4 landscape', async () => {
    const file = tmp.path(`${name}.xlsx`);
    await write(file);
    const sheet = (await loadWorkbook(file)).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const last = String.fromCharCode(64 + columns);
    expect(sheet.getCell('A1').value).toBe(title);
    expect(merges(sheet)).toContain(`A1:${last}1`);
    expect(sheet.getCell('A2').value).toMatch(/^填报单位（盖章）：/);
    expect(sheet.getCell(3, columns).value).not.toBeNull();
    expect(sheet.getCell(3, columns + 1).value).toBeNull();
    for (let c = 1; c <= columns; c++) {
      expect(sheet.getCell(3, c).font.bold).toBe(true);
      expect(sheet.getCell(3, c).border.left?.style).toBe('thin');
      expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(6);
    }
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.autoFilter).toBe(`A3:${last}3`);
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
});
