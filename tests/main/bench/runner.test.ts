import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench } from '../../../src/main/bench/runner';
import { formatTable, type BenchResults } from '../../../src/main/bench/results';
import { resourcesDir } from '../../helpers/tempDir';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the bench at a tiny scale', () => {
  it('builds a district through the services, measures everything and writes valid JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-test-'));
    dirs.push(dir);
    const jsonOut = join(dir, 'results', 'latest.json');
    const log: string[] = [];
    const results = await runBench({
      resourcesDir,
      packageRoot: null,
      quarters: 2,
      targetAuditEntries: 3000,
      runs: 1,
      queryRuns: 2,
      transitions: 20,
      isolation: { entry: null },
      jsonOut,
      keep: false,
      city: { quarters: 1, districts: 2, officesPerDistrict: 2 },
      log: (line) => log.push(line),
    });
    const written = JSON.parse(readFileSync(jsonOut, 'utf8')) as BenchResults;
    expect(written.measures.map((m) => m.key)).toEqual(results.measures.map((m) => m.key));

    // Every measure the issue names is there, with its statistics and unit.
    const keys = new Set(written.measures.map((m) => m.key));
    for (const key of [
      'seed.import',
      'transition.each',
      'transition.throughput',
      'dashboard.plan.overview',
      'dashboard.rounds.list',
      'dashboard.rounds.overview',
      'dashboard.reports.inbox',
      'trend.task',
      'trend.plan',
      'search.2char',
      'search.4char',
      'audit.verify',
      'coldStart.core',
      'docx.quarterly',
      'docx.quarterly.memory',
      'xlsx.taskLedger',
      'xlsx.taskLedger.memory',
      'xlsx.auditLedger',
      'xlsx.auditLedger.memory',
      'city.build',
      'city.databaseSize',
      'city.dashboard.total',
    ])
      expect(keys, key).toContain(key);
    for (const m of written.measures) {
      expect(m.unit, m.key).toMatch(/\S/);
      expect(Number.isFinite(m.median), m.key).toBe(true);
      expect(m.min, m.key).toBeLessThanOrEqual(m.median);
      expect(m.median, m.key).toBeLessThanOrEqual(m.max);
    }
    // Exports are measured against their bare-library floor, as a ratio.
    for (const key of ['docx.quarterly', 'xlsx.taskLedger', 'xlsx.auditLedger']) {
      const m = written.measures.find((x) => x.key === key);
      expect(m?.floor?.median, key).toBeGreaterThan(0);
      expect(m?.ratio, key).toBeCloseTo((m?.median ?? 0) / (m?.floor?.median ?? 1), 6);
    }
    expect(written.measures.find((m) => m.key === 'transition.each')?.runs).toBe(20);

    // The district: two filed quarters plus the round the transitions run in, every report filed
    // through the machine (sign-offs recorded), and the audit trail at least the target.
    expect(written.scale.quarters).toBe(2);
    expect(written.scale.rounds).toBe(3);
    expect(Number(written.scale.auditEntries)).toBeGreaterThanOrEqual(3000);
    expect(Number(written.scale.signOffSignatures)).toBeGreaterThan(0);
    expect(written.machine.nproc).toBeGreaterThan(0);
    // The city: two districts of the seed's 28 units and 2 offices each, and the city's 专班.
    expect(written.scale.cityUnits).toBe(2 * 30 + 1);
    expect(written.scale.cityRounds).toBe(1);
    expect(written.measures.find((m) => m.key === 'city.databaseSize')?.median).toBeGreaterThan(0.1);

    const table = formatTable(written).split('\n');
    expect(table).toHaveLength(written.measures.length + 2);
    // The trend covers every round of the district.
    expect(written.measures.find((m) => m.key === 'trend.task')?.label).toContain('（3 个季度）');
  }, 240_000);

  it('stops after the dashboard, trend and search with only: dashboard', async () => {
    const results = await runBench({
      resourcesDir,
      packageRoot: null,
      quarters: 1,
      targetAuditEntries: 500,
      runs: 1,
      queryRuns: 1,
      transitions: 5,
      isolation: { entry: null },
      jsonOut: null,
      keep: false,
      only: 'dashboard',
      log: () => {},
    });
    const keys = results.measures.map((m) => m.key);
    expect(keys).toContain('dashboard.total');
    expect(keys).toContain('trend.task');
    expect(keys).toContain('search.4char');
    expect(keys).not.toContain('audit.verify');
    expect(keys.some((k) => k.startsWith('docx.') || k.startsWith('xlsx.') || k.startsWith('coldStart.'))).toBe(false);
  }, 240_000);
});
