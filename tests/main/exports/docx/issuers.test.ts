import { describe, expect, it } from 'vitest';
import { composeQuarterlyReport } from '../../../../src/main/core/exports/docx/compose';
import { writeOfficialDocx } from '../../../../src/main/core/exports/docx/writer';
import { attr, readDocx } from './ooxml';
import { fonts, quarterlyInput } from './fixtures';

/** 签发人 of a 上行文 (GB/T 9704-2012 7.2.5, 7.2.6), as the writer lays it out in the 版头. */
describe('签发人 in the header of an upward document', () => {
  const base = () => ({
    ...composeQuarterlyReport(quarterlyInput()),
    header: { issuerMark: '郑州经济技术开发区儿童友好城市建设工作专班', docNumber: '郑经儿童专班〔2025〕3号' },
  });

  it('keeps the centred 发文字号 alone when there is no 签发人', async () => {
    const docx = await readDocx(await writeOfficialDocx(base(), fonts));
    const line = docx.paragraphs.find((p) => p.text === '郑经儿童专班〔2025〕3号');
    expect(line?.pPr).toContain('<w:jc w:val="center"/>');
    expect(docx.document).not.toContain('签发人');
  });

  it('puts 发文字号 left, 空一字, and 签发人：name right on one line with the red rule', async () => {
    const doc = { ...base(), header: { ...base().header, issuers: ['张三'] } };
    const docx = await readDocx(await writeOfficialDocx(doc, fonts));
    const line = docx.paragraphs.find((p) => p.text.startsWith('郑经儿童专班〔2025〕3号'));
    expect(line?.text).toBe('郑经儿童专班〔2025〕3号签发人：张三');
    expect(line?.pPr).not.toContain('w:val="center"');
    expect(attr(line?.pPr ?? '', 'w:ind', 'w:left')).toBe('320');
    expect(line?.pPr).toMatch(/<w:tab w:val="left" w:pos="\d+"\/>/);
    // The line ends 空一字 from the right: the tab stands where "签发人：张三" (6 characters) must start.
    expect(attr(line?.pPr ?? '', 'w:tab', 'w:pos')).toBe(String(8845 - 320 - 6 * 320));
    expect(attr(line?.pPr ?? '', 'w:bottom', 'w:color')).toBe('FF0000');
    const face = (text: string) =>
      attr(line?.runs.find((r) => r.text.includes(text))?.rPr ?? '', 'w:rFonts', 'w:eastAsia');
    expect([face('郑经'), face('签发人：'), face('张三')]).toEqual([fonts.fangsong, fonts.fangsong, fonts.kaiti]);
  });

  it('sets several 签发人 two to a line, the 发文字号 on the line of the last, names aligned under the first', async () => {
    const doc = { ...base(), header: { ...base().header, issuers: ['张三', '王五（代 李四）', '赵六'] } };
    const docx = await readDocx(await writeOfficialDocx(doc, fonts));
    const first = docx.paragraphs.findIndex((p) => p.text.startsWith('签发人：'));
    expect(docx.paragraphs[first]?.text).toBe('签发人：张三\u3000王五（代 李四）');
    const last = docx.paragraphs[first + 1];
    expect(last?.text).toBe('郑经儿童专班〔2025〕3号\u3000\u3000\u3000\u3000赵六');
    const tab = (p: typeof last) => attr(p?.pPr ?? '', 'w:tab', 'w:pos');
    expect(tab(last)).toBe(tab(docx.paragraphs[first]));
    // Only the last line carries the red rule.
    expect(docx.paragraphs[first]?.pPr).not.toContain('w:bottom');
    expect(attr(last?.pPr ?? '', 'w:bottom', 'w:color')).toBe('FF0000');
  });
});
