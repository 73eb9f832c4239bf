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
      'server.inThread.light', 'server.inThread.lightWhileExporting', 'server.inThread.addedP99',
      'server.pool1.light', 'server.pool1.lightWhileExporting', 'server.pool1.addedP99',
    ]);
    for (const m of measures.filter((x) => !x.key.endsWith('addedP99'))) {
      expect(m.runs, m.key).toBeGreaterThan(5);
      expect(m.median, m.key).toBeGreaterThan(0);
      expect(m.note, m.key).toMatch(/^p99 [\d.]+ ms, \d+\/s$/);
    }
    expect(measures.find((m) => m.key === 'server.pool1.addedP99')?.limit).toBe(50);
    expect(measures.find((m) => m.key === 'server.pool1.addedP99')?.note).toMatch(/^[1-9]\d* 份报告/);
    expect(log).toHaveLength(2);
  }, 60_000);
});
