import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackup } from '../../../src/main/core/backup';
import { partialPrefix } from '../../../src/main/core/files/wholeFile';
import { makeTempDir } from '../../helpers/tempDir';
import { makeDataFolder } from './fixtures';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const mySnapshots = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`luoshi-backup-${process.pid}-`));

describe('backups leave nothing behind', () => {
  it('a failed backup leaves no partial file and no snapshot in the temp folder', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const folder = makeDataFolder(join(temp.dir, 'data'));
    cleanups.push(() => folder.db.close());
    const blocker = join(temp.dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const before = mySnapshots();
    await expect(createBackup(folder.source, join(blocker, 'b.luoshibak'))).rejects.toThrow();
    expect(mySnapshots()).toEqual(before);
    expect(readdirSync(temp.dir).filter((name) => name.includes('.partial-'))).toEqual([]);
  });

  it('an attachment still being written is not backed up', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    const folder = makeDataFolder(join(temp.dir, 'data'));
    cleanups.push(() => folder.db.close());
    writeFileSync(join(folder.paths.attachments, `${partialPrefix}${'a'.repeat(64)}-1-abcd`), 'half');
    const result = await createBackup(folder.source, join(temp.dir, 'b.luoshibak'));
    const manifest = result.manifest;
    expect(manifest.entries.map((e) => e.path).some((path) => path.includes(partialPrefix))).toBe(false);
    expect(manifest.entries.map((e) => e.path)).toContain('attachments/readme.txt');
  });
});
