import { describe, it, expect } from 'vitest';
import type { Cell } from 'exceljs';
import { readNumber, readText } from '../../../../src/main/core/exports/xlsx/fillIn/cellValues';
import { chineseNumeral } from '../../../../src/shared/domain/numerals';
import { categoryHeading, sectionHeading } from '../../../../src/main/core/exports/xlsx/numerals';
import { chineseDate } from '../../../../src/main/core/exports/xlsx/sheetFrame';
import { fitWidth, rowHeightFor, textWidth, wrappedLines } from '../../../../src/main/core/exports/xlsx/textMetrics';
import { quarterKey, quarterLabel } from '../../../../src/shared/domain/ledgers';

const cell = (value: unknown): Cell => ({ value }) as unknown as Cell;

describe('labels', () => {
  it('names quarters and dates the Chinese way', () => {
    expect(quarterLabel({ year: 2025, quarter: 3 })).toBe('2025年第三季度');
    expect(quarterLabel({ year: 2026, quarter: 1 })).toBe('2026年第一季度');
    expect(quarterKey({ year: 2025, quarter: 4 })).toBe('2025Q4');
    expect(chineseDate('2025-10-05')).toBe('2025年10月5日');
    expect(chineseDate('2025-10-05T08:00:00Z')).toBe('2025年10月5日');
  });

  it('numbers categories and sections', () => {
    expect([1, 9, 10, 12, 20, 35].map(chineseNumeral)).toEqual(['一', '九', '十', '十二', '二十', '三十五']);
    expect(categoryHeading(3, '优化儿童友好发展环境')).toBe('（三）优化儿童友好发展环境');
    expect(categoryHeading(3, '（三）优化儿童友好发展环境')).toBe('（三）优化儿童友好发展环境');
    expect(sectionHeading(2, '重大项目')).toBe('二、重大项目');
  });
});

describe('text metrics', () => {
  it('counts a Han character, full-width punctuation and ≥ as two units and Latin as about one', () => {
    expect(textWidth('托育')).toBe(4);
    expect(textWidth('“≥”')).toBe(6);
    expect(textWidth('ab')).toBeCloseTo(2.2);
    expect(textWidth('短\n长一些的行')).toBe(10);
  });

  it('estimates wrapped lines and row heights, and bounds column widths', () => {
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('托'.repeat(20), 11.5)).toBe(4);
    expect(wrappedLines('一\n二\n三', 30)).toBe(3);
    expect(rowHeightFor([{ text: '一\n二\n三', width: 30 }])).toBeGreaterThan(
      rowHeightFor([{ text: '一', width: 30 }]),
    );
    expect(rowHeightFor([{ text: '托'.repeat(100_000), width: 10 }])).toBe(409);
    expect(fitWidth(['托'.repeat(100)], 10, 30)).toBe(30);
    expect(fitWidth(['a'], 10, 30)).toBe(10);
  });
});

describe('reading typed cells', () => {
  it('reads numbers as Excel, WPS or LibreOffice may store them', () => {
    expect(readNumber(cell(157))).toEqual({ ok: true, value: 157 });
    expect(readNumber(cell(' 2.5 '))).toEqual({ ok: true, value: 2.5 });
    expect(readNumber(cell('1,234.5'))).toEqual({ ok: true, value: 1234.5 });
    expect(readNumber(cell('１５７'))).toEqual({ ok: true, value: 157 });
    expect(readNumber(cell(null))).toEqual({ ok: true, value: null });
    expect(readNumber(cell(''))).toEqual({ ok: true, value: null });
    expect(readNumber(cell({ formula: 'A1+1', result: 8 }))).toEqual({ ok: true, value: 8 });
  });

  it('refuses what is not plainly a number', () => {
    for (const v of ['约150', '150人', '15%', '1,23', '--1', { formula: 'A1' }, true]) {
      expect(readNumber(cell(v)).ok).toBe(false);
    }
  });

  it('reads text from strings, rich text and numbers, and refuses formulas', () => {
    expect(readText(cell('  进展\r\n情况\u0007 '))).toEqual({ ok: true, value: '进展\n情况' });
    expect(readText(cell({ richText: [{ text: '已' }, { text: '完成' }] }))).toEqual({ ok: true, value: '已完成' });
    expect(readText(cell(12))).toEqual({ ok: true, value: '12' });
    expect(readText(cell({ formula: 'A1' })).ok).toBe(false);
  });
});
