import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupToFolder, checkDataFolder, listBackups, restoreBackup } from '../../../src/main/core/backup';
import { openDatabase } from '../../../src/main/core/db/database';
import { makeTempDir } from '../../helpers/tempDir';
import { insertRows, makeDataFolder, probeRows, type DataFolder } from './fixtures';

/** Overwrite whole pages in the middle of the file, where the probe table's b-tree lives. */
function corruptMiddle(file: string): void {
  const pageSize = 4096;
  const pages = Math.floor(statSync(file).size / pageSize);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize * 4, 0xa5), 0, pageSize * 4, Math.floor(pages / 2) * pageSize);
  } finally {
    closeSync(fd);
  }
}

describe('integrity check on open', { timeout: 30_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let folder: DataFolder;
  beforeEach(() => {
    temp = makeTempDir('luoshi-check-');
    folder = makeDataFolder(join(temp.dir, 'data'), 400);
  });
  afterEach(() => {
    if (folder.db.open) folder.db.close();
    temp.cleanup();
  });

  it('passes a fresh folder and a healthy database', async () => {
    expect(await checkDataFolder(join(temp.dir, 'empty'))).toEqual({ ok: true });
    folder.db.close();
    expect(await checkDataFolder(folder.paths.dataDir)).toEqual({ ok: true });
  });

  it('reports a damaged database and names the latest good backup, which restores', async () => {
    const older = await backupToFolder(folder.source);
    folder.clock.advance(60_000);
    insertRows(folder.db, 401, 100);
    const newer = await backupToFolder(folder.source);
    // The newest file in the folder is itself damaged: it must be skipped, not offered.
    folder.clock.advance(60_000);
    const broken = join(folder.paths.backups, 'luoshi-20251008-140512.luoshibak');
    writeFileSync(broken, 'broken');
    expect(listBackups(folder.paths.backups)[0]?.file).toBe(broken);
    folder.db.close(); // checkpoints the WAL into the file

    corruptMiddle(folder.paths.database);
    const check = await checkDataFolder(folder.paths.dataDir);
    expect(check.ok).toBe(false);
    expect(check.latestBackup?.file).toBe(newer.file);
    expect(check.latestBackup?.file).not.toBe(older.file);
    expect(check.problem).toContain(`数据库文件 ${folder.paths.database} 已损坏`);
    expect(check.problem).toContain(newer.file);
    expect(check.problem).toContain('luoshi restore');

    // openDatabase (createCore) refuses it too, whether SQLite or its quick_check notices first.
    expect(() => openDatabase(folder.paths.database)).toThrow(/已损坏|malformed/);

    await restoreBackup(check.latestBackup!.file, folder.paths.dataDir);
    expect(await checkDataFolder(folder.paths.dataDir)).toEqual({ ok: true });
    folder.db = openDatabase(folder.paths.database);
    expect(probeRows(folder.db)).toHaveLength(500);
  });

  it('says so when there is no good backup to offer', async () => {
    folder.db.close();
    corruptMiddle(folder.paths.database);
    const check = await checkDataFolder(folder.paths.dataDir);
    expect(check.ok).toBe(false);
    expect(check.latestBackup).toBeUndefined();
    expect(check.problem).toMatch(/没有找到完好的备份/);
  });

  it('treats a file that is not a database as damaged', async () => {
    folder.db.close();
    writeFileSync(folder.paths.database, Buffer.alloc(8192, 0x41));
    const check = await checkDataFolder(folder.paths.dataDir);
    expect(check.ok).toBe(false);
    expect(check.problem).toContain(folder.paths.database);
  });
});
