import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/tempDir';
import {
  ApiClient,
  launchBrowser,
  screenshot,
  screenshotDir,
  signedInPage,
  startServe,
  type ServedApp,
} from './harness';

/**
 * 打印 in the browser mode: a report's and a ledger's print views show the document, and on paper
 * (print media, and a real A4 PDF of the page) nothing of the app's chrome; a user who may not read
 * the report gets the refusal, not a print view.
 */
const password = 'luoshi-demo';
let app: ServedApp;
let browser: Browser;
let coordinatorApi: ApiClient;
let demoLines: string[] = [];

interface Overview {
  rows: { reportId: number; state: string; draftingUnitId: number | null; title: string }[];
  compiledReportId: number | null;
}

beforeAll(async () => {
  app = await startServe((dataDir) => {
    const out = execFileSync(
      process.execPath,
      [join(repoRoot, 'bin', 'luoshi.mjs'), 'demo', '--data-dir', dataDir, '--quarters', '2'],
      { encoding: 'utf8' },
    );
    demoLines = out.split('\n').filter((l) => l.split(' ').length === 4);
  });
  browser = await launchBrowser();
  coordinatorApi = new ApiClient(app.url);
  await coordinatorApi.call('auth.login', { username: 'zhuanban', password });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function rounds(): Promise<{ id: number; status: string }[]> {
  return coordinatorApi.call<{ id: number; status: string }[]>('rounds.list');
}

/** On paper: the navigation, header and buttons are gone, the document is there. */
async function expectPrintsOnlyTheDocument(page: Page, name: string): Promise<void> {
  const article = page.locator('article.luoshi-print-page');
  expect(await page.getByRole('button', { name: '打印' }).isEnabled()).toBe(true);
  await page.emulateMedia({ media: 'print' });
  expect(await article.isVisible()).toBe(true);
  expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
  expect(await page.locator('.ant-layout-header').isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
  expect(await page.getByRole('button', { name: '返回' }).isVisible()).toBe(false);
  await screenshot(page, `${name}-print-media`);
  const pdf = await page.pdf({ format: 'A4', path: join(screenshotDir, `${name}.pdf`) });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });
}

describe('print views', () => {
  it('prints a filed report: details, content, indicators, attachments and the sign trail, without the chrome', async () => {
    const closed = (await rounds()).find((r) => r.status === 'closed');
    const overview = await coordinatorApi.call<Overview>('rounds.overview', { roundId: closed?.id });
    const filed = overview.rows.find((r) => r.state === 'filed' && r.draftingUnitId !== null);
    expect(filed).toBeDefined();
    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.goto(`${app.url}#/reports/${filed?.reportId ?? 0}`);
    await page.getByRole('button', { name: '打印' }).click();
    const article = page.locator('article.luoshi-print-page');
    await article.waitFor();
    expect(page.url()).toContain(`#/print/report/${filed?.reportId ?? 0}`);
    const text = await article.innerText();
    for (const part of ['工作进展', '存在问题', '下一步计划', '附件', '审核与会签记录', filed?.title ?? '—'])
      expect(text).toContain(part);
    // The trail names who approved, signed and filed.
    expect(text).toMatch(/审核通过/);
    expect(text).toMatch(/归档/);
    await screenshot(page, 'print-report');
    await expectPrintsOnlyTheDocument(page, 'print-report');
    await page.context().close();
  }, 120_000);

  it('prints a ledger’s first sheet as a table from 台账导出, without the chrome', async () => {
    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.goto(`${app.url}#/ledgers`);
    await page.getByRole('button', { name: '打印' }).first().click();
    const article = page.locator('article.luoshi-print-page');
    await article.waitFor({ timeout: 60_000 });
    expect(page.url()).toContain('#/print/ledger/');
    const table = article.locator('table');
    expect(await table.locator('tr').count()).toBeGreaterThan(5);
    expect(await article.innerText()).toContain('序号');
    // The title row is merged across the sheet, as in the workbook.
    expect(Number(await table.locator('tr').first().locator('td').first().getAttribute('colspan'))).toBeGreaterThan(1);
    await screenshot(page, 'print-ledger');
    await expectPrintsOnlyTheDocument(page, 'print-ledger');
    await page.context().close();
  }, 120_000);

  it('gives a unit clerk the refusal, not a print view, for another unit’s report and the whole-district ledger', async () => {
    const closed = (await rounds()).find((r) => r.status === 'closed');
    const overview = await coordinatorApi.call<Overview>('rounds.overview', { roundId: closed?.id });
    const units = [...new Set(overview.rows.map((r) => r.draftingUnitId).filter((u) => u !== null))];
    const clerkUnit = units[0];
    const clerk = demoLines.find((l) => l.startsWith(`u${clerkUnit}.clerk `))?.split(' ')[0] ?? '';
    // A report the clerk's unit neither drafts, leads nor signs: the core's read rule decides.
    const clerkApi = new ApiClient(app.url);
    await clerkApi.call('auth.login', { username: clerk, password });
    let foreign: number | null = null;
    for (const row of overview.rows) {
      const answer = await clerkApi.raw('reports.get', { reportId: row.reportId });
      if (answer.status === 403) {
        foreign = row.reportId;
        break;
      }
    }
    expect(foreign).not.toBeNull();
    const page = await signedInPage(browser, app.url, clerk, password);
    await page.goto(`${app.url}#/print/report/${foreign ?? 0}`);
    await page.getByText(/无权/).first().waitFor();
    expect(await page.locator('article.luoshi-print-page').count()).toBe(0);
    await page.goto(
      `${app.url}#/print/ledger/${encodeURIComponent(JSON.stringify({ kind: 'task', roundId: closed?.id }))}`,
    );
    await page
      .getByText(/单位台账/)
      .first()
      .waitFor();
    expect(await page.locator('article.luoshi-print-page').count()).toBe(0);
    await screenshot(page, 'print-refused');
    await page.context().close();
  }, 120_000);

  it('prints the compiled quarterly report’s text, and opens its PDF where LibreOffice is installed', async () => {
    const closed = (await rounds()).find((r) => r.status === 'closed');
    const overview = await coordinatorApi.call<Overview>('rounds.overview', { roundId: closed?.id });
    expect(overview.compiledReportId).not.toBeNull();
    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.goto(`${app.url}#/print/compiled/${overview.compiledReportId ?? 0}`);
    const article = page.locator('article.luoshi-print-page');
    await article.waitFor();
    expect(await article.innerText()).toContain('工作进展情况的报告');
    await screenshot(page, 'print-compiled');
    const pdf = await coordinatorApi.raw('documents.pdf', { compiledReportId: overview.compiledReportId });
    const body = (await pdf.json()) as { ok: boolean; data?: { contentBase64: string }; error?: { message: string } };
    if (body.ok)
      expect(
        Buffer.from(body.data?.contentBase64 ?? '', 'base64')
          .subarray(0, 5)
          .toString('latin1'),
      ).toBe('%PDF-');
    else expect(body.error?.message).toContain('LibreOffice');
    await expectPrintsOnlyTheDocument(page, 'print-compiled');
    expect(readFileSync(join(screenshotDir, 'print-compiled.pdf')).length).toBeGreaterThan(1000);
    await page.context().close();
  }, 180_000);
});
