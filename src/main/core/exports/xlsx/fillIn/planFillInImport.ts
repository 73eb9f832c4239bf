import { LuoshiError } from '../../../../../shared/errors';
import type {
  FillInChange,
  FillInConflict,
  FillInParse,
  FillInPreview,
  FillInReportUpdate,
} from '../../../../../shared/domain/ledgers';
import { reportStateLabels } from '../../../../../shared/domain/ledgers';
import { safeText } from '../safeCell';
import { PROGRESS_SHEET, colLetter, progressCols } from './layout';

/** A report as it stands in the store now, for comparing with a sheet. */
export interface CurrentReport {
  reportId: number;
  version: number;
  /** Workflow state; only `drafting` takes an import. */
  state: string;
  progress: string;
  problems: string;
  nextSteps: string;
  completed: boolean;
  indicatorValues: { indicatorId: number; value: number | null }[];
  /** Who last changed it and how, for messages: 李经办（区社会事业局）于2025年10月8日 14:03经填报表导入. */
  lastChange?: string | null;
}

/**
 * Compares the text the sheet holds with the stored one. The sheet had the stored text cleaned
 * and capped (safeText) and the reader trims it, so a text the unit did not touch compares equal.
 */
function sameText(stored: string, typed: string): boolean {
  return safeText(stored).trim() === typed;
}

function conflict(
  row: FillInParse['rows'][number],
  current: CurrentReport | undefined,
  reason: FillInConflict['reason'],
  message: string,
): FillInConflict {
  return {
    reportId: row.reportId,
    title: row.title,
    reason,
    sheetVersion: row.version,
    currentVersion: current?.version ?? null,
    currentState: current?.state ?? null,
    message,
  };
}

/**
 * What importing a fill-in sheet would do: every change (field, old, new) and every conflict
 * (the report moved on since the sheet was made, left drafting, or is gone). Pure: the caller
 * applies `updates` in one transaction, and only when `canApply`.
 */
export function planFillInImport(parse: FillInParse, current: readonly CurrentReport[]): FillInPreview {
  const byId = new Map(current.map((c) => [c.reportId, c] as const));
  const changes: FillInChange[] = [];
  const conflicts: FillInConflict[] = [];
  const updates: FillInReportUpdate[] = [];
  let unchangedReports = 0;

  for (const row of parse.rows) {
    const label = `「${row.no}. ${row.title}」`;
    const now = byId.get(row.reportId);
    if (!now) {
      conflicts.push(conflict(row, now, 'unknownReport', `${label}在本轮次中已不存在或已不由本单位填报，不能导入。`));
      continue;
    }
    if (now.state !== 'drafting') {
      const stateLabel = reportStateLabels[now.state] ?? now.state;
      conflicts.push(
        conflict(
          row,
          now,
          'notDrafting',
          `${label}已进入“${stateLabel}”环节，不再接受填报表导入；如需修改，请先退回起草。`,
        ),
      );
    }

    const update: FillInReportUpdate = { reportId: row.reportId, expectedVersion: row.version, indicatorValues: [] };
    let changed = false;
    for (const field of ['progress', 'problems', 'nextSteps'] as const) {
      if (sameText(now[field], row[field])) continue;
      changes.push({
        reportId: row.reportId,
        title: row.title,
        field,
        old: now[field],
        new: row[field],
        cell: cellOf(row, field),
      });
      update[field] = row[field];
      changed = true;
    }
    // An empty 是否已全部完成 cell (null) leaves the flag as stored.
    if (row.completed !== null && row.completed !== now.completed) {
      changes.push({
        reportId: row.reportId,
        title: row.title,
        field: 'completed',
        old: now.completed,
        new: row.completed,
        cell: cellOf(row, 'completed'),
      });
      update.completed = row.completed;
      changed = true;
    }
    const stored = new Map(now.indicatorValues.map((v) => [v.indicatorId, v.value] as const));
    for (const typed of row.indicators) {
      if (!stored.has(typed.indicatorId)) {
        conflicts.push(
          conflict(row, now, 'unknownIndicator', `${label}的指标「${typed.metric}」已不属于该任务，不能导入其数值。`),
        );
        continue;
      }
      const old = stored.get(typed.indicatorId) ?? null;
      if (old === typed.value) continue;
      changes.push({
        reportId: row.reportId,
        title: row.title,
        field: 'indicator',
        indicatorId: typed.indicatorId,
        metric: typed.metric,
        old,
        new: typed.value,
        cell: typed.cell,
      });
      update.indicatorValues.push({ indicatorId: typed.indicatorId, value: typed.value });
      changed = true;
    }
    // A sheet whose content is already stored (e.g. imported once before) is not a conflict, even
    // though the version moved on: importing it again would change nothing.
    if (now.version !== row.version && changed) {
      const by = now.lastChange ? `，最近一次由${now.lastChange}` : '';
      conflicts.push(
        conflict(
          row,
          now,
          'versionMoved',
          `${label}在填报表生成后已被修改（填报表中为第 ${row.version} 版，现为第 ${now.version} 版${by}），导入会覆盖这些修改。请重新下载填报表，在新表中填写后再导入。`,
        ),
      );
    }
    if (changed) updates.push(update);
    else unchangedReports += 1;
  }

  return {
    roundId: parse.roundId,
    unitId: parse.unitId,
    changes,
    conflicts,
    updates,
    unchangedReports,
    canApply: conflicts.length === 0,
  };
}

function cellOf(
  row: FillInParse['rows'][number],
  field: 'progress' | 'problems' | 'nextSteps' | 'completed',
): { sheet: string; address: string } {
  return { sheet: PROGRESS_SHEET, address: `${colLetter(progressCols[field])}${row.row}` };
}

/** Throws LuoshiError('stale') listing the conflicts when a preview must not be applied. */
export function assertFillInApplicable(preview: FillInPreview): void {
  if (preview.canApply) return;
  const listed = preview.conflicts
    .slice(0, 5)
    .map((c) => c.message)
    .join('');
  const more = preview.conflicts.length > 5 ? `另有 ${preview.conflicts.length - 5} 处冲突。` : '';
  throw new LuoshiError('stale', `填报表与系统中的报告有冲突，未导入任何数据：${listed}${more}`);
}
