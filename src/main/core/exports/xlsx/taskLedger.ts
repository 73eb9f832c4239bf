import type { LedgerTarget } from './excel';
import { categoryHeading } from './numerals';
import { writeProgressLedger } from './progressLedger';
import type { TaskLedgerInput } from './types';

/**
 * The task ledger (重点任务推进台账): one row per task, grouped under a row per category,
 * with one progress column per quarter in the range.
 */
export async function writeTaskLedger(input: TaskLedgerInput, out: LedgerTarget): Promise<void> {
  const groups = input.categories.map((c) => ({
    heading: categoryHeading(c.no, c.title),
    rows: c.tasks.map((t) => ({ item: t, details: t.targets.join('\n') })),
  }));
  await writeProgressLedger(
    input,
    '重点任务推进台账',
    groups,
    { nameHeader: '重点任务', detailsHeader: '目标任务', withKind: false },
    out,
  );
}
