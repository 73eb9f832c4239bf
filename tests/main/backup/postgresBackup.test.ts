import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAuditKeySource } from '../../../src/main/core/audit/auditKey';
import { restoreBackupToPostgres } from '../../../src/main/core/backup/postgresRestore';
import { copyPostgresToFolder, formatDigest, type TableDigest } from '../../../src/main/core/db/copy';
import { postgresDigest } from '../../../src/main/core/db/copy/postgresSide';
import { sqliteDigest } from '../../../src/main/core/db/copy/sqliteSide';
import { connectPostgres } from '../../../src/main/core/db/postgres/connect';
import { runCliCaptured } from '../../helpers/cliRunner';
import { startTestCluster, type TestCluster } from '../../helpers/postgres';
import { makeTempDir, resourcesDir } from '../../helpers/tempDir';
import { createCore } from '../../../src/main/core/core';
import { createWorld, type TestWorld } from '../workflow/helpers';
import { fillDemoSource } from '../db/postgres/demoSource';

/**
 * Backups of a PostgreSQL deployment: demo data → `luoshi db copy` to PostgreSQL → `luoshi backup
 * --database` → `luoshi restore --database` into a second database gives the same table-by-table
 * digest, the same attachment bytes and an audit trail that verifies under the deployment's key.
 * Refusals: no --yes, a database that has data without --force, a damaged backup, an unreachable
 * server; a restore that fails midway leaves the database as it was.
 */
let cluster: TestCluster;
let world: TestWorld;
let temp: { dir: string; cleanup: () => void };
let source: string;
let districtUrl: string;
let restoredUrl: string;
let deployDir: string;
let keyDir: string;
let backupFile: string;
let sourceDigest: string[];
const pdf = Buffer.from('%PDF-1.7\n托育机构名单（备份测试附件）\n');

function digestLines(out: string): string[] {
  return out.split('\n').filter((line) => /^ {2}\S.*\d+ 行 {2}[0-9a-f]{64}$/.test(line));
}

