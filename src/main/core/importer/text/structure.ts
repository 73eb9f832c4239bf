import { chineseNumeral } from './normalize';

/** What a paragraph is, by its opening: the markers plans use for their outline. */
export type Structure =
  | { kind: 'heading'; no: number; title: string }
  | { kind: 'subheading'; no: number; title: string }
  | { kind: 'numbered'; no: number; title: string }
  | { kind: 'item'; no: number; title: string }
  | { kind: 'label'; role: 'lead' | 'responsible'; label: string; value: string }
  | { kind: 'text' };

const headingRe = /^([一二三四五六七八九十]{1,3})\s*、\s*(.*)$/;
const subheadingRe = /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*(.*)$/;
/** "8. title", "8．title", "8、title", but not "2.5‰" or "2025年". */
const numberedRe = /^(\d{1,3})\s*[.．、](?!\d)\s*(.+)$/;
const itemRe = /^(?:[-•·]\s*)?[（(]\s*(\d{1,3})\s*[）)]\s*(.+)$/;
export const labelRe = /^((?:牵头|主责|责任|配合|参与|协办|协助|指导)(?:单位|部门))\s*[：:]\s*(.*)$/;

export function classify(text: string): Structure {
  let m = headingRe.exec(text);
  if (m) {
    const no = chineseNumeral(m[1] ?? '');
    if (no !== null) return { kind: 'heading', no, title: (m[2] ?? '').trim() };
  }
  m = subheadingRe.exec(text);
  if (m) {
    const no = chineseNumeral(m[1] ?? '');
    if (no !== null) return { kind: 'subheading', no, title: (m[2] ?? '').trim() };
  }
  m = labelRe.exec(text);
  if (m) {
    const label = m[1] ?? '';
    return {
      kind: 'label',
      role: label.startsWith('牵头') || label.startsWith('主责') ? 'lead' : 'responsible',
      label,
      value: m[2] ?? '',
    };
  }
  m = numberedRe.exec(text);
  if (m) return { kind: 'numbered', no: Number(m[1]), title: (m[2] ?? '').trim() };
  m = itemRe.exec(text);
  if (m) return { kind: 'item', no: Number(m[1]), title: (m[2] ?? '').trim() };
  return { kind: 'text' };
}

/**
 * Outline markers, whatever their order in a document: 一、 （一） 1. （1） 1） ① 第一条 第一章.
 * Which marker is the parent of which is read per document (see layouts/tree.ts), not fixed here.
 */
export type MarkerKind =
  | 'cn'
  | 'pcn'
  | 'num'
  | 'pnum'
  | 'numParen'
  | 'circled'
  | 'article'
  | 'chapter'
  | 'pcnChar'
  | 'pnumChar'
  | 'numDotChar';

export interface Marker {
  kind: MarkerKind;
  no: number;
  /** The text after the marker. */
  title: string;
}

const circled = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
/** One-character forms: ㈠…㈩, ⑴…⒇, ⒈…⒛. */
const pcnChars = '㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩';
const pnumChars = '⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇';
const numDotChars = '⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛';
const markerRes: Array<[MarkerKind, RegExp, (s: string) => number | null]> = [
  ['chapter', /^第\s*([一二三四五六七八九十]{1,3})\s*[章部](?:分)?\s*(.*)$/, chineseNumeral],
  ['article', /^第\s*([一二三四五六七八九十百零]{1,5})\s*条\s*(.*)$/, chineseNumeral],
  ['cn', /^([一二三四五六七八九十]{1,3})\s*[、．.]\s*(.*)$/, chineseNumeral],
  ['pcn', /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*[、，,．.]?\s*(.*)$/, chineseNumeral],
  ['pnum', /^(?:[-•·]\s*)?[（(]\s*(\d{1,3})\s*[）)]\s*[、，,．.]?\s*(.+)$/, (s) => Number(s)],
  ['numParen', /^(\d{1,3})\s*[）)]\s*(.+)$/, (s) => Number(s)],
  ['num', /^(\d{1,3})\s*[.．、](?!\d)\s*(.+)$/, (s) => Number(s)],
  ['circled', new RegExp(`^([${circled}])\\s*(.+)$`), (s) => circled.indexOf(s) + 1],
  ['pcnChar', new RegExp(`^([${pcnChars}])\\s*(.+)$`), (s) => pcnChars.indexOf(s) + 1],
  ['pnumChar', new RegExp(`^([${pnumChars}])\\s*(.+)$`), (s) => pnumChars.indexOf(s) + 1],
  ['numDotChar', new RegExp(`^([${numDotChars}])\\s*(.+)$`), (s) => numDotChars.indexOf(s) + 1],
];

/** The outline marker a paragraph opens with, if any (labels such as 牵头单位： are not markers). */
export function markerOf(text: string): Marker | null {
  if (labelRe.test(text)) return null;
  for (const [kind, re, value] of markerRes) {
    const m = re.exec(text);
    if (!m) continue;
    const no = value(m[1] ?? '');
    if (no === null || !Number.isFinite(no) || no <= 0) continue;
    return { kind, no, title: (m[2] ?? '').trim() };
  }
  return null;
}

/** The first sentence of a paragraph (without its 。) and what follows it. */
export function firstSentence(text: string): { sentence: string; rest: string } {
  const at = text.search(/[。！？]/);
  if (at < 0) return { sentence: text.trim(), rest: '' };
  return { sentence: text.slice(0, at).trim(), rest: text.slice(at + 1).trim() };
}
