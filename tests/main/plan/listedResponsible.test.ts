import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LuoshiCore } from '../../../src/main/core/core';
import { unitNamesOfTasks } from '../../../src/main/core/store/documentQueries';
import { currentPlanId, listTaskSummaries } from '../../../src/main/core/store/planStore';
import { makeTestCore } from '../../helpers/testCore';

/** Seed task 23 lists 区社会事业局 as lead and, sixth of ten, as responsible unit. */
describe('a unit the plan lists both as lead and responsible', () => {
  let world: { core: LuoshiCore; cleanup: () => void };
  beforeAll(async () => {
    world = await makeTestCore();
  });
  afterAll(() => world.cleanup());

  it('is shown in both lists as the plan says, and is one party of the workflow', () => {
    const db = world.core.db;
    const planId = currentPlanId(db)!;
    const task = listTaskSummaries(db, planId).find((t) => t.no === 23)!;
    expect(task.leadUnits).toEqual(['自然资源和规划分局', '区社会事业局']);
    expect(task.responsibleUnits).toHaveLength(10);
    expect(task.responsibleUnits[5]).toBe('区社会事业局');
    expect(unitNamesOfTasks(db, planId).get(task.id)?.responsible[5]).toBe('区社会事业局');
    const rows = db
      .prepare(
        "SELECT tu.role FROM task_units tu JOIN units u ON u.id = tu.unit_id WHERE tu.task_id = ? AND u.name = '区社会事业局'",
      )
      .all(task.id);
    expect(rows).toEqual([{ role: 'lead' }]);
    // Only task 23 has such a unit in the seed.
    const doubled = listTaskSummaries(db, planId).filter((t) =>
      t.leadUnits.some((u) => t.responsibleUnits.includes(u)),
    );
    expect(doubled.map((t) => t.no)).toEqual([23]);
  });
});
