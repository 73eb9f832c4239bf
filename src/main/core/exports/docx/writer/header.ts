import { AlignmentType, BorderStyle, LineRuleType, Paragraph, TabStopType, TextRun } from 'docx';
import type { FontMapping, OfficialDocument } from '../../../../../shared/domain/documents';
import { bodyCharacterSpacing, linePitch, markTopOffset, red, redRule, size, typeAreaWidth } from './geometry';
import { offGridStyleId } from './offGrid';
import { cjkFont, styledRuns } from './runs';
import { sanitizeLine, sanitizeText } from './sanitize';
import { textWidth } from './textWidth';
import { breakTitle } from './titleBreak';

/** 版头 (7.2) and the start of the 主体: 发文机关标志, 发文字号 with the red rule, 标题, 主送机关. */

export interface MarkLayout {
  /** Half-points. */
  size: number;
  /** Character scaling in percent (100 = none). */
  scale: number;
}

const markMaxPt = 42; // 初号
const markLongPt = 36; // 小初, for names too long for 初号
const markMinScale = 50;
// Leave half a character free so the mark never wraps.
const markWidthPt = typeAreaWidth / 20 - 8;

/**
 * Size and horizontal scaling of the 发文机关标志: 初号 when it fits on one line, otherwise 小初
 * narrowed (as the printed 红头 are), and only then smaller.
 */
export function markLayout(mark: string): MarkLayout {
  const width = Math.max(1, textWidth(mark));
  if (width * markMaxPt <= markWidthPt) return { size: markMaxPt * 2, scale: 100 };
  const scale = Math.floor((markWidthPt / (width * markLongPt)) * 100);
  if (scale >= markMinScale) return { size: markLongPt * 2, scale };
  const pt = Math.max(8, Math.floor(markWidthPt / (width * (markMinScale / 100))));
  return { size: pt * 2, scale: markMinScale };
}

// The mark sits in a two-line exact box; the space before it brings the top of its glyphs to 35 mm
// below the 版心 top (7.2.4). Where the ink starts inside an exact line depends on the renderer;
// measured in LibreOffice 7.4 (24–42 pt marks, within 0.3 mm): the glyph top lies 234 twips plus 0.833
// of the font size above the bottom of the line box.
const markLine = linePitch * 2;

function markSpacingBefore(sizeHalfPoints: number): number {
  const inkTopInLine = markLine - 234 - Math.round(0.833 * sizeHalfPoints * 10);
  return Math.max(0, markTopOffset - inkTopInLine);
}

function markParagraph(text: string, fonts: FontMapping): Paragraph {
  const layout = markLayout(text);
  return new Paragraph({
    style: offGridStyleId,
    alignment: AlignmentType.CENTER,
    indent: { firstLine: 0, left: 0, right: 0 },
    spacing: { before: markSpacingBefore(layout.size), after: 0, line: markLine, lineRule: LineRuleType.EXACT },
    children: styledRuns(
      text,
      { role: 'xiaobiaosong', size: layout.size, color: red, characterSpacing: 0, scale: layout.scale },
      fonts,
    ),
  });
}

/** 发文字号 两行 below the mark, centred, carrying the red rule as its bottom border (7.2.5, 7.2.7). */
function docNumberParagraph(docNumber: string | null, fonts: FontMapping): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { firstLine: 0, left: 0, right: 0 },
    spacing: { before: linePitch * 2, after: 0, line: linePitch, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: redRule.size, space: redRule.space, color: red } },
    children: docNumber ? styledRuns(sanitizeLine(docNumber), { role: 'fangsong', size: size.sanhao }, fonts) : [],
  });
}

/** One character of 3号 text (16 pt) in twips: the 空一字 of 7.2.5 and 7.2.6. */
const oneChar = size.sanhao * 10;
/** 签发人 names per line (7.2.6: 一般每行排两个姓名). */
const issuersPerLine = 2;

/**
 * 上行文 (7.2.5, 7.2.6): the 发文字号 居左空一字, and 签发人 居右空一字 on the same line as the last
 * row of names — "签发人：" in 3号仿宋, the names in 3号楷体, two to a line, later lines aligned
 * under the first name. The last line carries the red rule, as the 发文字号 does alone.
 */
