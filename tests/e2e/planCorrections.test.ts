import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPlanFile } from '../../src/main/core/importer';
import { resourcesDir } from '../helpers/tempDir';
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
 * The correction step of the plan import, in the browser: a coordinator reads the plan, fixes a
 * task's title and one unit's role in the preview, imports, and finds both in the plan view.
 */
let app: ServedApp;
let browser: Browser;
let admin: ApiClient;

beforeAll(async () => {
  app = await startServe();
  browser = await launchBrowser();
  admin = new ApiClient(app.url);
  await admin.call('auth.setup', { username: 'admin', displayName: '王管理', password: 'Gu4nli-Yuan-2025' });
  const units = await admin.call<{ id: number; name: string }[]>('units.directory');
  const unitId = units.find((u) => u.name === '区社会事业局')?.id ?? null;
  await admin.call('users.create', {
    username: 'coord',
    displayName: '周专班',
    password: 'Zhuan-Ban-2025x',
    unitId,
    roles: ['coordinator'],
    mustChangePassword: false,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('correcting the plan before it is stored', () => {
  it('fixes a title and a unit role in the preview, imports, and shows them in the plan view', async () => {
    const page = await signedInPage(browser, app.url, 'coord', 'Zhuan-Ban-2025x');
    await page.goto(`${app.url}#/settings/plan`);
    await page.getByLabel('选择方案文件').setInputFiles({
      name: '儿童友好方案.txt',
      mimeType: 'text/plain',
      buffer: readFileSync(seedPlanFile(resourcesDir)),
    });
    await page.getByText('识别结果：儿童友好方案.txt').waitFor();

    await page.getByRole('button', { name: '更正第 8 项' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('任务名称').fill('大力发展普惠托育和婴幼儿照护服务');
    await dialog.getByRole('radiogroup', { name: '区教育文化体育局的角色' }).getByText('指导').click();
    await screenshot(page, 'plan-correction-dialog');
    await dialog.getByRole('button', { name: /保存更正/ }).click();
    await page.getByText('本次更正 2 条（导入时保存并记入审计日志）').waitFor();
    await page.getByRole('cell', { name: '大力发展普惠托育和婴幼儿照护服务' }).waitFor();
    await screenshot(page, 'plan-correction-preview');

    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText(/按更正 2 条修改后写入/).waitFor();
    await page.getByRole('button', { name: /^导\s?入$/ }).click();
    await page.getByText('方案已导入').waitFor();

    await page.getByRole('menuitem', { name: '方案任务' }).click();
    await page.getByText('大力发展普惠托育和婴幼儿照护服务').click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('指导单位').waitFor();
    const guiding = drawer.locator('tr', { hasText: '指导单位' });
    expect(await guiding.innerText()).toContain('区教育文化体育局');
    expect(await drawer.locator('tr', { hasText: '责任单位' }).innerText()).not.toContain('区教育文化体育局');
    expect(await drawer.locator('tr', { hasText: '牵头单位' }).innerText()).toContain('区社会事业局');
    await screenshot(page, 'plan-correction-task-view');
    await page.screenshot({ path: join(screenshotDir, 'plan-correction-task-drawer.png') });

    // Stored with the plan and audited: the coordinator's two corrections in one import entry.
    const coord = new ApiClient(app.url);
    await coord.call('auth.login', { username: 'coord', password: 'Zhuan-Ban-2025x' });
    const overview = await coord.call<{ tasks: { id: number; no: number; title: string }[] }>('plan.overview');
    const task8 = overview.tasks.find((t) => t.no === 8)!;
    expect(task8.title).toBe('大力发展普惠托育和婴幼儿照护服务');
    const detail = await coord.call<{ unitRoles: { unit: string; role: string }[] }>('plan.task', { taskId: task8.id });
    expect(detail.unitRoles).toContainEqual({ unit: '区教育文化体育局', role: 'guiding' });
  }, 180_000);
});
