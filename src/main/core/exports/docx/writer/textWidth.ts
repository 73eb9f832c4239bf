/**
 * Width of text in 汉字 (em) units: CJK characters and full-width forms are one, Latin letters,
 * digits and ASCII punctuation are half (Times New Roman digits are 0.5 em). Used to break titles
 * and to line the signature up with the date; an estimate, not a shaping engine.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    width += code < 0x2e80 && !(code >= 0x2014 && code <= 0x2026) ? 0.5 : 1;
  }
  return width;
}