async function digestOf(url: string): Promise<TableDigest[]> {
  const client = await connectPostgres(url);
  try {
    return await postgresDigest(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  cluster = await startTestCluster();
  districtUrl = await cluster.createDatabase('district');
  restoredUrl = await cluster.createDatabase('restored');
  world = await createWorld();
  const core = world.core;
  fillDemoSource(world, { names: ['托育机构名单.pdf'], bytes: pdf });
  source = core.paths.dataDir;
  core.close();
  const db = new Database(join(source, 'luoshi.db'), { readonly: true });
  sourceDigest = formatDigest(sqliteDigest(db, source));
  db.close();

  temp = makeTempDir('luoshi-pg-backup-');
  backupFile = join(temp.dir, '备份', 'district.luoshibak');
  // The deployment's data folder holds no database; its audit key is beside it, put there after `db copy`.
  deployDir = join(temp.dir, 'deployment');
  keyDir = `${deployDir}.audit`;
  mkdirSync(keyDir, { recursive: true });
  copyFileSync(`${source}.audit/key`, join(keyDir, 'key'));
  const copied = await runCliCaptured(['db', 'copy', '--from', source, '--to', districtUrl]);
  expect(copied.code).toBe(0);
  expect(copied.out).toContain('PostgreSQL 部署的审计密钥在其数据文件夹旁');
}, 90_000);

afterAll(async () => {
  world?.cleanup();
  temp?.cleanup();
  await cluster?.stop();
});

describe('luoshi backup and restore of a PostgreSQL deployment', () => {
  it('backs up the database into a .luoshibak whose digest is the data folder’s, with a sealed witness', async () => {
    const result = await runCliCaptured([
      'backup',
      '--database',
      districtUrl,
      '-o',
      backupFile,
      '--data-dir',
      deployDir,
    ]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`已备份到 ${backupFile}`);
    expect(result.out).toMatch(/附件 1 个/);
    expect(result.out).toContain('审计记录校验通过');
    expect(digestLines(result.out)).toEqual(sourceDigest);
    const listed = await runCliCaptured(['audit', 'verify', '--data-dir', source, '--witness', backupFile]);
    expect(listed.err).toBe('');
    expect(listed.code).toBe(0);
  }, 60_000);

  it('makes a backup that a data folder restores, with the same digest', async () => {
    const folder = join(temp.dir, 'folder');
    const restored = await runCliCaptured(['restore', backupFile, '--data-dir', folder, '--yes']);
    expect(restored.code).toBe(0);
    const db = new Database(join(folder, 'luoshi.db'), { readonly: true });
    try {
      expect(formatDigest(sqliteDigest(db, folder))).toEqual(sourceDigest);
    } finally {
      db.close();
    }
  }, 60_000);

  it('backs up through LUOSHI_DATABASE_URL and LUOSHI_DATA_DIR, and needs -o for a database', async () => {
    const env = { LUOSHI_DATABASE_URL: districtUrl, LUOSHI_DATA_DIR: deployDir };
    const other = join(temp.dir, 'env.luoshibak');
    const result = await runCliCaptured(['backup', '-o', other], env);
    expect(result.err).toBe('');
    expect(digestLines(result.out)).toEqual(sourceDigest);
    const withoutOutput = await runCliCaptured(['backup'], env);
    expect(withoutOutput.code).not.toBe(0);
    expect(withoutOutput.err).toContain('请用 -o 指定备份文件');
  }, 60_000);

  it('says when the deployment’s key is not found: the backup has no witness, and a keyed restore refuses it', async () => {
    const keylessFile = join(temp.dir, 'keyless.luoshibak');
    const keylessDir = join(temp.dir, 'nokey');
    const result = await runCliCaptured([
      'backup',
      '--database',
      districtUrl,
      '-o',
      keylessFile,
      '--data-dir',
      keylessDir,
    ]);
    expect(result.code).toBe(0);
    expect(result.err).toContain(`没有找到本部署的审计密钥（${keylessDir}.audit/key）`);
    expect(result.out).toContain('只核对了哈希链');
    const refused = await runCliCaptured(['restore', keylessFile, '--database', restoredUrl, '--data-dir', deployDir]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('备份清单中缺少审计见证');
    expect(refused.err).toContain('--accept-unverified-audit');
  }, 60_000);

  it('checks the backup and changes nothing without --yes', async () => {
    const result = await runCliCaptured(['restore', backupFile, '--database', restoredUrl, '--data-dir', deployDir]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('校验通过');
    expect(result.out).toContain('确认恢复请加 --yes');
    const client = await connectPostgres(restoredUrl);
    try {
      const tables = await client.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.rows).toEqual([]);
    } finally {
      await client.end();
    }
  }, 60_000);

  it('restores into an empty database: same digest, same attachment bytes, a trail that verifies', async () => {
    const result = await runCliCaptured([
      'restore',
      backupFile,
      '--database',
      restoredUrl,
      '--yes',
      '--data-dir',
      deployDir,
    ]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('已恢复到 postgres://postgres@127.0.0.1');
    expect(digestLines(result.out)).toEqual(sourceDigest);
    expect(formatDigest(await digestOf(restoredUrl))).toEqual(sourceDigest);

    // Brought back into a folder with the deployment's key: the audit chain and its MACs verify.
    const back = join(temp.dir, 'back');
    const copied = await copyPostgresToFolder(restoredUrl, back, { auditKey: fileAuditKeySource(deployDir) });
    expect(copied.notes.join('\n')).toContain('审计记录校验通过');
    const db = new Database(join(back, 'luoshi.db'), { readonly: true });
    const names = db.prepare('SELECT DISTINCT stored_name FROM attachments').pluck().all() as string[];
    db.close();
    expect(names).toHaveLength(1);
    expect(readFileSync(join(back, 'attachments', names[0]!))).toEqual(pdf);

    // The core on the restored database, with the key beside the deployment's data folder: the
    // trail verifies and the attachment is read from attachment_files.
    const core = await createCore({ dataDir: deployDir, databaseUrl: restoredUrl, resourcesDir, loadSeedPlan: false });
    try {
      expect(core.workflow.audit.verify()).toMatchObject({ ok: true });
      expect(core.attachments.location).toContain('attachment_files');
      expect(core.attachments.read(names[0]!)).toEqual(pdf);
    } finally {
      core.close();
    }
  }, 60_000);

  it('verifies the restored trail with luoshi audit verify --database, and names a changed entry', async () => {
    const verified = await runCliCaptured(['audit', 'verify', '--database', restoredUrl, '--data-dir', deployDir]);
    expect(verified.err).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/校验通过|完好/);

    const tamperedUrl = await cluster.createDatabase('tampered');
    expect((await runCliCaptured(['db', 'copy', '--from', source, '--to', tamperedUrl])).code).toBe(0);
    const client = await connectPostgres(tamperedUrl);
    try {
      await client.query(`UPDATE audit_log SET opinion = '改过' WHERE id = 3`);
    } finally {
      await client.end();
    }
    const refused = await runCliCaptured(['audit', 'verify', '--database', tamperedUrl, '--data-dir', deployDir]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('第 3 条记录');
    const backup = await runCliCaptured([
      'backup',
      '--database',
      tamperedUrl,
      '-o',
      join(temp.dir, 'tampered.luoshibak'),
      '--data-dir',
      deployDir,
    ]);
    expect(backup.code).not.toBe(0);
    expect(backup.err).toContain('审计记录未通过校验');
    expect(existsSync(join(temp.dir, 'tampered.luoshibak'))).toBe(false);
  }, 60_000);

  it('refuses a database that has data unless --force, and replaces it with --force', async () => {
    const refused = await runCliCaptured([
      'restore',
      backupFile,
      '--database',
      restoredUrl,
      '--yes',
      '--data-dir',
      deployDir,
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/目标数据库 .* 不是空的.*--force/);
    expect(refused.err).toContain('请先用 luoshi backup 备份它');
    const client = await connectPostgres(restoredUrl);
    try {
      await client.query(`UPDATE settings SET value = 'changed' WHERE key = (SELECT min(key) FROM settings)`);
    } finally {
      await client.end();
    }
    expect(formatDigest(await digestOf(restoredUrl))).not.toEqual(sourceDigest);
    const forced = await runCliCaptured([
      'restore',
      backupFile,
      '--database',
      restoredUrl,
      '--yes',
      '--force',
      '--data-dir',
      deployDir,
    ]);
    expect(forced.err).toBe('');
    expect(forced.code).toBe(0);
    expect(formatDigest(await digestOf(restoredUrl))).toEqual(sourceDigest);
  }, 60_000);

  it('leaves the database as it was when a restore fails midway', async () => {
    const client = await connectPostgres(restoredUrl);
    try {
      await client.query(`UPDATE settings SET value = 'before' WHERE key = (SELECT min(key) FROM settings)`);
    } finally {
      await client.end();
    }
    const before = await digestOf(restoredUrl);
    let tables = 0;
    await expect(
      restoreBackupToPostgres(backupFile, restoredUrl, {
        auditKey: fileAuditKeySource(deployDir),
        auditFolder: keyDir,
        force: true,
        progress: () => {
          tables += 1;
          if (tables === 5) throw new Error('connection lost (test)');
        },
      }),
    ).rejects.toThrow('connection lost (test)');
    expect(tables).toBe(5);
    expect(await digestOf(restoredUrl)).toEqual(before);
  }, 60_000);

  it('refuses a damaged backup and leaves the database as it was', async () => {
    const before = await digestOf(restoredUrl);
    const damaged = join(temp.dir, 'damaged.luoshibak');
    const bytes = readFileSync(backupFile);
    // A byte inside the stored (uncompressed) attachment: its sha256 no longer matches the manifest.
    const at = bytes.indexOf(Buffer.from('托育机构名单（备份测试附件）'));
    expect(at).toBeGreaterThan(0);
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(damaged, bytes);
    const result = await runCliCaptured([
      'restore',
      damaged,
      '--database',
      restoredUrl,
      '--yes',
      '--force',
      '--data-dir',
      deployDir,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/[\u4e00-\u9fff]/);
    expect(result.err).toContain('与清单记录的校验值不符，备份已损坏或被改动，不能恢复');
    expect(await digestOf(restoredUrl)).toEqual(before);
  }, 60_000);

  it('says plainly when the server cannot be reached or the address is not one', async () => {
    const unreachable = 'postgres://postgres@127.0.0.1:1/luoshi';
    const backup = await runCliCaptured(['backup', '--database', unreachable, '-o', join(temp.dir, 'x.luoshibak')]);
    expect(backup.code).not.toBe(0);
    expect(backup.err).toContain('无法连接 PostgreSQL 服务器 postgres://postgres@127.0.0.1:1/luoshi');
    const restore = await runCliCaptured(['restore', backupFile, '--database', unreachable, '--yes', '--force']);
    expect(restore.code).not.toBe(0);
    expect(restore.err).toContain('无法连接 PostgreSQL 服务器');
    const notUrl = await runCliCaptured(['backup', '-o', 'x'], { LUOSHI_DATABASE_URL: '/srv/luoshi' });
    expect(notUrl.err).toContain('LUOSHI_DATABASE_URL 的值不是 PostgreSQL 连接地址');
  }, 60_000);
});
