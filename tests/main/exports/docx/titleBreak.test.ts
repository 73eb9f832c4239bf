import { describe, expect, it } from 'vitest';
import { textWidth } from '../../../../src/main/core/exports/docx/writer/textWidth';
import { breakTitle } from '../../../../src/main/core/exports/docx/writer/titleBreak';

/** 7.3.1: 回行时词意完整, 排列对称, 梯形或菱形. */

const max = 19;

describe('breakTitle', () => {
  it('leaves a title that fits on one line alone', () => {
    expect(breakTitle('关于加强儿童友好城市建设的通知', max)).toEqual(['关于加强儿童友好城市建设的通知']);
  });

  it('breaks the quarterly report title between words into a trapezoid, top line no shorter', () => {
    const lines = breakTitle('关于2025年第三季度儿童友好城市建设工作进展情况的报告', max);
    expect(lines).toHaveLength(2);
    expect(lines.join('')).toBe('关于2025年第三季度儿童友好城市建设工作进展情况的报告');
    const [top = '', bottom = ''] = lines;
    expect(textWidth(top)).toBeGreaterThanOrEqual(textWidth(bottom));
    expect(Math.abs(textWidth(top) - textWidth(bottom))).toBeLessThanOrEqual(3);
    // Never inside a word or a number with its unit.
    expect(top.endsWith('2025')).toBe(false);
    expect(top).not.toMatch(/(城|建|进|情|报)$/);
  });

  it('keeps words the dictionary splits (滞后, 超期未报) and quoted names whole', () => {
    const lines = breakTitle('2025年第三季度进度滞后和超期未报任务清单', max);
    expect(lines).toHaveLength(2);
    expect(lines.some((line) => line.includes('滞后'))).toBe(true);
    expect(lines.some((line) => line.includes('超期未报'))).toBe(true);
    const quoted = breakTitle('关于“大力发展普惠托育服务”任务2025年第三季度进展情况的报告', max);
    expect(quoted.some((line) => line.includes('“大力发展普惠托育服务”'))).toBe(true);
  });

  it('never starts a line with closing punctuation', () => {
    for (const line of breakTitle(
      '关于《郑州经开区贯彻落实郑州市儿童友好城市建设工作方案》执行情况、存在问题和下一步安排的报告',
      max,
    )) {
      expect(line).not.toMatch(/^[，。、；：）》”]/);
    }
  });

  it('keeps the line breaks a clerk typed', () => {
    expect(breakTitle('关于儿童友好城市建设\n工作进展情况的报告', max)).toEqual([
      '关于儿童友好城市建设',
      '工作进展情况的报告',
    ]);
  });

  it('fits every line of an absurdly long pasted title, even an unbroken Latin string', () => {
    const title = `${'很长的标题'.repeat(60)}${'x'.repeat(200)}`;
    const lines = breakTitle(title, max);
    expect(lines.join('')).toBe(title);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(max);
  });
});
