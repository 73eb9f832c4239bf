import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, startServe, type ServedApp } from './harness';

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

describe('first start in the browser mode', () => {
  it('shows the seed plan with its 55 tasks in Chinese, by category', async () => {
    const page = await openPage(browser, `${app.url}#/plan`);
    await page.getByText('郑州经开区贯彻落实郑州市儿童友好城市建设工作方案').first().waitFor();
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(55);
    await expect.poll(() => page.getByText('（一）', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByText('大力发展普惠托育服务').count()).toBe(1);
    await screenshot(page, '01-plan-tasks');

    // Filter by a unit: only tasks it leads or shares remain.
    await page.getByLabel('搜索任务').fill('托育');
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeLessThan(55);
    await page.getByText('大力发展普惠托育服务').click();
    await page.locator('.ant-drawer').getByText('牵头单位').waitFor();
    await expect.poll(() => page.locator('.ant-drawer mark.luoshi-target').count()).toBeGreaterThan(0);
    await screenshot(page, '02-task-detail');
  });
});
