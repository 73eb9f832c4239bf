import fc from 'fast-check';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { sanitizeText, writeOfficialDocx } from '../../../../src/main/core/exports/docx/writer';
import { officialDocumentSchema } from '../../../../src/shared/domain/documents';
import { fonts } from './fixtures';
import { hostileDocument, longParagraph } from './hostileFixture';
import { illegalXmlChars, readDocx } from './ooxml';

/** Whatever a user types, the file stays a valid document and keeps the text. */

describe('hostile text', () => {
  it('exports a report full of control characters, markup, emoji and a 10,000-character paragraph to a valid document', async () => {
    const doc = hostileDocument();
    expect(officialDocumentSchema.safeParse(doc).success).toBe(true);
    const buffer = await writeOfficialDocx(doc, fonts);
    const docx = await readDocx(buffer);
    for (const [name, xml] of docx.parts) expect(illegalXmlChars.test(xml), name).toBe(false);
    // The markup is text, not structure: it reads back verbatim and adds no paragraphs.
    const { value: text } = await mammoth.extractRawText({ buffer });
    expect(text).toContain('<w:t>注入</w:t></w:r></w:p><w:p>&amp;&lt;');
    expect(text).toContain(longParagraph);
    expect(text).toContain('儿童👧🏻乐园🎈');
    expect(text).toContain('ABCDEFGHIJKLMNO');
    // Line breaks became paragraphs.
    const paragraphTexts = docx.paragraphs.map((p) => p.text);
    for (const expected of ['第一段ABCDEFGHIJKLMNO', '第二段', '第三段', '第四段', '第五段', '第六段']) {
      expect(
        paragraphTexts.some((t) => t.startsWith(expected)),
        expected,
      ).toBe(true);
    }
    expect(docx.document).toContain('<w:tab/>');
  });

  it('sanitizeText leaves no character XML forbids, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(illegalXmlChars.test(sanitizeText(value))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('sanitizeText keeps ordinary Chinese text and emoji unchanged and turns every line break into \\n', () => {
    expect(sanitizeText('关于2025年第三季度的报告👧')).toBe('关于2025年第三季度的报告👧');
    expect(sanitizeText('一\r\n二\r三\u000B四\u2028五')).toBe('一\n二\n三\n四\n五');
    expect(sanitizeText('\uD83D')).toBe('');
  });
});
