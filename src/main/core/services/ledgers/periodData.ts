import type { QuarterRef, TaskStatus } from '../../../../shared/domain/ledgers';
import { quarterKey } from '../../../../shared/domain/ledgers';
import type { Indicator } from '../../../../shared/domain/planView';
import type { ReadableDB } from '../../db/database';
import { roundsInRange, type LedgerRound } from '../../store/ledgerQueries';
import type { DbReport } from '../../store/reportsStore';
import type { ProgressItem } from '../../exports/xlsx';
import { RoundProgress } from '../roundProgress';

export type SubjectRef = { kind: 'task'; id: number } | { kind: 'project'; id: number };

interface QuarterData {
  quarter: QuarterRef;
  round: LedgerRound | null;
  progress: RoundProgress | null;
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
 * What was reported in each quarter of a ledger's period, by the progress rule
 * (src/shared/domain/progress.ts): per quarter's round, the revision of every report that counts
 * (submitted ones only), its values and its status — the same as the dashboard and the documents.
 */
export class PeriodData {
  private readonly data: QuarterData[];

  constructor(
    db: ReadableDB,
    readonly quarters: readonly QuarterRef[],
    now: string,
  ) {
    const first = quarters[0];
    const last = quarters[quarters.length - 1];
    const rounds = first && last ? roundsInRange(db, first, last) : [];
    this.data = quarters.map((quarter) => {
      const round = rounds.find((r) => r.year === quarter.year && r.quarter === quarter.quarter) ?? null;
      return { quarter, round, progress: round ? new RoundProgress(db, round, now) : null };
    });
  }

  private lastQuarter(): QuarterData | undefined {
    return this.data[this.data.length - 1];
  }

  /** The submitted text of each quarter (a draft is not reported, so it is not shown). */
  progressByQuarter(ref: SubjectRef): Record<string, string> {
    const out: Record<string, string> = {};
    for (const q of this.data) {
      const counted = q.progress?.subject(ref.kind, ref.id).counted;
      if (counted && counted.progress.trim() !== '') out[quarterKey(q.quarter)] = counted.progress;
    }
    return out;
  }

  /** The submitted value of an indicator in each quarter, with its 应达值 there. */
  valuesByQuarter(
    indicator: Indicator,
  ): { key: string; asOf: string; value: number | null; expected: number | null }[] {
    return this.data.flatMap((q) => {
      if (!q.progress) return [{ key: quarterKey(q.quarter), asOf: '', value: null, expected: null }];
      const s = q.progress.standing(indicator);
      return [{ key: quarterKey(q.quarter), asOf: q.progress.asOf, value: s.value, expected: s.expected }];
    });
  }

  /** Status in the period's last quarter, by the progress rule; null when that quarter has no round. */
  status(ref: SubjectRef): TaskStatus | null {
    return this.lastQuarter()?.progress?.status(ref.kind, ref.id) ?? null;
  }

  /** A ledger row: the plan's facts plus the period's progress, status, problems and next steps. */
  item(facts: SubjectFacts): ProgressItem {
    const subject = this.lastQuarter()?.progress?.subject(facts.ref.kind, facts.ref.id);
    const counted = subject?.counted ?? null;
    return {
      no: facts.no,
      title: facts.title,
      targets: facts.targets,
      leadUnits: facts.leadUnits,
      responsibleUnits: facts.responsibleUnits,
      deadline: facts.deadline,
      progressByQuarter: this.progressByQuarter(facts.ref),
      status: this.status(facts.ref),
      warning: subject?.warning ?? null,
      problems: counted?.problems ?? '',
      nextSteps: counted?.next_steps ?? '',
      remarks: subject?.latest ? remarkOf(subject.latest, counted) : '',
    };
  }
}

const stateRemarks: Record<Exclude<DbReport['state'], 'filed'>, string> = {
  drafting: '报告起草中',
  leadReview: '牵头单位审核中',
  signOff: '责任单位会签中',
  filing: '待归档',
};

/** 备注: where the newest report stands, so a reader knows whether the text is final or not yet counted. */
function remarkOf(latest: DbReport, counted: DbReport | null): string {
  if (latest.state === 'filed') return latest.archive_no ? `已归档（${latest.archive_no}）` : '已归档';
  if (latest.state === 'drafting') {
    if (counted) return `修改稿起草中（本表为此前报送的第${counted.revision}版）`;
    return latest.first_submitted_at ? '已退回修改，尚未重新报送' : '尚未报送';
  }
  return stateRemarks[latest.state];
}
