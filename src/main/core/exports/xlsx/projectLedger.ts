import { projectKindLabels } from '../../../../shared/domain/plan';
import type { LedgerTarget } from './excel';
import { sectionHeading } from './numerals';
import { writeProgressLedger } from './progressLedger';
import type { ProjectLedgerInput } from './types';

/** The project ledger: 重点工程, 重大项目 and 品牌活动, each kind under its own heading row. */
export async function writeProjectLedger(input: ProjectLedgerInput, out: LedgerTarget): Promise<void> {
  const groups = input.groups.map((g, i) => ({
    heading: sectionHeading(i + 1, `${projectKindLabels[g.kind]}（${g.projects.length}项）`),
    rows: g.projects.map((p) => ({ item: { ...p, targets: [] }, details: p.content })),
  }));
  await writeProgressLedger(
    input,
    '项目推进台账',
    groups,
    { nameHeader: '项目名称', detailsHeader: '建设内容', withKind: false },
    out,
  );
}
