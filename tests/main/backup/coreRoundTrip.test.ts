import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupToFolder, checkDataFolder, restoreBackup } from '../../../src/main/core/backup';
import type { LuoshiCore } from '../../../src/main/core/core';
import { dataPaths } from '../../../src/main/core/paths';
import { makeTempDir } from '../../helpers/tempDir';
import { makeTestCore } from '../../helpers/testCore';
import { dumpTables } from './fixtures';

/** The real schema with the shipped plan imported (indexes, search tables and all). */
describe('backup of a running core', { timeout: 30_000 }, () => {
  let core: LuoshiCore;
  let cleanup: () => void;
  const temp = makeTempDir('luoshi-core-backup-');

  beforeAll(async () => {
    ({ core, cleanup } = await makeTestCore());
  });
  afterAll(() => {
    cleanup();
    temp.cleanup();
  });

  it('restores the imported plan identically, and the restored folder passes the check', async () => {
    const backup = await backupToFolder(core);
    expect(backup.manifest.schemaVersion).toBe(core.schemaVersion());
    const target = join(temp.dir, 'restored');
    await restoreBackup(backup.file, target);
    expect(await checkDataFolder(target)).toEqual({ ok: true });
    const copy = new Database(dataPaths(target).database, { readonly: true });
    try {
      const original = dumpTables(core.db);
      expect(Object.keys(original).length).toBeGreaterThan(3);
      expect(dumpTables(copy)).toEqual(original);
    } finally {
      copy.close();
    }
  });
});
