import type { IParagraphStyleOptions } from 'docx';

/**
 * Paragraphs that must not snap to the 22-line grid: the 发文机关标志, titles, table cells, page
 * numbers and the 版记. Word lets exact line spacing win over the grid, but LibreOffice gives any
 * line taller than one grid cell two cells, which spreads a 二号 title over double spacing. docx
 * cannot write a paragraph's <w:snapToGrid/>, so the style is patched into styles.xml after packing
 * (see finishPackage).
 */
export const offGridStyleId = 'GwOffGrid';

export const offGridStyle: IParagraphStyleOptions = {
  id: offGridStyleId,
  name: 'GW Off Grid',
  basedOn: 'Normal',
  quickFormat: false,
  paragraph: { spacing: { before: 0, after: 0 } },
};

const stylePattern = new RegExp(
  `(<w:style\\b[^>]*w:styleId="${offGridStyleId}"[^>]*>[\\s\\S]*?<w:pPr>)([\\s\\S]*?)(</w:pPr>)`,
);

export function patchStylesXml(xml: string): string {
  return xml.replace(stylePattern, (_match, open: string, body: string, close: string) => {
    // CT_PPrBase order: snapToGrid comes right before spacing.
    const patched = body.includes('<w:spacing')
      ? body.replace('<w:spacing', '<w:snapToGrid w:val="0"/><w:spacing')
      : `${body}<w:snapToGrid w:val="0"/>`;
    return `${open}${patched}${close}`;
  });
}
