import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, launchBrowser, screenshot, signedInPage, startServe, type ServedApp } from './harness';
import { sceneOf } from './scene';

/**
 * Journeys 2, 3 and 5 on one server: a report goes from drafting through a return, lead review,
 * sign-off by every responsible unit and filing, each step by its own user in its own browser
 * session; and users acting outside their role are refused.
 */
let app: ServedApp;
let browser: Browser;
const admin = new ApiClient('');
const password = 'unit-pass-1';

interface Party {
  name: string;
}
interface ReportView {
  id: number;
  title: string;
  state: string;
  version: number;
  archiveNo: string | null;
  draftingUnit: string | null;
  reviewers: Party[];
  signers: Party[];
}
interface Unit {
  id: number;
  name: string;
  kind: string;
}

let target: ReportView;
let units: Unit[];
const leaderOf = new Map<string, string>();
const { createUser } = sceneOf(
  admin,
  () => app.url,
  () => units,
  password,
);

async function openReport(page: Page, title: string): Promise<void> {
  await page.getByRole('menuitem', { name: /填报审核/ }).click();
  await page.getByRole('link', { name: title }).first().click();
  await page.getByText('报告内容').waitFor();
}

beforeAll(async () => {
  app = await startServe();
  browser = await launchBrowser();
  Object.assign(admin, new ApiClient(app.url));
  await admin.call('auth.setup', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' });
  units = await admin.call<Unit[]>('units.list');
  await createUser('zhuanban', '区经济发展局', ['coordinator']);
  // The task force's leader countersigns the compiled quarterly report.
  await createUser('zhuanban.leader', '区经济发展局', ['coordinator', 'leader']);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('journey 2: draft, return, fix and resubmit', () => {
  it('the coordinator opens the round in the interface', async () => {
    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.getByRole('menuitem', { name: /填报审核/ }).click();
    await page.getByRole('tab', { name: '轮次总览' }).click();
    await page.getByRole('button', { name: '开启填报轮次' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: '开启' }).click();
    // The confirmation names the quarter and the deadline before anything is created.
    await page.getByRole('button', { name: '确认开启' }).click();
    await page.getByText('填报轮次已开启').waitFor();
    // One report per task (55) and per project (18).
    await page.getByText(/· 73 份报告/).waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(20);
    await screenshot(page, 'j2-01-round-opened');
    await page.context().close();

    // Pick the task report with one lead unit and the fewest countersigning units, and give each unit its people.
    const coordinator = new ApiClient(app.url);
    await coordinator.call('auth.login', { username: 'zhuanban', password });
    const [round] = await coordinator.call<{ id: number }[]>('rounds.list');
    const overview = await coordinator.call<{ rows: { reportId: number; kind: string }[] }>('rounds.overview', {
      roundId: round!.id,
    });
    const views: ReportView[] = [];
    for (const row of overview.rows.filter((r) => r.kind === 'task'))
      views.push(await coordinator.call<ReportView>('reports.get', { reportId: row.reportId }));
    target = views
      .filter((v) => v.reviewers.length === 1 && v.signers.length > 0)
      .sort((a, b) => a.signers.length - b.signers.length)[0]!;
    expect(target).toBeDefined();
    const lead = target.draftingUnit!;
    await createUser('lead.clerk', lead, ['clerk']);
    await createUser('lead.leader', lead, ['leader']);
    leaderOf.set(lead, 'lead.leader');
    for (const [i, signer] of target.signers.entries()) {
      const username = `signer${i + 1}.leader`;
      await createUser(username, signer.name, ['leader']);
      leaderOf.set(signer.name, username);
    }
    await createUser(
      'other.clerk',
      units.find((u) => u.kind === 'unit' && u.name !== lead && !target.signers.some((s) => s.name === u.name))!.name,
      ['clerk'],
    );
  });

  it('a clerk drafts and submits; the leader returns it with a reason; the clerk fixes and resubmits', async () => {
    const clerk = await signedInPage(browser, app.url, 'lead.clerk', password);
    await openReport(clerk, target.title);
    await clerk.getByLabel('进展情况').fill('本季度召开专题推进会2次，完成年度目标的60%。');
    await clerk.getByLabel('存在问题').fill('部分项目资金尚未到位。');
    await clerk.getByLabel('下步计划').fill('加快资金拨付，确保年底前完成。');
    // Every indicator needs a value or 无新进展 before the report can be submitted.
    for (const box of await clerk.getByRole('checkbox', { name: /无新进展$/ }).all()) await box.check();
    await expect.poll(() => clerk.getByRole('button', { name: '提交审核' }).isEnabled()).toBe(true);
    await screenshot(clerk, 'j2-02-clerk-drafting');
    await clerk.getByRole('button', { name: '提交审核' }).click();
    await clerk.getByText('已提交审核').waitFor();

    const leader = await signedInPage(browser, app.url, 'lead.leader', password);
    await openReport(leader, target.title);
    await leader.getByRole('button', { name: '退回修改' }).click();
    await leader.getByLabel('意见').fill('请补充资金到位的具体金额。');
    await leader.getByRole('dialog').getByRole('button', { name: '退回修改' }).click();
    await leader.getByText('已退回修改').waitFor();
    await screenshot(leader, 'j2-03-leader-returned');

    await clerk.getByRole('menuitem', { name: /填报审核/ }).click();
    await clerk.getByText('被退回：请补充资金到位的具体金额。').waitFor();
    await screenshot(clerk, 'j2-04-clerk-sees-return');
    await clerk.getByRole('link', { name: target.title }).first().click();
    await clerk.getByLabel('存在问题').fill('部分项目资金尚未到位，缺口约120万元。');
    await clerk.getByRole('button', { name: '提交审核' }).click();
    await clerk.getByText('已提交审核').waitFor();
    await clerk.getByText('退回修改').first().waitFor(); // the timeline keeps the return
    await screenshot(clerk, 'j2-05-resubmitted');
    await clerk.context().close();
    await leader.context().close();
  });
});

describe('journey 3: lead review, sign-off by every responsible unit, filing', () => {
  it('walks the report to filed, each step by its own user', async () => {
    const leader = await signedInPage(browser, app.url, 'lead.leader', password);
    await openReport(leader, target.title);
    await leader.getByRole('button', { name: '审核通过' }).click();
    await leader.getByLabel('意见').fill('同意上报。');
    await leader.getByRole('dialog').getByRole('button', { name: '审核通过' }).click();
    await leader.getByText('已审核通过').waitFor();
    await leader.context().close();

    for (const signer of target.signers) {
      const page = await signedInPage(browser, app.url, leaderOf.get(signer.name)!, password);
      await openReport(page, target.title);
      await page.getByRole('button', { name: '会签' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '会签' }).click();
      await page.getByText('已会签').first().waitFor();
      await screenshot(page, `j3-01-signed-${leaderOf.get(signer.name)}`);
      await page.context().close();
    }

    const coordinator = await signedInPage(browser, app.url, 'zhuanban', password);
    await openReport(coordinator, target.title);
    await coordinator.getByRole('button', { name: '归档' }).click();
    await coordinator.getByText('归档后报告不可再修改').waitFor();
    await coordinator.getByRole('dialog').getByRole('button', { name: '归档' }).click();
    await coordinator.getByText('已归档').first().waitFor();
    await coordinator.getByText('归档号').waitFor();
    await screenshot(coordinator, 'j3-02-filed');
    await coordinator.context().close();

    const check = new ApiClient(app.url);
    await check.call('auth.login', { username: 'zhuanban', password });
    const filed = await check.call<ReportView>('reports.get', { reportId: target.id });
    expect(filed.state).toBe('filed');
    expect(filed.archiveNo).toMatch(/〔\d{4}〕\d+号$/);
    const verify = await check.call<{ ok: boolean }>('audit.verify');
    expect(verify.ok).toBe(true);
  });
});

const cellText = (value: unknown): string =>
  typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value);

type ExcelBuffer = Parameters<ExcelJS.Workbook['xlsx']['load']>[0];

async function saved(download: Promise<Download>): Promise<{ name: string; bytes: Buffer }> {
  const file = await download;
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

describe('journey 4: the coordinator’s reports, ledgers and the offline fill-in loop', () => {
  it('composes, previews and exports the quarterly report, exports the task ledger, and round-trips a unit’s fill-in sheet', async () => {
    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.getByRole('menuitem', { name: '报告' }).click();
    await page.getByRole('button', { name: '起草季度报告' }).click();
    await page.getByLabel('公文标题').waitFor();
    expect(await page.getByLabel('公文标题').inputValue()).toMatch(
      /^关于\d{4}年第.季度儿童友好城市建设工作进展情况的报告$/,
    );
    const headings = await page
      .locator('input')
      .evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
    expect(headings).toEqual(expect.arrayContaining(['一、总体进展', '二、各项任务进展情况']));
    await screenshot(page, 'j4-01-compiled-draft');
    // The clerk edits the composed text and saves it; the preview shows the saved document.
    const firstParagraph = page.getByLabel('段落1', { exact: true });
    await firstParagraph.fill(`${await firstParagraph.inputValue()}（经专班审定）`);
    await page.getByRole('button', { name: '保存正文' }).click();
    await page.getByText('已保存').waitFor();
    await page.getByRole('tab', { name: '预览与导出' }).click();
    await page.getByRole('button', { name: '预览' }).click();
    await page.locator('.luoshi-docx').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.luoshi-docx').first().innerText()).toContain('经专班审定');
    await screenshot(page, 'j4-02-compiled-preview');
    const report = await saved(
      Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Word' }).click()]).then(
        ([d]) => d,
      ),
    );
    expect(report.name).toMatch(/\.docx$/);
    expect(report.bytes.subarray(0, 2).toString()).toBe('PK');

    // The task ledger of the round.
    await page.getByRole('menuitem', { name: '台账导出' }).click();
    const ledger = await saved(
      Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]).then(
        ([d]) => d,
      ),
    );
    expect(ledger.name).toMatch(/台账.*\.xlsx$/);
    const ledgerBook = new ExcelJS.Workbook();
    await ledgerBook.xlsx.load(ledger.bytes as unknown as ExcelBuffer);
    expect(cellText(ledgerBook.worksheets[0]?.getCell(1, 1).value)).toContain('台账');
    await screenshot(page, 'j4-03-ledgers');

    // A unit's fill-in sheet: download, fill as the unit would in Excel, import back.
    const api = new ApiClient(app.url);
    await api.call('auth.login', { username: 'zhuanban', password });
    const [round] = await api.call<{ id: number }[]>('rounds.list');
    const overview = await api.call<{ rows: { state: string; kind: string; leadUnits: string[]; reportId: number }[] }>(
      'rounds.overview',
      { roundId: round!.id },
    );
    const drafting = overview.rows.find((r) => r.kind === 'task' && r.state === 'drafting' && r.leadUnits.length > 0)!;
    const unitName = drafting.leadUnits[0]!;
    await page.getByLabel('填报单位').fill(unitName);
    await page.locator('.ant-select-item-option', { hasText: unitName }).first().click();
    const sheet = await saved(
      Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载填报表' }).click()]).then(
        ([d]) => d,
      ),
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(sheet.bytes as unknown as ExcelBuffer);
    const progress = book.getWorksheet('进展填报')!;
    let row = 0;
    for (let r = 4; r <= progress.rowCount; r++)
      if (cellText(progress.getCell(r, 7).value) === `R${drafting.reportId}`) row = r;
    expect(row).toBeGreaterThan(0);
    progress.getCell(row, 4).value = '经填报表报送：本季度完成儿童之家建设3处。';
    const filled = Buffer.from(await book.xlsx.writeBuffer());
    await page.getByLabel('选择填报表文件').setInputFiles({
      name: sheet.name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: filled,
    });
    await page.getByText('共 1 处修改').waitFor();
    await screenshot(page, 'j4-04-fillin-preview');
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '导入' }).click();
    await page.getByText('已导入 1 份报告的 1 处修改').waitFor();
    const after = await api.call<{ content: { progress: string } }>('reports.get', { reportId: drafting.reportId });
    expect(after.content.progress).toBe('经填报表报送：本季度完成儿童之家建设3处。');
    await page.context().close();
  });
});

