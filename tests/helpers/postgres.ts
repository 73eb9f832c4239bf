import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests: initdb in a temp folder, started with pg_ctl on a
 * free port on 127.0.0.1, stopped and removed afterwards. PostgreSQL refuses to run as root, so
 * when the tests run as root (CI) every server binary runs as the `postgres` user (runuser) and
 * the temp folder is handed to that user. Every wait is bounded.
 */
export interface TestCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  /** A fresh empty database on this cluster; returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const binDirs = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

function postgresBin(name: string): string {
  const dir = binDirs.find((candidate) => existsSync(join(candidate, name)));
  if (!dir)
    throw new Error(
      `PostgreSQL server binaries not found (looked in ${binDirs.join(', ')}); install the postgresql package`,
    );
  return join(dir, name);
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

export async function startTestCluster(): Promise<TestCluster> {
  const root = mkdtempSync(join(tmpdir(), 'luoshi-pg-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  if (process.getuid?.() === 0) chownSync(root, await idOf('-u'), await idOf('-g'));
  let started = false;
  const removeRoot = () => rmSync(root, { recursive: true, force: true });
  try {
    await run(
      postgresBin('initdb'),
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      60_000,
    );
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${root}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    await run(postgresBin('pg_ctl'), ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '30', 'start'], 40_000);
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
          await run(postgresBin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', '-t', '20', 'stop'], 30_000);
        } finally {
          removeRoot();
        }
      },
    };
  } catch (error) {
    if (started)
      await run(postgresBin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', '-t', '20', 'stop'], 30_000).catch(
        () => undefined,
      );
    removeRoot();
    throw error;
  }
}
