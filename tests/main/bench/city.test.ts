import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCity, cityCoordinatorUnit, districtUnitName } from '../../../src/main/bench/city';
import { createCore, type LuoshiCore } from '../../../src/main/core/core';
import { dataCounts } from '../../../src/main/core/store/statsQueries';
import { currentPlanId, listTaskSummaries } from '../../../src/main/core/store/planStore';
import { listUnits } from '../../../src/main/core/store/unitStore';
import { resourcesDir } from '../../helpers/tempDir';

const dirs: string[] = [];
const cores: LuoshiCore[] = [];
afterAll(() => {
  for (const core of cores.splice(0)) core.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('bench: the city data set', () => {
  it('stores one city plan of several districts with units of their own and plays its rounds through the services', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-city-test-'));
    dirs.push(dir);
    const core = await createCore({ dataDir: join(dir, 'city'), resourcesDir, loadSeedPlan: false });
    cores.push(core);
    const { facts } = buildCity(core, {
      resourcesDir,
      districts: 2,
      quarters: 1,
      lastQuarter: { year: 2025, quarter: 2 },
      officesPerDistrict: 3,
    });

    const units = listUnits(core.db).filter((u) => u.kind === 'unit');
    const names = new Set(units.map((u) => u.name));
    // The seed's 28 units and 3 offices in each district, and the city's 专班.
    expect(units).toHaveLength(2 * (28 + 3) + 1);
    expect(names).toContain(cityCoordinatorUnit);
    for (const district of ['金水', '二七']) {
      expect(names).toContain(districtUnitName(district, '区经济发展局'));
      expect(names).toContain(districtUnitName(district, '明湖办事处'));
    }
    expect(names).not.toContain('区经济发展局');
    const group = listUnits(core.db).find((u) => u.name === '二七区各办事处');
    expect(group?.kind).toBe('group');

    // One current plan holding both districts' task lists, each task led by its own district's units.
    const planId = currentPlanId(core.db);
    expect(planId).not.toBeNull();
    const tasks = listTaskSummaries(core.db, planId!);
    const perDistrict = tasks.length / 2;
    expect(Number.isInteger(perDistrict) && perDistrict > 10).toBe(true);
    const second = tasks.filter((t) => t.title.startsWith('（二七区）'));
    expect(second).toHaveLength(perDistrict);

    // Accounts for every unit, and the round's reports all filed with a verifying audit chain.
    expect(facts.users).toBe(2 * units.length + 3);
    const counts = dataCounts(core.db);
    expect(counts.rounds).toBe(1);
    expect(counts.reports).toBe(facts.reports);
    expect(facts.reports).toBeGreaterThan(2 * perDistrict);
    const verified = core.workflow.audit.verify();
    expect(verified.ok).toBe(true);
  }, 120_000);
});
