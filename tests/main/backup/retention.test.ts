import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  backupFileName,
  backupToFolder,
  BackupScheduler,
  listBackups,
  pruneBackups,
  readBackupSettings,
  writeBackupSettings,
} from '../../../src/main/core/backup';
import { openDatabase } from '../../../src/main/core/db/database';
import { makeTempDir } from '../../helpers/tempDir';
import { insertRows, makeDataFolder, type DataFolder } from './fixtures';

const day = 24 * 60 * 60 * 1000;

describe('backup names and pruning', { timeout: 30_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir('luoshi-prune-');
  });
  afterEach(() => temp.cleanup());

  it('names backups by local time', () => {
    expect(backupFileName(new Date(2025, 9, 8, 14, 3, 12))).toBe('luoshi-20251008-140312.luoshibak');
    expect(backupFileName(new Date(2025, 0, 2, 3, 4, 5), 2)).toBe('luoshi-20250102-030405-2.luoshibak');
  });

  it('keeps the newest N automatic backups and never deletes a file the user named', () => {
    const dates = Array.from({ length: 14 }, (_, i) => new Date(2025, 8, 1 + i, 18, 0, 0));
    // Written in shuffled order so nothing depends on directory order or modification times.
    for (const date of dates
      .filter((_, i) => i % 2 === 1)
      .reverse()
      .concat(dates.filter((_, i) => i % 2 === 0))) {
      writeFileSync(join(temp.dir, backupFileName(date)), 'x');
    }
    writeFileSync(join(temp.dir, backupFileName(dates[13]!, 2)), 'x'); // same second as the newest
    writeFileSync(join(temp.dir, '交接前手工备份.luoshibak'), 'x');
    writeFileSync(join(temp.dir, 'notes.txt'), 'x');

    const removed = pruneBackups(temp.dir, 4);
    expect(removed).toHaveLength(11);
    const left = readdirSync(temp.dir).sort();
    expect(left).toEqual(
      [
        'luoshi-20250914-180000-2.luoshibak',
        'luoshi-20250914-180000.luoshibak',
        'luoshi-20250913-180000.luoshibak',
        'luoshi-20250912-180000.luoshibak',
        '交接前手工备份.luoshibak',
        'notes.txt',
      ].sort(),
    );
    expect(listBackups(temp.dir)[0]?.name).toMatch(/交接前手工备份|luoshi-20250914-180000-2/);
    expect(() => pruneBackups(temp.dir, 0)).toThrow(RangeError);
  });

  it('lists nothing for a folder that does not exist yet', () => {
    expect(listBackups(join(temp.dir, 'missing'))).toEqual([]);
    expect(pruneBackups(join(temp.dir, 'missing'), 3)).toEqual([]);
  });
});

describe('backups into the data folder', { timeout: 30_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let folder: DataFolder;
  beforeEach(() => {
    temp = makeTempDir('luoshi-sched-');
    folder = makeDataFolder(join(temp.dir, 'data'), 10);
  });
  afterEach(() => {
    folder.db.close();
    temp.cleanup();
  });

  it('keeps the number set in the backup settings (default 10)', async () => {
    expect(readBackupSettings(folder.paths).keep).toBe(10);
    writeBackupSettings(folder.paths, { keep: 3 });
    expect(readBackupSettings(folder.paths)).toEqual({ keep: 3, intervalHours: 24 });
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      made.push((await backupToFolder(folder.source)).file);
      folder.clock.advance(60_000);
    }
    expect(listBackups(folder.paths.backups).map((b) => b.file)).toEqual(made.slice(2).reverse());
    expect(existsSync(made[0]!)).toBe(false);
  });

  it('falls back to the default when the settings file is damaged', () => {
    mkdirSync(folder.paths.dataDir, { recursive: true });
    writeFileSync(join(folder.paths.dataDir, 'backup-settings.json'), '{"keep": "many"');
    expect(readBackupSettings(folder.paths).keep).toBe(10);
    expect(() => writeBackupSettings(folder.paths, { keep: 0 })).toThrow();
  });

  it('backs up daily and on shutdown only when the data changed', async () => {
    const scheduler = new BackupScheduler(folder.source, {
      onError: (error) => {
        throw error;
      },
    });
    // No backup yet: one is due at once.
    expect(await scheduler.backupIfDue()).not.toBeNull();
    folder.clock.advance(day - 60_000);
    expect(await scheduler.backupIfDue()).toBeNull();
    folder.clock.advance(60_000);
    expect(await scheduler.backupIfDue()).not.toBeNull();
    expect(listBackups(folder.paths.backups)).toHaveLength(2);

    // Nothing written since the last backup: closing adds no copy.
    folder.clock.advance(60_000);
    expect(await scheduler.shutdown()).toBeNull();
    // A write since then: closing backs up.
    insertRows(folder.db, 11, 1);
    folder.clock.advance(60_000);
    const last = await scheduler.shutdown();
    expect(last?.file).toBe(listBackups(folder.paths.backups)[0]?.file);
    expect(listBackups(folder.paths.backups)).toHaveLength(3);
  });

  it('starts with a backup when none exists, and shutdown backs up a session that wrote', async () => {
    const made: string[] = [];
    const scheduler = new BackupScheduler(folder.source, { onBackup: (result) => made.push(result.file) });
    scheduler.start();
    scheduler.start(); // idempotent
    await expect.poll(() => made.length).toBe(1);
    insertRows(folder.db, 11, 5);
    folder.clock.advance(1000);
    await scheduler.shutdown();
    expect(made).toHaveLength(2);
  });

  it('reports a failed automatic backup instead of throwing', async () => {
    const errors: unknown[] = [];
    const scheduler = new BackupScheduler(folder.source, { onError: (error) => errors.push(error) });
    insertRows(folder.db, 11, 1);
    folder.db.close();
    expect(await scheduler.shutdown()).toBeNull();
    expect(errors).toHaveLength(1);
    // afterEach closes the handle; give it an open one again.
    folder.db = openDatabase(folder.paths.database);
  });
});
