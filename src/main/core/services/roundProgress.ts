import type { Indicator } from '../../../shared/domain/planView';
import {
  computeTaskStatus,
  computeWarningLevel,
  countedRevision,
  countWarnings,
  effectiveDeadline,
  countStatuses,
  firstSubmission,
  rateIndicator,
  type IndicatorRating,
  type IndicatorTarget,
  type StatusCounts,
  type TaskStatus,
  type WarningCounts,
  type WarningLevel,
  type WarningRules,
} from '../../../shared/domain/progress';
import { quarterEndDate, type QuarterNumber } from '../../../shared/quarters';
import type { ReadableDB } from '../db/database';
import { planOfRound } from '../store/documentQueries';
import { listIndicators } from '../store/planStore';
import { subjectRevisionsOfRound, valuesOfReports } from '../store/progressQueries';
import { extensionsOfRound, type DbExtension } from '../store/remindersStore';
import { readSupervisionSettings } from '../store/supervisionSettings';
import type { DbReport } from '../store/reportsStore';

/**
 * The progress rule (src/shared/domain/progress.ts) applied to one round, loaded once: for every
 * task and project, the revision that counts, its values, and its status; for every indicator,
 * its counted value, 应达值 and rating. Every screen and document about a round reads it, so they
 * all state the same counts.
 */

export interface SubjectProgress {
  subjectKey: string;
  /** The newest revision (where the workflow stands), or null when the subject has no report. */
  latest: DbReport | null;
  /** The revision that counts, or null when nothing has been reported. */
  counted: DbReport | null;
  firstSubmittedAt: string | null;
  /** The drafting unit's deadline (its 延期, else the round's). */
  deadline: string;
  /** The drafting unit's extension, when it has one. */
  extension: DbExtension | null;
  status: TaskStatus;
  /** 三色预警 (progress.ts, rule 4). */
  warning: WarningLevel;
  /** Values of the counted revision: indicatorId → value and note. */
  values: ReadonlyMap<number, { value: number | null; note: string }>;
}

export interface IndicatorStanding {
  indicator: Indicator;
  /** The counted report's id, or null when nothing counts. */
  reportId: number | null;
  value: number | null;
  note: string;
  expected: number | null;
  rating: IndicatorRating;
}

export interface RoundRef {
  id: number;
  year: number;
  quarter: number;
  deadline: string;
}

export function targetOf(i: Indicator): IndicatorTarget {
  return {
    comparator: i.comparator,
    value: i.value,
    value2: i.value2,
    year: i.year,
    baseYear: i.baseYear,
    baselineValue: i.baselineValue,
    baselineYear: i.baselineYear,
  };
}

/**
 * The progress rule for one subject in one round, from what was loaded for it: the drafting
 * unit's deadline (its 延期), the status and the warning level. RoundProgress and the trend
 * (trendQuery.ts) both judge through here.
 */
export function judgeSubject(input: {
  roundDeadline: string;
  /** The quarter's last day. */
  asOf: string;
  now: string;
  rules: WarningRules;
  extensions: ReadonlyMap<number, DbExtension>;
  /** The indicators of the counted report's task (none for a project). */
  indicators: readonly Indicator[];
  latest: DbReport | null;
  counted: DbReport | null;
  firstSubmittedAt: string | null;
  values: ReadonlyMap<number, { value: number | null }>;
}): { deadline: string; extension: DbExtension | null; status: TaskStatus; warning: WarningLevel } {
  const { counted, values } = input;
  const unitId = input.latest?.drafting_unit_id ?? null;
  const deadline = effectiveDeadline(input.roundDeadline, unitId, input.extensions);
  const extension = unitId === null ? null : (input.extensions.get(unitId) ?? null);
  const reported = counted
    ? input.indicators.map((i) => ({ target: targetOf(i), value: values.get(i.id)?.value ?? null }))
    : [];
  const status = computeTaskStatus({
    deadline,
    quarterEnd: input.asOf,
    now: input.now,
    firstSubmittedAt: input.firstSubmittedAt,
    counted: counted ? { completed: counted.completed === 1, indicators: reported } : null,
  });
  const warning = computeWarningLevel({
    status,
    deadline,
    now: input.now,
    quarterEnd: input.asOf,
    indicators: reported,
    rules: input.rules,
  });
  return { deadline, extension, status, warning };
}

const noValues: ReadonlyMap<number, { value: number | null; note: string }> = new Map();

export class RoundProgress {
  readonly asOf: string;
  private readonly subjects = new Map<string, SubjectProgress>();
  private readonly indicatorsByTask = new Map<number, Indicator[]>();
  readonly indicators: readonly Indicator[];
  /** Extensions (延期) granted in the round, by unit id. */
  readonly extensions: ReadonlyMap<number, DbExtension>;
  /** The warning rules in force (督办 settings). */
  readonly warningRules: WarningRules;

