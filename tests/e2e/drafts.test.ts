import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, launchBrowser, screenshot, signedInPage, startServe, type ServedApp } from './harness';

/**
 * Issue 12, in the browser: drafts are never lost (a sidebar click asks, autosave survives a
 * reload, a refused stale save keeps the text), an empty report cannot be submitted, 撤回 asks
 * for a reason that the clerk then sees, a double click submits once, and 待办 follows other
 * users' actions.
 */
let app: ServedApp;
let browser: Browser;
const password = 'unit-pass-1';

interface Indicator {
  indicatorId: number;
  metric: string;
}
interface ReportView {
  id: number;
  title: string;
  state: string;
  version: number;
  draftingUnit: string | null;
  reviewers: { name: string }[];
  indicators: Indicator[];
  content: {
    progress: string;
    problems: string;
    nextSteps: string;
    completed: boolean;
    indicatorValues: { indicatorId: number; value: number | null; note: string; noNewProgress?: boolean }[];
  };
}

/** The bits of the page's window the tests touch (the test project has no DOM types). */
interface BrowserWindow {
  Event: new (type: string, init?: { cancelable?: boolean }) => { defaultPrevented: boolean };
  dispatchEvent(event: unknown): boolean;
}

const admin = new ApiClient('');
const coordinator = new ApiClient('');
const clerkApi = new ApiClient('');
const clerk2Api = new ApiClient('');
/** Task reports of one lead unit, each with at least one indicator. */
let reports: ReportView[] = [];

async function login(client: ApiClient, username: string): Promise<void> {
  await client.call('auth.login', { username, password });
}

const view = (id: number) => clerkApi.call<ReportView>('reports.get', { reportId: id });

/** Make a report submittable through the API, as its clerk would in the editor. */
async function complete(id: number): Promise<ReportView> {
  const current = await view(id);
  return clerkApi.call<ReportView>('reports.update', {
    reportId: id,
    version: current.version,
    content: {
      ...current.content,
      progress: '本季度召开推进会 2 次。',
      indicatorValues: current.content.indicatorValues.map((v) => ({ ...v, value: null, noNewProgress: true })),
    },
  });
}

async function openReport(page: Page, id: number): Promise<void> {
  await page.goto(`${app.url}#/reports/${id}`);
  await page.getByText('报告内容').waitFor();
}

