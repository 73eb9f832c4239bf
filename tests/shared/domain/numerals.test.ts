import { describe, expect, it } from 'vitest';
import { chineseNumeral } from '../../../src/shared/domain/numerals';

/** An independent reader of Chinese numerals (up to 一万), to check every output reads back. */
function read(text: string): number {
  const digit: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const unit: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10_000 };
  let total = 0;
  let pending = 0;
  for (const ch of text) {
    if (ch in digit) pending = digit[ch] ?? 0;
    else if (ch in unit) {
      total += (pending === 0 && ch === '十' ? 1 : pending) * (unit[ch] ?? 1);
      pending = 0;
    } else throw new Error(`not a numeral: ${text}`);
  }
  return total + pending;
}

describe('Chinese numerals', () => {
  it('writes the forms official documents use', () => {
    const cases: [number, string][] = [
      [0, '零'],
      [1, '一'],
      [9, '九'],
      [10, '十'],
      [11, '十一'],
      [19, '十九'],
      [20, '二十'],
      [35, '三十五'],
      [100, '一百'],
      [101, '一百零一'],
      [110, '一百一十'],
      [115, '一百一十五'],
      [130, '一百三十'],
      [999, '九百九十九'],
      [1000, '一千'],
      [1001, '一千零一'],
      [1010, '一千零一十'],
      [1100, '一千一百'],
      [2024, '二千零二十四'],
      [9999, '九千九百九十九'],
      [10_000, '一万'],
    ];
    for (const [n, text] of cases) expect([n, chineseNumeral(n)]).toEqual([n, text]);
  });

  it('reads back as the same number for every input from 0 to 10,000, without 零零 or a trailing 零', () => {
    for (let n = 0; n <= 10_000; n++) {
      const text = chineseNumeral(n);
      expect(read(text)).toBe(n);
      if (n > 0) expect(text).not.toMatch(/零零|零$/);
    }
  });

  it('leaves anything else Arabic', () => {
    expect(chineseNumeral(-1)).toBe('-1');
    expect(chineseNumeral(1.5)).toBe('1.5');
    expect(chineseNumeral(10_001)).toBe('10001');
  });
});
