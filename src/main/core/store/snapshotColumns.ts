import type { ReportState } from '../../../shared/domain/reports';
import { LuoshiError } from '../../../shared/errors';
import type { ReportContext } from '../../../shared/workflow';

/**
 * The reports table copies three facts of the lifecycle snapshot into columns of their own, so
 * that lists, ledgers and the read rule can filter on them: `state`, `archive_no` and
 * `drafting_unit_id`. The snapshot is the truth (the machine decides); these are the copies.
 */
export interface CopiedColumns {
  state: ReportState;
  archive_no: string | null;
  drafting_unit_id: number | null;
}

/** The part of a persisted snapshot (lifecycle.ts) the columns copy. */
interface SnapshotFacts {
  value: string;
  context: Pick<ReportContext, 'drafter' | 'archiveNo'>;
}

/** What the copied columns must hold for this snapshot. */
function copiedColumnsOf(snapshot: SnapshotFacts): CopiedColumns {
  const { drafter, archiveNo } = snapshot.context;
  return {
    state: snapshot.value as ReportState,
    archive_no: archiveNo,
    drafting_unit_id: drafter.kind === 'unit' ? drafter.id : null,
  };
}

/**
 * Refuse to write a report whose copied columns disagree with the snapshot written beside them.
 * Called by every write of a snapshot (reportsStore.ts) before the statement runs, so a
 * disagreement writes nothing. Only a bug gets here: it is an internal error naming the report
 * (or, before it has an id, its subject) and the field.
 */
export function checkCopiedColumns(report: string, columns: CopiedColumns, snapshotJson: string): void {
  let expected: CopiedColumns;
  try {
    expected = copiedColumnsOf(JSON.parse(snapshotJson) as SnapshotFacts);
  } catch {
    throw new LuoshiError('internal', `报告 ${report} 的流程数据无法读取，未写入。`);
  }
  for (const field of ['state', 'archive_no', 'drafting_unit_id'] as const) {
    if (columns[field] !== expected[field]) {
      throw new LuoshiError(
        'internal',
        `报告 ${report} 的 ${field} 列（${String(columns[field])}）与流程数据（${String(expected[field])}）不一致，未写入。`,
        field,
      );
    }
  }
}
