import { join } from 'node:path';

/** The plan Luoshi ships and loads on first run. */
export const seedPlanFileName = 'zhengzhou-jingkai-child-friendly-city-plan.txt';

/** Where the seed plan lies under the app's resources folder (resources/seed/…). */
export function seedPlanPath(resourcesDir: string): string {
  return join(resourcesDir, 'seed', seedPlanFileName);
}

/** Same as seedPlanPath; the name the core uses. */
export const seedPlanFile = seedPlanPath;
