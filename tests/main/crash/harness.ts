import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { transformSync } from 'esbuild';
import { createCore } from '../../../src/main/core/core';
import { makeTempDir, repoRoot, resourcesDir } from '../../helpers/tempDir';

/**
 * Runs the real `luoshi` command line as a child Node process (through fixtures/killableCli.ts,
 * which loads the built bundle out/cli/luoshi.cjs) and kills it with SIGKILL, either at a chosen
 * write inside a transaction or after a delay. Requires `npm run build` first.
 */
const cliBundle = join(repoRoot, 'out', 'cli', 'luoshi.cjs');
let fixture = '';

/** Check the CLI is built and turn fixtures/killableCli.ts into a script node can run; once per test file. */
export function requireBuiltCli(): void {
  if (!existsSync(cliBundle)) throw new Error(`crash tests need the built CLI ${cliBundle}: run npm run build first`);
  if (fixture !== '') return;
  const source = readFileSync(join(__dirname, 'fixtures', 'killableCli.ts'), 'utf8');
  const { code } = transformSync(source, { loader: 'ts', format: 'cjs', platform: 'node', target: 'node20' });
  const folder = makeTempDir('luoshi-crash-fixture-');
  process.once('exit', folder.cleanup);
  fixture = join(folder.dir, 'killableCli.cjs');
  writeFileSync(fixture, code);
}

export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The statement the child was stopped on, when it was stopped by LUOSHI_CRASH_STOP. */
  stoppedOn: string | null;
}

export interface RunOptions {
  /** Stop at the k-th write of the t-th top-level transaction and SIGKILL there. */
  stopAt?: { transaction: number; write: number };
  /** SIGKILL this many ms after the child says it started (it may finish first). */
  killAfterMs?: number;
  /** SIGKILL as soon as stdout matches (e.g. a server saying it is up). */
  killOnStdout?: RegExp;
  count?: boolean;
}

export function runCli(args: string[], options: RunOptions = {}): Promise<ChildOutcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, LUOSHI_REPO_ROOT: repoRoot };
  delete env.LUOSHI_CRASH_STOP;
  delete env.LUOSHI_CRASH_COUNT;
  if (options.stopAt) env.LUOSHI_CRASH_STOP = `${options.stopAt.transaction}:${options.stopAt.write}`;
  if (options.count) env.LUOSHI_CRASH_COUNT = '1';
  const child = spawn(process.execPath, [fixture, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let stoppedOn: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (options.killOnStdout?.test(stdout)) child.kill('SIGKILL');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (options.killAfterMs !== undefined && timer === undefined && stderr.includes('LUOSHI-CRASH started')) {
      timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    }
    const stopped = /LUOSHI-CRASH stopped (.*)\n/.exec(stderr);
    if (stopped && stoppedOn === null) {
      stoppedOn = stopped[1] ?? '';
      child.kill('SIGKILL');
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, stoppedOn });
    });
  });
}

/** Writes per top-level transaction, as counted by the probe (LUOSHI_CRASH_COUNT). */
export function transactionsOf(outcome: ChildOutcome): number[] {
  return [...outcome.stderr.matchAll(/LUOSHI-CRASH transaction (\d+) writes (\d+)/g)].map((m) => Number(m[2]));
}

/** A throwaway copy of a prepared data folder, with the audit key and witnesses kept beside it. */
export function copyOf(dataDir: string): { dir: string; cleanup: () => void } {
  const copy = makeTempDir('luoshi-crash-');
  cpSync(dataDir, copy.dir, { recursive: true });
  if (existsSync(`${dataDir}.audit`)) cpSync(`${dataDir}.audit`, `${copy.dir}.audit`, { recursive: true });
  return copy;
}

/** Open the killed database raw (SQLite recovers the WAL), check it, and read what `read` asks. */
export function inspect<T>(dataDir: string, read: (db: Database.Database) => T): { integrity: string; value: T } {
  const db = new Database(join(dataDir, 'luoshi.db'));
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return { integrity: rows.map((r) => r.integrity_check).join('\n'), value: read(db) };
  } finally {
    db.close();
  }
}

/** The audit chain as the application checks it. */
export async function auditVerifies(dataDir: string): Promise<{ ok: boolean; message: string }> {
  const core = await createCore({ dataDir, resourcesDir, loadSeedPlan: false });
  try {
    const result = core.workflow.audit.verify();
    return { ok: result.ok, message: result.message };
  } finally {
    core.close();
  }
}

/** `luoshi audit verify` run as a real command. */
export function cliAuditVerify(dataDir: string): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [join(repoRoot, 'bin', 'luoshi.mjs'), 'audit', 'verify', '--data-dir', dataDir],
    {
      encoding: 'utf8',
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

export function count(db: Database.Database, sql: string, ...params: unknown[]): number {
  return (
    (db
      .prepare(sql)
      .pluck()
      .get(...params) as number | null) ?? 0
  );
}

/** Kill points spread over a transaction of `writes` writes: the first, quarters, the last. */
export function spreadPoints(writes: number, extra: number[] = []): number[] {
  const points = [1, Math.ceil(writes / 4), Math.ceil(writes / 2), Math.ceil((3 * writes) / 4), writes, ...extra];
  return [...new Set(points.filter((p) => p >= 1 && p <= writes))];
}
