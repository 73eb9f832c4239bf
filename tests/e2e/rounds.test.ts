import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  ApiClient,
  launchBrowser,
  openPage,
  screenshot,
  screenshotDir,
  signedInPage,
  startServe,
  type ServedApp,
} from './harness';
import { sceneOf } from './scene';

/** What the user sees without scrolling (the full-page shots of the overview run to 4,000 px). */
const viewport = (page: Page, name: string) => page.screenshot({ path: join(screenshotDir, `${name}.png`) });

/**
 * Rounds that forgive mistakes, in the browser: first run says which accounts the workflow
 * needs; a round for 1999 is refused (it used to open 2000年第四季度 silently); closing a round
 * with reports in review and waiting to be filed files what waits and leaves nothing stranded.
 */
let app: ServedApp;
let browser: Browser;
const admin = new ApiClient('');
const coordinator = new ApiClient('');
const password = 'unit-pass-1';

interface Unit {
  id: number;
  name: string;
}
interface ReportView {
  id: number;
  title: string;
  state: string;
  version: number;
  archiveNo: string | null;
  draftingUnit: string | null;
  reviewers: { name: string }[];
  signers: { name: string }[];
  indicators: unknown[];
}
let units: Unit[];
const { createUser, as, step, submit } = sceneOf(
  admin,
  () => app.url,
  () => units,
  password,
);

