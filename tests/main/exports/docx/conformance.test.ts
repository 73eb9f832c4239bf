import { describe, expect, it } from 'vitest';
import {
  composeBulletin,
  composeQuarterlyReport,
  composeTaskReport,
} from '../../../../src/main/core/exports/docx/compose';
import { writeOfficialDocx } from '../../../../src/main/core/exports/docx/writer';
import { formatOfficialDate } from '../../../../src/shared/domain/documents';
import type { FontMapping, OfficialDocument } from '../../../../src/shared/domain/documents';
import { bulletinInput, quarterlyInput, quarterlyWithInstructions, taskInput } from './fixtures';
import { attr, illegalXmlChars, num, paragraphsOf, readDocx } from './ooxml';
import type { Docx, ParagraphXml } from './ooxml';

/**
 * GB/T 9704-2012 conformance of the three documents, read back from the .docx XML. Expected
 * values are the standard's (docs/gongwen.md), converted to Word units here, not taken from the
 * writer's constants.
 */

const twip = (mm: number): number => (mm / 25.4) * 1440;
const within = (value: number, target: number, tolerance: number): boolean => Math.abs(value - target) <= tolerance;

// A user mapping that differs from the standard names, to prove the mapping reaches every run.
const fonts: FontMapping = { xiaobiaosong: '华文中宋', fangsong: '仿宋', heiti: '黑体', kaiti: '楷体' };

const cases: [string, () => OfficialDocument][] = [
  ['quarterly report', () => composeQuarterlyReport(quarterlyInput())],
  ['quarterly report with the 批示 annex', () => composeQuarterlyReport(quarterlyWithInstructions())],
  ['task report', () => composeTaskReport(taskInput())],
  ['bulletin', () => composeBulletin(bulletinInput())],
];

const eastAsia = (run: { rPr: string }): string | undefined => attr(run.rPr, 'w:rFonts', 'w:eastAsia');
const sizeOf = (run: { rPr: string }): number => num(attr(run.rPr, 'w:sz', 'w:val'));
const isBold = (run: { rPr: string }): boolean => /<w:b\/>|<w:b w:val="(true|1|on)"\/>/.test(run.rPr);
const jc = (p: ParagraphXml): string | undefined => attr(p.pPr, 'w:jc', 'w:val');
const ind = (p: ParagraphXml, name: string): number => num(attr(p.pPr, 'w:ind', name) ?? '0');
const textRuns = (p: ParagraphXml) => p.runs.filter((run) => run.text.length > 0);

function expectRuns(p: ParagraphXml, font: string, size: number, what: string): void {
  expect(textRuns(p).length, what).toBeGreaterThan(0);
  for (const run of textRuns(p)) {
    expect(eastAsia(run), `${what}: font of “${run.text.slice(0, 12)}”`).toBe(font);
    expect(sizeOf(run), `${what}: size of “${run.text.slice(0, 12)}”`).toBe(size);
  }
}

function findParagraph(docx: Docx, predicate: (p: ParagraphXml) => boolean, what: string): ParagraphXml {
  const found = docx.paragraphs.find(predicate);
  if (!found) throw new Error(`no paragraph for ${what}`);
  return found;
}

