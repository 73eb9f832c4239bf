/**
 * Numbers with their measure words, as they stand in plan sentences ("157人", "2.5‰",
 * "0.8—1块", "19000元/人/年"). Numbers inside book titles 《…》, quotations “…” and document
 * numbers 〔…〕 are names, not quantities, and are never scanned.
 */
export interface NumberToken {
  start: number;
  end: number;
  value: number;
  /** Upper bound of a range such as 0.8—1. */
  value2?: number;
  unit: string;
}

/** Units an indicator can be counted or measured in. */
const indicatorUnits = new Set([
  '%',
  '‰',
  '人',
  '名',
  '人次',
  '场次',
  '个',
  '所',
  '场',
  '家',
  '处',
  '块',
  '座',
  '项',
  '次',
  '户',
  '张',
  '床',
  '条',
  '万元',
  '亿元',
  '元',
  '平方米',
  '公里',
  '亩',
  '万人',
  '万人次',
]);
/** Measures of time, age and kind: never an indicator by themselves (1000天, 35种, 12课时). */
const otherUnits = [
  '个工作日',
  '个月',
  '小时',
  '课时',
  '分钟',
  '毫米',
  '厘米',
  '米',
  '岁',
  '年',
  '月',
  '日',
  '天',
  '周',
  '种',
  '号',
  '倍',
  '级',
  '类',
  '批',
  '期',
  '届',
  '万',
  '亿',
];

const money = '元(?:/[人户年月日次]+(?:·[年月日])?)*';
const unitAlternatives = [...indicatorUnits, ...otherUnits]
  .filter((u) => u !== '元')
  .sort((a, b) => b.length - a.length)
  .concat([money]);
const num = '\\d+(?:\\.\\d+)?';
const tokenRe = new RegExp(
  `(?<![\\d.])(${num})(?:\\s*(?:[—–~～-]|至)\\s*(${num}))?\\s*(${unitAlternatives.join('|')})`,
  'g',
);

export function isIndicatorUnit(unit: string): boolean {
  return indicatorUnits.has(unit) || unit.startsWith('元');
}

/** Count units (not rates): a bare "建成…7所" is a target, a bare "50%" is not. */
export function isCountUnit(unit: string): boolean {
  return isIndicatorUnit(unit) && unit !== '%' && unit !== '‰';
}

/** The text with digits inside 《…》, “…”, 〔…〕 and [..] replaced, so offsets still match. */
function maskNames(text: string): string {
  return text.replace(/《[^》]*》|“[^”]*”|〔[^〕]*〕|［[^］]*］/g, (span) => span.replace(/\d/g, '#'));
}

export function scanNumbers(text: string): NumberToken[] {
  const masked = maskNames(text);
  const tokens: NumberToken[] = [];
  for (const m of masked.matchAll(tokenRe)) {
    const start = m.index;
    const first = Number(m[1]);
    const second = m[2] === undefined ? undefined : Number(m[2]);
    const token: NumberToken = { start, end: start + m[0].length, value: first, unit: m[3] ?? '' };
    if (second !== undefined) token.value2 = second;
    tokens.push(token);
  }
  return tokens;
}

/** The year a sentence sets a goal for: 到2025年, 2025年，…, "十四五"期间. */
export function goalYearOf(sentence: string): number | null {
  const by =
    /(?:到|至|截至)(\d{4})年/.exec(sentence) ??
    /^(\d{4})年(?:底|末)?[，,]/.exec(sentence) ??
    /(\d{4})年(?:底|末)?前/.exec(sentence);
  if (by) return Number(by[1]);
  const plan = /十([三四五六])五/.exec(sentence);
  if (plan && /十[三四五六]五”?(?:期间|末|时期)/.test(sentence)) {
    const ord = { 三: 2020, 四: 2025, 五: 2030, 六: 2035 }[plan[1] as '三' | '四' | '五' | '六'];
    return ord;
  }
  return null;
}

/** Splits on sentence ends, keeping offsets. */
export function sentences(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let start = 0;
  for (const m of text.matchAll(/[。！？；]/g)) {
    out.push({ text: text.slice(start, m.index), start });
    start = m.index + 1;
  }
  if (start < text.length) out.push({ text: text.slice(start), start });
  return out.filter((s) => s.text.trim() !== '');
}

/** Splits a sentence into comma clauses, keeping offsets (commas inside parentheses stay). */
export function clauses(sentence: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < sentence.length; i += 1) {
    const ch = sentence[i];
    if (ch === '（' || ch === '(') depth += 1;
    else if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === '，' || ch === ',')) {
      out.push({ text: sentence.slice(start, i), start });
      start = i + 1;
    }
  }
  out.push({ text: sentence.slice(start), start });
  return out.filter((c) => c.text.trim() !== '');
}
