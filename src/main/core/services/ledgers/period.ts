import type { QuarterRef } from '../../../../shared/domain/ledgers';
import { LuoshiError } from '../../../../shared/errors';
import { compareQuarters, nextQuarter, parseQuarterKey, quarterLabel, type Quarter } from '../../../../shared/quarters';
import type { ReadableDB } from '../../db/database';
import { ledgerRound } from '../../store/ledgerQueries';

/** A ledger's period: one round's quarter, or a range of quarters (one progress column each). */
export interface PeriodRequest {
  roundId?: number;
  /** `2025Q1` */
  from?: string;
  to?: string;
}

/** More quarters than this make a sheet no printer can fit on one page width. */
export const maxLedgerQuarters = 12;

function parse(key: string, field: 'from' | 'to'): Quarter {
  const quarter = parseQuarterKey(key);
  if (!quarter)
    throw new LuoshiError('invalid_input', `季度「${key}」格式不正确，应写作 2025Q3（年份加 Q 加季度 1–4）。`, field);
  return quarter;
}

/** The quarters a request covers, oldest first. */
export function resolvePeriod(db: ReadableDB, request: PeriodRequest): QuarterRef[] {
  if (request.roundId !== undefined) {
    if (request.from !== undefined || request.to !== undefined) {
      throw new LuoshiError('invalid_input', '请指定填报轮次，或指定季度范围（起止季度），二者只能选一。', 'roundId');
    }
    const round = ledgerRound(db, request.roundId);
    if (!round) throw new LuoshiError('not_found', `未找到编号为 ${request.roundId} 的填报轮次。`, 'roundId');
    return [{ year: round.year, quarter: round.quarter }];
  }
  if (request.from === undefined) {
    throw new LuoshiError('invalid_input', '请指定填报轮次，或指定起止季度（如 2025Q1 至 2025Q4）。', 'from');
  }
  const from = parse(request.from, 'from');
  const to = request.to === undefined ? from : parse(request.to, 'to');
  if (compareQuarters(from, to) > 0) {
    throw new LuoshiError(
      'invalid_input',
      `起始季度（${quarterLabel(from)}）晚于截止季度（${quarterLabel(to)}），请调换后重试。`,
      'to',
    );
  }
  const quarters: QuarterRef[] = [];
  for (let q = from; compareQuarters(q, to) <= 0; q = nextQuarter(q)) {
    quarters.push({ year: q.year, quarter: q.quarter });
    if (quarters.length > maxLedgerQuarters) {
      throw new LuoshiError(
        'invalid_input',
        `季度范围过长：一份台账最多 ${maxLedgerQuarters} 个季度（每季度一列），请缩短起止季度。`,
        'to',
      );
    }
  }
  return quarters;
}

/** （2025年第三季度）, （2025年第一季度至第四季度）, （2024年第四季度至2025年第二季度） */
export function periodLabel(quarters: readonly QuarterRef[]): string {
  const first = quarters[0];
  const last = quarters[quarters.length - 1];
  if (!first || !last) return '';
  const a = quarterLabel(first);
  if (quarters.length === 1) return a;
  const b = quarterLabel(last);
  return first.year === last.year ? `${a}至${b.slice(String(last.year).length + 1)}` : `${a}至${b}`;
}
