import iconv from 'iconv-lite';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import type { ParsedPlan } from '../../../src/shared/domain/plan';
import { defaultUnitDirectory, parsePlanSource, parsePlanText } from '../../../src/main/core/importer';
import { seedText } from './fixtures';

const utf8 = parsePlanText(seedText, defaultUnitDirectory(), 'seed.txt').plan;

/** What a document's layout cannot change: the tasks, their units and targets, the projects. */
function content(plan: ParsedPlan) {
  return {
    meta: plan.meta,
    categories: plan.categories,
    tasks: plan.tasks.map(({ line: _line, ...t }) => t),
    projects: plan.projects.map(({ line: _line, ...p }) => p),
    baselines: plan.baselines.map(({ line: _line, ...b }) => b),
  };
}

describe('source formats', () => {
  it('GBK-encoded text gives the same plan as UTF-8', async () => {
    const bytes = iconv.encode(seedText, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const { plan } = await parsePlanSource({ fileName: 'seed-gbk.txt', bytes }, defaultUnitDirectory());
    expect(plan).toEqual(utf8);
  });

  it('GB18030, a UTF-8 BOM, a UTF-16 BOM and CRLF line ends give the same plan', async () => {
    const variants: Array<[string, Uint8Array]> = [
      ['gb18030.txt', iconv.encode(seedText, 'gb18030')],
      ['bom.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(seedText)])],
      ['utf16.txt', iconv.encode(seedText, 'utf16-le', { addBOM: true })],
      ['crlf.txt', new TextEncoder().encode(seedText.replace(/\n/g, '\r\n'))],
    ];
    for (const [fileName, bytes] of variants) {
      const { plan } = await parsePlanSource({ fileName, bytes }, defaultUnitDirectory());
      expect(plan, fileName).toEqual(utf8);
    }
  });

  it('full-width digits and half-width punctuation read the same', () => {
    const text = seedText
      .replace('到 2025 年，儿童专业社会工作者达到 157 人。', '到２０２５年，儿童专业社会工作者达到１５７人。')
      .replace('8. 大力发展普惠托育服务', '8．大力发展普惠托育服务')
      .replace(
        '牵头单位：区社会事业局\n\n责任单位：区宣传部（文明办）、区组织人事和社会保障局',
        '牵头单位:区社会事业局\n\n责任单位:区宣传部(文明办)、区组织人事和社会保障局',
      );
    const plan = parsePlanText(text, defaultUnitDirectory()).plan;
    expect(content(plan)).toEqual(content(utf8));
  });

  it('a .docx with the same paragraphs gives the same tasks', async () => {
    const doc = new Document({
      sections: [
        {
          children: seedText
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => new Paragraph(l)),
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const { plan } = await parsePlanSource(
      { fileName: '儿童友好城市建设工作方案.docx', bytes },
      defaultUnitDirectory(),
    );
    expect(plan.tasks).toHaveLength(55);
    expect(content(plan)).toEqual(content(utf8));
    expect(plan.warnings).toEqual([]);
    // Lines of a .docx are its paragraphs: task 1 is the n-th non-empty paragraph.
    const paragraphs = seedText.split('\n').filter((l) => l.trim() !== '');
    expect(plan.tasks[0]?.line).toBe(
      paragraphs.indexOf('1. 按照郑州市申报国家儿童友好城市建设试点工作的统一部署安排工作') + 1,
    );
  });
});
