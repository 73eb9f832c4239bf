import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup, inspectBackup, restoreBackup } from '../../../src/main/core/backup';
import { copyEntry, openBackup } from '../../../src/main/core/backup/readBackup';
import { listZipEntries } from '../../../src/main/core/backup/zipArchive';
import { dataPaths } from '../../../src/main/core/paths';
import { makeTempDir, repoRoot } from '../../helpers/tempDir';
import { folderDigest, makeDataFolder, type DataFolder } from './fixtures';

const fixture = join(repoRoot, 'tests/fixtures/backup/made-by-jszip.luoshibak');
const expected = JSON.parse(
  readFileSync(join(repoRoot, 'tests/fixtures/backup/made-by-jszip.expected.json'), 'utf8'),
) as {
  attachments: Record<string, string>;
  probeRows: number;
  probeLabels: string[];
  probePayloadSha256: string;
};

describe('backups through fflate, streamed', { timeout: 30_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let folder: DataFolder;
  beforeEach(() => {
    temp = makeTempDir('luoshi-fflate-');
    folder = makeDataFolder(join(temp.dir, 'data'), 20);
  });
  afterEach(() => {
    if (folder.db.open) folder.db.close();
    temp.cleanup();
  });

  it('restores a backup made by the earlier JSZip writer (stored entries with data descriptors)', async () => {
    expect((await inspectBackup(fixture)).entries.map((e) => e.path)).toContain('database/luoshi.db');
    const target = join(temp.dir, 'restored');
    await restoreBackup(fixture, target);
    expect(folderDigest(dataPaths(target).attachments)).toEqual(expected.attachments);
    const db = new Database(dataPaths(target).database, { readonly: true });
    try {
      const rows = db.prepare('SELECT label, payload FROM probe ORDER BY id').all() as {
        label: string;
        payload: Buffer;
      }[];
      expect(rows.map((r) => r.label)).toEqual(expected.probeLabels);
      const hash = createHash('sha256');
      for (const r of rows) hash.update(r.payload);
      expect(hash.digest('hex')).toBe(expected.probePayloadSha256);
    } finally {
      db.close();
    }
  });

  it('writes a zip others can read: the database deflated, attachments stored', async () => {
    const file = join(temp.dir, 'new.luoshibak');
    await createBackup(folder.source, file);
    const entries = listZipEntries(file);
    expect(entries.map((e) => e.name)[0]).toBe('manifest.json');
    expect(entries.find((e) => e.name === 'database/luoshi.db')?.method).toBe(8);
    expect(entries.find((e) => e.name === 'attachments/readme.txt')?.method).toBe(0);
    const restored = join(temp.dir, 'again');
    await restoreBackup(file, restored);
    expect(folderDigest(dataPaths(restored).attachments)).toEqual(folderDigest(folder.paths.attachments));
  });

  it('stops inflating an entry at the manifest size: a small entry that inflates to 200 MB is refused', async () => {
    const file = join(temp.dir, 'new.luoshibak');
    await createBackup(folder.source, file);
    const manifest = await inspectBackup(file);
    // The same archive, but readme.txt (13 bytes in the manifest) now inflates to 200 MB of zeros.
    const bomb = deflateRawSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(300_000);
    const files: Record<string, Uint8Array> = { 'manifest.json': strToU8(JSON.stringify(manifest)) };
    for (const entry of manifest.entries)
      files[entry.path] = entry.path === 'attachments/readme.txt' ? new Uint8Array(0) : new Uint8Array(1);
    const zipped = Buffer.from(zipSync(files, { level: 0 }));
    const bombed = join(temp.dir, 'bomb.luoshibak');
    writeFileSync(bombed, withDeflatedEntry(zipped, 'attachments/readme.txt', bomb, 200 * 1024 * 1024));
    const opened = await openBackup(bombed);
    const readme = manifest.entries.find((e) => e.path === 'attachments/readme.txt');
    if (!readme) throw new Error('no readme entry');
    const before = process.memoryUsage().rss;
    await expect(copyEntry(opened, readme, join(temp.dir, 'out'))).rejects.toThrow(
      /「attachments\/readme\.txt」与清单记录的校验值不符/,
    );
    // Stopped at the first step over 13 bytes: nothing near 200 MB was inflated or written.
    expect(statSync(join(temp.dir, 'out', 'attachments', 'readme.txt')).size).toBeLessThan(8 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });
});

/** Rebuild a stored zip with one entry replaced by raw deflate data claiming `size` bytes. */
function withDeflatedEntry(zip: Buffer, name: string, data: Buffer, size: number): Buffer {
  const entries = listZipEntriesOf(zip);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const isTarget = e.name === name;
    const body = isTarget ? data : e.data;
    const nameBytes = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(isTarget ? 8 : 0, 8);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(isTarget ? size : body.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(isTarget ? 8 : 0, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(isTarget ? size : body.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function listZipEntriesOf(zip: Buffer): { name: string; data: Buffer }[] {
  const out: { name: string; data: Buffer }[] = [];
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const start = at + 30 + nameLength + extraLength;
    out.push({ name, data: Buffer.from(zip.subarray(start, start + size)) });
    at = start + size;
  }
  return out;
}
