import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The seed plan as shipped (resources/seed) and the other plans of /work/shared/plans, copied under fixtures/. */
const seedPath = fileURLToPath(
  new URL('../../../resources/seed/zhengzhou-jingkai-child-friendly-city-plan.txt', import.meta.url),
);
export const seedText = readFileSync(seedPath, 'utf8');

export function planFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
}
