import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureServerLoad } from '../../../src/main/bench/serverLoad';
import { repoRoot } from '../../helpers/tempDir';
import { createWorld, unitNames, type TestWorld } from '../workflow/helpers';

/** The bench's browser-mode section at a tiny scale: real `luoshi serve` processes (needs `npm run build`). */
let world: TestWorld;
let roundId = 0;

beforeAll(async () => {
  world = await createWorld(new Date());
  const coordinator = world.user('coord', ['coordinator'], unitNames.economy);
  roundId = world.core.workflow.rounds.open(coordinator, { year: 2025, quarter: 3, deadline: '2025-10-10' }).id;
}, 30_000);
afterAll(() => world?.cleanup());

describe('bench: browser mode under export load', () => {
  it('measures light requests alone and while exporting, in-thread and with the export pool', async () => {
    const log: string[] = [];
    const measures = await measureServerLoad({
      entry: join(repoRoot, 'bin', 'luoshi.mjs'),
      dataDir: world.core.paths.dataDir,
      username: 'coord',
      password: 'password-123',
      roundId,
      exportWorkers: [0, 1],
      clients: 3,
      seconds: 1,
      log: (line) => log.push(line),
    });
    expect(measures.map((m) => m.key)).toEqual([
      'server.inThread.light',
      'server.inThread.light.p99',
      'server.inThread.lightWhileExporting',
      'server.inThread.lightWhileExporting.p99',
      'server.inThread.addedP99',
      'server.pool1.light',
      'server.pool1.light.p99',
      'server.pool1.lightWhileExporting',
      'server.pool1.lightWhileExporting.p99',
      'server.pool1.addedP99',
    ]);
    for (const m of measures.filter((x) => !x.key.endsWith('addedP99'))) {
      expect(m.runs, m.key).toBeGreaterThan(5);
      expect(m.median, m.key).toBeGreaterThan(0);
      expect(m.note, m.key).toMatch(/^\d+\/s$/);
    }
    const byKey = new Map(measures.map((m) => [m.key, m]));
    for (const key of ['server.inThread.light', 'server.pool1.lightWhileExporting']) {
      expect(byKey.get(`${key}.p99`)!.median).toBeGreaterThanOrEqual(byKey.get(key)!.median);
    }
    expect(byKey.get('server.pool1.addedP99')!.median).toBeCloseTo(
      byKey.get('server.pool1.lightWhileExporting.p99')!.median - byKey.get('server.pool1.light.p99')!.median,
    );
    expect(measures.find((m) => m.key === 'server.pool1.addedP99')?.limit).toBe(50);
    expect(measures.find((m) => m.key === 'server.pool1.addedP99')?.note).toMatch(/^[1-9]\d* 份报告/);
    expect(log).toHaveLength(2);
  }, 60_000);
});
