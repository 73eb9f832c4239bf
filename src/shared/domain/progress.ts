import { z } from 'zod';
import { approxTolerance, type Comparator } from './plan';

/**
 * The progress rule: what Luoshi may say about a task or an indicator in a quarter. The dashboard,
 * the round overview, every ledger, the compiled report, the task report and the bulletin all read
 * from these functions, so they state the same thing about the same round.
 *
 * 1. Only a submitted report counts. Of a subject's revisions in a round, the one that counts is the
 *    newest filed revision (what the units signed), otherwise the newest revision that is out of
 *    drafting (submitted, in review or sign-off). A revision in drafting — a first draft, or one
 *    returned or withdrawn for rework — has not been reported, so its values and its text stay out.
 * 2. A task's status in the quarter:
 *      未报送 unreported — no revision counts and the deadline has not passed (or the unit reported
 *                          in time and the report was sent back for rework);
 *      超期未报 overdue   — no revision counts, and nothing was submitted by the deadline, which has passed;
 *      已完成 done        — the counted report says the task is finished (本任务已全部完成), never
 *                          inferred from indicators;
 *      进度滞后 lagging   — an indicator of the counted report is behind its 序时进度;
 *      正常推进 onTrack   — otherwise.
 *    The deadline is the drafting unit's own: the round's, unless the task force extended it for
 *    that unit (延期, effectiveDeadline); an extended unit is not overdue before its new deadline.
 * 3. 序时进度: each indicator has a value due by the quarter's end (应达值) on a straight line from its
 *    baseline (end of the baseline year) to its target (end of the target year). Without a baseline
 *    the line cannot be drawn; from the target year's end the target itself is due.
 */

export const taskStatuses = ['done', 'onTrack', 'lagging', 'overdue', 'unreported'] as const;
export const taskStatusSchema = z.enum(taskStatuses);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

export const taskStatusLabels: Record<TaskStatus, string> = {
  done: '已完成',
  onTrack: '正常推进',
  lagging: '进度滞后',
  overdue: '超期未报',
  unreported: '未报送',
};

// --- which revision counts --------------------------------------------------------------------

export interface RevisionState {
  revision: number;
  state: 'drafting' | 'leadReview' | 'signOff' | 'filing' | 'filed';
  first_submitted_at: string | null;
}

/** Whether a revision in this state has been reported (is out of drafting). */
const isReported = (state: RevisionState['state']): boolean => state !== 'drafting';

/** The revision of one subject in one round that counts (rule 1), or null when none does. */
export function countedRevision<T extends RevisionState>(revisions: readonly T[]): T | null {
  let filed: T | null = null;
  let reported: T | null = null;
  for (const r of revisions) {
    if (r.state === 'filed' && (filed === null || r.revision > filed.revision)) filed = r;
    if (isReported(r.state) && (reported === null || r.revision > reported.revision)) reported = r;
  }
  return filed ?? reported;
}

/** The subject's first submission in the round over all its revisions, or null. */
export function firstSubmission(revisions: readonly RevisionState[]): string | null {
  let first: string | null = null;
  for (const r of revisions) {
    if (r.first_submitted_at !== null && (first === null || Date.parse(r.first_submitted_at) < Date.parse(first))) {
      first = r.first_submitted_at;
    }
  }
  return first;
}

// --- deadlines --------------------------------------------------------------------------------

/** The deadline is a date in China Standard Time; it ends at 24:00 that day (UTC+8). */
export function deadlineEndIso(deadline: string): string {
  return new Date(Date.parse(`${deadline}T00:00:00+08:00`) + 86_400_000).toISOString();
}

export function isPastDeadline(deadline: string, nowIso: string): boolean {
  return Date.parse(nowIso) >= Date.parse(deadlineEndIso(deadline));
}

/**
 * A drafting unit's deadline in a round: its extension (延期) when the task force granted one,
 * otherwise the round's. A report the task force drafts itself has the round's deadline.
 */
