import { afterAll, describe, it, expect } from 'vitest';
import { writeIndicatorLedger, writeProjectLedger, writeUnitLedger } from '../../../../src/main/core/exports/xlsx';
import { statusColours } from '../../../../src/main/core/exports/xlsx/styles';
import { indicatorLedgerInput, projectLedgerInput, unitLedgerInput } from './fixtures';
import { fillOf, loadWorkbook, merges, rowValues, tempDir } from './readBack';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function firstSheet(file: string) {
  const sheet = (await loadWorkbook(file)).worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

describe('writeIndicatorLedger', () => {
  it('writes baseline, target, a value per quarter, 应达值, completion rate and 是否达序', async () => {
    const file = tmp.path('indicator.xlsx');
    const input = indicatorLedgerInput();
    await writeIndicatorLedger(input, file);
    const sheet = await firstSheet(file);
    expect(sheet.name).toBe('指标完成情况台账');
    expect(rowValues(sheet, 3, 12)).toEqual([
      '序号',
      '指标名称',
      '所属任务',
      '单位',
      '基期值（2022年）',
      '目标值',
      '2025年第二季度完成值',
      '2025年第三季度完成值',
      '应达值',
      '完成率',
      '是否达序',
      '备注',
    ]);
    expect(rowValues(sheet, 4, 12)).toEqual([
      1,
      '每千人口托位数',
      '8. 大力发展普惠托育服务',
      '个',
      3.2,
      '≥ 6（2025年）',
      4.1,
      4.6,
      4.95,
      0.5,
      '否',
      null,
    ]);
    // 应达值 rounded to two decimals.
    expect(rowValues(sheet, 5, 12)).toEqual([
      2,
      '托育机构数',
      '8. 大力发展普惠托育服务',
      '家',
      12,
      '≥ 20（2025年）',
      null,
      18,
      17.33,
      0.75,
      '是',
      '含社区托育点',
    ]);
    expect(rowValues(sheet, 6, 12)).toEqual([
      3,
      '12 岁儿童龋患率',
      '12. 大力开展“苗儿棵棵壮”行动',
      '%',
      null,
      '≤ 25（2025年）',
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(sheet.getCell('J4').numFmt).toBe('0.0%');
    expect(typeof sheet.getCell('H4').value).toBe('number');
    expect(fillOf(sheet.getCell('K4'))).toBe(statusColours.overdue.fill);
    expect(fillOf(sheet.getCell('K5'))).toBe(statusColours.done.fill);
  });

  it('shows each baseline with its own year when the years differ', async () => {
    const file = tmp.path('indicator-years.xlsx');
    const input = indicatorLedgerInput();
    input.rows[1]!.baselineYear = 2021;
    await writeIndicatorLedger(input, file);
    const sheet = await firstSheet(file);
    expect(sheet.getCell('E3').value).toBe('基期值');
    expect(sheet.getCell('E4').value).toBe('3.2（2022年）');
    expect(sheet.getCell('E5').value).toBe('12（2021年）');
  });
});

describe('writeProjectLedger', () => {
  it('groups 重点工程, 重大项目 and 品牌活动 under merged rows', async () => {
    const file = tmp.path('project.xlsx');
    await writeProjectLedger(projectLedgerInput(), file);
    const sheet = await firstSheet(file);
    expect(rowValues(sheet, 3, 12)).toEqual([
      '序号',
      '项目名称',
      '建设内容',
      '牵头单位',
      '责任单位',
      '完成时限',
      '2025年第三季度进展情况',
      '状态',
      '预警',
      '存在问题',
      '下步计划',
      '备注',
    ]);
    expect(sheet.getCell('A4').value).toBe('一、重点工程（2项）');
    expect(merges(sheet)).toContain('A4:L4');
    expect(rowValues(sheet, 5, 8)).toEqual([
      1,
      '儿童友好公园建设工程',
      '新建改建儿童友好公园 5 处。',
      '区建设局',
      '各办事处',
      '2025年',
      '主体工程完工。',
      '正常推进',
    ]);
    expect(sheet.getCell('A7').value).toBe('二、重大项目（1项）');
    expect(sheet.getCell('H8').value).toBe('进度滞后');
    expect(fillOf(sheet.getCell('H8'))).toBe(statusColours.lagging.fill);
    expect(sheet.getCell('A9').value).toBe('三、品牌活动（1项）');
    expect(sheet.getCell('B10').value).toBe('“六一”儿童节系列活动');
    expect(sheet.getCell('H10').value).toBeNull();
  });
});

describe('writeUnitLedger', () => {
  it('lists what the unit leads, then what it shares, with the kind of each', async () => {
    const file = tmp.path('unit.xlsx');
    const input = unitLedgerInput();
    await writeUnitLedger(input, file);
    const sheet = await firstSheet(file);
    expect(sheet.getCell('B3').value).toBe('类别');
    expect(sheet.getCell('A4').value).toBe(`一、区社会事业局牵头的任务和项目（${input.led.length}项）`);
    expect(sheet.getCell('A5').value).toBe(1);
    expect(sheet.getCell('B5').value).toBe('重点任务');
    const sharedHeading = 5 + input.led.length;
    expect(sheet.getCell(`A${sharedHeading}`).value).toBe('二、区社会事业局参与的任务和项目（1项）');
    expect(merges(sheet)).toContain(`A${sharedHeading}:M${sharedHeading}`);
    expect(sheet.getCell(`B${sharedHeading + 1}`).value).toBe('重点工程');
    expect(sheet.getCell(`C${sharedHeading + 1}`).value).toBe(input.shared[0]!.title);
  });
});
