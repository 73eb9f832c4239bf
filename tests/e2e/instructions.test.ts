import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, launchBrowser, screenshot, signedInPage, startServe, type ServedApp } from './harness';

/**
 * 批示 in the browser: the leader of task 8's lead unit issues a 批示 from the plan view's task
 * drawer to one responsible unit; that unit's clerk finds it in 待办 and answers; the unit's
 * leader confirms; the issuer sees it on the 工作台, closes it from 待办, and the drawer shows it
 * 已办结.
 */
let app: ServedApp;
let browser: Browser;
const admin = new ApiClient('');
const password = 'unit-pass-1';

interface Unit {
  id: number;
  name: string;
  kind: string;
}
interface Instruction {
  id: number;
  closed: boolean;
  answers: { unitName: string; state: string; answer: string; confirmedBy: string | null; closedBy: string | null }[];
}

beforeAll(async () => {
  app = await startServe();
  browser = await launchBrowser();
  Object.assign(admin, new ApiClient(app.url));
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

async function openTask8(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '方案任务' }).click();
  await page.getByLabel('搜索任务').fill('托育');
  await page.getByText('大力发展普惠托育服务').click();
  await page.locator('.ant-drawer').getByText('领导批示').first().waitFor();
}

async function openInbox(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: /填报审核/ }).click();
  await page.getByRole('tab', { name: '我的待办' }).click();
}

