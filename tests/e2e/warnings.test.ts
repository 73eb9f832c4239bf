import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, launchBrowser, screenshot, signedInPage, startServe, type ServedApp } from './harness';
import { sceneOf } from './scene';

/**
 * 三色预警 and 催办 in the browser: a task red (overdue) in the plan view turns green once its
 * report is filed, its drawer shows the quarter-by-quarter trend; the task force reminds one unit
 * and then every overdue unit from the 工作台 and exports the 催办通知.
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
interface Party {
  name: string;
}
interface ReportView {
  id: number;
  title: string;
  state: string;
  version: number;
  draftingUnit: string | null;
  reviewers: Party[];
  signers: Party[];
  content: {
    progress: string;
    indicatorValues: { indicatorId: number; value: number | null; noNewProgress?: boolean }[];
  } & Record<string, unknown>;
}
interface Overview {
  round: { id: number };
  rows: {
    reportId: number;
    kind: string;
    taskId: number | null;
    no: number | null;
    title: string;
    warning: string;
    status: string;
    draftingUnit: string | null;
  }[];
  units: { unitId: number; unitName: string; level: string; overdue: number }[];
  reminders: { unitName: string; count: number }[];
}

let units: Unit[];
let roundId: number;
let target: ReportView;
let targetNo: number;
const leaderOf = new Map<string, string>();
const scene = sceneOf(
  admin,
  () => app.url,
  () => units,
  password,
);

/** A new account, signed in. */
async function createUser(username: string, unitName: string | null, roles: string[]): Promise<ApiClient> {
  await scene.createUser(username, unitName, roles);
  return scene.as(username);
}

async function act(client: ApiClient, event: string, opinion?: string): Promise<void> {
  const view = await client.call<ReportView>('reports.get', { reportId: target.id });
  await client.call('reports.transition', {
    reportId: target.id,
    version: view.version,
    event,
    ...(opinion ? { opinion } : {}),
  });
}

/** The plan view's row of the target task. */
function planRow(page: Page) {
  return page.locator('.ant-table-row', { has: page.getByRole('link', { name: target.title, exact: true }) });
}