beforeAll(async () => {
  app = await startServe();
  browser = await launchBrowser();
  for (const client of [admin, coordinator, clerkApi, clerk2Api]) Object.assign(client, new ApiClient(app.url));
  await admin.call('auth.setup', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' });
  const units = await admin.call<{ id: number; name: string }[]>('units.list');
  const user = async (username: string, displayName: string, unitName: string | null, roles: string[]) =>
    admin.call('users.create', {
      username,
      displayName,
      password,
      unitId: unitName === null ? null : (units.find((u) => u.name === unitName)?.id ?? null),
      roles,
      mustChangePassword: false,
    });
  await user('zhuanban', '王专班', '区经济发展局', ['coordinator']);
  await login(coordinator, 'zhuanban');
  const now = new Date();
  const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  const round = await coordinator.call<{ id: number }>('rounds.open', {
    year: now.getUTCFullYear(),
    quarter,
    deadline: `${now.getUTCFullYear() + 1}-01-10`,
  });
  const overview = await coordinator.call<{ rows: { reportId: number; kind: string; leadUnits: string[] }[] }>(
    'rounds.overview',
    { roundId: round.id },
  );
  const views: ReportView[] = [];
  for (const row of overview.rows.filter((r) => r.kind === 'task'))
    views.push(await coordinator.call<ReportView>('reports.get', { reportId: row.reportId }));
  // The lead unit with the most single-lead task reports that carry indicators.
  const byUnit = new Map<string, ReportView[]>();
  for (const v of views)
    if (v.reviewers.length === 1 && v.indicators.length > 0 && v.draftingUnit)
      byUnit.set(v.draftingUnit, [...(byUnit.get(v.draftingUnit) ?? []), v]);
  const [unit, mine] = [...byUnit.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
  expect(mine.length).toBeGreaterThanOrEqual(4);
  reports = mine;
  await user('d.clerk', '李经办', unit, ['clerk']);
  await user('d.clerk2', '孙经办', unit, ['clerk']);
  await user('d.leader', '张负责', unit, ['leader']);
  await login(clerkApi, 'd.clerk');
  await login(clerk2Api, 'd.clerk2');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('drafts are never lost', () => {
  it('asks before a sidebar click leaves unsaved text, autosaves, and keeps the draft across a reload', async () => {
    const page = await signedInPage(browser, app.url, 'd.clerk', password);
    const report = reports[0]!;
    await openReport(page, report.id);
    await page.getByLabel('进展情况').fill('新建社区托育点 3 处，新增托位 120 个。');
    // Leaving at once: the app holds the route change and asks.
    await page.getByRole('menuitem', { name: /工作台/ }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '离开前保存修改？' }).waitFor();
    await screenshot(page, 'd-01-leave-prompt');
    await page.getByRole('button', { name: '留在本页' }).click();
    expect(page.url()).toContain(`#/reports/${report.id}`);
    expect(await page.getByLabel('进展情况').inputValue()).toBe('新建社区托育点 3 处，新增托位 120 个。');
    // Reload and close are covered by beforeunload while the text is unsaved.
    const held = await page.evaluate(() => {
      const w = globalThis as unknown as BrowserWindow;
      const event = new w.Event('beforeunload', { cancelable: true });
      w.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(held).toBe(true);
    await page.getByRole('menuitem', { name: /工作台/ }).click();
    await page.getByRole('button', { name: '保存并离开' }).click();
    await page.waitForURL(/#\/home$/);
    expect((await view(report.id)).content.progress).toBe('新建社区托育点 3 处，新增托位 120 个。');

    // Back on the report: typing stops, the editor saves by itself, and a reload keeps the text.
    await openReport(page, report.id);
    await page.getByLabel('存在问题').fill('部分社区用地紧张。');
    await page.getByText(/已自动保存/).waitFor({ timeout: 10_000 });
    await screenshot(page, 'd-02-autosaved');
    await page.reload();
    await page.getByText('报告内容').waitFor();
    expect(await page.getByLabel('存在问题').inputValue()).toBe('部分社区用地紧张。');
    expect(await page.getByLabel('进展情况').inputValue()).toBe('新建社区托育点 3 处，新增托位 120 个。');
    await page.context().close();
  });

  it('reads a value typed with full-width digits and its unit, and asks a reason for an unusual one', async () => {
    const page = await signedInPage(browser, app.url, 'd.clerk', password);
    const report = reports[reports.length - 1]!;
    await openReport(page, report.id);
    const indicator = report.indicators[0]!;
    const input = page.getByLabel(`${indicator.metric}本季度值`);
    const stored = async () =>
      (await view(report.id)).content.indicatorValues.find((v) => v.indicatorId === indicator.indicatorId);
    await input.fill('６');
    await input.blur();
    await expect.poll(async () => (await stored())?.value, { timeout: 15_000 }).toBe(6);
    // An implausible value: the editor asks for the reason beside it.
    await input.fill('99999999999');
    await input.blur();
    await page.getByLabel(`${indicator.metric}说明`).waitFor();
    await screenshot(page, 'd-11-unusual-value');
    await page.getByLabel(`${indicator.metric}说明`).fill('含全市统计口径');
    await expect.poll(async () => (await stored())?.note, { timeout: 15_000 }).toBe('含全市统计口径');
    expect((await stored())?.value).toBe(99_999_999_999);
    await page.context().close();
  });

  it('keeps the user’s text beside the current version when a save is refused as stale', async () => {
    const page = await signedInPage(browser, app.url, 'd.clerk', password);
    const report = reports[1]!;
    await openReport(page, report.id);
    // A colleague of the same unit saves first.
    const current = await view(report.id);
    await clerk2Api.call('reports.update', {
      reportId: report.id,
      version: current.version,
      content: { ...current.content, progress: '同事写的进展。' },
    });
    await page.getByLabel('进展情况').fill('我写的进展，不能丢。');
    await page.getByText('您未保存成功的内容').waitFor({ timeout: 10_000 });
    await page.getByText('我写的进展，不能丢。').waitFor();
    // The editor shows the current version beside it.
    await expect.poll(() => page.getByLabel('进展情况').inputValue()).toBe('同事写的进展。');
    await screenshot(page, 'd-03-stale-kept');
    await page.getByRole('button', { name: '用我的内容替换编辑区' }).click();
    await page.getByText(/已自动保存/).waitFor({ timeout: 10_000 });
    expect((await view(report.id)).content.progress).toBe('我写的进展，不能丢。');
    await page.context().close();
  });
});

describe('guards where a person errs', () => {
  it('refuses an empty submission and says what is missing', async () => {
    const page = await signedInPage(browser, app.url, 'd.clerk', password);
    const report = reports[2]!;
    await openReport(page, report.id);
    const submit = page.getByRole('button', { name: '提交审核' });
    expect(await submit.isDisabled()).toBe(true);
    await page.getByText('提交审核前还需补充：').waitFor();
    await page.getByText('进展情况未填写').waitFor();
    await page.getByText(new RegExp(`指标.*「${report.indicators[0]!.metric}」.*未填写本季度值`)).waitFor();
    await screenshot(page, 'd-04-empty-submit');
    // The core refuses it too when the interface is bypassed.
    const refused = await clerkApi.raw('reports.transition', {
      reportId: report.id,
      version: (await view(report.id)).version,
      event: 'report.submit',
    });
    const body = (await refused.json()) as { ok: boolean; error: { message: string } };
    expect(body.ok).toBe(false);
    expect(body.error.message).toContain('进展情况未填写');
    // Filling in the text and marking the indicators 无新进展 releases the button.
    await page.getByLabel('进展情况').fill('本季度完成方案细化。');
    for (const box of await page.getByRole('checkbox', { name: /无新进展$/ }).all()) await box.check();
    await expect.poll(() => submit.isEnabled()).toBe(true);
    await page.context().close();
  });

  it('submits a double-clicked 提交审核 once; 撤回 asks for a reason that the clerk sees in 待办', async () => {
    const report = reports[3]!;
    await complete(report.id);
    const page = await signedInPage(browser, app.url, 'd.clerk', password);
    await openReport(page, report.id);
    await page.getByRole('button', { name: '提交审核' }).dblclick();
    await page.getByText('已提交审核').first().waitFor();
    await page.waitForTimeout(1000);
    expect(await page.getByText(/请刷新/).count()).toBe(0);
    expect(await page.locator('.ant-message-notice').count()).toBe(1);
    const submits = (await clerkApi.call<{ event: string }[]>('reports.timeline', { reportId: report.id })).filter(
      (e) => e.event === 'report.submit',
    );
    expect(submits).toHaveLength(1);

    const leader = await signedInPage(browser, app.url, 'd.leader', password);
    await openReport(leader, report.id);
    await leader.getByRole('button', { name: '撤回' }).click();
    const dialog = leader.getByRole('dialog');
    await dialog.getByText('请填写撤回理由（必填）', { exact: false }).waitFor();
    expect(await dialog.getByRole('button', { name: '撤回' }).isDisabled()).toBe(true);
    await leader.getByLabel('意见').fill('指标口径有误，请核实后再报。');
    await screenshot(leader, 'd-05-withdraw-reason');
    await dialog.getByRole('button', { name: '撤回' }).click();
    await leader.getByText('已撤回').first().waitFor();
    expect((await view(report.id)).state).toBe('drafting');

    await page.getByRole('menuitem', { name: /填报审核/ }).click();
    await page.getByText('已撤回：指标口径有误，请核实后再报。').waitFor();
    // The badge was read with the list: they agree.
    const listed = await page.locator('.ant-table-row').count();
    await expect.poll(() => page.locator('.ant-menu .ant-badge').innerText()).toBe(String(listed));
    await screenshot(page, 'd-06-withdrawn-in-inbox');
    // And on the report itself.
    await page.getByRole('link', { name: report.title }).first().click();
    await page.getByText('已撤回：指标口径有误，请核实后再报。').waitFor();
    await page.context().close();
    await leader.context().close();
  });
});

describe('live lists', () => {
  it('待办 and its badge follow another user’s action without a reload', async () => {
    const leader = await signedInPage(browser, app.url, 'd.leader', password);
    await leader.getByRole('menuitem', { name: /填报审核/ }).click();
    const rows = leader.locator('.ant-table-row');
    await leader.getByText(/我的待办（\d+）/).waitFor();
    const report = reports[2]!;
    const row = rows.filter({ hasText: report.title });
    // The leader's unit drafts it: until the clerk submits, it waits for them as 起草.
    expect(await row.locator('.ant-tag').first().innerText()).toBe('起草');
    const count = await rows.count();
    const badge = () =>
      leader
        .locator('.ant-menu .ant-badge')
        .innerText()
        .catch(() => '0');
    await expect.poll(badge).toBe(String(count));

    // The clerk submits it while the leader's 待办 is on screen.
    const ready = await complete(report.id);
    await clerkApi.call('reports.transition', { reportId: report.id, version: ready.version, event: 'report.submit' });
    // The leader comes back to the window: the list and the badge follow without a reload.
    await leader.evaluate(() => {
      const w = globalThis as unknown as BrowserWindow;
      w.dispatchEvent(new w.Event('focus'));
    });
    await expect.poll(() => row.locator('.ant-tag').first().innerText(), { timeout: 10_000 }).toBe('审核');
    await expect.poll(async () => String(await rows.count())).toBe(await badge());
    await screenshot(leader, 'd-07-inbox-refreshed');
    await leader.context().close();
  });
});

describe('smaller points', () => {
  it('folds the round notes, keeps a fill-in refusal on screen, and offers a unit added a moment ago', async () => {
    const page = await signedInPage(browser, app.url, 'zhuanban', password);
    await page.getByRole('menuitem', { name: /填报审核/ }).click();
    await page.getByRole('tab', { name: '轮次总览' }).click();
    const notice = page.getByText(/^开启轮次时的提示（\d+ 条）$/);
    await notice.waitFor();
    const folded = await page.locator('.ant-alert-warning').first().boundingBox();
    expect(folded?.height ?? 0).toBeLessThan(120);
    await screenshot(page, 'd-08-round-notes-folded');
    await page.getByRole('button', { name: '展开' }).click();
    const open = await page.locator('.ant-alert-warning').first().boundingBox();
    expect(open?.height ?? 0).toBeGreaterThan(folded?.height ?? 0);
    expect(open?.height ?? 0).toBeLessThan(768 * 0.45);

    // A file that is no fill-in sheet: the refusal stays beside the import, not in a fading toast.
    await page.getByRole('menuitem', { name: '台账导出' }).click();
    const unitName = reports[0]!.draftingUnit!;
    await page.getByLabel('填报单位').fill(unitName);
    await page.locator('.ant-select-item-option', { hasText: unitName }).first().click();
    await page.getByLabel('选择填报表文件').setInputFiles({
      name: '错误的文件.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('not a workbook'),
    });
    const refusal = page.locator('.ant-alert-error', { hasText: '「错误的文件.xlsx」未能读取' });
    await refusal.waitFor();
    await page.waitForTimeout(4000);
    expect(await refusal.isVisible()).toBe(true);
    await screenshot(page, 'd-09-fillin-refusal-inline');
    await page.context().close();

    // A unit added in the directory is offered by the account dialog without a reload.
    const adminPage = await signedInPage(browser, app.url, 'admin', 'admin-pass-1');
    await adminPage.getByRole('menuitem', { name: '设置' }).click();
    await adminPage.getByRole('tab', { name: '账号管理' }).click();
    await adminPage.getByRole('button', { name: '新建账号' }).click();
    await adminPage.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await admin.call('units.create', { name: '区新设服务中心', kind: 'unit' });
    await adminPage.getByRole('button', { name: '新建账号' }).click();
    // Let the dialog finish opening, so the list drops down under the field.
    await adminPage.waitForTimeout(500);
    await adminPage.getByRole('dialog').getByLabel('所属单位').fill('区新设');
    await adminPage.locator('.ant-select-item-option', { hasText: '区新设服务中心' }).waitFor();
    await adminPage.waitForTimeout(400); // the list's opening animation, for the screenshot
    await screenshot(adminPage, 'd-10-new-unit-offered');
    await adminPage.context().close();
  });
});
