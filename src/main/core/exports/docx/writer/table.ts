import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  LineRuleType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { FontMapping, TableBlock, TableColumn } from '../../../../../shared/domain/documents';
import { black, size } from './geometry';
import { offGridStyleId } from './offGrid';
import { styledRuns } from './runs';
import { toParagraphTexts } from './sanitize';

/**
 * Tables (clause 8 and practice): as wide as the 版心, fixed layout, 黑体 head repeated on every
 * page, 仿宋 小四 cells, rows never split. Cell paragraphs cancel the body's first-line indent.
 */

const cellLine = 360; // 18 pt for 小四 text
const border = { style: BorderStyle.SINGLE, size: 4, color: black };
const borders = {
  top: border,
  bottom: border,
  left: border,
  right: border,
  insideHorizontal: border,
  insideVertical: border,
};

const alignments = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

export function columnWidths(columns: TableColumn[], totalWidth: number): number[] {
  const total = columns.reduce((sum, column) => sum + column.weight, 0);
  const widths = columns.map((column) => Math.floor((column.weight / total) * totalWidth));
  // The last column takes the rounding remainder so the table is exactly as wide as the 版心.
  const used = widths.reduce((sum, width) => sum + width, 0);
  widths[widths.length - 1] = (widths[widths.length - 1] ?? 0) + (totalWidth - used);
  return widths;
}

function cell(
  text: string,
  width: number,
  head: boolean,
  align: keyof typeof alignments,
  fonts: FontMapping,
): TableCell {
  const pieces = toParagraphTexts(text);
  const lines = pieces.length > 0 ? pieces : [''];
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 30, bottom: 30 },
    children: lines.map(
      (line) =>
        new Paragraph({
          style: offGridStyleId,
          alignment: head ? AlignmentType.CENTER : alignments[align],
          indent: { firstLine: 0, left: 0, right: 0 },
          spacing: { before: 0, after: 0, line: cellLine, lineRule: LineRuleType.EXACT },
          children: styledRuns(
            line,
            { role: head ? 'heiti' : 'fangsong', size: size.xiaosi, characterSpacing: 0 },
            fonts,
          ),
        }),
    ),
  });
}

export function tableOf(block: TableBlock, totalWidth: number, fonts: FontMapping): Table {
  const widths = columnWidths(block.columns, totalWidth);
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    height: { value: 579, rule: HeightRule.ATLEAST },
    children: block.columns.map((column, index) => cell(column.title, widths[index] ?? 0, true, 'center', fonts)),
  });
  const body = block.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        height: { value: 480, rule: HeightRule.ATLEAST },
        children: block.columns.map((column, index) =>
          cell(row[index] ?? '', widths[index] ?? 0, false, column.align ?? 'left', fonts),
        ),
      }),
  );
  return new Table({
    width: { size: totalWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders,
    rows: [head, ...body],
  });
}
