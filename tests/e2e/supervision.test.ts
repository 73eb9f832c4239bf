import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  ApiClient,
  launchBrowser,
  screenshot,
  screenshotDir,
  signedInPage,
  startServe,
  type ServedApp,
} from './harness';
import { sceneOf } from './scene';

/**
 * 督办 in the browser: the task force extends one unit's deadline and sees it no longer overdue,
 * then reminds every overdue unit at once, and a clerk of a reminded unit finds the reminder in
 * 待办 and on the 工作台.
 */
let app: ServedApp;
let browser: Browser;
const admin = new ApiClient('');
const coordinator = new ApiClient('');
const password = 'unit-pass-1';
let units: Unit[] = [];
const { createUser } = sceneOf(
  admin,
  () => app.url,
  () => units,
  password,
);

interface Unit {
  id: number;
  name: string;
}
interface Row {
  reportId: number;
  kind: string;
  title: string;
  status: string;
  warning: string;
  deadline: string;
  extended: boolean;
  draftingUnit: string | null;
  draftingUnitId: number | null;
}
interface Overview {
  round: { id: number; label: string; deadline: string };
  rows: Row[];
  reminders: { unitName: string; count: number }[];
}

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

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const chinaDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

describe('延期 and 催办', () => {
  let overview: Overview;
  let extendedUnit: string;
  let remindedUnit: string;

  it('extends one unit’s deadline, and the unit is no longer overdue while the others are', async () => {
    await admin.call('auth.setup', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' });
    units = await admin.call<Unit[]>('units.list');
    await createUser('zhuanban', '区经济发展局', ['coordinator']);
    await createUser('zhuanban.leader', '区经济发展局', ['coordinator', 'leader']);
    await coordinator.call('auth.login', { username: 'zhuanban', password });
    // The quarter before the current one, due on its first day: long past, so every unit is overdue.
    const window = await coordinator.call<{ current: { year: number; quarter: number } }>('rounds.window');
    const previous =
      window.current.quarter === 1
        ? { year: window.current.year - 1, quarter: 4 }
        : { year: window.current.year, quarter: window.current.quarter - 1 };
    const deadline = isoDay(new Date(Date.UTC(previous.year, (previous.quarter - 1) * 3, 1)));
    const round = await coordinator.call<{ id: number }>('rounds.open', { ...previous, deadline });
    overview = await coordinator.call<Overview>('rounds.overview', { roundId: round.id });
    const first = overview.rows.find((r) => r.draftingUnit !== null);
    const other = overview.rows.find((r) => r.draftingUnit !== null && r.draftingUnit !== first?.draftingUnit);
    if (!first?.draftingUnit || !other?.draftingUnit) throw new Error('the seed plan has tasks drafted by two units');
    extendedUnit = first.draftingUnit;
    remindedUnit = other.draftingUnit;
    expect(first.status).toBe('overdue');
    await createUser('b.clerk', remindedUnit, ['clerk']);
    await createUser('a.clerk', extendedUnit, ['clerk']);

    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.getByRole('menuitem', { name: /填报审核/ }).click();
    await page.getByRole('tab', { name: '轮次总览' }).click();
    await page
      .getByRole('button', { name: `为${extendedUnit}延期` })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: `为${extendedUnit}延期` });
    const newDeadline = isoDay(new Date(Date.now() + 10 * 86_400_000));
    await dialog.getByLabel('延期至').click();
    await dialog.getByLabel('延期至').fill(chinaDay(newDeadline));
    await dialog.getByLabel('延期至').press('Enter');
    await dialog.getByLabel('延期理由').fill('机构调整，申请延期报送');
    await page.waitForTimeout(300);
    await screenshot(page, 'supervision-01-extend-dialog');
    await dialog.getByRole('button', { name: '确认延期' }).click();
    await page.getByText(`${extendedUnit}的报送截止日期已延至`).waitFor();
    await page.getByText('已延期').first().waitFor();
    await screenshot(page, 'supervision-02-extended-overview');
    await page.screenshot({ path: join(screenshotDir, 'supervision-02-extended-overview-viewport.png') });

    const after = await coordinator.call<Overview>('rounds.overview', { roundId: round.id });
    for (const row of after.rows.filter((r) => r.draftingUnit === extendedUnit)) {
      expect(row).toMatchObject({ status: 'unreported', extended: true, deadline: newDeadline });
      expect(row.warning).not.toBe('red');
    }
    const others = after.rows.filter((r) => r.draftingUnit === remindedUnit);
    expect(others.length).toBeGreaterThan(0);
    for (const row of others) expect(row).toMatchObject({ status: 'overdue', warning: 'red', extended: false });
    // The extended unit's clerk sees the new deadline in 待办, not overdue.
    const clerkA = new ApiClient(app.url);
    await clerkA.call('auth.login', { username: 'a.clerk', password });
    const inboxA = await clerkA.call<{ deadline: string; overdue: boolean; extended: boolean }[]>('reports.inbox');
    expect(inboxA.length).toBeGreaterThan(0);
    for (const item of inboxA) expect(item).toMatchObject({ deadline: newDeadline, overdue: false, extended: true });
    await page.context().close();
  });

  it('reminds every overdue unit at once; the clerk of a reminded unit sees it in 待办 and on the 工作台', async () => {
    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.getByRole('menuitem', { name: /填报审核/ }).click();
    await page.getByRole('tab', { name: '轮次总览' }).click();
    await page.getByRole('button', { name: '催办超期、滞后单位' }).click();
    const dialog = page.getByRole('dialog', { name: /催办全部超期未报、进度滞后的单位/ });
    await dialog.getByLabel('催办内容').waitFor();
    await expect.poll(() => dialog.getByLabel('催办内容').inputValue()).toContain('{单位}');
    await page.waitForTimeout(300);
    await screenshot(page, 'supervision-03-remind-dialog');
    await dialog.getByRole('button', { name: '发送催办' }).click();
    await page.getByText(/已催办 \d+ 个单位/).waitFor();
    await page.getByText(/催办记录（\d+ 个单位）/).waitFor();
    await screenshot(page, 'supervision-04-reminder-log');
    await page.getByText(/催办记录（\d+ 个单位）/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'supervision-04-reminder-log-viewport.png') });
    const after = await coordinator.call<Overview>('rounds.overview', { roundId: overview.round.id });
    expect(after.reminders.map((r) => r.unitName)).toContain(remindedUnit);
    expect(after.reminders.map((r) => r.unitName)).not.toContain(extendedUnit);
    await page.context().close();

    const clerk = await signedInPage(browser, app.url, 'b.clerk', password);
    const notice = clerk.getByText(/工作专班催办（1 条）/);
    await notice.waitFor();
    await clerk.getByText(`${remindedUnit}：请于`).waitFor();
    await screenshot(clerk, 'supervision-05-clerk-dashboard');
    await clerk.getByRole('menuitem', { name: /填报审核/ }).click();
    await clerk.getByRole('tab', { name: '我的待办' }).click();
    await clerk.getByText(/工作专班催办（1 条）/).waitFor();
    await clerk.getByText(`${remindedUnit}：请于`).waitFor();
    await screenshot(clerk, 'supervision-06-clerk-inbox');
    await clerk.context().close();

    const clerkA = new ApiClient(app.url);
    await clerkA.call('auth.login', { username: 'a.clerk', password });
    expect(await clerkA.call<unknown[]>('supervision.mine')).toEqual([]);
  });
});
