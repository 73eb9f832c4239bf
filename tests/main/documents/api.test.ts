import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appItself } from '../../../src/main/core/policy';
import { localContext } from '../../../src/main/core/context';
import { createDispatcher, type Dispatcher } from '../../../src/main/core/dispatcher';
import { dispatchCalls } from '../../helpers/dispatch';
import { DocumentService } from '../../../src/main/core/services/documentService';
import { reportFor } from '../../../src/main/core/exports/docx/fonts';
import { standardFonts } from '../../../src/shared/domain/documents';
import { paragraphsOf } from '../exports/docx/ooxml';
import { readDocx } from '../exports/docx/ooxml';
import { createDocumentWorld, type DocumentWorld } from './world';

let world: DocumentWorld;
let api: Dispatcher;
let roundId: number;
let q4: number;
let taskReportId: number;

beforeAll(async () => {
  world = await createDocumentWorld(1);
  api = createDispatcher(world.core, () => undefined);
  roundId = world.roundId(2025, 3);
  q4 = world.core.workflow.rounds.open(world.coordinator, { year: 2025, quarter: 4, deadline: '2026-01-10' }).id;
  const row = world.core.workflow.rounds.overview(roundId).rows.find((r) => r.kind === 'task' && r.state === 'filed');
  taskReportId = row?.reportId ?? 0;
  world.core.workflow.accounts.create(
    appItself,
    {
      username: 'office.admin',
      displayName: '管理员',
      password: 'luoshi-demo',
      unitId: null,
      roles: ['admin'],
      mustChangePassword: false,
    },
    { hashCost: 'demo' },
  );
}, 180_000);
afterAll(() => world.cleanup());

const { call, session, refusal } = dispatchCalls(() => api, 'luoshi-demo');

const clerkName = (): string => {
  const view = world.core.workflow.reportQueries.get(world.coordinator, taskReportId);
  return `u${view.reviewers[0]?.id ?? 0}.clerk`;
};

