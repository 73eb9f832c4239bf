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
export const labelRe =
  /^(牵头单位|牵头部门|主责单位|责任单位|责任部门|配合单位|参与单位|协办单位)\s*[：:]\s*(.*)$/;

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
    return { kind: 'label', role: label.startsWith('牵头') || label.startsWith('主责') ? 'lead' : 'responsible', label, value: m[2] ?? '' };
  }
  m = numberedRe.exec(text);
  if (m) return { kind: 'numbered', no: Number(m[1]), title: (m[2] ?? '').trim() };
  m = itemRe.exec(text);
  if (m) return { kind: 'item', no: Number(m[1]), title: (m[2] ?? '').trim() };
  return { kind: 'text' };
}

/** The first sentence of a paragraph (without its 。) and what follows it. */
export function firstSentence(text: string): { sentence: string; rest: string } {
  const at = text.search(/[。！？]/);
  if (at < 0) return { sentence: text.trim(), rest: '' };
  return { sentence: text.slice(0, at).trim(), rest: text.slice(at + 1).trim() };
}
