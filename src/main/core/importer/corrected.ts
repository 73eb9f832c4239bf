import type { ParsedPlan } from '../../../shared/domain/plan';
import { rolesOf, unitsFromRoles } from '../../../shared/domain/planCorrections';
import type { UnitSpec } from '../../../shared/domain/units';
import { UnitResolver } from './directory';
import type { ParseResult } from './types';

/**
 * Units after the coordinator's corrections, resolved like the importer resolves the plan's own:
 * a spelling the directory knows becomes its canonical name, an unknown one is added flagged
 * needsReview and reported with the task's line.
 */
export function resolveCorrectedUnits(plan: ParsedPlan, directory: readonly UnitSpec[]): ParseResult {
  const resolver = new UnitResolver(directory);
  const tasks = plan.tasks.map((task) => ({
    ...task,
    ...unitsFromRoles(rolesOf(task).map((u) => ({ unit: resolver.resolve(u.unit, task.line), role: u.role }))),
  }));
  return {
    plan: { ...plan, tasks, warnings: [...plan.warnings, ...resolver.warnings] },
    directory: resolver.directory(),
  };
}
