import { AlignmentType, LineRuleType, Paragraph } from 'docx';
import type { Table } from 'docx';
import type { Block, FontMapping, HeadingBlock } from '../../../../../shared/domain/documents';
import { charSanhao, linePitch, size } from './geometry';
import { styledRuns } from './runs';
import type { RunStyle } from './runs';
import { sanitizeLine, toParagraphTexts } from './sanitize';
import { tableOf } from './table';

/**
 * 正文 (7.3.3): 三号仿宋, 每个自然段左空二字、回行顶格; headings 一、黑体, （一）楷体, 1.仿宋加粗,
 * （1）仿宋, keeping the same indent. Paragraph geometry comes from the document defaults.
 */

const headingStyles: Record<HeadingBlock['level'], RunStyle> = {
  1: { role: 'heiti', size: size.sanhao },
  2: { role: 'kaiti', size: size.sanhao },
  3: { role: 'fangsong', size: size.sanhao, bold: true },
  4: { role: 'fangsong', size: size.sanhao },
};

const bodyStyle: RunStyle = { role: 'fangsong', size: size.sanhao };

const bodyIndent = { firstLine: charSanhao * 2, left: 0, right: 0 };
const bodySpacing = { before: 0, after: 0, line: linePitch, lineRule: LineRuleType.EXACT };

function bodyParagraph(text: string, fonts: FontMapping, keepNext = false): Paragraph {
  return new Paragraph({
    keepNext,
    alignment: AlignmentType.JUSTIFIED,
    indent: bodyIndent,
    spacing: bodySpacing,
    children: styledRuns(text, bodyStyle, fonts),
  });
}

function headingParagraphs(block: HeadingBlock, fonts: FontMapping): Paragraph[] {
  const style = headingStyles[block.level];
  const text = sanitizeLine(block.text);
  const [firstBody, ...moreBody] = block.body === undefined ? [] : toParagraphTexts(block.body);
  const heading = new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: bodyIndent,
    spacing: bodySpacing,
    outlineLevel: block.level - 1,
    // A heading with nothing after it in its paragraph must not end a page.
    keepNext: firstBody === undefined,
    children: [
      ...styledRuns(text, style, fonts),
      ...(firstBody === undefined ? [] : styledRuns(firstBody, bodyStyle, fonts)),
    ],
  });
  return [heading, ...moreBody.map((line) => bodyParagraph(line, fonts))];
}

/**
 * The blocks as Word paragraphs and tables; `tableWidth` is the 版心 width of the section. With
 * `keepLastWithNext`, the last body paragraph stays on the page of what follows (the 署名), so no
 * page carries the signature without body text (不得出现"此页无正文").
 */
export function blockElements(
  blocks: Block[],
  fonts: FontMapping,
  tableWidth: number,
  keepLastWithNext = false,
): (Paragraph | Table)[] {
  return blocks.flatMap((block, index): (Paragraph | Table)[] => {
    const last = keepLastWithNext && index === blocks.length - 1;
    switch (block.type) {
      case 'heading':
        return headingParagraphs(block, fonts);
      case 'paragraph': {
        const lines = toParagraphTexts(block.text);
        return lines.map((line, lineIndex) => bodyParagraph(line, fonts, last && lineIndex === lines.length - 1));
      }
      case 'table':
        return [tableOf(block, tableWidth, fonts)];
    }
  });
}
