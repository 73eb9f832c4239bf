import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, launchBrowser, screenshot, signedInPage, startServe, type ServedApp } from './harness';
import { sceneOf } from './scene';

/**
 * Bulk work and delegation in the browser (issue #16): the task force files five reports at once
 * from 我的待办, with the archive numbers shown before and after; a leader away delegates
 * sign-off to a colleague in the settings, and the colleague's signature reads 王五（代 李四）.
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
  subjectLabel: string;
  state: string;
  version: number;
  archiveNo: string | null;
  draftingUnit: string | null;
  reviewers: { name: string }[];
  signers: { name: string; acted: { by: string } | null }[];
  indicators: unknown[];
}
let units: Unit[];
const accountOf = new Map<string, string>();
const { createUser, as, step, submit } = sceneOf(
  admin,
  () => app.url,
  () => units,
  password,
);

/** One account per unit that acts for it (clerk and leader), created on first need. */
async function unitAccount(unitName: string): Promise<string> {
  const known = accountOf.get(unitName);
  if (known) return known;
  const username = `u${units.find((u) => u.name === unitName)?.id ?? 0}`;
  await createUser(username, unitName, ['clerk', 'leader'], `${unitName}负责人`);
  accountOf.set(unitName, username);
  return username;
}

/** Drafted, approved and signed by every signer except `skip`: the report waits for filing, or for `skip`. */
async function bringForward(view: ReportView, skip: string | null = null): Promise<void> {
  await submit(await as(await unitAccount(view.draftingUnit ?? '')), view.id);
  for (const reviewer of view.reviewers)
    await step(await as(await unitAccount(reviewer.name)), view.id, 'report.approve');
  for (const signer of view.signers)
    if (signer.name !== skip) await step(await as(await unitAccount(signer.name)), view.id, 'report.sign');
}

const chinaDate = (plusDays: number): Date => new Date(Date.now() + 8 * 3_600_000 + plusDays * 86_400_000);
const chinaLabel = (d: Date) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;

let five: ReportView[] = [];
let delegated: ReportView;
let delegatingUnit = '';

