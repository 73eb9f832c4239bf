import type { QuarterRef, TaskStatus } from '../../../../shared/domain/ledgers';
import { quarterKey } from '../../../../shared/domain/ledgers';
import type { Indicator } from '../../../../shared/domain/planView';
import { quarterEndDate, type Quarter } from '../../../../shared/quarters';
import { computeTaskStatus } from '../../../../shared/workflow';
import type { ReadableDB } from '../../db/database';
import {
  indicatorValuesOfRound, latestSubjectReports, roundsInRange,
  type LedgerReport, type LedgerRound,
} from '../../store/ledgerQueries';
import type { ProgressItem } from '../../exports/xlsx';
import { toIndicatorTarget } from './indicators';

export type SubjectRef = { kind: 'task'; id: number } | { kind: 'project'; id: number };

const keyOf = (s: SubjectRef): string => `${s.kind}:${s.id}`;

interface QuarterData {
  quarter: QuarterRef;
  round: LedgerRound | null;
  reports: Map<string, LedgerReport>;
  /** reportId → indicatorId → value */
  values: Map<number, Map<number, number | null>>;
}

/** The static part of a ledger row: what the plan says. */
export interface SubjectFacts {
  ref: SubjectRef;
  no: number | string;
  title: string;
  targets: string[];
  leadUnits: string[];
  responsibleUnits: string[];
  deadline: string | null;
}

/**
 * What was reported in each quarter of a ledger's period: the newest revision of every report of
 * each quarter's round and its indicator values, loaded once per round.
 */
export class PeriodData {
  private readonly data: QuarterData[];

  constructor(
    db: ReadableDB,
    readonly quarters: readonly QuarterRef[],
    private readonly indicatorsByTask: ReadonlyMap<number, readonly Indicator[]>,
    private readonly now: string,
  ) {
    const first = quarters[0];
    const last = quarters[quarters.length - 1];
    const rounds = first && last ? roundsInRange(db, first, last) : [];
    this.data = quarters.map((quarter) => {
      const round = rounds.find((r) => r.year === quarter.year && r.quarter === quarter.quarter) ?? null;
      const reports = new Map<string, LedgerReport>();
      const values = new Map<number, Map<number, number | null>>();
      if (round) {
        for (const r of latestSubjectReports(db, round.id)) {
          const id = r.kind === 'task' ? r.task_id : r.project_id;
          if (id !== null) reports.set(keyOf({ kind: r.kind, id }), r);
        }
        for (const v of indicatorValuesOfRound(db, round.id)) {
          let map = values.get(v.report_id);
          if (!map) {
            map = new Map<number, number | null>();
            values.set(v.report_id, map);
          }
          map.set(v.indicator_id, v.value);
        }
      }
      return { quarter, round, reports, values };
    });
  }

  private lastQuarter(): QuarterData | undefined {
    return this.data[this.data.length - 1];
  }

  progressByQuarter(ref: SubjectRef): Record<string, string> {
    const out: Record<string, string> = {};
    for (const q of this.data) {
      const report = q.reports.get(keyOf(ref));
      if (report && report.progress.trim() !== '') out[quarterKey(q.quarter)] = report.progress;
    }
    return out;
  }

  /** The value an indicator's task reported in each quarter. */
  valuesByQuarter(indicator: Indicator): { key: string; asOf: string; value: number | null }[] {
    return this.data.map((q) => {
      const report = indicator.taskId === null ? undefined : q.reports.get(keyOf({ kind: 'task', id: indicator.taskId }));
      const value = report ? q.values.get(report.id)?.get(indicator.id) ?? null : null;
      return { key: quarterKey(q.quarter), asOf: quarterEndDate(q.quarter as Quarter), value };
    });
  }

  /** Status in the period's last quarter, by the shared rule; null when that quarter has no report. */
  status(ref: SubjectRef): TaskStatus | null {
    const q = this.lastQuarter();
    const report = q?.reports.get(keyOf(ref));
    if (!q?.round || !report) return null;
    const values = q.values.get(report.id);
    const indicators = ref.kind === 'task' ? this.indicatorsByTask.get(ref.id) ?? [] : [];
    return computeTaskStatus({
      deadline: q.round.deadline,
      quarterEnd: quarterEndDate(q.quarter as Quarter),
      now: this.now,
      firstSubmittedAt: report.first_submitted_at,
      completed: report.completed === 1,
      indicators: indicators.map((i) => ({ target: toIndicatorTarget(i), value: values?.get(i.id) ?? null })),
    });
  }

  /** A ledger row: the plan's facts plus the period's progress, status, problems and next steps. */
  item(facts: SubjectFacts): ProgressItem {
    const last = this.lastQuarter()?.reports.get(keyOf(facts.ref));
    return {
      no: facts.no,
      title: facts.title,
      targets: facts.targets,
      leadUnits: facts.leadUnits,
      responsibleUnits: facts.responsibleUnits,
      deadline: facts.deadline,
      progressByQuarter: this.progressByQuarter(facts.ref),
      status: this.status(facts.ref),
      problems: last?.problems ?? '',
      nextSteps: last?.next_steps ?? '',
      remarks: last ? remarkOf(last) : '',
    };
  }
}

const stateRemarks: Record<Exclude<LedgerReport['state'], 'filed'>, string> = {
  drafting: '报告起草中',
  leadReview: '牵头单位审核中',
  signOff: '责任单位会签中',
  filing: '待归档',
};

/** 备注: where the newest report stands, so a reader knows whether the text is final. */
function remarkOf(report: LedgerReport): string {
  if (report.state === 'filed') return report.archive_no ? `已归档（${report.archive_no}）` : '已归档';
  return stateRemarks[report.state];
}