beforeAll(async () => {
  app = await startServe();
  browser = await launchBrowser();
  Object.assign(admin, new ApiClient(app.url));
  Object.assign(coordinator, new ApiClient(app.url));
  await admin.call('auth.setup', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' });
  units = await admin.call<Unit[]>('units.list');
  await createUser('zhuanban', '区经济发展局', ['coordinator']);
  await coordinator.call('auth.login', { username: 'zhuanban', password });
  // The quarter before the current one, due on its first day: long past, so every task is overdue (red).
  const window = await coordinator.call<{ current: { year: number; quarter: number } }>('rounds.window');
  const previous =
    window.current.quarter === 1
      ? { year: window.current.year - 1, quarter: 4 }
      : { year: window.current.year, quarter: window.current.quarter - 1 };
  const deadline = new Date(Date.UTC(previous.year, (previous.quarter - 1) * 3, 1)).toISOString().slice(0, 10);
  roundId = (await coordinator.call<{ id: number }>('rounds.open', { ...previous, deadline })).id;
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('三色预警', () => {
  it('a red task turns green in the plan view once its report is filed; its drawer shows the trend', async () => {
    const overview = await coordinator.call<Overview>('rounds.overview', { roundId });
    const views: ReportView[] = [];
    for (const row of overview.rows.filter((r) => r.kind === 'task'))
      views.push(await coordinator.call<ReportView>('reports.get', { reportId: row.reportId }));
    target = views
      .filter((v) => v.reviewers.length === 1 && v.signers.length > 0)
      .sort((a, b) => a.signers.length - b.signers.length)[0]!;
    const row = overview.rows.find((r) => r.reportId === target.id)!;
    targetNo = row.no ?? 0;
    expect(row).toMatchObject({ status: 'overdue', warning: 'red' });

    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.getByRole('menuitem', { name: '方案任务' }).click();
    await page.getByLabel('搜索任务').fill(String(targetNo));
    await planRow(page).getByText('红', { exact: true }).waitFor();
    await screenshot(page, 'warnings-01-plan-red');

    // The unit drafts, its leader approves, every responsible unit signs, the task force files.
    const lead = target.draftingUnit!;
    const clerk = await createUser('lead.clerk', lead, ['clerk']);
    const leader = await createUser('lead.leader', lead, ['leader']);
    const draft = await clerk.call<ReportView>('reports.get', { reportId: target.id });
    await clerk.call('reports.update', {
      reportId: target.id,
      version: draft.version,
      content: {
        ...draft.content,
        progress: '本季度召开专题推进会2次，按计划推进。',
        indicatorValues: draft.content.indicatorValues.map((v) => ({ ...v, value: null, noNewProgress: true })),
      },
    });
    await act(clerk, 'report.submit');
    await act(leader, 'report.approve', '同意上报。');
    for (const [i, signer] of target.signers.entries()) {
      const username = `signer${i + 1}.leader`;
      leaderOf.set(signer.name, username);
      await act(await createUser(username, signer.name, ['leader']), 'report.sign');
    }
    await act(coordinator, 'report.file');
    expect((await coordinator.call<ReportView>('reports.get', { reportId: target.id })).state).toBe('filed');

    await page.reload();
    await page.getByRole('menuitem', { name: '方案任务' }).click();
    await page.getByLabel('搜索任务').fill(String(targetNo));
    await planRow(page).getByText('绿', { exact: true }).waitFor();
    expect(await planRow(page).getByText('红', { exact: true }).count()).toBe(0);
    await screenshot(page, 'warnings-02-plan-green');

    await planRow(page).getByRole('link', { name: target.title, exact: true }).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('各季度趋势').waitFor();
    const trendTable = drawer.getByRole('table').last();
    await trendTable.getByText('正常推进').waitFor();
    await drawer.getByRole('button', { name: '导出趋势表' }).waitFor();
    await drawer.getByText('各季度趋势').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await screenshot(page, 'warnings-03-drawer-trend');
    const download = page.waitForEvent('download');
    await drawer.getByRole('button', { name: '导出趋势表' }).click();
    expect((await download).suggestedFilename()).toMatch(new RegExp(`第${targetNo}项任务趋势表\\.xlsx$`));
    await page.context().close();

    const after = await coordinator.call<Overview>('rounds.overview', { roundId });
    expect(after.rows.find((r) => r.reportId === target.id)).toMatchObject({ status: 'onTrack', warning: 'green' });
  });
});

describe('催办 from the 工作台', () => {
  it('reminds one unit, then every overdue unit, and exports the 催办通知', async () => {
    const before = await coordinator.call<Overview>('rounds.overview', { roundId });
    const overdue = before.units.filter((u) => u.overdue > 0);
    expect(overdue.length).toBeGreaterThan(1);
    const first = overdue[0]!;
    const clerk = await createUser('first.clerk', first.unitName, ['clerk']);

    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    const card = page.locator('.ant-card', { hasText: '单位预警' });
    await card.getByText(first.unitName, { exact: true }).waitFor();
    await screenshot(page, 'warnings-04-dashboard-units');
    await card.getByRole('button', { name: `催办${first.unitName}` }).click();
    const one = page.getByRole('dialog', { name: `催办${first.unitName}` });
    await expect.poll(() => one.getByLabel('催办内容').inputValue()).toContain('{单位}');
    await one.getByRole('button', { name: '发送催办' }).click();
    await page.getByText(`已催办 1 个单位：${first.unitName}`).waitFor();
    expect((await clerk.call<{ unitName: string }[]>('supervision.mine')).map((r) => r.unitName)).toEqual([
      first.unitName,
    ]);

    await card.getByRole('button', { name: '催办全部' }).click();
    const all = page.getByRole('dialog', { name: /催办全部超期未报、进度滞后的单位/ });
    await expect.poll(() => all.getByLabel('催办内容').inputValue()).toContain('{单位}');
    await page.waitForTimeout(300);
    await screenshot(page, 'warnings-05-dashboard-remind-all');
    await all.getByRole('button', { name: '发送催办' }).click();
    await page.getByText(new RegExp(`已催办 ${overdue.length} 个单位`)).waitFor();
    const reminded = await coordinator.call<Overview>('rounds.overview', { roundId });
    expect(reminded.reminders.find((r) => r.unitName === first.unitName)?.count).toBe(2);
    expect(new Set(reminded.reminders.map((r) => r.unitName))).toEqual(new Set(overdue.map((u) => u.unitName)));

    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: '催办通知' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^关于催报.*工作进展情况的通知\.docx$/);
    await screenshot(page, 'warnings-06-dashboard-after');
    await page.context().close();
  });
});

describe('取消延期 on the 轮次总览', () => {
  it('takes one unit’s extension back with a reason; its reports are overdue again', async () => {
    const before = await coordinator.call<Overview>('rounds.overview', { roundId });
    const unit = before.units.find((u) => u.overdue > 0)!;
    const later = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await coordinator.call('rounds.extend', {
      roundId,
      unitId: unit.unitId,
      deadline: later,
      reason: '机构调整，申请延期',
    });
    const extended = await coordinator.call<Overview>('rounds.overview', { roundId });
    expect(extended.units.find((u) => u.unitId === unit.unitId)?.overdue).toBe(0);

    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.getByRole('menuitem', { name: /填报审核/ }).click();
    await page.getByRole('tab', { name: '轮次总览' }).click();
    await page.getByText('已延期单位（1）').waitFor();
    await page.getByText(/单位预警（\d+ 个单位）/).waitFor();
    await screenshot(page, 'warnings-07-overview-extension-and-units');
    await page.getByRole('button', { name: `取消${unit.unitName}的延期` }).click();
    const dialog = page.getByRole('dialog', { name: `取消${unit.unitName}的延期` });
    await dialog.getByLabel('取消延期理由').fill('延期申请未获批准');
    await screenshot(page, 'warnings-08-cancel-extension-dialog');
    await dialog.getByRole('button', { name: '确认取消延期' }).click();
    await page.getByText(`已取消${unit.unitName}的延期，恢复本轮截止日期`).waitFor();
    await expect.poll(() => page.getByText('已延期单位（1）').count()).toBe(0);
    await page.context().close();

    const after = await coordinator.call<Overview>('rounds.overview', { roundId });
    expect(after.units.find((u) => u.unitId === unit.unitId)).toMatchObject({ level: 'red', overdue: unit.overdue });
    // Newest first: the cancellation is the latest entry, with its reason.
    const audit = await admin.call<{ entries: { event: string; opinion: string | null }[] }>('audit.search', {});
    expect(audit.entries[0]).toMatchObject({ event: 'round.extend.cancel' });
    expect(audit.entries[0]?.opinion).toContain('延期申请未获批准');
  });
});
