import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { measureOf, type Measure } from './results';
import { startBenchCluster, postgresBinDir, type BenchCluster } from './pgCluster';
import { measureServerLoad, serveCapabilities, type ServerConfig } from './serverLoad';
import { elapsedMs } from './stats';

/**
 * The bench's server section, side by side in one run (issue #17): SQLite with one process, then
 * — when this build's `luoshi serve` has `--database` and a PostgreSQL is at hand (`--postgres-url`
 * or a throwaway cluster, pgCluster.ts) — PostgreSQL with one process and, when serve has
 * `--workers`, with three; each at every client count, for every data set (district, city). The
 * data goes to PostgreSQL with `luoshi db copy`. What cannot be measured is said, not skipped silently.
 */
export interface ServerDataSet {
  /** Key prefix: `server` for the district, `server.city` for the city. */
  prefix: string;
  /** In labels: 区 / 市. */
  label: string;
  dataDir: string;
  username: string;
  password: string;
  roundId: number;
}

export interface ServerSectionOptions {
  entry: string;
  clients: readonly number[];
  seconds: number;
  /** A PostgreSQL server to use (its database is replaced); omitted: a throwaway cluster if installed. */
  postgresUrl?: string;
  /** Leave PostgreSQL out. */
  noPostgres?: boolean;
  /** Server processes of the multi-process rows (default 3). */
  processes?: number;
  log: (line: string) => void;
}

export interface ServerSectionResult {
  measures: Measure[];
  notMeasured: string[];
}

async function runCli(entry: string, args: readonly string[]): Promise<string> {
  const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`luoshi ${args.slice(0, 2).join(' ')} exited with ${code ?? 'signal'}:\n${output}`);
  return output;
}

export async function measureServerSection(
  sets: readonly ServerDataSet[],
  options: ServerSectionOptions,
): Promise<ServerSectionResult> {
  const measures: Measure[] = [];
  const notMeasured: string[] = [];
  const capabilities = await serveCapabilities(options.entry);
  const processes = options.processes ?? 3;
  let postgres: { url: (set: ServerDataSet) => Promise<string>; force: boolean } | null = null;
  let cluster: BenchCluster | null = null;
  if (options.noPostgres) notMeasured.push('not measured: PostgreSQL (--no-postgres)');
  else if (!capabilities.database) notMeasured.push('not measured: serve has no --database (PostgreSQL rows left out)');
  else if (options.postgresUrl !== undefined) {
    const url = options.postgresUrl;
    postgres = { url: () => Promise.resolve(url), force: true };
  } else if (postgresBinDir() === null)
    notMeasured.push('not measured: no PostgreSQL (install postgresql or give --postgres-url)');
  else {
    options.log('Starting a throwaway PostgreSQL cluster…');
    const started = await startBenchCluster();
    cluster = started;
    postgres = {
      url: (set) => started.createDatabase(`luoshi_bench_${set.prefix.replace(/\W/g, '_')}`),
      force: false,
    };
  }
  if (postgres !== null && !capabilities.workers)
    notMeasured.push(`not measured: serve has no --workers (PostgreSQL with ${processes} processes left out)`);
  try {
    for (const set of sets) {
      const sqlite: ServerConfig[] = [
        // The baseline: exports on the server's thread, at the first client count only.
        { engine: 'sqlite', processes: 1, exportWorkers: 0, clients: options.clients[0] ?? 20 },
        ...options.clients.map((clients) => ({ engine: 'sqlite' as const, processes: 1, exportWorkers: 1, clients })),
      ];
      const common = {
        entry: options.entry,
        dataDir: set.dataDir,
        username: set.username,
        password: set.password,
        roundId: set.roundId,
        seconds: options.seconds,
        keyPrefix: set.prefix,
        dataLabel: set.label,
        log: options.log,
      };
      measures.push(...(await measureServerLoad({ ...common, configs: sqlite })));
      if (postgres === null) continue;
      const url = await postgres.url(set);
      options.log(`Copying the ${set.label} data to PostgreSQL (luoshi db copy)…`);
      const start = process.hrtime.bigint();
      await runCli(options.entry, [
        'db',
        'copy',
        '--from',
        set.dataDir,
        '--to',
        url,
        ...(postgres.force ? ['--force'] : []),
      ]);
      const seconds = elapsedMs(start) / 1000;
      measures.push(
        measureOf(`${set.prefix}.dbCopy`, `luoshi db copy 到 PostgreSQL（${set.label}）`, 's', {
          median: seconds,
          min: seconds,
          max: seconds,
          runs: 1,
        }),
      );
      const onPostgres: ServerConfig[] = options.clients.flatMap((clients) => [
        { engine: 'postgres' as const, processes: 1, exportWorkers: 1, clients },
        ...(capabilities.workers ? [{ engine: 'postgres' as const, processes, exportWorkers: 1, clients }] : []),
      ]);
      measures.push(...(await measureServerLoad({ ...common, databaseUrl: url, configs: onPostgres })));
    }
  } finally {
    await cluster?.stop();
  }
  for (const line of notMeasured) options.log(`  ${line}`);
  return { measures, notMeasured };
}
