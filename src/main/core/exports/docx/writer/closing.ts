import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  OverlapType,
  Paragraph,
  RelativeHorizontalPosition,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { formatOfficialDate } from '../../../../../shared/domain/documents';
import type { FontMapping, OfficialDocument } from '../../../../../shared/domain/documents';
import { black, charSihao, closingRule, linePitch, size, typeAreaWidth } from './geometry';
import { offGridStyleId } from './offGrid';
import { styledRuns } from './runs';
import { sanitizeLine } from './sanitize';
import { textWidth } from './textWidth';

/**
 * 版记 (7.4): a one-column table as wide as the 版心, anchored to the bottom margin so its last
 * rule lies on the 版心 bottom (Word honours the anchor; LibreOffice lays it out in the flow).
 * Rules: first and last thick (0.35 mm), between rows thin (0.25 mm). 四号仿宋, 左右各空一字.
 */

const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const rule = (thickness: number) => ({ style: BorderStyle.SINGLE, size: thickness, color: black });
const fourth = { role: 'fangsong', size: size.sihao, characterSpacing: 0 } as const;
const exact = { before: 0, after: 0, line: linePitch, lineRule: LineRuleType.EXACT } as const;

function row(paragraph: Paragraph, top: number, bottom: number): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        width: { size: typeAreaWidth, type: WidthType.DXA },
        margins: { left: 0, right: 0, top: 0, bottom: 0 },
        borders: { top: rule(top), bottom: rule(bottom), left: none, right: none },
        children: [paragraph],
      }),
    ],
  });
}

/** "抄送：A，B，C。" — continuation lines align with the first name after the colon (7.4.2). */
function ccParagraph(cc: string[], fonts: FontMapping): Paragraph {
  const names = cc.map((name) => sanitizeLine(name).replace(/[，。、,.]+$/, '')).filter((name) => name);
  const label = charSihao * 3;
  return new Paragraph({
    style: offGridStyleId,
    alignment: AlignmentType.JUSTIFIED,
    indent: { left: charSihao + label, hanging: label, right: charSihao },
    spacing: exact,
    children: styledRuns(`抄送：${names.join('，')}。`, fourth, fonts),
  });
}

/**
 * 印发机关左空一字, 印发日期右空一字 followed by 印发 (7.4.3). When both do not fit on one line
 * with a character between them, the date moves to a second line, still flush right.
 */
function printerParagraph(printer: string, printDate: string, fonts: FontMapping): Paragraph {
  const name = sanitizeLine(printer);
  const date = `${formatOfficialDate(printDate)}印发`;
  const fits = (textWidth(name) + textWidth(date) + 3) * charSihao <= typeAreaWidth;
  return new Paragraph({
    style: offGridStyleId,
    alignment: AlignmentType.LEFT,
    indent: { firstLine: 0, left: charSihao, right: charSihao },
    tabStops: [{ type: TabStopType.RIGHT, position: typeAreaWidth - charSihao }],
    spacing: exact,
    children: fits
      ? styledRuns(`${name}\t${date}`, fourth, fonts)
      : [...styledRuns(name, fourth, fonts), new TextRun({ break: 1 }), ...styledRuns(`\t${date}`, fourth, fonts)],
  });
}

export function closingTable(closing: OfficialDocument['closing'], fonts: FontMapping): Table {
  const rows: TableRow[] = [];
  const hasCc = closing.cc.some((name) => sanitizeLine(name));
  if (hasCc) rows.push(row(ccParagraph(closing.cc, fonts), closingRule.thick, closingRule.thin));
  rows.push(
    row(
      printerParagraph(closing.printer, closing.printDate, fonts),
      hasCc ? closingRule.thin : closingRule.thick,
      closingRule.thick,
    ),
  );
  return new Table({
    width: { size: typeAreaWidth, type: WidthType.DXA },
    columnWidths: [typeAreaWidth],
    layout: TableLayoutType.FIXED,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    float: {
      horizontalAnchor: TableAnchorType.MARGIN,
      relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
      overlap: OverlapType.NEVER,
    },
    rows,
  });
}

export function closingGap(): Paragraph {
  return new Paragraph({ indent: { firstLine: 0 }, spacing: exact, children: [] });
}

/** A document must not end with a table: LibreOffice drops a floating one that ends the body. */
export function closingTail(): Paragraph {
  // As small as a paragraph gets, so it never pushes a blank page after the 版记.
  return new Paragraph({
    style: offGridStyleId,
    indent: { firstLine: 0 },
    spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
    run: { size: 2 },
    children: [],
  });
}