describe('documents API', () => {
  it('lets any signed-in user compose and render the bulletin and readable reports, the task force the quarterly report, and nobody signed out', async () => {
    const clerk = await session(clerkName());
    const coordinator = await session('zhuanban');
    const doc = await call('documents.compose', { kind: 'bulletin', roundId }, clerk);
    expect(doc.kind).toBe('bulletin');
    const task = await call('documents.compose', { kind: 'task', reportId: taskReportId }, clerk);
    expect(task.kind).toBe('task');
    // The quarterly report gathers every unit's reports: the task force composes it.
    expect((await refusal('documents.render', { kind: 'quarterly', roundId }, clerk)).code).toBe('forbidden');
    const file = await call('documents.render', { kind: 'quarterly', roundId }, coordinator);
    expect(file.fileName).toBe('关于2025年第三季度儿童友好城市建设工作进展情况的报告.docx');
    const docx = await readDocx(Buffer.from(file.contentBase64, 'base64'));
    expect(docx.paragraphs.map((p) => p.text)).toContain('郑州经济技术开发区管理委员会：');
    // An edited model renders as given.
    const edited = await call(
      'documents.render',
      { document: { ...doc, title: '关于进一步加强任务调度的通报' } },
      clerk,
    );
    expect(edited.fileName).toBe('关于进一步加强任务调度的通报.docx');

    const anonymous = localContext('http');
    expect((await refusal('documents.compose', { kind: 'quarterly', roundId }, anonymous)).code).toBe(
      'unauthenticated',
    );
    expect((await refusal('documents.render', { kind: 'quarterly', roundId }, anonymous)).code).toBe('unauthenticated');
    expect((await refusal('documents.settings', {}, anonymous)).code).toBe('unauthenticated');
    expect((await refusal('documents.compose', { kind: 'task' }, clerk)).message).toContain('reportId');
    expect((await refusal('documents.render', {}, clerk)).code).toBe('invalid_input');
  });

  it('lets only the task force create and save the compiled report', async () => {
    const clerk = await session(clerkName());
    const unitLeader = await session(clerkName().replace('.clerk', '.leader'));
    const coordinator = await session('zhuanban');
    const refused = await refusal('documents.createCompiled', { roundId: q4 }, clerk);
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('专班');
    expect(world.core.documents.compiledReportIdOf(q4)).toBeNull();

    const view = await call('documents.createCompiled', { roundId: q4 }, coordinator);
    const document = await call('documents.compose', { kind: 'quarterly', roundId: q4 }, coordinator);
    expect(view.compiledContent).toEqual(document);
    const changed = { ...document, addressee: '郑州经济技术开发区党工委、管委会' };
    expect(
      (await refusal('documents.saveCompiled', { reportId: view.id, version: view.version, document: changed }, clerk))
        .code,
    ).toBe('forbidden');
    expect(
      (
        await refusal(
          'documents.saveCompiled',
          { reportId: view.id, version: view.version, document: changed },
          unitLeader,
        )
      ).code,
    ).toBe('forbidden');
    const saved = await call(
      'documents.saveCompiled',
      { reportId: view.id, version: view.version, document: changed },
      coordinator,
    );
    expect((saved.compiledContent as { addressee: string }).addressee).toBe('郑州经济技术开发区党工委、管委会');
    const stale = await refusal(
      'documents.saveCompiled',
      { reportId: view.id, version: view.version, document: changed },
      coordinator,
    );
    expect(stale.code).toBe('stale');
    const invalid = await api.call(
      'documents.saveCompiled',
      { reportId: view.id, version: saved.version, document: { ...changed, blocks: 'x' } },
      coordinator,
    );
    expect(invalid.ok ? null : invalid.error.code).toBe('invalid_input');

    const rendered = await call('documents.render', { compiledReportId: view.id }, clerk);
    const docx = await readDocx(Buffer.from(rendered.contentBase64, 'base64'));
    expect(docx.paragraphs.map((p) => p.text)).toContain('郑州经济技术开发区党工委、管委会：');
  });

  it('lets an administrator or the task force change the settings, and the filing number follows the pattern', async () => {
    const clerk = await session(clerkName());
    const admin = await session('office.admin');
    const settings = await call('documents.settings', {}, clerk);
    expect(settings.issuerName).toBe('郑州经济技术开发区儿童友好城市建设工作专班');
    expect(settings.docNumberPattern).toBe('郑经儿童专班〔{year}〕{seq}号');
    const next = {
      ...settings,
      docNumberPattern: '郑经儿童办〔{year}〕{seq}号',
      cc: ['区纪工委'],
      printer: '专班办公室',
    };
    expect((await refusal('documents.setSettings', next, clerk)).code).toBe('forbidden');
    expect(
      (await refusal('documents.setSettings', { ...next, docNumberPattern: '郑经儿童办[{year}]{seq}号' }, admin))
        .message,
    ).toContain('〔');
    expect(await call('documents.setSettings', next, admin)).toEqual(next);
    // One pattern: the one filing numbers the compiled report with.
    expect((await call('reports.archiveSettings', {}, clerk)).compiledPattern).toBe('郑经儿童办〔{year}〕{seq}号');
    const doc = await call('documents.compose', { kind: 'quarterly', roundId }, await session('zhuanban'));
    expect(doc.closing).toMatchObject({ cc: ['区纪工委'], printer: '专班办公室' });
    expect(world.core.workflow.audit.verify().ok).toBe(true);
    // The archive settings may set a pattern the standard does not allow; reading still answers.
    await call(
      'reports.setArchiveSettings',
      { reportPattern: '经开儿童落实档〔{year}〕{seq:4}号', compiledPattern: '郑经儿童办〔{year}〕{seq:3}号' },
      admin,
    );
    expect((await call('documents.settings', {}, clerk)).docNumberPattern).toBe('郑经儿童办〔{year}〕{seq:3}号');

    const fonts = { ...standardFonts, xiaobiaosong: '华文中宋' };
    expect((await refusal('documents.setFonts', fonts, clerk)).code).toBe('forbidden');
    expect(await call('documents.setFonts', fonts, await session('zhuanban'))).toEqual(fonts);
    const status = await call('documents.fonts', {}, clerk);
    expect(status.mapping).toEqual(fonts);
    expect(status.report.roles).toHaveLength(4);
    const file = await call('documents.render', { kind: 'bulletin', roundId }, clerk);
    const docx = await readDocx(Buffer.from(file.contentBase64, 'base64'));
    expect(docx.parts.get('word/fontTable.xml')).toContain('华文中宋');
    expect(paragraphsOf(docx.document)[0]?.xml).toContain('华文中宋');
  });

  it("reports this machine's fonts through the detector it is given", async () => {
    const service = new DocumentService(world.core.db, world.core.clock, world.core.workflow, () =>
      Promise.resolve(reportFor(new Set(['SimHei', '楷体', 'FangSong']), 'fc-list')),
    );
    const status = await service.fontStatus();
    expect(status.report.allInstalled).toBe(false);
    expect(status.report.suggested).toEqual({
      xiaobiaosong: '方正小标宋简体',
      fangsong: 'FangSong',
      heiti: '黑体',
      kaiti: '楷体',
    });
    expect(status.report.warnings.join('')).toContain('方正小标宋简体');
  });
});
