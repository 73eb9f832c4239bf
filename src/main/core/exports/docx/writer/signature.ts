import { AlignmentType, LineRuleType, Paragraph } from 'docx';
import { formatOfficialDate } from '../../../../../shared/domain/documents';
import type { FontMapping, OfficialDocument } from '../../../../../shared/domain/documents';
import { bodyCharacterSpacing, charSanhao, linePitch, size } from './geometry';
import { styledRuns } from './runs';
import { sanitizeLine } from './sanitize';
import { textWidth } from './textWidth';

/** 附件说明 (7.3.4) and 发文机关署名/成文日期 (7.3.5.1). */

const fangsong = { role: 'fangsong', size: size.sanhao } as const;
const exact = { after: 0, line: linePitch, lineRule: LineRuleType.EXACT } as const;

/** Twips a 三号 text takes with the body's character spacing. */
function twipsOf(text: string): number {
  const em = charSanhao + bodyCharacterSpacing;
  let width = 0;
  for (const char of text) width += textWidth(char) === 1 ? em : charSanhao / 2 + bodyCharacterSpacing;
  return width;
}

/**
 * 正文下空一行左空二字编排"附件"二字，后标全角冒号和附件名称; several are numbered 1. 2. …, and a
 * name that wraps aligns with the first character of the name above.
 */
export function attachmentNoteParagraphs(names: string[], fonts: FontMapping): Paragraph[] {
  const clean = names.map((name) => sanitizeLine(name).replace(/[，。、；：,.;:]+$/, '')).filter((name) => name);
  const lead = charSanhao * 2;
  const label = twipsOf('附件：');
  if (clean.length === 1) {
    return [
      new Paragraph({
        keepNext: true,
        alignment: AlignmentType.JUSTIFIED,
        indent: { left: lead + label, hanging: label, right: 0 },
        spacing: { before: linePitch, ...exact },
        children: styledRuns(`附件：${clean[0] ?? ''}`, fangsong, fonts),
      }),
    ];
  }
  return clean.map((name, index) => {
    const number = `${index + 1}.`;
    const numberWidth = twipsOf(number);
    const nameStart = lead + label + numberWidth;
    return new Paragraph({
      keepNext: true,
      alignment: AlignmentType.JUSTIFIED,
      indent:
        index === 0
          ? { left: nameStart, hanging: label + numberWidth, right: 0 }
          : { left: nameStart, hanging: numberWidth, right: 0 },
      spacing: { before: index === 0 ? linePitch : 0, ...exact },
      children: styledRuns(`${index === 0 ? '附件：' : ''}${number}${name}`, fangsong, fonts),
    });
  });
}

export interface SignatureIndents {
  organization: number;
  date: number;
}

/**
 * 成文日期右空四字; 发文机关署名 centred over the date, where the seal will press both. A name wider
 * than the date is set flush right and the date centred under it instead.
 */
export function signatureIndents(organization: string, date: string): SignatureIndents {
  const dateRight = charSanhao * 4;
  const nameWidth = twipsOf(organization);
  const dateWidth = twipsOf(date);
  const centred = dateRight + Math.round((dateWidth - nameWidth) / 2);
  if (centred >= 0) return { organization: centred, date: dateRight };
  return { organization: 0, date: Math.max(dateRight, Math.round((nameWidth - dateWidth) / 2)) };
}

export function signatureParagraphs(signature: OfficialDocument['signature'], fonts: FontMapping): Paragraph[] {
  const organization = sanitizeLine(signature.organization);
  const date = formatOfficialDate(signature.date);
  const indents = signatureIndents(organization, date);
  // Two blank lines leave room for the seal, whose top must come within one line of the text.
  return [
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { firstLine: 0, left: 0, right: indents.organization },
      keepNext: true,
      spacing: { before: linePitch * 2, ...exact },
      children: styledRuns(organization, fangsong, fonts),
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      indent: { firstLine: 0, left: 0, right: indents.date },
      spacing: { before: 0, ...exact },
      children: styledRuns(date, fangsong, fonts),
    }),
  ];
}
