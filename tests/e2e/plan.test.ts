import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, launchBrowser, openPage, screenshot, startServe, type ServedApp } from './harness';

let app: ServedApp;
let browser: Browser;

beforeAll(async () => {
  app = await startServe();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('journey 1: first run', () => {
  it('creates the administrator, shows the seed plan’s 55 tasks in Chinese, and adds users for two units', async () => {
    const page = await openPage(browser, app.url);
    await page.getByText('首次使用：请创建管理员账号').waitFor();
    await screenshot(page, 'j1-01-setup');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('姓名').fill('王管理');
    await page.getByLabel('密码', { exact: true }).fill('admin-pass-1');
    await page.getByLabel('确认密码').fill('admin-pass-1');
    await page.getByRole('button', { name: '创建管理员并登录' }).click();
    await page.getByRole('button', { name: '当前用户' }).waitFor();

    await page.getByRole('menuitem', { name: '方案任务' }).click();
    await page.getByText('郑州经开区贯彻落实郑州市儿童友好城市建设工作方案').first().waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(55);
    expect(await page.getByText('大力发展普惠托育服务').count()).toBe(1);
    await screenshot(page, 'j1-02-plan-tasks');

    await page.getByLabel('搜索任务').fill('托育');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeLessThan(55);
    await page.getByText('大力发展普惠托育服务').click();
    await page.locator('.ant-drawer').getByText('牵头单位').waitFor();
    await expect.poll(() => page.locator('.ant-drawer mark.luoshi-target').count()).toBeGreaterThan(0);
    await screenshot(page, 'j1-03-task-detail');
    await page.keyboard.press('Escape');

    // Users for two units, through the settings screen.
    const people = [
      { username: 'shiye.clerk', name: '李经办', unit: '区社会事业局', role: '经办人' },
      { username: 'jiaoyu.leader', name: '赵负责', unit: '区教育文化体育局', role: '负责人' },
    ];
    await page.getByRole('menuitem', { name: '设置' }).click();
    for (const person of people) {
      await page.getByRole('button', { name: '新建账号' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('用户名').fill(person.username);
      await dialog.getByLabel('姓名').fill(person.name);
      await dialog.getByLabel('初始密码').fill('unit-pass-1');
      await dialog.getByLabel('所属单位').fill(person.unit);
      await page.locator('.ant-select-item-option', { hasText: person.unit }).first().click();
      await dialog.getByLabel('经办人').setChecked(person.role === '经办人');
      await dialog.getByLabel('负责人').setChecked(person.role === '负责人');
      await dialog.getByRole('button', { name: '保存' }).click();
      await page.getByRole('cell', { name: person.username, exact: true }).waitFor();
    }
    await screenshot(page, 'j1-04-users');

    // The accounts exist in the core, with the units chosen.
    const api = new ApiClient(app.url);
    await api.call('auth.login', { username: 'admin', password: 'admin-pass-1' });
    const users = await api.call<{ username: string; unitName: string | null; roles: string[] }[]>('users.list');
    expect(users.find((u) => u.username === 'shiye.clerk')).toMatchObject({
      unitName: '区社会事业局',
      roles: ['clerk'],
    });
    expect(users.find((u) => u.username === 'jiaoyu.leader')).toMatchObject({
      unitName: '区教育文化体育局',
      roles: ['leader'],
    });
  });
});

describe('keyboard-only use', () => {
  it('signs in, moves between sections with Alt+N and searches with / without a mouse', async () => {
    const page = await openPage(browser, app.url);
    await page.getByLabel('用户名').waitFor();
    // The user name field has the focus on arrival.
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('admin-pass-1');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '当前用户' }).waitFor();

    await page.keyboard.press('Alt+2');
    await page.getByText('郑州经开区贯彻落实郑州市儿童友好城市建设工作方案').first().waitFor();
    await page.keyboard.press('Alt+3');
    await page.getByRole('tab', { name: '我的待办' }).waitFor();

    await page.keyboard.press('/');
    await page.keyboard.type('托育');
    await page.keyboard.press('Enter');
    await page.getByText(/找到 \d+ 条结果/).waitFor();
    expect(await page.getByRole('link', { name: '8. 大力发展普惠托育服务' }).count()).toBe(1);
    // A result link opens with Enter.
    await page.getByRole('link', { name: '8. 大力发展普惠托育服务' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.ant-drawer').getByText('牵头单位').waitFor();
    await screenshot(page, 'j7-keyboard-search');
  });
});
