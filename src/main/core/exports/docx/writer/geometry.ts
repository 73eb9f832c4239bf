/**
 * GB/T 9704-2012 measures in Word units (twips = 1/20 pt; sizes in half-points). The derivations
 * are in docs/gongwen.md §1–§9; every number the writer uses comes from this file.
 */

const mm = (value: number): number => Math.round((value / 25.4) * 1440);

export const page = {
  width: mm(210), // 11906
  height: mm(297), // 16838
  marginTop: mm(37), // 天头 2098
  marginBottom: mm(35), // 1984: 297 − 37 − 225
  marginLeft: mm(28), // 订口 1587
  marginRight: mm(26), // 1474: 210 − 28 − 156
  header: mm(15),
  // The footer line's bottom 25.5 mm above the paper edge puts the 一字线 7 mm under the 版心.
  footer: mm(25.5), // 1446
} as const;

/** 版心 width: 156 mm. */
export const typeAreaWidth = page.width - page.marginLeft - page.marginRight; // 8845

/** 22 lines in the 225 mm 版心 height: 579 twips (28.95 pt); 580 would leave room for only 21. */
export const linePitch = 579;

/** Half-point sizes of the Chinese 字号. */
export const size = {
  erhao: 44, // 二号 22 pt: 标题
  sanhao: 32, // 三号 16 pt: 正文
  sihao: 28, // 四号 14 pt: 版记, 页码
  xiaosi: 24, // 小四 12 pt: 表格
} as const;

/** One 字 of 三号 text (3.1) and of 四号 text. */
export const charSanhao = 320;
export const charSihao = 280;

/**
 * −0.25 pt of character spacing makes 28 三号 characters fill the 156 mm line (28 × 15.75 pt =
 * 441 pt ≤ 442.25 pt). A linesAndChars grid does the same in Word, but LibreOffice renders it as
 * two grid cells per character.
 */
export const bodyCharacterSpacing = -5;

export const red = 'FF0000';
export const black = '000000';

/** The red rule under the 发文字号 (7.2.7): 1.5 pt, about 4 mm under the glyphs. */
export const redRule = { size: 12, space: 5 } as const;
/** 版记 rules (7.4.1): the first and last 0.35 mm (1 pt), the ones between 0.25 mm (0.75 pt). */
export const closingRule = { thick: 8, thin: 6 } as const;

/** The landscape page keeps the same 版心, turned: the table head lies on the 订口 side. */
export const landscapePage = {
  width: page.height,
  height: page.width,
  marginTop: page.marginLeft,
  marginBottom: page.marginRight,
  marginLeft: page.marginBottom,
  marginRight: page.marginTop,
} as const;
export const landscapeTypeAreaWidth = landscapePage.width - landscapePage.marginLeft - landscapePage.marginRight; // 12756

/** Distance from the 版心 top to the top of the 发文机关标志 (7.2.4): 35 mm. */
export const markTopOffset = mm(35);