describe.each(cases)('GB/T 9704 conformance: %s', (_name, compose) => {
  const doc = compose();
  const load = async (): Promise<Docx> => readDocx(await writeOfficialDocx(doc, fonts));

  it('uses A4 with 37/35/28/26 mm margins, a 22-line grid and 28 characters a line', async () => {
    const docx = await load();
    const first = docx.sections[0] ?? '';
    expect(num(attr(first, 'w:pgSz', 'w:w'))).toSatisfy((w: number) => within(w, twip(210), twip(1)));
    expect(num(attr(first, 'w:pgSz', 'w:h'))).toSatisfy((h: number) => within(h, twip(297), twip(1)));
    const margin = (name: string): number => num(attr(first, 'w:pgMar', name));
    expect(margin('w:top')).toSatisfy((v: number) => within(v, twip(37), twip(1)));
    expect(margin('w:bottom')).toSatisfy((v: number) => within(v, twip(35), twip(1)));
    expect(margin('w:left')).toSatisfy((v: number) => within(v, twip(28), twip(1)));
    expect(margin('w:right')).toSatisfy((v: number) => within(v, twip(26), twip(1)));
    expect(num(attr(first, 'w:pgMar', 'w:gutter'))).toBe(0);

    const typeWidth = num(attr(first, 'w:pgSz', 'w:w')) - margin('w:left') - margin('w:right');
    const typeHeight = num(attr(first, 'w:pgSz', 'w:h')) - margin('w:top') - margin('w:bottom');
    expect(typeWidth).toSatisfy((v: number) => within(v, twip(156), twip(1)));
    expect(typeHeight).toSatisfy((v: number) => within(v, twip(225), twip(1)));

    for (const section of docx.sections) {
      expect(attr(section, 'w:docGrid', 'w:type')).toBe('lines');
      const pitch = num(attr(section, 'w:docGrid', 'w:linePitch'));
      // 22 lines fill the 版心 (撑满): 22 fit, 23 do not.
      expect(Math.floor(typeHeight / pitch)).toBe(22);
      expect(typeHeight - 22 * pitch).toBeLessThan(pitch / 2);
    }

    // Body defaults: 三号 仿宋, exact spacing equal to the grid pitch, and character spacing that
    // makes exactly 28 三号 characters fit the line.
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(docx.styles)?.[0] ?? '';
    expect(attr(defaults, 'w:rFonts', 'w:eastAsia')).toBe(fonts.fangsong);
    expect(num(attr(defaults, 'w:sz', 'w:val'))).toBe(32);
    const paragraphDefaults = /<w:pPrDefault>[\s\S]*?<\/w:pPrDefault>/.exec(defaults)?.[0] ?? '';
    const runDefaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(defaults)?.[0] ?? '';
    expect(attr(paragraphDefaults, 'w:spacing', 'w:lineRule')).toBe('exact');
    expect(num(attr(paragraphDefaults, 'w:spacing', 'w:line'))).toBe(num(attr(first, 'w:docGrid', 'w:linePitch')));
    const charSpacing = num(attr(runDefaults, 'w:spacing', 'w:val'));
    const advance = 16 * 20 + charSpacing; // twips per 三号 character
    expect(Math.floor(typeWidth / advance)).toBe(28);
    expect(attr(defaults, 'w:lang', 'w:eastAsia')).toBe('zh-CN');
    expect(num(attr(paragraphDefaults, 'w:ind', 'w:firstLine'))).toBe(640);
  });

  it('sets the 版头: red 发文机关标志, 发文字号 two lines below it, the red rule as wide as the 版心', async () => {
    const docx = await load();
    const [mark, number] = docx.paragraphs;
    if (!mark || !number) throw new Error('header paragraphs missing');
    expect(mark.text).toBe(doc.header.issuerMark);
    expect(jc(mark)).toBe('center');
    for (const run of textRuns(mark)) {
      expect(eastAsia(run)).toBe(fonts.xiaobiaosong);
      const color = attr(run.rPr, 'w:color', 'w:val') ?? '';
      const [r, g, b] = [0, 2, 4].map((i) => parseInt(color.slice(i, i + 2), 16));
      expect(r).toBeGreaterThanOrEqual(0xb0);
      expect(g).toBeLessThanOrEqual(0x50);
      expect(b).toBeLessThanOrEqual(0x50);
    }
    // The mark's glyph top is 35 mm below the 版心 top: the 35 mm point lies inside the mark's
    // exact line box, in its upper half (glyphs sit on the baseline near the box's foot).
    const before = num(attr(mark.pPr, 'w:spacing', 'w:before'));
    const line = num(attr(mark.pPr, 'w:spacing', 'w:line'));
    expect(attr(mark.pPr, 'w:spacing', 'w:lineRule')).toBe('exact');
    expect(before).toBeLessThan(twip(35));
    expect(before + line / 2).toBeGreaterThan(twip(35));
    // Large type: 小初 (36 pt) or 初号 (42 pt), narrowed rather than shrunk for long names.
    expect(sizeOf(textRuns(mark)[0] ?? { rPr: '' })).toBeGreaterThanOrEqual(72);

    expect(number.text).toMatch(/^[^〔〕]+〔\d{4}〕[1-9]\d*号$/);
    expect(number.text).toBe(doc.header.docNumber);
    expect(jc(number)).toBe('center');
    expectRuns(number, fonts.fangsong, 32, '发文字号');
    expect(num(attr(number.pPr, 'w:spacing', 'w:before'))).toBe(2 * 579);
    const rule = /<w:pBdr>[\s\S]*?<w:bottom [^>]*\/>/.exec(number.pPr)?.[0] ?? '';
    expect(attr(rule, 'w:bottom', 'w:val')).toBe('single');
    expect(attr(rule, 'w:bottom', 'w:color')).toBe('FF0000');
    // 0.35–0.5 mm thick (1/8 pt units), about 4 mm under the glyphs.
    expect(num(attr(rule, 'w:bottom', 'w:sz')) / 8).toSatisfy((pt: number) => pt >= 0.99 && pt <= 1.6);
    expect(num(attr(rule, 'w:bottom', 'w:space'))).toSatisfy((pt: number) => pt >= 3 && pt <= 8);
    // A border spans the paragraph: no indents, so it is exactly the 版心 width.
    expect(ind(number, 'w:left')).toBe(0);
    expect(ind(number, 'w:right')).toBe(0);
  });

  it('sets the 标题 in 二号 小标宋, centred, two lines under the rule, and the 主送机关 flush left', async () => {
    const docx = await load();
    const title = docx.paragraphs[2];
    const addressee = docx.paragraphs[3];
    if (!title || !addressee) throw new Error('title paragraphs missing');
    expect(title.text).toBe(doc.title);
    expect(jc(title)).toBe('center');
    expect(ind(title, 'w:firstLine')).toBe(0);
    expect(num(attr(title.pPr, 'w:spacing', 'w:before'))).toBe(2 * 579);
    for (const run of textRuns(title)) {
      expect(eastAsia(run)).toBe(fonts.xiaobiaosong);
      expect(sizeOf(run)).toBe(44);
      expect(isBold(run)).toBe(false);
    }
    // Long titles are broken into lines explicitly, each fitting the line.
    const lines = title.runs.map((run) => run.text);
    expect(lines.length - 1).toBe((title.xml.match(/<w:br\/>/g) ?? []).length);
    for (const lineText of lines) expect(Array.from(lineText).length).toBeLessThanOrEqual(20);

    expect(addressee.text).toBe(`${doc.addressee}：`);
    expect(ind(addressee, 'w:firstLine')).toBe(0);
    expect(num(attr(addressee.pPr, 'w:spacing', 'w:before'))).toBe(579);
    expectRuns(addressee, fonts.fangsong, 32, '主送机关');
  });

  it('sets headings 一、黑体 （一）楷体 1.仿宋加粗 （1）仿宋 and the body in 三号仿宋 with a two-character indent', async () => {
    const docx = await load();
    const headings = doc.blocks.filter((block) => block.type === 'heading');
    expect(headings.some((heading) => heading.level === 1)).toBe(true);
    const expected = { 1: fonts.heiti, 2: fonts.kaiti, 3: fonts.fangsong, 4: fonts.fangsong } as const;
    for (const heading of headings) {
      const p = findParagraph(docx, (candidate) => candidate.text.startsWith(heading.text), heading.text);
      const first = textRuns(p)[0] ?? { rPr: '', text: '' };
      expect(first.text).toBe(heading.text);
      expect(eastAsia(first), heading.text).toBe(expected[heading.level]);
      expect(sizeOf(first)).toBe(32);
      expect(isBold(first)).toBe(heading.level === 3);
      expect(ind(p, 'w:firstLine')).toBe(640);
      expect(num(attr(p.pPr, 'w:outlineLvl', 'w:val'))).toBe(heading.level - 1);
      if (heading.level === 1) expect(heading.text).toMatch(/^[一二三四五六七八九十]+、/);
      if (heading.level === 2) expect(heading.text).toMatch(/^（[一二三四五六七八九十]+）/);
      if (heading.level === 3) expect(heading.text).toMatch(/^\d+\./);
      // Text run on after the heading is body type.
      for (const run of textRuns(p).slice(1)) {
        expect(eastAsia(run)).toBe(fonts.fangsong);
        expect(isBold(run)).toBe(false);
      }
    }
    for (const block of doc.blocks) {
      if (block.type !== 'paragraph') continue;
      const p = findParagraph(docx, (candidate) => candidate.text === block.text, block.text);
      expect(ind(p, 'w:firstLine')).toBe(640);
      expect(jc(p)).toBe('both');
      expect(attr(p.pPr, 'w:spacing', 'w:lineRule')).toBe('exact');
      expect(num(attr(p.pPr, 'w:spacing', 'w:line'))).toBe(579);
      expectRuns(p, fonts.fangsong, 32, 'body');
    }
  });

  it('sets the 附件说明, 署名 and 成文日期 in the standard form', async () => {
    const docx = await load();
    const date = formatOfficialDate(doc.signature.date);
    expect(date).toMatch(/^\d{4}年[1-9]\d?月[1-9]\d?日$/);
    const dateIndex = docx.paragraphs.findIndex((p) => p.text === date);
    expect(dateIndex).toBeGreaterThan(0);
    const dateParagraph = docx.paragraphs[dateIndex];
    const name = docx.paragraphs[dateIndex - 1];
    if (!dateParagraph || !name) throw new Error('signature missing');
    expect(name.text).toBe(doc.signature.organization);
    expect(jc(dateParagraph)).toBe('right');
    expect(jc(name)).toBe('right');
    expectRuns(dateParagraph, fonts.fangsong, 32, '成文日期');
    expectRuns(name, fonts.fangsong, 32, '署名');
    // 成文日期右空四字, or centred under a wider 署名.
    expect(ind(dateParagraph, 'w:right')).toBeGreaterThanOrEqual(4 * 320);
    // The 署名 never stands on a page without body text: the paragraphs before it keep with it.
    expect(name.pPr).toContain('<w:keepNext/>');
    expect(docx.paragraphs[dateIndex - 2]?.pPr).toContain('<w:keepNext/>');

    if (doc.attachmentNote.length > 0) {
      const note = findParagraph(docx, (p) => p.text.startsWith('附件：'), '附件说明');
      expect(note.text).toBe(
        doc.attachmentNote.length === 1
          ? `附件：${doc.attachmentNote[0] ?? ''}`
          : `附件：1.${doc.attachmentNote[0] ?? ''}`,
      );
      // 左空二字: the first line starts two characters in; continuation aligns with the name.
      expect(ind(note, 'w:left') - ind(note, 'w:hanging')).toBe(640);
      expect(num(attr(note.pPr, 'w:spacing', 'w:before'))).toBe(579);
      expectRuns(note, fonts.fangsong, 32, '附件说明');
      // Each attachment starts on a new page with 附件N in 黑体, flush left.
      const labels = docx.paragraphs.filter((p) => /^附件\d*$/.test(p.text));
      expect(labels).toHaveLength(doc.attachments.length);
      for (const label of labels) {
        expectRuns(label, fonts.heiti, 32, '附件标识');
        expect(ind(label, 'w:firstLine')).toBe(0);
      }
    }
  });

  it('closes with the 版记: rules as wide as the 版心, thick–thin–thick, 四号仿宋, anchored to the bottom', async () => {
    const docx = await load();
    const tables = Array.from(docx.document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g), (match) => match[0]);
    const closing = tables.at(-1) ?? '';
    expect(attr(closing, 'w:tblpPr', 'w:tblpYSpec')).toBe('bottom');
    expect(attr(closing, 'w:tblpPr', 'w:vertAnchor')).toBe('margin');
    expect(num(attr(closing, 'w:tblW', 'w:w'))).toSatisfy((w: number) => within(w, twip(156), twip(1)));
    // A paragraph stands between the 版记 and anything above it (Word merges adjacent tables),
    // and the body does not end with the table (LibreOffice would drop it).
    expect(docx.document.slice(0, docx.document.lastIndexOf('<w:tbl>'))).toMatch(/<\/w:p>$/);
    expect(docx.document.lastIndexOf('</w:tbl>')).toBeLessThan(docx.document.lastIndexOf('<w:p>'));

    const rows = Array.from(closing.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g), (match) => match[0]);
    expect(rows.length).toBe(doc.closing.cc.length > 0 ? 2 : 1);
    const border = (row: string, side: 'top' | 'bottom'): number =>
      num(attr(/<w:tcBorders>[\s\S]*?<\/w:tcBorders>/.exec(row)?.[0] ?? '', `w:${side}`, 'w:sz'));
    const color = (row: string, side: 'top' | 'bottom'): string | undefined =>
      attr(/<w:tcBorders>[\s\S]*?<\/w:tcBorders>/.exec(row)?.[0] ?? '', `w:${side}`, 'w:color');
    const thick = (sz: number): boolean => within(sz / 8, 0.35 / 0.3528, 0.15); // 0.35 mm
    const thin = (sz: number): boolean => within(sz / 8, 0.25 / 0.3528, 0.1); // 0.25 mm
    expect(thick(border(rows[0] ?? '', 'top'))).toBe(true);
    expect(thick(border(rows.at(-1) ?? '', 'bottom'))).toBe(true);
    for (let i = 0; i + 1 < rows.length; i += 1) expect(thin(border(rows[i] ?? '', 'bottom'))).toBe(true);
    for (const row of rows) {
      expect(color(row, 'top')).toBe('000000');
      expect(color(row, 'bottom')).toBe('000000');
    }

    const closingParagraphs = paragraphsOf(closing);
    for (const p of closingParagraphs) expectRuns(p, fonts.fangsong, 28, '版记');
    const printer = closingParagraphs.at(-1);
    if (!printer) throw new Error('印发 row missing');
    expect(printer.text).toBe(`${doc.closing.printer}${formatOfficialDate(doc.closing.printDate)}印发`);
    expect(printer.xml).toContain('<w:tab/>');
    expect(ind(printer, 'w:left')).toBe(280);
    expect(ind(printer, 'w:right')).toBe(280);
    expect(num(attr(printer.pPr, 'w:tab', 'w:pos'))).toBe(num(attr(closing, 'w:tblW', 'w:w')) - 280);
    if (doc.closing.cc.length > 0) {
      const cc = closingParagraphs[0];
      expect(cc?.text).toBe(`抄送：${doc.closing.cc.join('，')}。`);
      // 左右各空一字, continuation aligned after "抄送：".
      expect(cc ? ind(cc, 'w:left') - ind(cc, 'w:hanging') : 0).toBe(280);
      expect(cc ? ind(cc, 'w:right') : 0).toBe(280);
    }
  });

  it('numbers pages "— N —" in 四号宋体, odd pages right and even pages left, one character in', async () => {
    const docx = await load();
    expect(docx.settings).toContain('<w:evenAndOddHeaders/>');
    expect(docx.sections[0] ?? '').not.toContain('<w:titlePg');
    expect(attr(docx.sections[0] ?? '', 'w:pgNumType', 'w:start')).toBe('1');
    // About 7 mm between the 版心 bottom and the 一字线: footer distance ≈ 35 − 7 − half a 四号 line.
    expect(num(attr(docx.sections[0] ?? '', 'w:pgMar', 'w:footer'))).toSatisfy((v: number) =>
      within(v, twip(25.5), twip(1)),
    );
    docx.sections.forEach((_section, index) => {
      const odd = paragraphsOf(docx.footer('default', index))[0];
      const even = paragraphsOf(docx.footer('even', index))[0];
      if (!odd || !even) throw new Error(`section ${index + 1} lacks page-number footers`);
      for (const [p, side] of [
        [odd, 'right'],
        [even, 'left'],
      ] as const) {
        expect(p.xml).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>|w:instr="\s*PAGE\s*"/);
        expect(p.text.startsWith('\u2014 ')).toBe(true);
        expect(p.text.endsWith(' \u2014')).toBe(true);
        expect(jc(p)).toBe(side);
        expect(ind(p, side === 'right' ? 'w:right' : 'w:left')).toBe(280);
        expect(ind(p, 'w:firstLine')).toBe(0);
        for (const run of textRuns(p)) {
          expect(sizeOf(run)).toBe(28);
          expect(attr(run.rPr, 'w:rFonts', 'w:eastAsia')).toBe('宋体');
          expect(attr(run.rPr, 'w:rFonts', 'w:hAnsi')).toBe('宋体');
          expect(attr(run.rPr, 'w:rFonts', 'w:hint')).toBe('eastAsia');
        }
      }
    });
  });

  it('writes no character XML forbids, in any part', async () => {
    const docx = await load();
    for (const [name, xml] of docx.parts) expect(illegalXmlChars.test(xml), name).toBe(false);
  });
});