  constructor(
    db: ReadableDB,
    readonly round: RoundRef,
    private readonly now: string,
    /** Load one subject only ('task:12'): what a single report's page needs, not the whole round. */
    onlySubject?: string,
  ) {
    this.asOf = quarterEndDate({ year: round.year, quarter: round.quarter as QuarterNumber });
    this.extensions = new Map(extensionsOfRound(db, round.id).map((e) => [e.unit_id, e]));
    const settings = readSupervisionSettings(db);
    this.warningRules = { dueSoonDays: settings.dueSoonDays, redMarginPercent: settings.redMarginPercent };
    const plan = planOfRound(db, round.id);
    this.indicators = plan ? listIndicators(db, plan.id) : [];
    for (const i of this.indicators) {
      if (i.taskId === null) continue;
      const list = this.indicatorsByTask.get(i.taskId) ?? [];
      list.push(i);
      this.indicatorsByTask.set(i.taskId, list);
    }
    const bySubject = new Map<string, DbReport[]>();
    for (const r of subjectRevisionsOfRound(db, round.id, onlySubject)) {
      const list = bySubject.get(r.subject_key) ?? [];
      list.push(r);
      bySubject.set(r.subject_key, list);
    }
    const counted = new Map<string, DbReport | null>();
    for (const [key, revisions] of bySubject) counted.set(key, countedRevision(revisions));
    const ids = [...counted.values()].flatMap((r) => (r ? [r.id] : []));
    const values = valuesOfReports(db, ids);
    for (const [key, revisions] of bySubject) {
      const c = counted.get(key) ?? null;
      const latest = revisions[revisions.length - 1] ?? null;
      this.subjects.set(
        key,
        this.progressOf(key, latest, c, firstSubmission(revisions), c ? (values.get(c.id) ?? noValues) : noValues),
      );
    }
  }

  private progressOf(
    subjectKey: string,
    latest: DbReport | null,
    counted: DbReport | null,
    firstSubmittedAt: string | null,
    values: ReadonlyMap<number, { value: number | null; note: string }>,
  ): SubjectProgress {
    const taskId = counted?.kind === 'task' ? counted.task_id : null;
    const judged = judgeSubject({
      roundDeadline: this.round.deadline,
      asOf: this.asOf,
      now: this.now,
      rules: this.warningRules,
      extensions: this.extensions,
      indicators: taskId === null ? [] : (this.indicatorsByTask.get(taskId) ?? []),
      latest,
      counted,
      firstSubmittedAt,
      values,
    });
    return { subjectKey, latest, counted, firstSubmittedAt, ...judged, values };
  }

  /** A task's or project's progress; a subject with no report in the round has reported nothing. */
  subject(kind: 'task' | 'project', id: number): SubjectProgress {
    const key = `${kind}:${id}`;
    return this.subjects.get(key) ?? this.progressOf(key, null, null, null, noValues);
  }

  status(kind: 'task' | 'project', id: number): TaskStatus {
    return this.subject(kind, id).status;
  }

  /** Status counts over the given tasks (or projects). */
  counts(kind: 'task' | 'project', ids: Iterable<number>): StatusCounts {
    const statuses: TaskStatus[] = [];
    for (const id of ids) statuses.push(this.status(kind, id));
    return countStatuses(statuses);
  }

  /** Warning counts (三色预警) over the given tasks (or projects). */
  warningCounts(kind: 'task' | 'project', ids: Iterable<number>): WarningCounts {
    const levels: WarningLevel[] = [];
    for (const id of ids) levels.push(this.subject(kind, id).warning);
    return countWarnings(levels);
  }

  indicatorsOfTask(taskId: number): readonly Indicator[] {
    return this.indicatorsByTask.get(taskId) ?? [];
  }

  /** Every indicator of the plan with its counted value and rating, in plan order. */
  standings(): IndicatorStanding[] {
    return this.indicators.flatMap((indicator) => (indicator.taskId === null ? [] : [this.standing(indicator)]));
  }

  standing(indicator: Indicator): IndicatorStanding {
    const subject = indicator.taskId === null ? null : this.subject('task', indicator.taskId);
    const reported = subject?.values.get(indicator.id);
    const value = subject?.counted ? (reported?.value ?? null) : null;
    const { expected, rating } = rateIndicator(targetOf(indicator), value, this.asOf);
    return { indicator, reportId: subject?.counted?.id ?? null, value, note: reported?.note ?? '', expected, rating };
  }
}