describe('journey 5: acting outside one’s role is refused', () => {
  it('refuses another unit’s clerk in the interface and in the core', async () => {
    const page = await signedInPage(browser, app.url, 'other.clerk', password);
    await page.goto(`${app.url}#/reports/${target.id}`);
    // The read rule (src/main/core/policy/reads.ts): another unit's report is not shown at all.
    await page.getByText(/无权查看编号为 \d+ 的报告.*请联系工作专班/).waitFor();
    expect(await page.getByText('报告内容').count()).toBe(0);
    expect(await page.getByRole('button', { name: '保存（Ctrl+S）' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '归档' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: '设置' }).click();
    expect(await page.getByRole('tab', { name: '账号管理' }).count()).toBe(0);
    await screenshot(page, 'j5-01-other-clerk');
    await page.context().close();

    // The core refuses even when the interface is bypassed.
    const other = new ApiClient(app.url);
    await other.call('auth.login', { username: 'other.clerk', password });
    const create = await other.raw('users.create', {
      username: 'intruder',
      displayName: 'x',
      password: 'intruder-1',
      unitId: null,
      roles: ['admin'],
    });
    expect(create.status).toBe(403);
    const check = new ApiClient(app.url);
    await check.call('auth.login', { username: 'zhuanban', password });
    const view = await check.call<ReportView>('reports.get', { reportId: target.id });
    const reopen = await other.raw('reports.reopen', {
      reportId: target.id,
      version: view.version,
      reason: '试图修改',
    });
    expect(reopen.status).toBe(403);
    const body = (await reopen.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    // And a signed-out caller is refused outright.
    const anonymous = await new ApiClient(app.url).raw('reports.inbox', {});
    expect(anonymous.status).toBe(401);
  });
});
