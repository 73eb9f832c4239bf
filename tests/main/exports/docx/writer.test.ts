import { describe, expect, it } from 'vitest';
import { composeTaskReport } from '../../../../src/main/core/exports/docx/compose';
import { writeOfficialDocx } from '../../../../src/main/core/exports/docx/writer';
import { markLayout } from '../../../../src/main/core/exports/docx/writer/header';
import { signatureIndents } from '../../../../src/main/core/exports/docx/writer/signature';
import { documentSettingsSchema, formatDocNumber, formatOfficialDate } from '../../../../src/shared/domain/documents';
import { LuoshiError } from '../../../../src/shared/errors';
import { fonts, settings, taskInput } from './fixtures';
import { readDocx } from './ooxml';

describe('writeOfficialDocx input checks', () => {
  it('refuses a date that does not exist, naming the field', async () => {
    const doc = composeTaskReport(taskInput());
    const bad = { ...doc, signature: { ...doc.signature, date: '2025-02-30' } };
    const error: unknown = await writeOfficialDocx(bad, fonts).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LuoshiError);
    expect((error as LuoshiError).field).toBe('signature.date');
    expect((error as LuoshiError).message).toContain('日期不存在');
  });

  it('refuses an empty font name in the mapping', async () => {
    const error: unknown = await writeOfficialDocx(composeTaskReport(taskInput()), { ...fonts, kaiti: '' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(LuoshiError);
    expect((error as LuoshiError).field).toBe('kaiti');
  });
});

describe('document settings and formats', () => {
  it('accepts the standard 发文字号 pattern and rejects brackets other than 〔〕', () => {
    expect(documentSettingsSchema.safeParse(settings).success).toBe(true);
    expect(
      documentSettingsSchema.safeParse({ ...settings, docNumberPattern: '郑经儿童专班[{year}]{seq}号' }).success,
    ).toBe(false);
    expect(
      documentSettingsSchema.safeParse({ ...settings, docNumberPattern: '郑经儿童专班〔{year}〕第{seq}号' }).success,
    ).toBe(false);
    expect(formatDocNumber(settings.docNumberPattern, 2025, 3)).toBe('郑经儿童专班〔2025〕3号');
  });

  it('writes 成文日期 without zero padding', () => {
    expect(formatOfficialDate('2025-10-08')).toBe('2025年10月8日');
    expect(formatOfficialDate('2026-01-01')).toBe('2026年1月1日');
  });
});

describe('layout helpers', () => {
  it('sets a short 发文机关标志 in 初号 and narrows a long one instead of shrinking it', () => {
    expect(markLayout('郑州经开区文件')).toEqual({ size: 84, scale: 100 });
    const long = markLayout('郑州经济技术开发区儿童友好城市建设工作专班');
    expect(long.size).toBe(72);
    expect(long.scale).toBeLessThan(100);
    // 21 characters at 36 pt and that scale fit the 156 mm line.
    expect((21 * 36 * long.scale) / 100).toBeLessThanOrEqual(442.25);
  });

  it('centres a short 署名 over the date, 右空四字, and centres the date under a long one', () => {
    const short = signatureIndents('区社会事业局', '2025年10月9日');
    expect(short.date).toBe(1280);
    expect(short.organization).toBeGreaterThan(1280);
    const long = signatureIndents('郑州经开区儿童友好城市建设工作专班', '2025年10月8日');
    expect(long.organization).toBe(0);
    expect(long.date).toBeGreaterThan(1280);
  });
});

describe('reproducible output', () => {
  it('gives the same bytes for the same document, whenever it is exported', async () => {
    const doc = composeTaskReport(taskInput());
    const first = await writeOfficialDocx(doc, fonts);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await writeOfficialDocx(JSON.parse(JSON.stringify(doc)) as typeof doc, fonts);
    expect(second.equals(first)).toBe(true);
    const edited = await writeOfficialDocx(
      { ...doc, blocks: [...doc.blocks, { type: 'paragraph', text: '经办人补充的一段。' }] },
      fonts,
    );
    expect(edited.equals(first)).toBe(false);
  });

  it('keeps the red rule under an unnumbered draft', async () => {
    const doc = { ...composeTaskReport(taskInput()), header: { issuerMark: '区社会事业局', docNumber: null } };
    const docx = await readDocx(await writeOfficialDocx(doc, fonts));
    expect(docx.paragraphs[1]?.text).toBe('');
    expect(docx.paragraphs[1]?.pPr).toMatch(/<w:bottom [^>]*w:color="FF0000"/);
  });
});
