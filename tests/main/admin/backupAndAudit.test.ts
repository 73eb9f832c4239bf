import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createDispatcher, type Dispatcher } from '../../../src/main/core/dispatcher';
import { localContext, type CallContext } from '../../../src/main/core/context';
import type { LuoshiCore } from '../../../src/main/core/core';
import type { MethodInput, MethodName } from '../../../src/shared/contract';
import { dispatchCalls } from '../../helpers/dispatch';
import { makeTestCore } from '../../helpers/testCore';
import { dialectOf } from '../../../src/main/core/db/dialect';

/** The admin screens' methods, driven through the dispatcher as the browser does. */
describe('备份 and 审计 for administrators', { timeout: 60_000 }, () => {
  let core: LuoshiCore;
  let cleanup: () => void;
  let dispatcher: Dispatcher;
  let admin: CallContext;

  const calls = dispatchCalls(() => dispatcher);
  const call = <M extends MethodName>(method: M, payload: MethodInput<M>, context: CallContext = admin) =>
    calls.call(method, payload, context);

  beforeEach(async () => {
    ({ core, cleanup } = await makeTestCore());
    dispatcher = createDispatcher(core);
    admin = localContext('http');
    await call('auth.setup', { username: 'admin', displayName: '王管理', password: 'Gu4nli-Yuan' });
  });
  afterEach(() => cleanup());

  it('restores a backup made from the screen, after checking it, and the data comes back', async () => {
    const made = await call('backup.create', {});
    const checked = await call('backup.check', { name: made.name });
    expect(checked.auditRefusal).toBeNull();
    expect(checked.description).toContain('备份时间');

    await call('users.create', {
      username: 'li',
      displayName: '李经办',
      password: 'Li-jingban-2025',
      unitId: null,
      roles: ['coordinator'],
      mustChangePassword: false,
    });
    expect((await call('users.list', {})).map((u) => u.username)).toContain('li');

    if (dialectOf(core.db) === 'postgres') {
      // On PostgreSQL the screen does not replace the database (other processes hold it): it says how, and changes nothing.
      await expect(call('backup.restore', { name: made.name })).rejects.toMatchObject({
        code: 'unsupported',
        message: expect.stringContaining(`luoshi restore ${made.name} --database`) as unknown,
      });
      expect((await call('users.list', {})).map((u) => u.username)).toContain('li');
      return;
    }
    const restored = await call('backup.restore', { name: made.name });
    expect(restored.previousDatabase).toMatch(/before-restore/);
    // The core reopened the restored database: the user added after the backup is gone, the admin's session lives on.
    expect((await call('users.list', {})).map((u) => u.username)).toEqual(['admin']);
    expect((await call('audit.verify', {})).ok).toBe(true);
    // And it keeps working: a write after the restore lands in the restored database.
    await call('users.create', {
      username: 'zhao',
      displayName: '赵经办',
      password: 'Zhao-jingban-2025',
      unitId: null,
      roles: ['coordinator'],
      mustChangePassword: false,
    });
    expect((await call('users.list', {})).map((u) => u.username).sort()).toEqual(['admin', 'zhao']);
  });

  it('refuses a damaged backup and a name outside the backups folder, leaving the data as it was', async () => {
    const made = await call('backup.create', {});
    writeFileSync(join(core.paths.backups, 'luoshi-20200101-000000.luoshibak'), 'not a backup');
    await expect(call('backup.restore', { name: 'luoshi-20200101-000000.luoshibak' })).rejects.toThrow(
      /luoshi-20200101-000000/,
    );
    await expect(call('backup.restore', { name: '../luoshi.db' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('backup.check', { name: made.name.replace('.luoshibak', '-x.luoshibak') })).rejects.toMatchObject(
      { code: 'not_found' },
    );
    expect((await call('users.list', {})).map((u) => u.username)).toEqual(['admin']);
  });

  it('lets only administrators restore, search and export the audit trail', async () => {
    await call('users.create', {
      username: 'li',
      displayName: '李经办',
      password: 'Li-jingban-2025',
      unitId: null,
      roles: ['coordinator'],
      mustChangePassword: false,
    });
    const clerk = localContext('http');
    await call('auth.login', { username: 'li', password: 'Li-jingban-2025' }, clerk);
    const made = await call('backup.create', {});
    for (const [method, payload] of [
      ['backup.restore', { name: made.name }],
      ['backup.check', { name: made.name }],
      ['audit.search', {}],
      ['audit.exportLedger', {}],
    ] as const) {
      await expect(call(method, payload, clerk)).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('searches the audit trail by user, report and China date, newest first, and exports the ledger', async () => {
    await call('users.create', {
      username: 'li',
      displayName: '李经办',
      password: 'Li-jingban-2025',
      unitId: null,
      roles: ['coordinator'],
      mustChangePassword: false,
    });
    const all = await call('audit.search', {});
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.entries[0]!.id).toBeGreaterThan(all.entries[1]!.id);

    const byAdmin = await call('audit.search', { user: '王管理' });
    expect(byAdmin.entries.length).toBeGreaterThan(0);
    expect(byAdmin.entries.every((e) => e.actorName === '王管理')).toBe(true);
    expect((await call('audit.search', { user: 'admin' })).total).toBe(byAdmin.total);
    expect((await call('audit.search', { user: '不存在的人' })).total).toBe(0);
    expect((await call('audit.search', { reportId: 999 })).total).toBe(0);

    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await call('audit.search', { from: today, to: today })).total).toBe(all.total);
    expect((await call('audit.search', { to: '2000-01-01' })).total).toBe(0);

    const page = await call('audit.search', { limit: 1 });
    const next = await call('audit.search', { limit: 1, beforeId: page.entries[0]!.id });
    expect(next.entries[0]!.id).toBeLessThan(page.entries[0]!.id);

    const ledger = await call('audit.exportLedger', {});
    expect(ledger.fileName).toMatch(/^审计记录台账/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(ledger.contentBase64, 'base64') as unknown as ArrayBuffer);
    const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain('创建账号');
  });

  it('keeps the schedule and the number to keep', async () => {
    expect(await call('backup.settings', {})).toEqual({ keep: 10, intervalHours: 24 });
    expect(await call('backup.setSettings', { keep: 5, intervalHours: 6 })).toEqual({ keep: 5, intervalHours: 6 });
    expect(await call('backup.setSettings', { keep: 7 })).toEqual({ keep: 7, intervalHours: 6 });
    await expect(call('backup.setSettings', { keep: 7, intervalHours: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
