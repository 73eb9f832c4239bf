import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, launchBrowser, openPage, screenshot, signedInPage, startServe, type ServedApp } from './harness';

/**
 * The administrator's own screens in the browser: back up now on 设置 › 备份, change something,
 * restore the backup from the same screen (checked first, as `luoshi restore` does), and see the
 * change gone; then search and verify the audit trail on 设置 › 审计.
 */
let app: ServedApp;
let browser: Browser;
let admin: ApiClient;

beforeAll(async () => {
  app = await startServe();
  browser = await launchBrowser();
  admin = new ApiClient(app.url);
  await admin.call('auth.setup', { username: 'admin', displayName: '王管理', password: 'Gu4nli-Yuan-2025' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('备份 and 审计 from the admin screen', () => {
  it('makes a backup, restores it, and the data is as it was', async () => {
    const page = await signedInPage(browser, app.url, 'admin', 'Gu4nli-Yuan-2025');
    await page.goto(`${app.url}#/settings/backup`);
    await page.getByText('还没有备份').waitFor();
    await page.getByRole('button', { name: '立即备份' }).click();
    // The name the toast gives is the one to restore (serve may also have made its first automatic backup).
    const toast = page.locator('.ant-message', { hasText: '已备份：' });
    await toast.waitFor();
    const name = /luoshi-[\d-]+\.luoshibak/.exec(await toast.innerText())?.[0] ?? '';
    expect(name).not.toBe('');
    const row = page.locator('tr', { hasText: name });
    await row.first().waitFor();
    await screenshot(page, 'admin-backup-list');

    // A change after the backup: the restore takes it away.
    await admin.call('users.create', {
      username: 'later',
      displayName: '后来者',
      password: 'Houlai-Zhe-2025',
      unitId: null,
      roles: ['coordinator'],
    });
    expect((await admin.call<{ username: string }[]>('users.list')).map((u) => u.username)).toContain('later');

    await row.first().getByRole('button', { name: '恢复…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('备份文件校验通过').waitFor();
    await dialog.getByText('备份中的审计记录校验通过').waitFor();
    await screenshot(page, 'admin-backup-restore-check');
    await dialog.getByRole('button', { name: '确认恢复' }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '已从备份恢复' }).waitFor();
    await screenshot(page, 'admin-backup-restored');
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByRole('button', { name: '当前用户' }).waitFor();

    const users = (await admin.call<{ username: string }[]>('users.list')).map((u) => u.username);
    expect(users).toEqual(['admin']);
    await page.goto(`${app.url}#/settings/users`);
    await page.getByRole('cell', { name: 'admin', exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: 'later', exact: true }).count()).toBe(0);
  }, 90_000);

  it('makes an account the administrator created choose its own password at first sign-in', async () => {
    await admin.call('users.create', {
      username: 'xin',
      displayName: '新专班',
      password: 'Chushi-Mima-2025',
      unitId: null,
      roles: ['coordinator'],
    });
    const page = await openPage(browser, app.url);
    await page.getByLabel('用户名').fill('xin');
    await page.getByLabel('密码').fill('Chushi-Mima-2025');
    await page.getByRole('button', { name: '登录' }).click();
    const dialog = page.getByRole('dialog', { name: '请设置新密码' });
    await dialog.waitFor();
    expect(await page.getByRole('button', { name: '当前用户' }).count()).toBe(0);
    await dialog.getByLabel('当前密码').fill('Chushi-Mima-2025');
    await dialog.getByLabel('新密码', { exact: true }).fill('12345678');
    await dialog.getByLabel('确认新密码').fill('12345678');
    await dialog.getByRole('button', { name: '设置新密码并进入' }).click();
    await dialog.getByText('密码不能全是数字').waitFor();
    await screenshot(page, 'admin-first-password-refused');
    await dialog.getByLabel('新密码', { exact: true }).fill('Ziji-Xuan-de-9');
    await dialog.getByLabel('确认新密码').fill('Ziji-Xuan-de-9');
    await dialog.getByRole('button', { name: '设置新密码并进入' }).click();
    await page.getByRole('button', { name: '当前用户' }).waitFor();
    await screenshot(page, 'admin-first-password-done');
    await page.context().close();
  }, 60_000);

  it('searches the audit trail by user and verifies it', async () => {
    const page = await signedInPage(browser, app.url, 'admin', 'Gu4nli-Yuan-2025');
    await page.goto(`${app.url}#/settings/audit`);
    await page.getByLabel('用户', { exact: true }).fill('王管理');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('cell', { name: '创建管理员账号' }).waitFor();
    await page.getByRole('button', { name: '立即校验' }).click();
    await page.getByText(/审计记录校验通过（共 \d+ 条/).waitFor();
    await screenshot(page, 'admin-audit');
  }, 60_000);
});
