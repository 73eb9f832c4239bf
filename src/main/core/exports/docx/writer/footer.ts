import { AlignmentType, Footer, LineRuleType, PageNumber, Paragraph, TextRun } from 'docx';
import { charSihao, size } from './geometry';
import { offGridStyleId } from './offGrid';
import { songFont } from './runs';

/**
 * 页码 (7.5): 4号半角宋体阿拉伯数字 between two 一字线 (U+2014), 单页码居右空一字, 双页码居左空一字.
 * 宋体 in every slot with the eastAsia hint so the dashes are one 汉字 wide.
 */
const song = { ascii: songFont, hAnsi: songFont, cs: songFont, eastAsia: songFont, hint: 'eastAsia' } as const;

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const run = { font: song, size: size.sihao, sizeComplexScript: size.sihao, characterSpacing: 0, color: '000000' };
  return new Footer({
    children: [
      new Paragraph({
        style: offGridStyleId,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent:
          side === 'odd' ? { firstLine: 0, left: 0, right: charSihao } : { firstLine: 0, left: charSihao, right: 0 },
        spacing: { before: 0, after: 0, line: charSihao, lineRule: LineRuleType.EXACT },
        children: [
          new TextRun({ ...run, text: '— ' }),
          new TextRun({ ...run, children: [PageNumber.CURRENT] }),
          new TextRun({ ...run, text: ' —' }),
        ],
      }),
    ],
  });
}

/** Fresh footer objects for one section (odd pages: default; even pages: even). */
export function pageNumberFooters(): { default: Footer; even: Footer } {
  return { default: pageNumberFooter('odd'), even: pageNumberFooter('even') };
}
