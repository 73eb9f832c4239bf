import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localContext, type CallContext } from '../../../src/main/core/context';
import { createDispatcher, type Dispatcher } from '../../../src/main/core/dispatcher';
import { findLibreOffice, libreOfficeMissing } from '../../../src/main/core/exports/docx/pdf';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import { createDocumentWorld, type DocumentWorld } from './world';

/** 打印: a ledger's first sheet as text and the compiled report as PDF, under the same read rules as their exports. */
let world: DocumentWorld;
let api: Dispatcher;
let roundId: number;

beforeAll(async () => {
  world = await createDocumentWorld(1);
  api = createDispatcher(world.core, () => undefined);
  roundId = world.roundId(2025, 3);
}, 180_000);
afterAll(() => world.cleanup());

async function session(username: string): Promise<CallContext> {
  const context = localContext('http');
  const result = await api.call('auth.login', { username, password: 'luoshi-demo' }, context);
  if (!result.ok) throw new Error(result.error.message);
  return context;
}

async function answer<M extends MethodName>(method: M, input: MethodInput<M>, context: CallContext) {
  return api.call(method, input, context) as Promise<
    { ok: true; data: MethodOutput<M> } | { ok: false; error: { code: string; message: string } }
  >;
}

const someClerk = (): string => {
  const row = world.core.workflow.rounds.overview(roundId).rows.find((r) => r.draftingUnitId !== null);
  return `u${row?.draftingUnitId ?? 0}.clerk`;
};

describe('ledgers.print', () => {
  it('gives the task force the task ledger’s first sheet as exported, with its merged title', async () => {
    const coordinator = await session('zhuanban');
    const printed = await answer('ledgers.print', { kind: 'task', roundId }, coordinator);
    if (!printed.ok) throw new Error(printed.error.message);
    const sheet = printed.data;
    expect(sheet.fileName).toMatch(/台账.*\.xlsx$/);
    const text = sheet.rows.flat().join('|');
    expect(text).toContain('序号');
    // Every current task has its row: the first task's title is on the sheet.
    const firstTask = world.core.workflow.rounds.overview(roundId).rows.find((r) => r.kind === 'task');
    expect(text).toContain(firstTask?.title ?? '—');
    // The title row spans the sheet, as in the workbook.
    expect(sheet.merges.some((m) => m.top === 1 && m.left === 1 && m.right > 1)).toBe(true);
    expect(sheet.columnWidths.length).toBe(sheet.rows[0]?.length);
  });

  it('refuses a unit clerk the whole-district ledger, as the export does, and says what they may have', async () => {
    const clerk = await session(someClerk());
    const refused = await answer('ledgers.print', { kind: 'task', roundId }, clerk);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('forbidden');
      expect(refused.error.message).toContain('单位台账');
    }
  });
});

describe('documents.pdf', () => {
  it('refuses a unit clerk the quarterly report, as documents.render does', async () => {
    const clerk = await session(someClerk());
    const refused = await answer('documents.pdf', { kind: 'quarterly', roundId }, clerk);
    expect(refused.ok ? 'ok' : refused.error.code).toBe('forbidden');
  });

  it('says in Chinese what to do when LibreOffice is not installed', async () => {
    const saved = process.env.LUOSHI_SOFFICE;
    process.env.LUOSHI_SOFFICE = '';
    try {
      const coordinator = await session('zhuanban');
      const refused = await answer('documents.pdf', { kind: 'quarterly', roundId }, coordinator);
      expect(refused.ok ? '' : refused.error.message).toBe(libreOfficeMissing);
    } finally {
      if (saved === undefined) delete process.env.LUOSHI_SOFFICE;
      else process.env.LUOSHI_SOFFICE = saved;
    }
  });

  it('converts the compiled quarterly report to a PDF where LibreOffice is installed, else says why not', async () => {
    const coordinator = await session('zhuanban');
    const pdf = await answer('documents.pdf', { kind: 'quarterly', roundId }, coordinator);
    if (findLibreOffice() === null) {
      expect(pdf.ok ? '' : pdf.error.message).toBe(libreOfficeMissing);
      return;
    }
    if (!pdf.ok) throw new Error(pdf.error.message);
    expect(pdf.data.fileName).toBe('关于2025年第三季度儿童友好城市建设工作进展情况的报告.pdf');
    const bytes = Buffer.from(pdf.data.contentBase64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5000);
  }, 180_000);
});