beforeAll(async () => {
  app = await startServe();
  browser = await launchBrowser();
  Object.assign(admin, new ApiClient(app.url));
  Object.assign(coordinator, new ApiClient(app.url));
  await admin.call('auth.setup', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' });
  units = await admin.call<Unit[]>('units.list');
  await admin.call('users.create', {
    username: 'zhuanban',
    displayName: '周专班',
    password,
    unitId: units.find((u) => u.name === '区经济发展局')?.id ?? null,
    roles: ['coordinator'],
    mustChangePassword: false,
  });
  await coordinator.call('auth.login', { username: 'zhuanban', password });
  const allowed = await coordinator.call<{ current: { year: number; quarter: number } }>('rounds.window');
  const end = new Date(Date.UTC(allowed.current.year, allowed.current.quarter * 3, 0));
  const deadline = new Date(end.getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
  const round = await coordinator.call<{ id: number }>('rounds.open', { ...allowed.current, deadline });
  const overview = await coordinator.call<{ rows: { reportId: number; kind: string }[] }>('rounds.overview', {
    roundId: round.id,
  });
  const views: ReportView[] = [];
  for (const row of overview.rows.filter((r) => r.kind === 'task'))
    views.push(await coordinator.call<ReportView>('reports.get', { reportId: row.reportId }));
  const simple = views
    .filter((v) => v.reviewers.length === 1 && v.signers.length > 0 && v.indicators.length === 0)
    .sort((a, b) => a.signers.length - b.signers.length);
  delegated = simple[0]!;
  five = simple.slice(1, 6);
  expect(five).toHaveLength(5);
  // The delegating leader's unit: a signer of the sixth report that drafts none of the six.
  delegatingUnit = delegated.signers.find(
    (s) => ![delegated, ...five].some((v) => v.draftingUnit === s.name || v.reviewers.some((r) => r.name === s.name)),
  )!.name;
  await createUser('lisi', delegatingUnit, ['leader'], '李四');
  await createUser('wangwu', delegatingUnit, ['clerk'], '王五');
  accountOf.set(delegatingUnit, 'lisi');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('bulk filing', () => {
  it('files five reports at once from 我的待办, with consecutive archive numbers shown first', async () => {
    for (const view of five) await bringForward(view);
    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.getByRole('menuitem', { name: /填报审核/ }).click();
    await page.getByRole('tab', { name: '我的待办' }).click();
    for (const view of five) await page.getByRole('checkbox', { name: `选择${view.subjectLabel}` }).check();
    await page.getByRole('button', { name: '批量归档（5）' }).click();
    const dialog = page.getByRole('dialog', { name: '批量归档：请确认' });
    await dialog.waitFor();
    for (const view of five) await dialog.getByTestId(`bulk-preview-${view.id}`).getByText(view.title).waitFor();
    // In the order listed, the next five numbers of the archive-number rule (none was taken yet this year).
    const listed = await dialog.locator('[data-testid^="bulk-preview-"]').allInnerTexts();
    expect(listed.map((text) => Number(/〔\d{4}〕(\d+)号/.exec(text)?.[1]))).toEqual([1, 2, 3, 4, 5]);
    const shown: string[] = [];
    for (const view of five)
      shown.push(/\S+〔\d{4}〕\d+号/.exec(await dialog.getByTestId(`bulk-preview-${view.id}`).innerText())?.[0] ?? '');
    await page.waitForTimeout(400);
    await screenshot(page, 'bulk-01-confirm-five');
    await dialog.getByRole('button', { name: '归档 5 份' }).click();
    const result = page.getByRole('dialog', { name: '批量归档结果：成功 5 份，未办理 0 份' });
    await result.waitFor();
    for (const [i, view] of five.entries()) {
      const item = result.getByTestId(`bulk-result-${view.id}`);
      expect(await item.innerText()).toContain('已办理');
      expect(await item.innerText()).toContain(shown[i]);
    }
    await page.waitForTimeout(400);
    await screenshot(page, 'bulk-02-result-five');
    await result.getByRole('button', { name: '知道了' }).click();
    await page.context().close();
    for (const [i, view] of five.entries()) {
      const filed = await coordinator.call<ReportView>('reports.get', { reportId: view.id });
      expect([filed.state, filed.archiveNo]).toEqual(['filed', shown[i]]);
    }
    // Each is its own audited filing, by the task force member who confirmed.
    for (const view of five) {
      const timeline = await coordinator.call<{ event: string; actorName: string }[]>('reports.timeline', {
        reportId: view.id,
      });
      expect(timeline.filter((e) => e.event === 'report.file').map((e) => e.actorName)).toEqual(['周专班']);
    }
  });
});

describe('delegation', () => {
  it('a leader delegates sign-off in the settings, and the delegate signs as 王五（代 李四）', async () => {
    await bringForward(delegated, delegatingUnit);
    const leader = await signedInPage(browser, app.url, 'lisi', password);
    await leader.getByRole('menuitem', { name: /设置/ }).click();
    await leader.getByRole('tab', { name: '委托' }).click();
    await leader.getByLabel('受托人').click();
    await leader.locator('.ant-select-item-option', { hasText: '王五' }).click();
    await leader.getByRole('textbox', { name: '说明' }).fill('外出学习');
    const range = leader.locator('.ant-picker-range input');
    await range.nth(0).click();
    await range.nth(0).fill(chinaLabel(chinaDate(0)));
    await range.nth(0).press('Enter');
    await range.nth(1).fill(chinaLabel(chinaDate(6)));
    // Enter takes the last date and sends the form, as the 确认委托 button does.
    await range.nth(1).press('Enter');
    await leader
      .getByText(`已委托 王五 于 ${chinaLabel(chinaDate(0))} 至 ${chinaLabel(chinaDate(6))} 代为审核、会签`)
      .waitFor();
    await leader.getByRole('cell', { name: '生效中' }).waitFor();
    await leader.getByRole('cell', { name: '外出学习' }).waitFor();
    await screenshot(leader, 'bulk-03-delegation-created');
    await leader.context().close();

    const deputy = await signedInPage(browser, app.url, 'wangwu', password);
    await deputy.getByRole('menuitem', { name: /填报审核/ }).click();
    await deputy.getByRole('link', { name: delegated.title }).first().click();
    await deputy.getByRole('button', { name: '会签' }).click();
    await deputy.getByRole('dialog').getByRole('button', { name: '会签' }).click();
    await deputy.getByRole('alert').getByText('已会签').waitFor();
    await deputy
      .getByText(/王五（代 李四）/)
      .first()
      .waitFor();
    await screenshot(deputy, 'bulk-04-delegate-signed');
    await deputy.context().close();

    const view = await coordinator.call<ReportView>('reports.get', { reportId: delegated.id });
    expect(view.signers.find((s) => s.name === delegatingUnit)?.acted?.by).toBe('王五（代 李四）');
    const timeline = await coordinator.call<{ event: string; actorName: string }[]>('reports.timeline', {
      reportId: delegated.id,
    });
    expect(timeline.filter((e) => e.event === 'report.sign').map((e) => e.actorName)).toContain('王五（代 李四）');
    // The task force sees every delegation.
    const all =
      await coordinator.call<{ delegatorName: string; delegateName: string; note: string }[]>('delegations.list');
    expect(all.map((d) => `${d.delegatorName}→${d.delegateName}：${d.note}`)).toEqual(['李四→王五：外出学习']);
  });
});