function upwardParagraphs(docNumber: string | null, issuers: readonly string[], fonts: FontMapping): Paragraph[] {
  const rows: string[][] = [];
  for (let i = 0; i < issuers.length; i += issuersPerLine)
    rows.push(issuers.slice(i, i + issuersPerLine).map((n) => sanitizeLine(n)));
  // One left tab for every line, where the widest line must start to end 空一字 from the right.
  const label = '签发人：';
  const widest = Math.max(...rows.map((names) => textWidth(label + names.join('\u3000'))));
  const start = Math.max(oneChar, Math.round(typeAreaWidth - oneChar - widest * oneChar));
  return rows.map((names, index) => {
    const last = index === rows.length - 1;
    return new Paragraph({
      alignment: AlignmentType.LEFT,
      indent: { firstLine: 0, left: oneChar, right: 0 },
      tabStops: [{ type: TabStopType.LEFT, position: start }],
      spacing: { before: index === 0 ? linePitch * 2 : 0, after: 0, line: linePitch, lineRule: LineRuleType.EXACT },
      ...(last
        ? { border: { bottom: { style: BorderStyle.SINGLE, size: redRule.size, space: redRule.space, color: red } } }
        : {}),
      children: [
        ...(last && docNumber
          ? styledRuns(sanitizeLine(docNumber), { role: 'fangsong', size: size.sanhao }, fonts)
          : []),
        // Later lines line their names up under the first line's first name.
        ...styledRuns(
          `\t${index === 0 ? label : '\u3000'.repeat(label.length)}`,
          { role: 'fangsong', size: size.sanhao },
          fonts,
        ),
        ...styledRuns(names.join('\u3000'), { role: 'kaiti', size: size.sanhao }, fonts),
      ],
    });
  });
}

/** Characters of 二号 text per line, with the body's tightened spacing. */
const titleMaxWidth = Math.floor(typeAreaWidth / (size.erhao * 10 + bodyCharacterSpacing)) - 1;

/** 标题 (7.3.1): 二号小标宋, centred, 两行 under the red rule, lines broken explicitly. */
export function titleParagraph(title: string, fonts: FontMapping, before: number): Paragraph {
  const lines = breakTitle(sanitizeTitle(title), titleMaxWidth);
  const font = cjkFont(fonts.xiaobiaosong);
  return new Paragraph({
    style: offGridStyleId,
    alignment: AlignmentType.CENTER,
    indent: { firstLine: 0, left: 0, right: 0 },
    // Keep a real title together and with what follows; a pasted page of text may flow.
    keepNext: lines.length <= 4,
    keepLines: lines.length <= 4,
    spacing: { before, after: 0, line: linePitch, lineRule: LineRuleType.EXACT },
    children: lines.map(
      (line, index) =>
        new TextRun({
          text: line,
          break: index > 0 ? 1 : 0,
          font,
          size: size.erhao,
          sizeComplexScript: size.erhao,
          bold: false,
        }),
    ),
  });
}

function sanitizeTitle(title: string): string {
  return sanitizeText(title)
    .split('\n')
    .map((line) => sanitizeLine(line))
    .join('\n');
}

/** 主送机关 (7.3.2): 标题下空一行, 顶格, ending with a full-width colon. */
function addresseeParagraph(addressee: string, fonts: FontMapping): Paragraph {
  const text = sanitizeLine(addressee).replace(/[:：]+$/, '');
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 0, left: 0, right: 0 },
    spacing: { before: linePitch, after: 0, line: linePitch, lineRule: LineRuleType.EXACT },
    children: styledRuns(`${text}：`, { role: 'fangsong', size: size.sanhao }, fonts),
  });
}

export function headerParagraphs(doc: OfficialDocument, fonts: FontMapping): Paragraph[] {
  const issuers = (doc.header.issuers ?? []).filter((name) => sanitizeLine(name).length > 0);
  const paragraphs = [
    markParagraph(sanitizeLine(doc.header.issuerMark), fonts),
    ...(issuers.length > 0
      ? upwardParagraphs(doc.header.docNumber, issuers, fonts)
      : [docNumberParagraph(doc.header.docNumber, fonts)]),
    titleParagraph(doc.title, fonts, linePitch * 2),
  ];
  if (sanitizeLine(doc.addressee)) paragraphs.push(addresseeParagraph(doc.addressee, fonts));
  return paragraphs;
}