describe('landscape attachment', () => {
  it('puts a wide attachment table on a landscape page with the same 版心, then returns to portrait for the 版记', async () => {
    const doc = composeQuarterlyReport(quarterlyInput());
    expect(doc.attachments[0]?.landscape).toBe(true);
    const docx = await readDocx(await writeOfficialDocx(doc, fonts));
    expect(docx.sections).toHaveLength(3);
    const [, landscape, last] = docx.sections;
    expect(attr(landscape ?? '', 'w:pgSz', 'w:orient')).toBe('landscape');
    expect(num(attr(landscape ?? '', 'w:pgSz', 'w:w'))).toBe(16838);
    expect(num(attr(landscape ?? '', 'w:pgSz', 'w:h'))).toBe(11906);
    const m = (name: string): number => num(attr(landscape ?? '', 'w:pgMar', name));
    expect(16838 - m('w:left') - m('w:right')).toSatisfy((v: number) => within(v, twip(225), twip(1)));
    expect(11906 - m('w:top') - m('w:bottom')).toSatisfy((v: number) => within(v, twip(156), twip(1)));
    expect(attr(last ?? '', 'w:pgSz', 'w:orient')).toBe('portrait');
    // Numbering runs on: only the first section restarts it.
    expect(attr(landscape ?? '', 'w:pgNumType', 'w:start')).toBeUndefined();
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(docx.document)?.[0] ?? '';
    expect(num(attr(table, 'w:tblW', 'w:w'))).toBe(16838 - m('w:left') - m('w:right'));
    expect(table).toContain('<w:tblHeader/>');
  });
});
