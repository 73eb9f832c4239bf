import { implausibility } from '../../../shared/domain/indicatorInput';
import { LuoshiError } from '../../../shared/errors';
import type { ReadableDB } from '../db/database';
import { indicatorsOfTask } from '../store/reportsStore';
import { indicatorFromRow } from './ledgers/indicators';
import { targetOf } from './roundProgress';

/**
 * Indicator values that mean what they say (src/shared/domain/indicatorInput.ts), checked on every
 * write path: the editor's save, the fill-in import, and submission. A negative value is refused
 * when saved; an implausible one (a percentage over 100, more than ten times the plan's numbers)
 * may be saved as a draft but is only submitted with a note (说明) that gives the reason.
 */

interface Value {
  indicatorId: number;
  value: number | null;
  note: string;
}

export function checkIndicatorValues(
  db: ReadableDB,
  taskId: number | null,
  values: readonly Value[],
  stage: 'save' | 'submit',
  subject: string,
): void {
  if (taskId === null) return;
  const byId = new Map(indicatorsOfTask(db, taskId).map((row) => [row.id, indicatorFromRow(row, taskId)]));
  for (const v of values) {
    const indicator = byId.get(v.indicatorId);
    if (!indicator || v.value === null) continue;
    const problem = implausibility(targetOf(indicator), indicator.unit, v.value);
    if (!problem) continue;
    const what = `${subject}指标「${indicator.metric}」的本季度值 ${v.value}${indicator.unit}`;
    if (problem.refused) {
      throw new LuoshiError('invalid_input', `${what}${problem.reason}，请更正后再保存。`, 'content.indicatorValues');
    }
    if (stage === 'submit' && v.note.trim() === '') {
      throw new LuoshiError(
        'invalid_input',
        `${what}${problem.reason}，可能是录入错误。请核对更正；如确认无误，请在该指标的「说明」中写明原因后再提交。`,
        'content.indicatorValues',
      );
    }
  }
}
