import type { Summary } from './stats';

/** One line of the bench's table and JSON. */
export interface Measure {
  key: string;
  label: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  /** The bare-library floor in the same run, when there is one. */
  floor?: Summary;
  /** median ÷ floor median. */
  ratio?: number;
  /** min ÷ floor min: on a noisy shared machine the fastest runs are the least disturbed. */
  ratioOfMins?: number;
  /** The limit for this measure, in `unit`. */
  limit?: number;
  /** Whether lower or higher is better for the limit. */
  better?: 'lower' | 'higher';
  note?: string;
}

interface MachineInfo {
  nproc: number;
  memoryGb: number;
  cpu: string;
  node: string;
  platform: string;
  date: string;
}

export interface BenchResults {
  machine: MachineInfo;
  scale: Record<string, number | string>;
  measures: Measure[];
  /** Rows the run could not measure, and why (e.g. `serve` without `--database`). */
  notMeasured?: string[];
  totalSeconds: number;
}

export function measureOf(
  key: string,
  label: string,
  unit: string,
  summary: Summary,
  extra: Partial<Pick<Measure, 'floor' | 'limit' | 'better' | 'note'>> = {},
): Measure {
  const measure: Measure = { key, label, unit, ...summary, ...extra };
  if (extra.floor && extra.floor.median > 0) measure.ratio = summary.median / extra.floor.median;
  if (extra.floor && extra.floor.min > 0) measure.ratioOfMins = summary.min / extra.floor.min;
  return measure;
}

export function passes(m: Measure): boolean | null {
  if (m.limit === undefined) return null;
  return m.better === 'higher' ? m.median >= m.limit : m.median <= m.limit;
}

function fmt(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '';
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toFixed(3);
}

/** A Markdown table: readable in a terminal and pasteable into the README. */
export function formatTable(results: BenchResults): string {
  const header = [
    'measure',
    'median',
    'min',
    'max',
    'unit',
    'runs',
    'floor (median)',
    'ratio',
    'ratio of mins',
    'limit',
    'ok',
  ];
  const lines = results.measures.map((m) => {
    const ok = passes(m);
    // The 1.5× floor target is about time; memory ratios are shown for information.
    const ratioOk = m.ratio === undefined || m.unit !== 'ms' || m.ratio <= 1.5 ? '' : ' (ratio > 1.5)';
    return [
      m.label,
      fmt(m.median),
      fmt(m.min),
      fmt(m.max),
      m.unit,
      String(m.runs),
      fmt(m.floor?.median),
      m.ratio === undefined ? '' : `${fmt(m.ratio)}×`,
      m.ratioOfMins === undefined ? '' : `${fmt(m.ratioOfMins)}×`,
      m.limit === undefined ? '' : `${m.better === 'higher' ? '≥' : '<'} ${fmt(m.limit)}`,
      (ok === null ? '' : ok ? 'yes' : 'NO') + ratioOk,
    ];
  });
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [row(header), row(header.map(() => '---')), ...lines.map(row)].join('\n');
}

export function formatMachine(results: BenchResults): string {
  const m = results.machine;
  const scale = Object.entries(results.scale)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGb.toFixed(1)} GB memory, Node ${m.node} on ${m.platform}, ${m.date}.`,
    `Data: ${scale}.`,
    `Bench total: ${results.totalSeconds.toFixed(0)} s.`,
    ...(results.notMeasured ?? []).map((line) => `${line[0]?.toUpperCase() ?? ''}${line.slice(1)}.`),
  ].join('\n');
}
