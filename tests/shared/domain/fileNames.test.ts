import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../src/shared/domain/fileNames';
import { isWideChar } from '../../../src/shared/domain/textWidth';

describe('file names every system accepts', () => {
  it('replaces refused characters and keeps the extension', () => {
    expect(safeFileName('关于2025年第三季度/第四季度:报告?.docx')).toBe('关于2025年第三季度_第四季度_报告_.docx');
    expect(safeFileName('a\u0001b.xlsx')).toBe('a_b.xlsx');
  });

  it('refuses reserved names, trailing dots and spaces, and over-long names', () => {
    expect(safeFileName('CON.docx')).toBe('文件.docx');
    expect(safeFileName('nul', '公文')).toBe('公文');
    expect(safeFileName('报告... .docx')).toBe('报告.docx');
    const long = safeFileName(`${'很长的单位名称'.repeat(40)}.xlsx`);
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(255);
    expect(long.endsWith('.xlsx')).toBe(true);
  });
});

describe('character width', () => {
  it('treats Han, full-width forms and the ambiguous marks Chinese fonts draw wide as wide', () => {
    for (const c of ['汉', '，', '６', '“', '—', '…', '≥', '‰']) expect([c, isWideChar(c)]).toEqual([c, true]);
    for (const c of ['a', '6', '.', ' ', '%']) expect([c, isWideChar(c)]).toEqual([c, false]);
  });
});