describe('批示 answered and closed', () => {
  let leadUnit = '';
  let addressed = '';
  const text = '请加快普惠托位建设，月底前报告新增托位情况。';
  const answer = '已完成两处社区托育点选址，新增普惠托位 120 个。';

  it('the lead unit’s leader issues a 批示 on task 8 to a responsible unit from the task drawer', async () => {
    await admin.call('auth.setup', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' });
    const units = await admin.call<Unit[]>('units.list');
    const plan = await admin.call<{ tasks: { id: number; no: number }[] }>('plan.overview');
    const task8 = plan.tasks.find((t) => t.no === 8);
    if (!task8) throw new Error('the seed plan has task 8');
    const detail = await admin.call<{ leadUnits: string[]; responsibleUnits: string[] }>('plan.task', {
      taskId: task8.id,
    });
    leadUnit = detail.leadUnits[0] ?? '';
    addressed =
      detail.responsibleUnits.find(
        (name) => units.some((u) => u.name === name && u.kind !== 'group') && !detail.leadUnits.includes(name),
      ) ?? '';
    expect([leadUnit, addressed].every(Boolean)).toBe(true);
    const create = async (username: string, displayName: string, unitName: string, roles: string[]) => {
      const unitId = units.find((u) => u.name === unitName)?.id ?? null;
      await admin.call('users.create', { username, displayName, password, unitId, roles, mustChangePassword: false });
    };
    await create('lead.leader', '张局长', leadUnit, ['leader']);
    await create('x.clerk', '李经办', addressed, ['clerk']);
    await create('x.leader', '赵主任', addressed, ['leader']);

    const page = await signedInPage(browser, app.url, 'lead.leader', password);
    await openTask8(page);
    await page.getByRole('button', { name: '下达批示' }).click();
    const dialog = page.getByRole('dialog', { name: '对任务8下达批示' });
    await dialog.getByLabel('承办单位').fill(addressed);
    await page.locator('.ant-select-item-option', { hasText: addressed }).first().click();
    await dialog.getByLabel('批示内容').fill(text);
    const due = isoDay(new Date(Date.now() + 7 * 86_400_000));
    await dialog.getByLabel('办理时限').click();
    await dialog.getByLabel('办理时限').fill(chinaDay(due));
    await dialog.getByLabel('办理时限').press('Enter');
    await page.waitForTimeout(300);
    await screenshot(page, 'instructions-01-issue-dialog');
    await dialog.getByRole('button', { name: '下达批示' }).click();
    await page.getByText('批示已交办 1 个单位').waitFor();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText(text).waitFor();
    await drawer.getByText('领导批示（1）').waitFor();
    await drawer.getByText('待落实').first().waitFor();
    await drawer.getByText(text).scrollIntoViewIfNeeded();
    await screenshot(page, 'instructions-02-drawer-issued');
    await page.context().close();
  });

  it('the addressed unit’s clerk answers from 待办, and the unit’s leader confirms', async () => {
    const clerk = await signedInPage(browser, app.url, 'x.clerk', password);
    await openInbox(clerk);
    await clerk.getByText('待处理的领导批示（1）').waitFor();
    await clerk.getByText(text).waitFor();
    await clerk.getByLabel(`${addressed}落实情况`).fill(answer);
    await screenshot(clerk, 'instructions-03-clerk-answers');
    await clerk.getByRole('button', { name: '提交单位负责人确认' }).click();
    await clerk.getByText(`${addressed}：提交单位负责人确认完成`).waitFor();
    // Nothing more for the clerk to do: it leaves the clerk's 待办.
    await clerk.getByText('待处理的领导批示（1）').waitFor({ state: 'detached' });
    await clerk.context().close();

    const leader = await signedInPage(browser, app.url, 'x.leader', password);
    await openInbox(leader);
    await leader.getByText('待处理的领导批示（1）').waitFor();
    await leader.getByText(answer).waitFor();
    await leader.getByText('待单位负责人确认').first().waitFor();
    await screenshot(leader, 'instructions-04-leader-confirms');
    await leader.getByRole('button', { name: '确认答复' }).click();
    await leader.getByText(`${addressed}：确认答复完成`).waitFor();
    await leader.context().close();
  });

  it('the issuer sees it on the 工作台 and closes it from 待办; the drawer shows it 已办结', async () => {
    const page = await signedInPage(browser, app.url, 'lead.leader', password);
    const card = page.getByLabel('领导批示落实');
    await card.getByText('未办结批示').waitFor();
    await card.getByText(/1\/1 个单位已答复/).waitFor();
    await card.getByText('待办结').waitFor();
    await screenshot(page, 'instructions-05-dashboard');
    await openInbox(page);
    await page.getByText('待处理的领导批示（1）').waitFor();
    await page.getByText('已答复').first().waitFor();
    await screenshot(page, 'instructions-06-issuer-inbox');
    await page.getByRole('button', { name: '办结' }).click();
    await page.getByText(`${addressed}：办结完成`).waitFor();

    const issuer = new ApiClient(app.url);
    await issuer.call('auth.login', { username: 'lead.leader', password });
    const all = await issuer.call<Instruction[]>('instructions.list', { all: true });
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ closed: true });
    expect(all[0]?.answers).toEqual([
      expect.objectContaining({
        unitName: addressed,
        state: 'closed',
        answer,
        confirmedBy: '赵主任',
        closedBy: '张局长',
      }),
    ]);
    expect(await issuer.call<Instruction[]>('instructions.list')).toEqual([]);

    await openTask8(page);
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('已办结').first().waitFor();
    await drawer.getByText(answer).waitFor();
    await drawer.getByText(answer).scrollIntoViewIfNeeded();
    await screenshot(page, 'instructions-07-drawer-closed');
    await page.context().close();

    // Every step is in the audit trail, with its label.
    const audit = await admin.call<{ entries: { event: string; eventLabel: string }[] }>('audit.search', {
      limit: 500,
    });
    const steps = audit.entries.filter((e) => e.event.startsWith('instruction.')).reverse();
    expect(steps.map((e) => e.eventLabel)).toEqual(['下达批示', '提交批示落实情况', '确认批示落实情况', '办结批示']);
  });

  it('a 批示 can be written on one revision of a task’s report, from the report page', async () => {
    await admin.call('users.create', {
      username: 'zhuanban',
      displayName: '王专班',
      password,
      unitId: null,
      roles: ['coordinator'],
      mustChangePassword: false,
    });
    const coordinator = new ApiClient(app.url);
    await coordinator.call('auth.login', { username: 'zhuanban', password });
    const window = await coordinator.call<{ current: { year: number; quarter: number } }>('rounds.window');
    const round = await coordinator.call<{ id: number }>('rounds.open', {
      ...window.current,
      deadline: isoDay(new Date(Date.now() + 20 * 86_400_000)),
    });
    const overview = await coordinator.call<{ rows: { reportId: number; subjectLabel: string }[] }>('rounds.overview', {
      roundId: round.id,
    });
    const report = overview.rows.find((r) => r.subjectLabel === '任务8');
    if (!report) throw new Error('task 8 has a report in the round');

    const page = await signedInPage(browser, app.url, 'lead.leader', password);
    await page.goto(`${app.url}#/reports/${report.reportId}`);
    await page.getByRole('button', { name: '对本报告批示' }).click();
    const dialog = page.getByRole('dialog', { name: '对任务8第 1 版报告下达批示' });
    await dialog.getByLabel('承办单位').fill(addressed);
    await page.locator('.ant-select-item-option', { hasText: addressed }).first().click();
    await dialog.getByLabel('批示内容').fill('请在本季度报告中补充托位建设资金到位情况。');
    const due = isoDay(new Date(Date.now() + 5 * 86_400_000));
    await dialog.getByLabel('办理时限').click();
    await dialog.getByLabel('办理时限').fill(chinaDay(due));
    await dialog.getByLabel('办理时限').press('Enter');
    await dialog.getByRole('button', { name: '下达批示' }).click();
    await page.getByText('领导批示（1）').waitFor();
    await page.getByText('请在本季度报告中补充托位建设资金到位情况。').first().waitFor();
    await page.getByText('针对第 1 版报告', { exact: false }).first().waitFor();
    await screenshot(page, 'instructions-08-report-page');
    await page.context().close();

    const onTask = await coordinator.call<(Instruction & { reportId: number | null })[]>('instructions.list');
    expect(onTask.map((i) => i.reportId)).toEqual([report.reportId]);
  });
});
