import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilitiesOf, configKey, serveArgs, serveCapabilities } from '../../../src/main/bench/serverLoad';
import { measureServerSection } from '../../../src/main/bench/serverSection';
import { serveCommand } from '../../../src/main/cli/commands/serve';
import { repoRoot } from '../../helpers/tempDir';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';

/** The bench's server section at a tiny scale: real `luoshi serve` processes (needs `npm run build`). */
let world: TestWorld;
let roundId = 0;
const entry = join(repoRoot, 'bin', 'luoshi.mjs');

beforeAll(async () => {
  world = await createWorld(new Date());
  const coordinator = world.user('coord', ['coordinator'], unitNames.economy);
  roundId = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
}, 30_000);
afterAll(() => world?.cleanup());

describe('bench: the server section', () => {
  it('tells the flags of serve from its usage text, --export-workers not counting as --workers', async () => {
    expect(capabilitiesOf('luoshi serve [--data-dir 目录] [--export-workers 1]')).toEqual({
      database: false,
      workers: false,
    });
    expect(capabilitiesOf('luoshi serve [--database postgres://…] [--workers 3] [--export-workers 1]')).toEqual({
      database: true,
      workers: true,
    });
    // The built serve answers what its source's usage says.
    expect(await serveCapabilities(entry)).toEqual(capabilitiesOf(serveCommand.usage));
  }, 30_000);

  it('starts serve with --database and --workers only for the configurations that need them', () => {
    const sqlite = { engine: 'sqlite' as const, processes: 1, exportWorkers: 1, clients: 20 };
    const postgres3 = { engine: 'postgres' as const, processes: 3, exportWorkers: 1, clients: 100 };
    expect(serveArgs(sqlite, '/d', 'postgres://x/y')).toEqual([
      'serve',
      '--data-dir',
      '/d',
      '--port',
      '0',
      '--export-workers',
      '1',
    ]);
    expect(serveArgs(postgres3, '/d', 'postgres://x/y').slice(7)).toEqual([
      '--database',
      'postgres://x/y',
      '--workers',
      '3',
    ]);
    expect(() => serveArgs(postgres3, '/d', undefined)).toThrow(/database URL/);
    expect(configKey('server.city', postgres3)).toBe('server.city.postgres.x3.pool1.c100');
    expect(configKey('server', { ...sqlite, exportWorkers: 0 })).toBe('server.sqlite.inThread.c20');
  });

  it('measures light requests alone and while exporting, in-thread and with the export pool, and says what it left out', async () => {
    const log: string[] = [];
    const { measures, notMeasured } = await measureServerSection(
      [
        {
          prefix: 'server',
          label: '区',
          dataDir: world.core.paths.dataDir,
          username: 'coord',
          password: 'password-123',
          roundId,
        },
      ],
      { entry, clients: [3], seconds: 1, noPostgres: true, log: (line) => log.push(line) },
    );
    expect(measures.map((m) => m.key)).toEqual([
      'server.sqlite.inThread.c3.light',
      'server.sqlite.inThread.c3.light.p99',
      'server.sqlite.inThread.c3.lightWhileExporting',
      'server.sqlite.inThread.c3.lightWhileExporting.p99',
      'server.sqlite.inThread.c3.addedP99',
      'server.sqlite.pool1.c3.light',
      'server.sqlite.pool1.c3.light.p99',
      'server.sqlite.pool1.c3.lightWhileExporting',
      'server.sqlite.pool1.c3.lightWhileExporting.p99',
      'server.sqlite.pool1.c3.addedP99',
    ]);
    expect(notMeasured).toEqual(['not measured: PostgreSQL (--no-postgres)']);
    for (const m of measures.filter((x) => !x.key.endsWith('addedP99'))) {
      expect(m.runs, m.key).toBeGreaterThan(5);
      expect(m.median, m.key).toBeGreaterThan(0);
      expect(m.note, m.key).toMatch(/^\d+\/s$/);
    }
    const byKey = new Map(measures.map((m) => [m.key, m]));
    for (const key of ['server.sqlite.inThread.c3.light', 'server.sqlite.pool1.c3.lightWhileExporting']) {
      expect(byKey.get(`${key}.p99`)!.median).toBeGreaterThanOrEqual(byKey.get(key)!.median);
    }
    const added = byKey.get('server.sqlite.pool1.c3.addedP99')!;
    expect(added.median).toBeCloseTo(
      byKey.get('server.sqlite.pool1.c3.lightWhileExporting.p99')!.median -
        byKey.get('server.sqlite.pool1.c3.light.p99')!.median,
    );
    expect(added.limit).toBe(50);
    // The longest stall is the loaded phase's slowest light request.
    const stall = byKey.get('server.sqlite.pool1.c3.lightWhileExporting')!.max;
    expect(added.note).toMatch(new RegExp(`^[1-9]\\d* 份报告.*轻请求最长一次 ${stall.toFixed(0)} ms$`));
    expect(log.filter((line) => line.startsWith('Browser mode'))).toHaveLength(2);
  }, 60_000);
});