export function effectiveDeadline(
  roundDeadline: string,
  draftingUnitId: number | null,
  extensions: ReadonlyMap<number, { deadline: string }>,
): string {
  if (draftingUnitId === null) return roundDeadline;
  return extensions.get(draftingUnitId)?.deadline ?? roundDeadline;
}

/** Never submitted and the deadline has passed (the 逾期 mark next to who is awaited). */
export function isLate(firstSubmittedAt: string | null, deadline: string, nowIso: string): boolean {
  return firstSubmittedAt === null && isPastDeadline(deadline, nowIso);
}

// --- indicators -------------------------------------------------------------------------------

export interface IndicatorTarget {
  comparator: Comparator;
  value: number;
  value2: number | null;
  /** Year the target is due. */
  year: number | null;
  baseYear: number | null;
  baselineValue: number | null;
  baselineYear: number | null;
}

const epsilon = 1e-9;

/** Days from 1970-01-01 to an ISO date (YYYY-MM-DD), counted in whole days. */
function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

const yearEnd = (year: number): number => dayNumber(`${year}-12-31`);

/** Where the indicator starts, where it must get to, and which way is better; null when it has no direction. */
export function indicatorPath(
  target: IndicatorTarget,
): { from: number | null; fromYear: number | null; to: number; higherIsBetter: boolean } | null {
  const baseline = target.baselineValue;
  const baselineYear = target.baselineYear ?? target.baseYear;
  switch (target.comparator) {
    case 'gte':
    case 'gt':
    case 'eq':
      return { from: baseline, fromYear: baselineYear, to: target.value, higherIsBetter: true };
    case 'approx':
      // About a value: paced towards it from the baseline, whichever side the baseline is on.
      return {
        from: baseline,
        fromYear: baselineYear,
        to: target.value,
        higherIsBetter: baseline === null || baseline <= target.value,
      };
    case 'lte':
    case 'lt':
      return { from: baseline, fromYear: baselineYear, to: target.value, higherIsBetter: false };
    case 'fromTo': {
      if (target.value2 === null) return null;
      return {
        from: target.value,
        fromYear: baselineYear,
        to: target.value2,
        higherIsBetter: target.value2 >= target.value,
      };
    }
    case 'decreaseBy':
      if (baseline === null) return null;
      return { from: baseline, fromYear: baselineYear, to: baseline * (1 - target.value / 100), higherIsBetter: false };
    case 'range': {
      const low = target.value;
      const high = target.value2 ?? target.value;
      if (baseline === null || (baseline >= low && baseline <= high)) return null;
      return baseline < low
        ? { from: baseline, fromYear: baselineYear, to: low, higherIsBetter: true }
        : { from: baseline, fromYear: baselineYear, to: high, higherIsBetter: false };
    }
  }
}

/** Whether `value` meets the target itself (not the pace). */
export function meetsTarget(target: IndicatorTarget, value: number): boolean {
  switch (target.comparator) {
    case 'gte':
      return value >= target.value - epsilon;
    case 'gt':
      return value > target.value;
    case 'lte':
      return value <= target.value + epsilon;
    case 'lt':
      return value < target.value;
    case 'eq':
      return Math.abs(value - target.value) <= epsilon;
    case 'approx':
      return Math.abs(value - target.value) <= Math.abs(target.value) * approxTolerance + epsilon;
    case 'range':
      return value >= target.value - epsilon && value <= (target.value2 ?? target.value) + epsilon;
    case 'fromTo': {
      const goal = target.value2 ?? target.value;
      return goal >= target.value ? value >= goal - epsilon : value <= goal + epsilon;
    }
    case 'decreaseBy':
      return target.baselineValue !== null && value <= target.baselineValue * (1 - target.value / 100) + epsilon;
  }
}

