import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, inspectBackup, restoreBackup } from '../../../src/main/core/backup';
import { latestSchemaVersion } from '../../../src/main/core/db/migrations';
import { LuoshiError } from '../../../src/shared/errors';
import { makeTempDir } from '../../helpers/tempDir';
import { folderDigest, makeDataFolder } from './fixtures';

/**
 * Every refused file must leave the target data folder exactly as it was, and say in Chinese
 * which file is wrong and why.
 */
describe('restore refuses files it cannot trust', { timeout: 30_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let good: string;
  let target: string;

  beforeAll(async () => {
    temp = makeTempDir('luoshi-refuse-');
    const source = makeDataFolder(join(temp.dir, 'source'));
    good = join(temp.dir, 'good.luoshibak');
    await createBackup(source.source, good);
    source.db.close();
    // The folder a refused restore must not touch: a closed, healthy data folder.
    const targetFolder = makeDataFolder(join(temp.dir, 'target'), 20);
    targetFolder.db.close();
    target = targetFolder.paths.dataDir;
  });
  afterAll(() => temp.cleanup());

  async function rewrite(name: string, change: (zip: JSZip) => Promise<void>): Promise<string> {
    const zip = await JSZip.loadAsync(readFileSync(good));
    await change(zip);
    const file = join(temp.dir, name);
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    return file;
  }

  async function expectRefused(file: string, message: RegExp, code?: string): Promise<void> {
    const before = folderDigest(target);
    const error = await restoreBackup(file, target).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(LuoshiError);
    expect((error as LuoshiError).message).toMatch(message);
    expect((error as LuoshiError).message).toContain(file);
    if (code) expect((error as LuoshiError).code).toBe(code);
    expect(folderDigest(target)).toEqual(before);
    await expect(inspectBackup(file)).rejects.toThrow(message);
  }

  it('accepts the untouched backup (the control case)', async () => {
    expect((await inspectBackup(good)).appName).toBe('luoshi');
  });

  it('refuses a zip made by another program', async () => {
    const zip = new JSZip();
    zip.file('report.docx', 'not a backup');
    const file = join(temp.dir, 'other.zip');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    await expectRefused(file, /不是有效的落实通备份.*缺少 manifest\.json/, 'invalid_input');
  });

  it('refuses a zip whose manifest names another app', async () => {
    const file = await rewrite('foreign.luoshibak', async (zip) => {
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
      zip.file('manifest.json', JSON.stringify({ ...manifest, appName: 'other' }));
    });
    await expectRefused(file, /程序名不是 luoshi/);
  });

  it('refuses a file that is not a zip at all', async () => {
    const file = join(temp.dir, 'notes.luoshibak');
    writeFileSync(file, '这不是备份文件');
    await expectRefused(file, /不是有效的落实通备份.*不是备份包格式/);
  });

  it('refuses a truncated copy', async () => {
    const bytes = readFileSync(good);
    const file = join(temp.dir, 'truncated.luoshibak');
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectRefused(file, /不完整|截断/);
  });

  it('refuses a backup whose attachment was altered after it was made', async () => {
    const file = await rewrite('tampered.luoshibak', (zip) => {
      zip.file('attachments/readme.txt', '被改过的附件\n');
      return Promise.resolve();
    });
    await expectRefused(file, /「attachments\/readme\.txt」与清单记录的校验值不符/);
  });

  it('refuses a backup with a file the manifest does not list', async () => {
    const file = await rewrite('extra.luoshibak', (zip) => {
      zip.file('attachments/extra.txt', 'smuggled');
      return Promise.resolve();
    });
    await expectRefused(file, /清单之外的文件「attachments\/extra\.txt」/);
  });

  it('refuses a manifest entry that would write outside the data folder', async () => {
    const file = await rewrite('escape.luoshibak', async (zip) => {
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
        entries: { path: string; size: number; sha256: string }[];
      };
      const entry = manifest.entries.find((e) => e.path === 'attachments/readme.txt')!;
      const bytes = await zip.file(entry.path)!.async('nodebuffer');
      zip.remove(entry.path);
      entry.path = 'attachments/../../evil.txt';
      zip.file(entry.path, bytes);
      zip.file('manifest.json', JSON.stringify(manifest));
    });
    await expectRefused(file, /不允许的路径/);
  });

  it('refuses a backup from a newer schema, naming both versions', async () => {
    const file = await rewrite('newer.luoshibak', async (zip) => {
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
      zip.file('manifest.json', JSON.stringify({ ...manifest, schemaVersion: latestSchemaVersion + 1 }));
    });
    await expectRefused(
      file,
      new RegExp(
        `数据库版本为 ${latestSchemaVersion + 1}，高于本程序支持的版本 ${latestSchemaVersion}.*请先升级落实通`,
      ),
      'unsupported',
    );
  });

  it('refuses a backup in a newer backup format', async () => {
    const file = await rewrite('format.luoshibak', async (zip) => {
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
      zip.file('manifest.json', JSON.stringify({ ...manifest, formatVersion: 2 }));
    });
    await expectRefused(file, /由更新版本的落实通生成/, 'unsupported');
  });

  it('refuses a missing file with a message naming it', async () => {
    const file = join(temp.dir, 'nowhere.luoshibak');
    await expect(restoreBackup(file, target)).rejects.toThrow(`无法读取备份文件 ${file}`);
  });
});
