import { describe, it, expect } from 'vitest';
import type { Workbook } from 'exceljs';
import {
  assertFillInApplicable,
  planFillInImport,
  readFillInSheet,
  writeFillInSheet,
} from '../../../../src/main/core/exports/xlsx';
import type { CurrentReport, FillInSheetInput } from '../../../../src/main/core/exports/xlsx';
import { loadExcel } from '../../../../src/main/core/exports/xlsx/excel';
import { LuoshiError } from '../../../../src/shared/errors';
import { fillInInput, SECRET } from './fixtures';
import { loadWorkbook } from './readBack';

const expected = { roundId: 4, unitId: 17, secret: SECRET };

/** The reports as stored when the sheet was made. */
function currentFrom(input: FillInSheetInput): CurrentReport[] {
  return input.rows.map((r) => ({
    reportId: r.reportId,
    version: r.version,
    state: 'drafting',
    progress: r.progress,
    problems: r.problems,
    nextSteps: r.nextSteps,
    completed: r.completed,
    indicatorValues: r.indicators.map((i) => ({ indicatorId: i.indicatorId, value: i.value })),
  }));
}

/** Open the sheet as a user's spreadsheet program would, change it, save it. */
async function edit(bytes: Buffer, change: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = await loadWorkbook(bytes);
  change(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function sheet(workbook: Workbook, name: string) {
  const s = workbook.getWorksheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
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

describe('writeFillInSheet', () => {
  it('lists the unit’s reports and indicators with the current values', async () => {
    const workbook = await loadWorkbook(await writeFillInSheet(fillInInput()));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['进展填报', '指标填报', '_luoshi']);
    const progress = sheet(workbook, '进展填报');
    expect(progress.getCell('A1').value).toBe('区社会事业局2025年第三季度工作进展填报表');
    expect(progress.getCell('A2').value).toBe('填报单位（盖章）：区社会事业局');
    expect([4, 5, 6].map((r) => progress.getCell(r, 3).value)).toEqual([
      '大力发展普惠托育服务',
      '加强出生缺陷综合防治',
      '区妇幼保健院建设项目',
    ]);
    expect(progress.getCell('D4').value).toBe('全区托育机构达到 18 家。');
    expect(progress.getCell('E6').value).toBe('资金拨付较慢。');
    const indicators = sheet(workbook, '指标填报');
    expect([4, 5, 6].map((r) => indicators.getCell(r, 3).value)).toEqual([
      '每千人口托位数',
      '托育机构数',
      '新生儿死亡率',
    ]);
    expect([4, 5, 6].map((r) => indicators.getCell(r, 6).value)).toEqual([4.1, null, 1.4]);
    expect(indicators.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '1:3' });
  });

  it('locks everything but the cells the unit fills, and checks numbers as they are typed', async () => {
    const workbook = await loadWorkbook(await writeFillInSheet(fillInInput()));
    const progress = sheet(workbook, '进展填报');
    const indicators = sheet(workbook, '指标填报');
    for (const s of [progress, indicators])
      expect((s as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    for (const address of ['D4', 'E4', 'F4', 'D6'])
      expect(progress.getCell(address).protection).toMatchObject({ locked: false });
    for (const address of ['A4', 'B4', 'C4', 'G4', 'A1', 'D3'])
      expect(progress.getCell(address).protection?.locked).not.toBe(false);
    expect(indicators.getCell('F4').protection).toMatchObject({ locked: false });
    expect(indicators.getCell('C4').protection?.locked).not.toBe(false);
    expect(indicators.getCell('F5').dataValidation).toMatchObject({
      type: 'decimal',
      showErrorMessage: true,
      allowBlank: true,
    });
    expect(indicators.getCell('C5').dataValidation).toBeUndefined();
    // Identifiers: a hidden column on each sheet and a veryHidden sheet.
    expect(progress.getColumn(7).hidden).toBe(true);
    expect(indicators.getColumn(7).hidden).toBe(true);
    expect(sheet(workbook, '_luoshi').state).toBe('veryHidden');
  });

  it('offers 是否已全部完成 as an unlocked 是/否 drop-down after the key column, prefilled from the report', async () => {
    const progress = sheet(await loadWorkbook(await writeFillInSheet(fillInInput())), '进展填报');
    expect(progress.getCell('H3').value).toBe('是否已全部完成');
    // Reports 101 and 102 are not completed, 103 is.
    expect(['H4', 'H5', 'H6'].map((a) => progress.getCell(a).value)).toEqual(['否', '否', '是']);
    for (const address of ['H4', 'H5', 'H6']) {
      expect(progress.getCell(address).protection).toMatchObject({ locked: false });
      const validation = progress.getCell(address).dataValidation;
      expect(validation).toMatchObject({
        type: 'list',
        formulae: ['"是,否"'],
        showErrorMessage: true,
        errorStyle: 'stop',
      });
      expect(validation.error).toContain('只能选择“是”或“否”');
    }
    // The columns before it stay where earlier sheets had them; only the key is hidden.
    expect(progress.getCell('G4').value).toBe('R101');
    expect(progress.getColumn(7).hidden).toBe(true);
    expect(progress.getColumn(8).hidden).toBe(false);
    expect(progress.getCell('H3').protection?.locked).not.toBe(false);
    expect(progress.getCell('D4').dataValidation).toBeUndefined();
  });

  it('keeps validation messages within Excel’s 255 characters however long the metric', async () => {
    const input = fillInInput();
    input.rows[0]!.indicators[0]!.metric = '指'.repeat(400);
    const indicators = sheet(await loadWorkbook(await writeFillInSheet(input)), '指标填报');
    expect(indicators.getCell('C4').value).toBe('指'.repeat(400));
    const validation = indicators.getCell('F4').dataValidation;
    expect(validation.error?.length).toBeLessThanOrEqual(255);
    expect(validation.prompt?.length).toBeLessThanOrEqual(255);
    expect(validation.errorTitle?.length).toBeLessThanOrEqual(32);
  });
});

describe('fill-in round trip', () => {
  it('imports exactly the values the unit typed', async () => {
    const input = fillInInput();
    const filled = await edit(await writeFillInSheet(input), (wb) => {
      const p = sheet(wb, '进展填报');
      p.getCell('D4').value = '全区托育机构达到 20 家，托位 1200 个。';
      p.getCell('E4').value = '=部分社区用房不足'; // typed text that looks like a formula
      p.getCell('D5').value = '已完成出生缺陷防治宣传 3 场。';
      p.getCell('F6').value = '加快资金拨付。';
      const i = sheet(wb, '指标填报');
      i.getCell('F4').value = 4.9;
      i.getCell('F5').value = '20'; // a number kept as text, as WPS may save it
      i.getCell('F6').value = null; // cleared
    });
    const parse = await readFillInSheet(filled, expected);
    expect(parse).toMatchObject({ roundId: 4, unitId: 17, unitName: '区社会事业局', year: 2025, quarter: 3 });
    expect(parse.rows.map((r) => [r.reportId, r.version, r.progress, r.problems, r.nextSteps])).toEqual([
      [101, 3, '全区托育机构达到 20 家，托位 1200 个。', '=部分社区用房不足', '继续推进。'],
      [102, 1, '已完成出生缺陷防治宣传 3 场。', '', ''],
      [103, 7, '主体工程完工。', '资金拨付较慢。', '加快资金拨付。'],
    ]);
    expect(parse.rows[0]?.indicators.map((i) => [i.indicatorId, i.value])).toEqual([
      [501, 4.9],
      [502, 20],
    ]);
    expect(parse.rows[2]?.indicators.map((i) => [i.indicatorId, i.value])).toEqual([[503, null]]);

    const preview = planFillInImport(parse, currentFrom(input));
    expect(preview.canApply).toBe(true);
    expect(preview.conflicts).toEqual([]);
    expect(
      preview.changes.map((c) => [c.reportId, c.field, c.old, c.new, `${c.cell.sheet}!${c.cell.address}`]),
    ).toEqual([
      [101, 'progress', '全区托育机构达到 18 家。', '全区托育机构达到 20 家，托位 1200 个。', '进展填报!D4'],
      [101, 'problems', '', '=部分社区用房不足', '进展填报!E4'],
      [101, 'indicator', 4.1, 4.9, '指标填报!F4'],
      [101, 'indicator', null, 20, '指标填报!F5'],
      [102, 'progress', '', '已完成出生缺陷防治宣传 3 场。', '进展填报!D5'],
      [103, 'nextSteps', '', '加快资金拨付。', '进展填报!F6'],
      [103, 'indicator', 1.4, null, '指标填报!F6'],
    ]);
    expect(preview.updates).toEqual([
      {
        reportId: 101,
        expectedVersion: 3,
        progress: '全区托育机构达到 20 家，托位 1200 个。',
        problems: '=部分社区用房不足',
        indicatorValues: [
          { indicatorId: 501, value: 4.9 },
          { indicatorId: 502, value: 20 },
        ],
      },
      { reportId: 102, expectedVersion: 1, progress: '已完成出生缺陷防治宣传 3 场。', indicatorValues: [] },
      {
        reportId: 103,
        expectedVersion: 7,
        nextSteps: '加快资金拨付。',
        indicatorValues: [{ indicatorId: 503, value: null }],
      },
    ]);
    expect(() => assertFillInApplicable(preview)).not.toThrow();
  });

  it('turns a 是/否 choice into a completed change, and leaves the flag alone when the cell is emptied', async () => {
    const input = fillInInput();
    const filled = await edit(await writeFillInSheet(input), (wb) => {
      const p = sheet(wb, '进展填报');
      p.getCell('H4').value = '是'; // 101: 否 → 是
      p.getCell('H5').value = null; // 102: emptied, stays 否
      p.getCell('H6').value = ' 否 '; // 103: 是 → 否, typed with spaces
    });
    const parse = await readFillInSheet(filled, expected);
    expect(parse.rows.map((r) => [r.reportId, r.completed])).toEqual([
      [101, true],
      [102, null],
      [103, false],
    ]);
    const preview = planFillInImport(parse, currentFrom(input));
    expect(preview.canApply).toBe(true);
    expect(preview.changes).toEqual([
      {
        reportId: 101,
        title: '大力发展普惠托育服务',
        field: 'completed',
        old: false,
        new: true,
        cell: { sheet: '进展填报', address: 'H4' },
      },
      {
        reportId: 103,
        title: '区妇幼保健院建设项目',
        field: 'completed',
        old: true,
        new: false,
        cell: { sheet: '进展填报', address: 'H6' },
      },
    ]);
    expect(preview.updates).toEqual([
      { reportId: 101, expectedVersion: 3, completed: true, indicatorValues: [] },
      { reportId: 103, expectedVersion: 7, completed: false, indicatorValues: [] },
    ]);
    expect(preview.unchangedReports).toBe(1);
  });

  it('finds no change in a sheet returned untouched, even for stored text the sheet had to clean', async () => {
    const input = fillInInput();
    input.rows[0]!.progress = '第一行\r\n第二行\u0007 ';
    const parse = await readFillInSheet(await writeFillInSheet(input), expected);
    const preview = planFillInImport(parse, currentFrom(input));
    expect(preview.changes).toEqual([]);
    expect(preview.updates).toEqual([]);
    expect(preview.unchangedReports).toBe(3);
  });
});

describe('fill-in refusals', () => {
  it('refuses a sheet whose row identifier was edited', async () => {
    const bytes = await edit(await writeFillInSheet(fillInInput()), (wb) => {
      sheet(wb, '进展填报').getCell('G5').value = 'R999';
    });
    const error = await refusal(readFillInSheet(bytes, expected));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('工作表「进展填报」第 5 行的标识');
    expect(error.field).toBe('进展填报!G5');
  });

  it('refuses a sheet whose sealed identifiers were edited', async () => {
    const bytes = await edit(await writeFillInSheet(fillInInput()), (wb) => {
      const ids = sheet(wb, '_luoshi');
      ids.getCell('A4').value = (ids.getCell('A4').value as string).replace('"reportId":102', '"reportId":109');
    });
    const error = await refusal(readFillInSheet(bytes, expected));
    expect(error.message).toContain('标识信息被改动过');
  });

  it('refuses a sheet sealed under another key', async () => {
    const error = await refusal(
      readFillInSheet(await writeFillInSheet(fillInInput()), { ...expected, secret: 'another' }),
    );
    expect(error.message).toContain('校验不通过');
  });

  it('refuses another unit’s sheet, naming whose it is', async () => {
    const error = await refusal(readFillInSheet(await writeFillInSheet(fillInInput()), { ...expected, unitId: 18 }));
    expect(error.message).toBe('该填报表是「区社会事业局」的，不是本次导入的单位。请导入本单位的填报表。');
  });

  it('refuses a sheet of another round, naming its quarter', async () => {
    const error = await refusal(
      readFillInSheet(await writeFillInSheet(fillInInput()), { ...expected, roundId: 5, roundLabel: '2025年第四季度' }),
    );
    expect(error.message).toBe(
      '该填报表属于2025年第三季度的填报轮次，不是2025年第四季度的填报轮次。请在「填报轮次」中选择2025年第三季度后再导入；如要填报2025年第四季度，请下载2025年第四季度的填报表。',
    );
    expect(error.message).not.toMatch(/轮次编号|\d+\/\d+/);
  });

  it('refuses a workbook that is not a Luoshi fill-in sheet, and bytes that are no workbook', async () => {
    const excel = await loadExcel();
    const other = new excel.Workbook();
    other.addWorksheet('Sheet1').getCell('A1').value = '某单位自制台账';
    const plain = Buffer.from(await other.xlsx.writeBuffer());
    expect((await refusal(readFillInSheet(plain, expected))).message).toContain('不是落实通填报表');
    expect((await refusal(readFillInSheet(Buffer.from('序号,任务\n1,托育'), expected))).message).toContain(
      '不是有效的 Excel 工作簿',
    );
  });

  it('refuses a value that is not a number, naming sheet, row and column, and imports nothing', async () => {
    const bytes = await edit(await writeFillInSheet(fillInInput()), (wb) => {
      sheet(wb, '进展填报').getCell('D4').value = '有效的进展';
      sheet(wb, '指标填报').getCell('F5').value = '约150家';
    });
    const error = await refusal(readFillInSheet(bytes, expected));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('工作表「指标填报」第 5 行「本季度完成值」列（F5）：「约150家」不是数字');
    expect(error.message).toContain('未导入任何数据');
    expect(error.field).toBe('指标填报!F5');
  });

  it('refuses a 是否已全部完成 value that is not 是 or 否, naming the cell', async () => {
    const bytes = await edit(await writeFillInSheet(fillInInput()), (wb) => {
      sheet(wb, '进展填报').getCell('H5').value = '已完成';
    });
    const error = await refusal(readFillInSheet(bytes, expected));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(
      '工作表「进展填报」第 5 行「是否已全部完成」列（H5）：「已完成」不是可选的值，请从下拉列表中选择“是”或“否”',
    );
    expect(error.message).toContain('未导入任何数据');
    expect(error.field).toBe('进展填报!H5');
    // A choice on a row the sheet never had is refused like any added row.
    const added = await edit(await writeFillInSheet(fillInInput()), (wb) => {
      sheet(wb, '进展填报').getCell('H7').value = '是';
    });
    expect((await refusal(readFillInSheet(added, expected))).message).toContain('第 7 行不是填报表原有的行');
  });

  it('refuses rows added to or deleted from the sheet', async () => {
    const added = await edit(await writeFillInSheet(fillInInput()), (wb) => {
      sheet(wb, '进展填报').getCell('D7').value = '自己加的一行';
    });
    expect((await refusal(readFillInSheet(added, expected))).message).toContain('第 7 行不是填报表原有的行');
    const deleted = await edit(await writeFillInSheet(fillInInput()), (wb) => {
      sheet(wb, '指标填报').spliceRows(5, 1);
    });
    expect((await refusal(readFillInSheet(deleted, expected))).message).toContain('缺少「托育机构数」这一行');
  });
});

describe('planFillInImport conflicts', () => {
  async function untouchedParse() {
    return readFillInSheet(await writeFillInSheet(fillInInput()), expected);
  }

  it('reports a report edited since the sheet was made, and refuses to apply', async () => {
    const current = currentFrom(fillInInput());
    current[0] = { ...current[0]!, version: 4, progress: '别人刚改过的进展' };
    const preview = planFillInImport(await untouchedParse(), current);
    expect(preview.canApply).toBe(false);
    expect(preview.conflicts).toEqual([
      expect.objectContaining({ reportId: 101, reason: 'versionMoved', sheetVersion: 3, currentVersion: 4 }),
    ]);
    expect(preview.conflicts[0]?.message).toContain('填报表生成后已被修改（填报表中为第 3 版，现为第 4 版）');
    // The change is still listed so that the user sees what the sheet would overwrite.
    expect(preview.changes).toEqual([
      expect.objectContaining({
        reportId: 101,
        field: 'progress',
        old: '别人刚改过的进展',
        new: '全区托育机构达到 18 家。',
      }),
    ]);
    const error = (() => {
      try {
        assertFillInApplicable(preview);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(LuoshiError);
    expect((error as LuoshiError).code).toBe('stale');
    expect((error as LuoshiError).message).toContain('未导入任何数据');
  });

  it('reports a report that left drafting, and one that is gone', async () => {
    const current = currentFrom(fillInInput());
    current[2] = { ...current[2]!, state: 'leadReview' };
    const preview = planFillInImport(await untouchedParse(), current.slice(1));
    expect(preview.conflicts.map((c) => [c.reportId, c.reason])).toEqual([
      [101, 'unknownReport'],
      [103, 'notDrafting'],
    ]);
    expect(preview.conflicts[1]?.message).toContain('已进入“牵头单位审核”环节');
    expect(preview.canApply).toBe(false);
  });
});