/**
 * 应达值: the value due by `asOf` (ISO date) on the straight line from the baseline to the target;
 * from the target year's end, the target itself. Null when the line cannot be drawn (no baseline
 * or no target year) and the target is not yet due.
 */
export function expectedValue(target: IndicatorTarget, asOf: string): number | null {
  const line = indicatorPath(target);
  if (!line) return null;
  if (target.year !== null && dayNumber(asOf) >= yearEnd(target.year)) return line.to;
  if (line.from === null || line.fromYear === null || target.year === null) return null;
  const start = yearEnd(line.fromYear);
  const end = yearEnd(target.year);
  if (end <= start) return line.to;
  const fraction = Math.min(1, Math.max(0, (dayNumber(asOf) - start) / (end - start)));
  return line.from + fraction * (line.to - line.from);
}

/**
 * How a reported value stands at `asOf`:
 *   met        — the target itself is met;
 *   onPace     — short of the target but at or beyond its 应达值;
 *   lagging    — behind its 应达值;
 *   unjudged   — short of the target and no 应达值 can be drawn yet (the plan gives no baseline);
 *   unreported — no value counts.
 */
export const indicatorRatings = ['met', 'onPace', 'lagging', 'unjudged', 'unreported'] as const;
export type IndicatorRating = (typeof indicatorRatings)[number];

export const indicatorRatingLabels: Record<IndicatorRating, string> = {
  met: '已达标',
  onPace: '达到序时进度',
  lagging: '未达序时进度',
  unjudged: '暂无法判断',
  unreported: '未报送',
};

export function rateIndicator(
  target: IndicatorTarget,
  value: number | null,
  asOf: string,
): { expected: number | null; rating: IndicatorRating } {
  const expected = expectedValue(target, asOf);
  if (value === null) return { expected, rating: 'unreported' };
  if (meetsTarget(target, value)) return { expected, rating: 'met' };
  const line = indicatorPath(target);
  if (expected === null || !line) return { expected, rating: 'unjudged' };
  const behind = line.higherIsBetter ? value < expected - epsilon : value > expected + epsilon;
  return { expected, rating: behind ? 'lagging' : 'onPace' };
}

/** Behind its 序时进度 (a value that is met, unreported or cannot be judged is not lagging). */
export function isIndicatorLagging(target: IndicatorTarget, value: number | null, asOf: string): boolean {
  return rateIndicator(target, value, asOf).rating === 'lagging';
}

/** Met or on pace: the indicator keeps its 序时进度. */
export const keepsPace = (rating: IndicatorRating): boolean => rating === 'met' || rating === 'onPace';

// --- a task's status --------------------------------------------------------------------------

export interface StatusInput {
  /** The drafting unit's deadline (effectiveDeadline; ISO date, China time). */
  deadline: string;
  /** Last day of the quarter (ISO date): the pace is measured there. */
  quarterEnd: string;
  /** Now, ISO timestamp. */
  now: string;
  /** The subject's first submission in the round over all its revisions (firstSubmission), or null. */
  firstSubmittedAt: string | null;
  /** The counted revision (countedRevision), or null when none counts. */
  counted: {
    completed: boolean;
    indicators: readonly { target: IndicatorTarget; value: number | null }[];
  } | null;
}

export function computeTaskStatus(input: StatusInput): TaskStatus {
  if (input.counted === null) {
    const submittedInTime =
      input.firstSubmittedAt !== null &&
      Date.parse(input.firstSubmittedAt) < Date.parse(deadlineEndIso(input.deadline));
    return !submittedInTime && isPastDeadline(input.deadline, input.now) ? 'overdue' : 'unreported';
  }
  if (input.counted.completed) return 'done';
  if (input.counted.indicators.some((i) => isIndicatorLagging(i.target, i.value, input.quarterEnd))) return 'lagging';
  return 'onTrack';
}

// --- counting and sharing ---------------------------------------------------------------------

export type StatusCounts = Record<TaskStatus, number>;

