import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/contract';
import type { Actor } from '../../../src/shared/domain/accounts';
import { LuoshiError } from '../../../src/shared/errors';
import { localContext } from '../../../src/main/core/context';
import type { LuoshiCore } from '../../../src/main/core/core';
import { backupHandlers } from '../../../src/main/core/handlers/backup';
import type { HandlerEnv } from '../../../src/main/core/handlers/types';
import { makeTempDir } from '../../helpers/tempDir';
import { makeDataFolder, type DataFolder } from './fixtures';

const actor = (roles: Actor['roles']): Actor => ({
  userId: 1,
  username: 'zhang',
  displayName: '张三',
  unitId: null,
  unitName: null,
  roles,
});

describe('backup API', { timeout: 30_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let folder: DataFolder;
  const env = (who: Actor | null): HandlerEnv => ({
    // The handlers use only what a backup needs from the core.
    core: folder.source as unknown as LuoshiCore,
    context: localContext('http'),
    actor: who,
    caller: who,
  });
  beforeEach(() => {
    temp = makeTempDir('luoshi-api-backup-');
    folder = makeDataFolder(join(temp.dir, 'data'), 5);
  });
  afterEach(() => {
    folder.db.close();
    temp.cleanup();
  });

  it('declares every method for signed-in users', () => {
    for (const method of ['backup.list', 'backup.create', 'backup.settings', 'backup.setSettings'] as const) {
      expect(contract[method].access).toBe('user');
    }
  });

  it('lets only administrators back up and change settings', async () => {
    for (const who of [null, actor(['clerk']), actor(['leader', 'coordinator'])]) {
      await expect(Promise.resolve().then(() => backupHandlers['backup.create']({}, env(who)))).rejects.toMatchObject({
        code: 'forbidden',
      });
      expect(() => backupHandlers['backup.setSettings']({ keep: 3 }, env(who))).toThrow(LuoshiError);
    }
    const created = await backupHandlers['backup.create']({}, env(actor(['admin'])));
    expect(created.name).toMatch(/^luoshi-20251008-140312\.luoshibak$/);
    expect(contract['backup.create'].output.parse(created)).toEqual(created);
    expect(backupHandlers['backup.setSettings']({ keep: 3 }, env(actor(['clerk', 'admin'])))).toEqual({
      keep: 3,
      intervalHours: 24,
    });
  });

  it('lists backups and settings for any signed-in user', async () => {
    await backupHandlers['backup.create']({}, env(actor(['admin'])));
    const list = backupHandlers['backup.list']({}, env(actor(['clerk'])));
    expect(contract['backup.list'].output.parse(list)).toEqual(list);
    expect(list.directory).toBe(folder.paths.backups);
    expect(list.keep).toBe(10);
    expect(list.backups.map((b) => b.name)).toEqual(['luoshi-20251008-140312.luoshibak']);
    expect(backupHandlers['backup.settings']({}, env(actor(['clerk'])))).toEqual({ keep: 10, intervalHours: 24 });
  });

  it('rejects a keep count out of range at the contract', () => {
    expect(contract['backup.setSettings'].input.safeParse({ keep: 0 }).success).toBe(false);
    expect(contract['backup.setSettings'].input.safeParse({ keep: 30 }).success).toBe(true);
  });
});
