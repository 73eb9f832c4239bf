import type { Comparator } from './plan';

/**
 * A target as people read it, the same on screens, in ledgers and in documents:
 * ≥ 6个（2025年）, 0.8—1块, 由19000人至25000人, 较2020年下降20%（2025年）.
 */
export interface TargetParts {
  comparator: Comparator;
  value: number;
  value2: number | null;
  unit: string;
  /** Year the target is due; shown as （2025年）. */
  year: number | null;
  baseYear: number | null;
  baselineYear: number | null;
}

export function targetText(t: TargetParts): string {
  const year = t.year === null ? '' : `（${t.year}年）`;
  switch (t.comparator) {
    case 'gte':
      return `≥ ${t.value}${t.unit}${year}`;
    case 'gt':
      return `> ${t.value}${t.unit}${year}`;
    case 'lte':
      return `≤ ${t.value}${t.unit}${year}`;
    case 'lt':
      return `< ${t.value}${t.unit}${year}`;
    case 'eq':
      return `${t.value}${t.unit}${year}`;
    case 'approx':
      return `约 ${t.value}${t.unit}${year}`;
    case 'range':
      return `${t.value}—${t.value2 ?? t.value}${t.unit}${year}`;
    case 'fromTo':
      return `由${t.value}${t.unit}至${t.value2 ?? t.value}${t.unit}${year}`;
    case 'decreaseBy':
      // The value of a decrease is a share of the baseline: always a percentage.
      return `较${t.baseYear ?? t.baselineYear ?? '基期'}年下降${t.value}%${year}`;
  }
}