export function emptyStatusCounts(): StatusCounts {
  return { done: 0, onTrack: 0, lagging: 0, overdue: 0, unreported: 0 };
}

export function countStatuses(statuses: Iterable<TaskStatus>): StatusCounts {
  const counts = emptyStatusCounts();
  for (const s of statuses) counts[s] += 1;
  return counts;
}

export const reportedCount = (counts: StatusCounts): number => counts.done + counts.onTrack + counts.lagging;

/** A share in percent with one decimal, e.g. 36 of 55 → "65.5"; "0" of nothing. */
function percentText(part: number, whole: number): string {
  return whole === 0 ? '0' : String(Math.round((part / whole) * 1000) / 10);
}

/** "占全部55项任务的65.5%": a percentage always names what it is a share of. */
export function shareText(part: number, whole: number, of: string): string {
  return `占${of}的${percentText(part, whole)}%`;
}

// --- problems ---------------------------------------------------------------------------------

/**
 * Whether a 存在的问题 entry says there is none ("暂无突出问题", "无", "没有问题。"): a writer would
 * leave such tasks out of the list of problems.
 */
export function saysNoProblem(text: string): boolean {
  const plain = text.replace(/[\s。．.，,；;！!、]/g, '');
  if (plain === '') return true;
  return (
    /^(暂|目前|当前|本季度)?(无|没有|未发现|尚无|暂无)(明显|突出|重大|较大)?(的)?(困难和问题|问题和困难|问题|困难)?$/.test(
      plain,
    ) || /^(无|暂无|—+|-+|\/)$/.test(plain)
  );
}

// --- three-colour warning (三色预警) -------------------------------------------------------------

/**
 * 4. A task's warning level in the quarter, from its status, its deadline and its indicators:
 *      红 red    — 超期未报, or an indicator of the counted report is behind its 应达值 by more than
 *                  `redMarginPercent` percent of the 应达值;
 *      黄 yellow — not yet reported and the deadline is within `dueSoonDays` days (today in China
 *                  counts as 0 days left), or an indicator is behind by at most that margin;
 *      绿 green  — otherwise (done, on track, or unreported with time to spare).
 */
export const warningLevels = ['red', 'yellow', 'green'] as const;
export const warningLevelSchema = z.enum(warningLevels);
export type WarningLevel = z.infer<typeof warningLevelSchema>;

export const warningLevelLabels: Record<WarningLevel, string> = { red: '红色预警', yellow: '黄色预警', green: '绿色' };
export const warningLevelShortLabels: Record<WarningLevel, string> = { red: '红', yellow: '黄', green: '绿' };

export const warningRulesSchema = z.object({
  /** 黄: the deadline is this many days away or fewer and nothing is reported. */
  dueSoonDays: z.number().int('天数应为整数').min(0, '天数不能为负').max(60, '天数不超过 60'),
  /** 红: an indicator is behind its 应达值 by more than this share of it, in percent. */
  redMarginPercent: z.number().min(0, '百分比不能为负').max(100, '百分比不超过 100'),
});
export type WarningRules = z.infer<typeof warningRulesSchema>;

export const defaultWarningRules: WarningRules = { dueSoonDays: 3, redMarginPercent: 10 };

/** Calendar days from today in China to the deadline (0 on the deadline itself, negative after it). */
export function daysUntilDeadline(deadline: string, nowIso: string): number {
  const chinaToday = new Date(Date.parse(nowIso) + 8 * 3_600_000).toISOString().slice(0, 10);
  return dayNumber(deadline) - dayNumber(chinaToday);
}

/**
 * How far a lagging value is behind its 应达值, in percent of the 应达值 (0 when not behind).
 * An 应达值 of zero makes any shortfall infinitely large.
 */
