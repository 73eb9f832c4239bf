import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup, inspectBackup, restoreBackup } from '../../../src/main/core/backup';
import { latestSchemaVersion, schemaVersionOf } from '../../../src/main/core/db/migrations';
import { dataPaths } from '../../../src/main/core/paths';
import { makeTempDir } from '../../helpers/tempDir';
import {
  dumpTables,
  folderDigest,
  insertRows,
  makeDataFolder,
  probeRows,
  rowPayload,
  type DataFolder,
} from './fixtures';

describe('backup and restore', { timeout: 30_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let folder: DataFolder;

  beforeEach(() => {
    temp = makeTempDir('luoshi-backup-');
    folder = makeDataFolder(join(temp.dir, 'data'));
  });
  afterEach(() => {
    if (folder.db.open) folder.db.close();
    temp.cleanup();
  });

  it('restores into a fresh folder with identical rows and attachments', async () => {
    const file = join(temp.dir, 'out', 'copy.luoshibak');
    const result = await createBackup(folder.source, file);
    expect(result.file).toBe(file);
    expect(existsSync(file)).toBe(true);
    // No partial file is left beside the finished one.
    expect(readdirSync(join(temp.dir, 'out'))).toEqual(['copy.luoshibak']);

    const target = join(temp.dir, 'restored');
    const restored = await restoreBackup(file, target);
    expect(restored.previousDatabase).toBeNull();

    const copy = new Database(dataPaths(target).database, { readonly: true });
    try {
      expect(dumpTables(copy)).toEqual(dumpTables(folder.db));
      expect(schemaVersionOf(copy)).toBe(latestSchemaVersion);
    } finally {
      copy.close();
    }
    expect(folderDigest(dataPaths(target).attachments)).toEqual(folderDigest(folder.paths.attachments));
    expect(Object.keys(folderDigest(dataPaths(target).attachments))).toContain(
      '2025/Q3/经开区儿童友好城市建设进展.docx',
    );
  });

  it('writes a manifest naming the app, versions and the sha256 of every entry', async () => {
    const file = join(temp.dir, 'm.luoshibak');
    await createBackup(folder.source, file);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      appName: string;
      formatVersion: number;
      appVersion: string;
      schemaVersion: number;
      createdAt: string;
      entries: { path: string; size: number; sha256: string }[];
    };
    expect(manifest.appName).toBe('luoshi');
    expect(manifest.formatVersion).toBe(1);
    expect(manifest.appVersion).toBe('0.1.0');
    expect(manifest.schemaVersion).toBe(latestSchemaVersion);
    expect(new Date(manifest.createdAt).getTime()).toBe(folder.clock.now().getTime());
    expect(manifest.entries.map((e) => e.path).sort()).toEqual(
      ['attachments/2025/Q3/经开区儿童友好城市建设进展.docx', 'attachments/readme.txt', 'database/luoshi.db'].sort(),
    );
    for (const entry of manifest.entries) {
      const bytes = await zip.file(entry.path)!.async('nodebuffer');
      expect(bytes.length).toBe(entry.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    }
    const attachment = readFileSync(join(folder.paths.attachments, 'readme.txt'));
    expect(manifest.entries.find((e) => e.path === 'attachments/readme.txt')?.sha256).toBe(
      createHash('sha256').update(attachment).digest('hex'),
    );
    expect((await inspectBackup(file)).entries).toHaveLength(3);
  });

  it('takes a consistent snapshot while the database is being written', async () => {
    // Enough pages that the online backup takes several steps, yielding to the writer between them.
    insertRows(folder.db, 201, 2500);
    const before = probeRows(folder.db).length;
    let next = before + 1;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        insertRows(folder.db, next, 25);
        next += 25;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const file = join(temp.dir, 'live.luoshibak');
    try {
      await createBackup(folder.source, file);
    } finally {
      writing = false;
      await writer;
    }
    expect(next).toBeGreaterThan(before + 1); // the writer really ran during the backup

    const target = join(temp.dir, 'restored');
    await restoreBackup(file, target);
    const copy = new Database(dataPaths(target).database, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = probeRows(copy);
      // Whole transactions only: ids 1..k without gaps, each row's content intact.
      expect(rows.length).toBeGreaterThanOrEqual(before);
      expect((rows.length - before) % 25).toBe(0);
      rows.forEach((row, index) => {
        expect(row.id).toBe(index + 1);
        expect(row.label).toBe(`任务${row.id}`);
        expect(Buffer.compare(row.payload, rowPayload(row.id))).toBe(0);
      });
    } finally {
      copy.close();
    }
  }, 60_000);

  it('replaces an existing data folder and keeps the previous database aside', async () => {
    const file = join(temp.dir, 'a.luoshibak');
    await createBackup(folder.source, file);
    // Changes after the backup: more rows and another attachment.
    insertRows(folder.db, 201, 50);
    const changedRows = probeRows(folder.db).length;
    folder.db.close();
    const extra = join(folder.paths.attachments, 'later.txt');
    writeFileSync(extra, 'later');

    const result = await restoreBackup(file, folder.paths.dataDir, { clock: folder.clock });
    expect(result.previousDatabase).toBe(`${folder.paths.database}.before-restore-20251008-140312`);
    expect(existsSync(result.previousDatabase!)).toBe(true);
    expect(existsSync(`${folder.paths.database}-wal`)).toBe(false);
    expect(existsSync(join(result.previousAttachments!, 'later.txt'))).toBe(true);
    expect(existsSync(extra)).toBe(false);

    const restored = new Database(folder.paths.database, { readonly: true });
    const previous = new Database(result.previousDatabase!, { readonly: true });
    try {
      expect(probeRows(restored)).toHaveLength(200);
      expect(probeRows(previous)).toHaveLength(changedRows);
    } finally {
      restored.close();
      previous.close();
    }
    expect(readdirSync(folder.paths.dataDir).filter((name) => name.startsWith('.restore-'))).toEqual([]);
  });

  it('refuses to restore over a database that is still open', async () => {
    const file = join(temp.dir, 'b.luoshibak');
    await createBackup(folder.source, file);
    const before = folderDigest(folder.paths.dataDir);
    await expect(restoreBackup(file, folder.paths.dataDir)).rejects.toThrow(/正在被使用.*请先关闭/);
    expect(folderDigest(folder.paths.dataDir)).toEqual(before);
  });
});
