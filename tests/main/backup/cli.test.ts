import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../helpers/cliRunner';
import { makeTempDir } from '../../helpers/tempDir';
import { folderDigest, insertRows, makeDataFolder, probeRows } from './fixtures';

describe('luoshi backup and luoshi restore', { timeout: 30_000 }, () => {
  let temp: ReturnType<typeof makeTempDir>;
  let dataDir: string;
  beforeEach(() => {
    temp = makeTempDir('luoshi-cli-backup-');
    const folder = makeDataFolder(join(temp.dir, 'data'), 30);
    folder.db.close();
    dataDir = folder.paths.dataDir;
  });
  afterEach(() => temp.cleanup());

  it('are listed by --help', async () => {
    const { out } = await runCliCaptured(['--help']);
    expect(out).toMatch(/backup\s+备份数据库与附件/);
    expect(out).toMatch(/restore\s+从 \.luoshibak 备份文件恢复/);
  });

  it('backs up to a named file and into the backups folder', async () => {
    const file = join(temp.dir, 'U盘', '交接.luoshibak');
    const named = await runCliCaptured(['backup', '-o', file, '--data-dir', dataDir]);
    expect(named.code).toBe(0);
    expect(named.out).toContain(`已备份到 ${file}`);
    expect(named.out).toMatch(/附件 2 个/);
    expect(existsSync(file)).toBe(true);

    const auto = await runCliCaptured(['backup'], { LUOSHI_DATA_DIR: dataDir });
    expect(auto.code).toBe(0);
    expect(readdirSync(join(dataDir, 'backups'))).toEqual([expect.stringMatching(/^luoshi-\d{8}-\d{6}\.luoshibak$/)]);
  });

  it('refuses to back up a folder with no database', async () => {
    const { code, err } = await runCliCaptured(['backup', '--data-dir', join(temp.dir, 'nothing')]);
    expect(code).toBe(1);
    expect(err).toContain('没有数据库 luoshi.db');
  });

  it('restores only with --yes, and checks the file first', async () => {
    const file = join(temp.dir, 'b.luoshibak');
    expect((await runCliCaptured(['backup', '-o', file, '--data-dir', dataDir])).code).toBe(0);
    const db = new Database(join(dataDir, 'luoshi.db'));
    insertRows(db, 31, 10);
    db.close();
    const before = folderDigest(dataDir);

    const dry = await runCliCaptured(['restore', file, '--data-dir', dataDir]);
    expect(dry.code).toBe(1);
    expect(dry.out).toContain('校验通过');
    expect(dry.out).toContain('--yes');
    expect(folderDigest(dataDir)).toEqual(before);

    const done = await runCliCaptured(['restore', file, '--data-dir', dataDir, '--yes']);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/原数据库已保留为 .*luoshi\.db\.before-restore-\d{8}-\d{6}/);
    const restored = new Database(join(dataDir, 'luoshi.db'), { readonly: true });
    try {
      expect(probeRows(restored)).toHaveLength(30);
    } finally {
      restored.close();
    }
  });

  it('explains a refused file on stderr without changing the data folder', async () => {
    const bogus = join(temp.dir, 'bogus.luoshibak');
    writeFileSync(bogus, 'not a backup');
    const before = folderDigest(dataDir);
    const { code, err } = await runCliCaptured(['restore', bogus, '--data-dir', dataDir, '--yes']);
    expect(code).toBe(2);
    expect(err).toContain(`文件 ${bogus} 不是有效的落实通备份`);
    expect(folderDigest(dataDir)).toEqual(before);
  });

  it('asks for exactly one file', async () => {
    const { code, err } = await runCliCaptured(['restore', '--data-dir', dataDir]);
    expect(code).toBe(2);
    expect(err).toContain('请指定一个备份文件');
  });
});
