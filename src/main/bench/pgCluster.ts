import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster, for the bench's server section and the tests
 * (tests/helpers/postgres.ts): initdb in a temp folder, pg_ctl on a free port on 127.0.0.1,
 * stopped and removed afterwards; every wait is bounded. PostgreSQL refuses to run as root, so as
 * root every server binary runs as the `postgres` user (runuser) and the folder is handed to it.
 * The bench keeps fsync on (it compares engines as a server room would run them); the tests turn
 * it off (`durable: false`), since their clusters die with the run.
 */
export interface ClusterOptions {
  /** fsync and full-page writes on (default true). */
  durable?: boolean;
}

export interface BenchCluster {
  url: string;
  port: number;
  /** A fresh empty database on this cluster; returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const binDirs = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

/** The server binaries' folder, or null when PostgreSQL is not installed here. */
export function postgresBinDir(): string | null {
  return binDirs.find((candidate) => existsSync(join(candidate, 'pg_ctl'))) ?? null;
}

function run(file: string, args: string[], timeoutMs: number): Promise<string> {
  const asRoot = process.getuid?.() === 0;
  const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    execFile(command, commandArgs, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

function idOf(flag: '-u' | '-g'): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile('id', [flag, 'postgres'], { timeout: 5_000 }, (error, stdout) => {
      if (error) reject(new Error(`no postgres user on this machine: ${error.message}`));
      else resolve(Number(stdout.trim()));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startBenchCluster(options: ClusterOptions = {}): Promise<BenchCluster> {
  const durable = options.durable !== false;
  const bin = postgresBinDir();
  if (bin === null)
    throw new Error(
      `PostgreSQL server binaries not found (looked in ${binDirs.join(', ')}); install the postgresql package`,
    );
  const root = mkdtempSync(join(tmpdir(), durable ? 'luoshi-bench-pg-' : 'luoshi-pg-'));
  const dataDir = join(root, 'data');
  if (process.getuid?.() === 0) chownSync(root, await idOf('-u'), await idOf('-g'));
  // A test cluster's data is thrown away: stop it at once instead of checkpointing first.
  const stop = () =>
    run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', durable ? 'fast' : 'immediate', '-w', '-t', '30', 'stop'], 40_000);
  let started = false;
  try {
    await run(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', ...(durable ? [] : ['--no-sync'])],
      60_000,
    );
    const port = await freePort();
    const serverOptions = [
      `-p ${port}`,
      `-k ${root}`,
      "-c listen_addresses='127.0.0.1'",
      '-c max_connections=200',
      ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ].join(' ');
    await run(
      join(bin, 'pg_ctl'),
      ['-D', dataDir, '-l', join(root, 'server.log'), '-o', serverOptions, '-w', '-t', '30', 'start'],
      40_000,
    );
    started = true;
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      port,
      async createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
        const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      async stop() {
        try {
          await stop();
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    if (started) await stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
