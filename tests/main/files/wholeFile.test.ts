import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localContext } from '../../../src/main/core/context';
import { createBackup } from '../../../src/main/core/backup';
import { createCore } from '../../../src/main/core/core';
import { createDispatcher } from '../../../src/main/core/dispatcher';
import { sweepAttachments, sweepInterruptedBackups } from '../../../src/main/core/files/sweep';
import { partialPrefix, writeFileWhole } from '../../../src/main/core/files/wholeFile';
import { dataPaths } from '../../../src/main/core/paths';
import type { Actor } from '../../../src/shared/domain/accounts';
import { LuoshiError } from '../../../src/shared/errors';
import { makeTempDir, repoRoot, resourcesDir } from '../../helpers/tempDir';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';

const temps: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.cleanup();
});
function tempDir(): string {
  const temp = makeTempDir('luoshi-whole-');
  temps.push(temp);
  return temp.dir;
}

const enospc = (): never => {
  throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
};

/** A pid that certainly belonged to a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 999_999;
}

describe('writing a file whole or not at all', () => {
  it('a full disk midway leaves neither the file nor a temporary, and says so in Chinese naming the folder', () => {
    const dir = tempDir();
    const target = join(dir, 'a'.repeat(64));
    let calls = 0;
    const error = (() => {
      try {
        writeFileWhole(target, Buffer.alloc(3 * 1024 * 1024, 1), {
          what: '附件「名单.xlsx」',
          io: {
            writeSync: (fd, buffer, offset, length) => {
              calls += 1;
              if (calls === 2) enospc();
              return writeSync(fd, buffer, offset, length);
            },
          },
        });
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(LuoshiError);
    expect((error as LuoshiError).message).toContain('磁盘空间不足');
    expect((error as LuoshiError).message).toContain('附件「名单.xlsx」未保存');
    expect((error as LuoshiError).message).toContain(dir);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses bytes that read back differently from their hash (a lying disk)', () => {
    const dir = tempDir();
    const target = join(dir, 'b'.repeat(64));
    expect(() => writeFileWhole(target, Buffer.from('内容'), { what: '附件「x」', sha256: '0'.repeat(64) })).toThrow(
      /读回的内容与原文件不符/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a process killed in the middle of a write leaves no file under the final name; the sweep removes its temporary', async () => {
    const dir = tempDir();
    const script = join(dir, 'killed.ts');
    const bundle = join(dir, 'killed.cjs');
    writeFileSync(
      script,
      `import { writeSync } from 'node:fs';
       import { writeFileWhole } from ${JSON.stringify(join(repoRoot, 'src/main/core/files/wholeFile.ts'))};
       let calls = 0;
       writeFileWhole(process.argv[2] as string, Buffer.alloc(4 * 1024 * 1024, 7), { what: 'x', io: { writeSync(fd, buffer, offset, length) {
         calls += 1;
         if (calls === 2) { process.stdout.write('stopped\\n'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); }
         return writeSync(fd, buffer, offset, length);
       } } });`,
    );
    buildSync({
      entryPoints: [script],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: bundle,
      logLevel: 'silent',
    });
    const attachments = join(dir, 'attachments');
    mkdirSync(attachments);
    const target = join(attachments, 'c'.repeat(64));
    const child = spawn(process.execPath, [bundle, target], { stdio: ['ignore', 'pipe', 'inherit'] });
    const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('stopped')) child.kill('SIGKILL');
      });
      child.once('exit', () => resolve());
    });
    clearTimeout(guard);
    expect(existsSync(target)).toBe(false);
    const left = readdirSync(attachments);
    expect(left).toHaveLength(1);
    expect(left[0]?.startsWith(partialPrefix)).toBe(true);
    const world = await createCore({ dataDir: dir, resourcesDir, loadSeedPlan: false });
    try {
      expect(readdirSync(attachments)).toEqual([]);
    } finally {
      world.close();
    }
  });
});

describe('attachments through the report service', () => {
  let world: TestWorld;
  let clerk: Actor;
  let otherClerk: Actor;
  let reportId: number;
  beforeEach(async () => {
    world = await createWorld();
    const coordinator = world.user('coord', ['coordinator'], unitNames.economy);
    clerk = world.user('social.clerk', ['clerk'], unitNames.social);
    otherClerk = world.user('health.clerk', ['clerk'], unitNames.health);
    const round = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' });
    reportId =
      world.core.workflow.rounds.overview(round.id).rows.find((r) => r.no === 1 && r.kind === 'task')?.reportId ?? 0;
  });
  afterEach(() => world.cleanup());

  const version = () => world.core.workflow.reportQueries.get(clerk, reportId).version;

  it('a refused upload writes no byte', () => {
    const bytes = Buffer.alloc(100_000, 3);
    expect(() =>
      world.core.workflow.reports.addAttachment(otherClerk, reportId, version(), 'a.bin', bytes.toString('base64')),
    ).toThrow(LuoshiError);
    expect(readdirSync(world.core.paths.attachments)).toEqual([]);
  });

  it('a torn file already under the hash is rewritten, not trusted', () => {
    // A PDF by its header (attachments are accepted by content).
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1_500_000, 0x20)]);
    const sha = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(world.core.paths.attachments, sha), bytes.subarray(0, 819_200));
    const id = world.core.workflow.reports.addAttachment(
      clerk,
      reportId,
      version(),
      '名单.pdf',
      bytes.toString('base64'),
    );
    expect(readFileSync(join(world.core.paths.attachments, sha)).length).toBe(bytes.length);
    expect(world.core.workflow.reports.readAttachment(id).sha256).toBe(sha);
  });

  it('sweeps unreferenced attachment files after the grace period, keeping referenced, fresh and foreign files', () => {
    const bytes = Buffer.from('保留');
    world.core.workflow.reports.addAttachment(clerk, reportId, version(), '保留.txt', bytes.toString('base64'));
    const kept = createHash('sha256').update(bytes).digest('hex');
    const dir = world.core.paths.attachments;
    const old = new Date(Date.now() - 2 * 60 * 60_000);
    const orphan = join(dir, 'd'.repeat(64));
    const fresh = join(dir, 'e'.repeat(64));
    const foreign = join(dir, 'readme.txt');
    for (const file of [orphan, fresh, foreign]) writeFileSync(file, 'x');
    for (const file of [orphan, foreign, join(dir, kept)]) utimesSync(file, old, old);
    const result = sweepAttachments(world.core.db, dir);
    expect(result.removed).toEqual([orphan]);
    expect(existsSync(join(dir, kept)) && existsSync(fresh) && existsSync(foreign)).toBe(true);
  });

  it('leaves orphans (hash-named files no row refers to) out of backups', async () => {
    const bytes = Buffer.from('附件');
    world.core.workflow.reports.addAttachment(clerk, reportId, version(), '附件.txt', bytes.toString('base64'));
    const kept = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(world.core.paths.attachments, 'f'.repeat(64)), 'refused upload');
    const result = await createBackup(world.core, join(tempDir(), 'b.luoshibak'));
    const paths = result.manifest.entries.map((entry) => entry.path);
    expect(paths).toContain(`attachments/${kept}`);
    expect(paths).not.toContain(`attachments/${'f'.repeat(64)}`);
  });

  it('a full database (SQLITE_FULL) answers 磁盘空间不足 naming the data folder, and saves nothing', async () => {
    const api = createDispatcher(world.core, () => undefined);
    const context = localContext('http');
    const login = await api.call('auth.login', { username: 'social.clerk', password: 'password-123' }, context);
    expect(login.ok).toBe(true);
    const before = version();
    const pages = world.core.db.pragma('page_count', { simple: true }) as number;
    world.core.db.pragma(`max_page_count = ${pages}`);
    const result = await api.call(
      'reports.update',
      {
        reportId,
        version: before,
        content: { progress: '进展'.repeat(10_000), problems: '问题'.repeat(10_000), nextSteps: '计划'.repeat(10_000) },
      },
      context,
    );
    world.core.db.pragma('max_page_count = 1073741823');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('磁盘空间不足');
    expect(result.error.message).toContain(world.core.paths.dataDir);
    expect(version()).toBe(before);
  });
});

describe('leftovers of an interrupted backup', () => {
  it('are removed at the next start when their process is gone', async () => {
    const dataDir = tempDir();
    const paths = dataPaths(dataDir);
    const pid = await deadPid();
    const tmp = tempDir();
    mkdirSync(paths.backups, { recursive: true });
    const partial = join(paths.backups, `luoshi-20251001-090000.luoshibak.partial-${pid}`);
    const mine = join(paths.backups, `luoshi-20251001-090001.luoshibak.partial-${process.pid}`);
    const snapshot = join(tmp, `luoshi-backup-${pid}-AbCdEf`);
    const staging = join(dataDir, `.restore-${pid}-XyZ`);
    writeFileSync(partial, 'x');
    writeFileSync(mine, 'x');
    mkdirSync(snapshot);
    writeFileSync(join(snapshot, 'luoshi.db'), 'x');
    mkdirSync(staging);
    const result = sweepInterruptedBackups(paths, Date.now(), tmp);
    expect(result.removed.sort()).toEqual([partial, snapshot, staging].sort());
    expect(existsSync(mine)).toBe(true);
  });
});
