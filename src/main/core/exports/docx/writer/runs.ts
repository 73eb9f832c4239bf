import { Tab, TextRun } from 'docx';
import type { IRunOptions } from 'docx';
import type { FontMapping, FontRole } from '../../../../../shared/domain/documents';
import { black } from './geometry';
import { sanitizeText } from './sanitize';

/** Latin letters and digits: Times New Roman, the usual house style next to the CJK faces. */
export const latinFont = 'Times New Roman';
/** 页码 (7.5): 4号半角宋体. */
export const songFont = '宋体';

/**
 * rFonts for a CJK face. `hint: eastAsia` sends the em dash, “ ” and … to the CJK face too;
 * without it Word draws them in the Latin font, narrower than one 汉字.
 */
export function cjkFont(family: string): NonNullable<IRunOptions['font']> {
  return { ascii: latinFont, hAnsi: latinFont, cs: latinFont, eastAsia: family, hint: 'eastAsia' };
}

export interface RunStyle {
  role: FontRole;
  size: number;
  bold?: boolean;
  color?: string;
  characterSpacing?: number;
  scale?: number;
}

/**
 * One run per piece of text, with the font, size and colour written on the run itself, so the
 * look does not depend on styles a reader's Word may override. Tabs become real tab characters.
 */
export function styledRuns(text: string, style: RunStyle, fonts: FontMapping): TextRun[] {
  const base: IRunOptions = {
    font: cjkFont(fonts[style.role]),
    size: style.size,
    sizeComplexScript: style.size,
    color: style.color ?? black,
    bold: style.bold ?? false,
    boldComplexScript: style.bold ?? false,
    ...(style.characterSpacing === undefined ? {} : { characterSpacing: style.characterSpacing }),
    ...(style.scale === undefined ? {} : { scale: style.scale }),
  };
  const clean = sanitizeText(text).replace(/\n/g, ' ');
  if (!clean.includes('\t')) return [new TextRun({ ...base, text: clean })];
  const children: (string | Tab)[] = [];
  clean.split('\t').forEach((piece, index) => {
    if (index > 0) children.push(new Tab());
    if (piece) children.push(piece);
  });
  return [new TextRun({ ...base, children })];
}
