import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficialDocument } from '../../../src/shared/domain/documents';
import { attr, paragraphsOf, textOf } from '../exports/docx/ooxml';
import { createDocumentWorld, type DocumentWorld } from './world';

let world: DocumentWorld;
let roundId: number;

beforeAll(async () => {
  world = await createDocumentWorld(1);
  // The demo's own round already has a compiled report; the round trip runs on a new one.
  roundId = world.core.workflow.rounds.open(world.coordinator, { year: 2025, quarter: 4, deadline: '2026-01-10' }).id;
}, 180_000);
afterAll(() => world.cleanup());

async function entries(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    const file = zip.files[name];
    if (file && !file.dir) out.set(name, await file.async('string'));
  }
  return out;
}

describe('the compiled quarterly report', () => {
  it('is composed, edited, filed, and rendered from what was stored, with the 发文字号 filing assigned', async () => {
    const { core, coordinator } = world;
    const reportId = core.documents.createCompiledDraft(coordinator, roundId);
    const created = core.workflow.reportQueries.get(coordinator, reportId);
    expect(created.kind).toBe('compiled');
    const stored = created.compiledContent as OfficialDocument;
    expect(stored).toEqual(core.documents.composeQuarterly(roundId));
    expect(stored.header.docNumber).toBeNull();

    // The clerk rewrites the closing sentence and adds a paragraph.
    const edited: OfficialDocument = {
      ...stored,
      blocks: [
        ...stored.blocks.slice(0, -1),
        { type: 'paragraph', text: '专班将于下季度初召开推进会，逐项督办。' },
        { type: 'paragraph', text: '特此报告。' },
      ],
    };
    core.documents.saveCompiled(coordinator, reportId, created.version, edited);
    expect(core.documents.compiledDocument(reportId)).toEqual(edited);
    const beforeFiling = await core.documents.render({ compiledReportId: reportId });
    expect(beforeFiling.fileName).toBe('关于2025年第四季度儿童友好城市建设工作进展情况的报告.docx');

    // Filing in a later week must not change anything but the number: the document is not recomposed.
    world.clock.advance(7 * 86_400_000);
    world.fileReport(reportId);
    const filed = core.workflow.reportQueries.get(coordinator, reportId);
    expect(filed.state).toBe('filed');
    expect(filed.archiveNo).toMatch(/^郑经儿童专班〔2025〕[1-9]\d*号$/);
    const archiveNo = filed.archiveNo ?? '';
    expect(core.documents.compiledDocument(reportId).header.docNumber).toBe(archiveNo);
    // 签发人 (GB/T 9704 7.2.6): the task force leader who signed it off, from the sign-off record.
    const issuer = world.taskForceLeader.displayName;
    expect(core.documents.compiledDocument(reportId).header.issuers).toEqual([issuer]);

    const afterFiling = await core.documents.render({ compiledReportId: reportId });
    // Exactly the edited model with the number and the 签发人: byte for byte.
    const expected = await core.documents.renderDocument({
      ...edited,
      header: { ...edited.header, docNumber: archiveNo, issuers: [issuer] },
    });
    expect(afterFiling.bytes.equals(expected.bytes)).toBe(true);

    const before = await entries(beforeFiling.bytes);
    const after = await entries(afterFiling.bytes);
    expect([...after.keys()]).toEqual([...before.keys()]);
    // Besides the number, only the 审计摘要 moved on: it names the head after the filing's entries.
    const changedParts = ['word/document.xml', 'docProps/custom.xml'];
    for (const [name, xml] of after) if (!changedParts.includes(name)) expect(xml, name).toBe(before.get(name));
    const headId = (xml: string | undefined) => Number(/审计记录至第 (\d+) 条/.exec(xml ?? '')?.[1]);
    expect(headId(after.get('docProps/custom.xml'))).toBeGreaterThan(headId(before.get('docProps/custom.xml')));
    const pBefore = paragraphsOf(before.get('word/document.xml') ?? '');
    const pAfter = paragraphsOf(after.get('word/document.xml') ?? '');
    expect(pAfter).toHaveLength(pBefore.length);
    const changed = pAfter.map((p, i) => i).filter((i) => pAfter[i]?.xml !== pBefore[i]?.xml);
    expect(changed).toHaveLength(1);
    const index = changed[0] ?? -1;
    // The 上行文 line: 发文字号 居左空一字, then 签发人：（仿宋）and the name（楷体）at a tab.
    expect(pAfter[index]?.text).toBe(`${archiveNo}签发人：${issuer}`);
    expect(pAfter[index]?.xml).toContain('<w:tab/>');
    expect(pAfter[index]?.pPr).toMatch(/<w:ind [^>]*w:left="320"/);
    expect(pAfter[index]?.pPr).toContain('w:color="FF0000"');
    const runs = pAfter[index]?.runs ?? [];
    const face = (text: string) => attr(runs.find((r) => r.text.includes(text))?.rPr ?? '', 'w:rFonts', 'w:eastAsia');
    const mapping = (await core.documents.fontStatus()).mapping;
    expect([face(archiveNo), face('签发人：'), face(issuer)]).toEqual([
      mapping.fangsong,
      mapping.fangsong,
      mapping.kaiti,
    ]);
    expect(pBefore[index]?.text).toBe('');
    expect(textOf(after.get('word/document.xml') ?? '')).toContain('专班将于下季度初召开推进会，逐项督办。');
  });

  it('refuses a second draft, a document that is not a quarterly report, and a number typed in by hand', () => {
    const { core, coordinator } = world;
    const other = core.workflow.rounds.open(coordinator, { year: 2026, quarter: 1, deadline: '2026-04-10' }).id;
    const reportId = core.documents.createCompiledDraft(coordinator, other);
    expect(() => core.documents.createCompiledDraft(coordinator, other)).toThrow(/已经创建/);
    const view = core.workflow.reportQueries.get(coordinator, reportId);
    const doc = core.documents.compiledDocument(reportId);
    expect(() =>
      core.documents.saveCompiled(coordinator, reportId, view.version, {
        ...doc,
        header: { ...doc.header, docNumber: '郑经儿童专班〔2026〕1号' },
      }),
    ).toThrow(/归档时自动编号/);
    expect(() =>
      core.documents.saveCompiled(coordinator, reportId, view.version, {
        ...doc,
        header: { ...doc.header, issuers: ['张三'] },
      }),
    ).toThrow('签发人在归档时按会签记录自动填写，保存草稿时请留空。');
    expect(() =>
      core.documents.saveCompiled(coordinator, reportId, view.version, { ...doc, kind: 'bulletin' }),
    ).toThrow(/quarterly/);
    expect(() =>
      core.documents.saveCompiled(coordinator, reportId, view.version, {
        ...doc,
        signature: { ...doc.signature, date: '2026-02-30' },
      }),
    ).toThrow(/「署名」的「日期」无效/);
    // Nothing was written by the refusals.
    expect(core.workflow.reportQueries.get(coordinator, reportId).version).toBe(view.version);
  });

  it("says so instead of rendering a compiled report whose stored content is not a document (the demo's)", async () => {
    const { core } = world;
    const demoCompiled = core.documents.compiledReportIdOf(world.roundId(2025, 3));
    expect(demoCompiled).not.toBeNull();
    await expect(core.documents.render({ compiledReportId: demoCompiled ?? 0 })).rejects.toThrow(/不是可以排版的公文/);
  });
});
