import { projectKindLabels } from '../../../../shared/domain/plan';
import type { LedgerTarget } from './excel';
import { sectionHeading } from './numerals';
import type { ProgressRow } from './progressColumns';
import { writeProgressLedger } from './progressLedger';
import type { UnitLedgerInput, UnitLedgerItem } from './types';

function toRow(item: UnitLedgerItem): ProgressRow {
  return {
    item,
    details: item.targets.join('\n'),
    kindLabel: item.kind === 'task' ? '重点任务' : projectKindLabels[item.kind],
  };
}

/** A unit's ledger: what it leads, then what it shares, tasks and projects together. */
export async function writeUnitLedger(input: UnitLedgerInput, out: LedgerTarget): Promise<void> {
  const groups = [
    {
      heading: sectionHeading(1, `${input.unitName}牵头的任务和项目（${input.led.length}项）`),
      rows: input.led.map(toRow),
    },
    {
      heading: sectionHeading(2, `${input.unitName}参与的任务和项目（${input.shared.length}项）`),
      rows: input.shared.map(toRow),
    },
  ];
  await writeProgressLedger(
    input,
    '单位任务台账',
    groups,
    { nameHeader: '任务（项目）名称', detailsHeader: '目标任务（建设内容）', withKind: true },
    out,
  );
}
