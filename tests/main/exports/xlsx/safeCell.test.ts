import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  isFormulaLike,
  MAX_CELL_CHARS,
  safeNumber,
  safeText,
  TRUNCATION_MARK,
} from '../../../../src/main/core/exports/xlsx/safeCell';

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('safeText', () => {
  it('drops control characters that XML cannot hold and keeps tab and line breaks', () => {
    expect(safeText('进展\u0007情况\u0000：\t完成\u001b')).toBe('进展情况：\t完成');
    expect(safeText('第一行\r\n第二行\r第三行')).toBe('第一行\n第二行\n第三行');
  });

  it('keeps formula-like text as it is (the writers store it as a string cell)', () => {
    expect(safeText('=SUM(A1:A3)')).toBe('=SUM(A1:A3)');
    expect(isFormulaLike('=1+1')).toBe(true);
    expect(isFormulaLike('+86 371')).toBe(true);
    expect(isFormulaLike('-部分单位')).toBe(true);
    expect(isFormulaLike('@召开')).toBe(true);
    expect(isFormulaLike('召开=会议')).toBe(false);
  });

  it('caps a long text at 32,767 characters and marks the cut', () => {
    const long = '托'.repeat(40_000);
    const out = safeText(long);
    expect(out.length).toBe(MAX_CELL_CHARS);
    expect(out.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(safeText('托'.repeat(MAX_CELL_CHARS))).toHaveLength(MAX_CELL_CHARS);
  });

  it('never splits a surrogate pair when it cuts, and drops lone surrogates', () => {
    const cutAt = MAX_CELL_CHARS - TRUNCATION_MARK.length;
    const text = 'a'.repeat(cutAt - 1) + '𠀀'.repeat(10);
    expect(LONE_SURROGATE.test(safeText(text))).toBe(false);
    expect(safeText('a\uD800b\uDC00c')).toBe('abc');
  });

  it('always yields text a workbook can hold', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const out = safeText(s);
        expect(FORBIDDEN.test(out)).toBe(false);
        expect(LONE_SURROGATE.test(out)).toBe(false);
        expect(out.includes('\r')).toBe(false);
      }),
    );
  });
});

describe('safeNumber', () => {
  it('passes finite numbers and turns NaN and infinities into empty cells', () => {
    expect(safeNumber(4.6)).toBe(4.6);
    expect(safeNumber(Number.NaN)).toBeNull();
    expect(safeNumber(Number.POSITIVE_INFINITY)).toBeNull();
    expect(safeNumber(null)).toBeNull();
  });
});