beforeAll(async () => {
  app = await startServe();
  browser = await launchBrowser();
  Object.assign(admin, new ApiClient(app.url));
  Object.assign(coordinator, new ApiClient(app.url));
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('setup says what the workflow needs', () => {
  it('first run lists the accounts to create, including the task force leader', async () => {
    const page = await openPage(browser, app.url);
    const needs = page.getByRole('status', { name: '流程还缺少的账号' });
    await needs.waitFor();
    expect(await needs.innerText()).toContain('起草季度报告需要一名同时具有「专班」和「负责人」角色的账号');
    expect(await needs.innerText()).toContain('季度报告由统筹协调单位审核：区经济发展局');
    await screenshot(page, 'rounds-01-first-run-needs');
    await page.context().close();

    await admin.call('auth.setup', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' });
    units = await admin.call<Unit[]>('units.list');
    await createUser('zhuanban', '区经济发展局', ['coordinator']);
    const users = await signedInPage(browser, app.url, 'admin', 'admin-pass-1');
    await users.getByRole('menuitem', { name: /设置/ }).click();
    await users.getByRole('tab', { name: '账号管理' }).click();
    const panelNeeds = users.getByRole('status', { name: '流程还缺少的账号' });
    await panelNeeds.waitFor();
    expect(await panelNeeds.innerText()).toContain('起草季度报告需要一名同时具有「专班」和「负责人」角色的账号');
    expect(await panelNeeds.innerText()).not.toContain('具有「专班」角色的账号。');
    await screenshot(users, 'rounds-02-users-needs');
    await users.context().close();
    await createUser('zhuanban.leader', '区经济发展局', ['coordinator', 'leader']);
    await coordinator.call('auth.login', { username: 'zhuanban', password });
  });
});

describe('opening a round for the wrong year', () => {
  it('refuses 1999 after confirming the quarter, instead of opening 2000年第四季度', async () => {
    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.getByRole('menuitem', { name: /填报审核/ }).click();
    await page.getByRole('tab', { name: '轮次总览' }).click();
    await page.getByRole('button', { name: '开启填报轮次' }).first().click();
    const dialog = page.getByRole('dialog', { name: '开启季度填报轮次' });
    await dialog.getByText(/可以开启的季度：2023年第一季度至/).waitFor();
    await dialog.getByLabel('年度').fill('1999');
    await dialog.getByLabel('季度').click();
    await page.locator('.ant-select-item-option', { hasText: '第四季度' }).click();
    await dialog.getByRole('button', { name: '开启' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.locator('.ant-modal-confirm-title', { hasText: '开启1999年第四季度填报轮次？' }).waitFor();
    await confirm.getByText('2000年1月10日').waitFor();
    await page.waitForTimeout(600); // let the confirmation finish fading in
    await screenshot(page, 'rounds-03-open-confirm-1999');
    await page.getByRole('button', { name: '确认开启' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await dialog.getByText(/1999年第四季度早于工作方案的实施期，不能开启。可以开启的季度为2023年第一季度至/).waitFor();
    await screenshot(page, 'rounds-04-1999-refused');
    expect(await coordinator.call<unknown[]>('rounds.list')).toEqual([]);
    await page.context().close();
  });
});

describe('closing a round with reports still open', () => {
  let inReview: ReportView;
  let waiting: ReportView;

  it('lists what is open, files what waits, and keeps the rest in 待办 with its buttons', async () => {
    const allowed = await coordinator.call<{ current: { year: number; quarter: number } }>('rounds.window');
    const end = new Date(Date.UTC(allowed.current.year, allowed.current.quarter * 3, 0));
    const deadline = new Date(end.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    const round = await coordinator.call<{ id: number; label: string }>('rounds.open', {
      ...allowed.current,
      deadline,
    });
    const overview = await coordinator.call<{ rows: { reportId: number; kind: string }[] }>('rounds.overview', {
      roundId: round.id,
    });
    const views: ReportView[] = [];
    for (const row of overview.rows.filter((r) => r.kind === 'task'))
      views.push(await coordinator.call<ReportView>('reports.get', { reportId: row.reportId }));
    const simple = views
      .filter((v) => v.reviewers.length === 1 && v.signers.length > 0 && v.indicators.length === 0)
      .sort((a, b) => a.signers.length - b.signers.length);
    waiting = simple[0]!;
    inReview = simple.find(
      (v) => v.draftingUnit !== waiting.draftingUnit && !waiting.signers.some((s) => s.name === v.draftingUnit),
    )!;
    expect(waiting && inReview).toBeTruthy();
    // Give both lead units and the signers their people.
    await createUser('a.clerk', waiting.draftingUnit, ['clerk']);
    await createUser('a.leader', waiting.draftingUnit, ['leader']);
    await createUser('b.clerk', inReview.draftingUnit, ['clerk']);
    await createUser('b.leader', inReview.draftingUnit, ['leader']);
    for (const [i, signer] of waiting.signers.entries()) await createUser(`s${i}.leader`, signer.name, ['leader']);
    await submit(await as('a.clerk'), waiting.id);
    await step(await as('a.leader'), waiting.id, 'report.approve');
    for (const [i] of waiting.signers.entries()) await step(await as(`s${i}.leader`), waiting.id, 'report.sign');
    await submit(await as('b.clerk'), inReview.id);

    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.getByRole('menuitem', { name: /填报审核/ }).click();
    await page.getByRole('tab', { name: '轮次总览' }).click();
    await page.getByRole('button', { name: '关闭本轮' }).click();
    const dialog = page.getByRole('dialog', { name: `关闭${round.label}填报轮次` });
    await dialog.getByText(/本轮还有 \d+ 份报告没有归档/).waitFor();
    const summary = await dialog.locator('.ant-alert-description').innerText();
    expect(summary).toContain('牵头单位审核 1 份');
    expect(summary).toContain('待归档 1 份');
    await dialog.getByText(inReview.title).waitFor();
    await dialog.getByText('随关闭一并归档 1 份待归档的报告（分配归档号）').waitFor();
    await dialog.getByText(/^延续办理：/).click();
    await page.waitForTimeout(400);
    await screenshot(page, 'rounds-05-close-dialog');
    await viewport(page, 'rounds-05-close-dialog-viewport');
    await dialog.getByRole('button', { name: '关闭轮次' }).click();
    await page.getByText(`${round.label}填报轮次已关闭`).waitFor();
    await page
      .getByText(
        /本轮已关闭：1 份已提交的报告仍按流程审核、会签、归档，留在相关单位的待办中；\d+ 份未提交的报告延续办理/,
      )
      .waitFor();
    await page.getByRole('button', { name: '重新开启' }).waitFor();
    await screenshot(page, 'rounds-06-closed-round');
    await viewport(page, 'rounds-06-closed-round-viewport');
    await page.context().close();

    const filed = await coordinator.call<ReportView>('reports.get', { reportId: waiting.id });
    expect(filed.state).toBe('filed');
    expect(filed.archiveNo).toMatch(/〔\d{4}〕\d+号$/);

    // The report in review is still the lead leader's to-do, with its buttons, in the closed round.
    const leader = await signedInPage(browser, app.url, 'b.leader', password);
    await leader.getByRole('menuitem', { name: /填报审核/ }).click();
    await leader.getByRole('link', { name: inReview.title }).first().click();
    await leader.getByText('报告内容').waitFor();
    await leader.getByRole('button', { name: '审核通过' }).waitFor();
    await screenshot(leader, 'rounds-07-review-after-close');
    await leader.getByRole('button', { name: '审核通过' }).click();
    await leader.getByRole('dialog').getByRole('button', { name: '审核通过' }).click();
    await leader.getByText('已审核通过').waitFor();
    await leader.context().close();
    expect((await coordinator.call<ReportView>('reports.get', { reportId: inReview.id })).state).toBe('signOff');
    expect((await coordinator.call<{ ok: boolean }>('audit.verify')).ok).toBe(true);
  });

  it('reopens the round with a reason, moves its deadline, and refuses to delete it once reports were submitted', async () => {
    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.getByRole('menuitem', { name: /填报审核/ }).click();
    await page.getByRole('tab', { name: '轮次总览' }).click();
    await page.getByRole('button', { name: '重新开启' }).click();
    const reopen = page.getByRole('dialog', { name: /^重新开启.*填报轮次$/ });
    await expect.poll(() => reopen.getByRole('button', { name: '重新开启' }).isDisabled()).toBe(true);
    await reopen.getByLabel('理由').fill('区宣传部申请补报');
    await page.waitForTimeout(300);
    await viewport(page, 'rounds-08-reopen-dialog');
    await reopen.getByRole('button', { name: '重新开启' }).click();
    await page.getByText(/填报轮次已重新开启/).waitFor();

    await page.getByRole('button', { name: '修改截止日期' }).click();
    const deadline = page.getByRole('dialog', { name: /的报送截止日期$/ });
    await deadline.getByLabel('新的截止日期').click();
    await deadline.getByLabel('新的截止日期').fill('2000年1月1日');
    await deadline.getByLabel('新的截止日期').press('Enter');
    await page.keyboard.press('Escape');
    await deadline.getByRole('button', { name: '保存' }).click();
    await deadline.getByText(/的报送截止日期应在 .* 之间，2000年1月1日 不在此范围内。/).waitFor();
    await page.waitForTimeout(500); // the date panel fades out
    await viewport(page, 'rounds-09-deadline-refused');
    await deadline.getByRole('button', { name: '取消' }).click();

    await page.getByRole('button', { name: '删除本轮' }).click();
    await page.getByRole('button', { name: '删除本轮' }).last().click();
    const refused = page.locator('.ant-modal-confirm-error');
    await refused.getByText(/已有 2 份报告提交过，不能删除该轮次（提交记录须保留）/).waitFor();
    await page.waitForTimeout(600);
    await viewport(page, 'rounds-10-delete-refused');
    await refused.getByRole('button', { name: '知道了' }).click();
    await page.context().close();
    const [round] = await coordinator.call<{ status: string }[]>('rounds.list');
    expect(round?.status).toBe('open');
  });
});