export function shortfallPercent(target: IndicatorTarget, value: number | null, asOf: string): number {
  const { expected, rating } = rateIndicator(target, value, asOf);
  if (rating !== 'lagging' || expected === null || value === null) return 0;
  const gap = Math.abs(value - expected);
  return Math.abs(expected) < epsilon ? Number.POSITIVE_INFINITY : (gap / Math.abs(expected)) * 100;
}

export interface WarningInput {
  status: TaskStatus;
  /** The drafting unit's deadline (effectiveDeadline). */
  deadline: string;
  now: string;
  quarterEnd: string;
  /** The counted report's indicators, or none when nothing counts. */
  indicators: readonly { target: IndicatorTarget; value: number | null }[];
  rules: WarningRules;
}

export function computeWarningLevel(input: WarningInput): WarningLevel {
  if (input.status === 'overdue') return 'red';
  if (input.status === 'unreported') {
    const left = daysUntilDeadline(input.deadline, input.now);
    return left >= 0 && left <= input.rules.dueSoonDays ? 'yellow' : 'green';
  }
  if (input.status !== 'lagging') return 'green';
  const worst = Math.max(0, ...input.indicators.map((i) => shortfallPercent(i.target, i.value, input.quarterEnd)));
  return worst > input.rules.redMarginPercent + epsilon ? 'red' : 'yellow';
}

export type WarningCounts = Record<WarningLevel, number>;

export function countWarnings(levels: Iterable<WarningLevel>): WarningCounts {
  const counts: WarningCounts = { red: 0, yellow: 0, green: 0 };
  for (const l of levels) counts[l] += 1;
  return counts;
}

// --- a unit's warning level -------------------------------------------------------------------

const warningRank: Record<WarningLevel, number> = { green: 0, yellow: 1, red: 2 };

/** The worse of warning levels; green when there is none. */
export function worstWarning(levels: Iterable<WarningLevel>): WarningLevel {
  let worst: WarningLevel = 'green';
  for (const l of levels) if (warningRank[l] > warningRank[worst]) worst = l;
  return worst;
}

export const unitWarningSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  /** The worst level of the reports the unit drafts in the round. */
  level: warningLevelSchema,
  counts: z.object({ red: z.number().int(), yellow: z.number().int(), green: z.number().int() }),
  /** Reports the unit drafts that are 超期未报 or 进度滞后: what a 催办 is for. */
  overdue: z.number().int(),
  lagging: z.number().int(),
});
export type UnitWarning = z.infer<typeof unitWarningSchema>;

/**
 * 5. A unit's warning level in the quarter: the worst level of the reports it drafts (rule 4 per
 *    report), with how many are red, yellow and green, overdue and lagging. Red units first, then
 *    yellow, then green; within a level the one with more red (then yellow) reports first.
 */
export function unitWarnings(
  rows: readonly {
    draftingUnitId: number | null;
    draftingUnit: string | null;
    warning: WarningLevel;
    status: TaskStatus;
  }[],
): UnitWarning[] {
  const byUnit = new Map<number, UnitWarning>();
  for (const row of rows) {
    if (row.draftingUnitId === null) continue;
    let unit = byUnit.get(row.draftingUnitId);
    if (!unit) {
      unit = {
        unitId: row.draftingUnitId,
        unitName: row.draftingUnit ?? '',
        level: 'green',
        counts: { red: 0, yellow: 0, green: 0 },
        overdue: 0,
        lagging: 0,
      };
      byUnit.set(row.draftingUnitId, unit);
    }
    unit.counts[row.warning] += 1;
    unit.level = worstWarning([unit.level, row.warning]);
    if (row.status === 'overdue') unit.overdue += 1;
    if (row.status === 'lagging') unit.lagging += 1;
  }
  return [...byUnit.values()].sort(
    (a, b) =>
      warningRank[b.level] - warningRank[a.level] ||
      b.counts.red - a.counts.red ||
      b.counts.yellow - a.counts.yellow ||
      a.unitName.localeCompare(b.unitName, 'zh-CN'),
  );
}
