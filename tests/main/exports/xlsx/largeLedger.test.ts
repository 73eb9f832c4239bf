import { afterAll, describe, it, expect } from 'vitest';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { writeTaskLedger } from '../../../../src/main/core/exports/xlsx';
import type { ProgressItem, TaskLedgerInput } from '../../../../src/main/core/exports/xlsx';
import { taskStatuses } from '../../../../src/shared/domain/ledgers';
import { loadExcel } from '../../../../src/main/core/exports/xlsx/excel';
import { LedgerSheet } from '../../../../src/main/core/exports/xlsx/sheetFrame';
import { makeLedgerStyles } from '../../../../src/main/core/exports/xlsx/styles';
import { quarters } from './fixtures';
import { loadWorkbook, tempDir } from './readBack';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function bigInput(tasks: number): TaskLedgerInput {
  const items: ProgressItem[] = [];
  for (let i = 1; i <= tasks; i++) {
    items.push({
      no: i,
      title: `任务${i}`,
      targets: [`目标${i}`],
      leadUnits: ['区社会事业局'],
      responsibleUnits: ['各办事处'],
      deadline: '2025年底前',
      progressByQuarter: { '2025Q3': `第${i}项进展` },
      status: taskStatuses[i % 4] ?? null,
      problems: '',
      nextSteps: '',
      remarks: '',
    });
  }
  return {
    title: '大台账',
    fillingUnit: '区经济发展局',
    fillingDate: '2025-10-15',
    quarters,
    categories: [{ no: 1, title: '全部任务', tasks: items }],
  };
}

describe('a long ledger', () => {
  it('yields to the event loop every 1,000 rows while it writes them', async () => {
    const excel = await loadExcel();
    const styles = makeLedgerStyles();
    const sheet = LedgerSheet.open(
      new excel.Workbook(),
      {
        sheetName: 'x',
        title: 't',
        metaLeft: 'l',
        metaRight: 'r',
        columns: [{ header: 'a', width: 10, style: styles.text }],
      },
      styles,
    );
    let turns = 0;
    let writing = true;
    const tick = (): void => {
      turns += 1;
      if (writing) setImmediate(tick);
    };
    setImmediate(tick);
    // An in-memory workbook does no I/O: any turn the event loop gets here is a yield of the writer.
    for (let i = 0; i < 3500; i++) await sheet.data([{ value: `第${i}行`, style: styles.text }]);
    writing = false;
    expect(turns).toBe(3);
  });

  it('writes every row and shares one style per kind of cell', async () => {
    const file = tmp.path('big.xlsx');
    await writeTaskLedger(bigInput(3500), file);
    const sheet = (await loadWorkbook(file)).worksheets[0];
    expect(sheet?.getCell('B3504').value).toBe('任务3500');
    expect(sheet?.getCell('G3504').value).toBeNull();
    expect(sheet?.getCell('H3504').value).toBe('第3500项进展');

    // Shared style objects: a handful of cell formats, not one per cell.
    const styles = await (await JSZip.loadAsync(readFileSync(file))).file('xl/styles.xml')?.async('string');
    const xfs = Number(/<cellXfs count="(\d+)"/.exec(styles ?? '')?.[1]);
    expect(xfs).toBeGreaterThan(5);
    expect(xfs).toBeLessThan(20);
  });
});
