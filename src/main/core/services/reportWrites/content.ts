import type { Actor, Role } from '../../../../shared/domain/accounts';
import { parseUnknown } from '../../../../shared/contract/parse';
import {
  compiledContentSchema,
  reportContentSchema,
  type CompiledContent,
  type ReportContent,
} from '../../../../shared/domain/reports';
import { LuoshiError } from '../../../../shared/errors';
import { inTransaction } from '../../db/database';
import * as store from '../../store/reportsStore';
import type { DbReport } from '../../store/reportsStore';
import { checkIndicatorValues } from '../indicatorValues';
import { draftingRole, type ReportWriteGuards } from './guards';

/**
 * A report's content written from a returned fill-in sheet (填报表) instead of the editor: the same
 * rules (drafting only, fresh version, open round, indicator values, changed fields, audit), the
 * entry recorded as the drafting unit's edit made through the person who imported the sheet. A
 * coordinator importing for the unit holds the permission `fillIn.importForUnit` (policy/roles.ts).
 */
export interface FillInSource {
  unit: { id: number; name: string };
  /** 「8. 标题」的 — names the report in refusals, as the import lists many. */
  where: string;
  role: Role | null;
  opinion: string;
  details: Record<string, unknown>;
}

/** Content edits: a task or project report's narrative and indicator values, the compiled report's document. */
export class ReportContentEdits {
  constructor(private readonly guards: ReportWriteGuards) {}

  /**
   * Save the narrative, the completed flag and indicator values (drafting only, drafting unit
   * only). The one write path of report content: the editor's, and the fill-in import's (`fillIn`).
   */
  updateContent(actor: Actor, reportId: number, version: number, content: ReportContent, fillIn?: FillInSource): void {
    const { db } = this.guards;
    const parsed = parseUnknown(reportContentSchema, content as unknown, '报告内容');
    inTransaction(db, () => {
      const row = this.guards.editable(actor, reportId, version, fillIn?.unit.id);
      if (row.kind === 'compiled')
        throw new LuoshiError(
          'invalid_input',
          '季度工作进展情况报告请在「公文」页编辑正文并保存（documents.saveCompiled）。',
        );
      const allowed = new Set(row.task_id === null ? [] : store.indicatorsOfTask(db, row.task_id).map((i) => i.id));
      for (const v of parsed.indicatorValues) {
        if (!allowed.has(v.indicatorId)) {
          throw new LuoshiError('invalid_input', `指标编号 ${v.indicatorId} 不属于该任务。`, 'content.indicatorValues');
        }
      }
      checkIndicatorValues(db, row.task_id, parsed.indicatorValues, 'save', fillIn?.where ?? '');
      // 无新进展 stands instead of a value: a value given supersedes the mark.
      const noNewProgress = parsed.indicatorValues
        .filter((v) => v.noNewProgress === true && v.value === null)
        .map((v) => v.indicatorId);
      const changed = changedFields(
        row,
        parsed,
        store.indicatorValuesOf(db, row.id),
        store.noNewProgressOf(row),
        new Set(noNewProgress),
      );
      this.write(row, version, {
        progress: parsed.progress,
        problems: parsed.problems,
        nextSteps: parsed.nextSteps,
        completed: parsed.completed,
        contentJson: store.taskContentJson(noNewProgress),
      });
      store.replaceIndicatorValues(db, row.id, parsed.indicatorValues);
      if (!fillIn) {
        this.guards.appendReportAudit(actor, row, 'report.edit', draftingRole(actor), '', row.state, row.state, {
          changed,
        });
        return;
      }
      // The unit's edit, made through the importer: the entry names the unit, the person and how.
      const asUnit = { ...actor, unitId: fillIn.unit.id, unitName: fillIn.unit.name };
      this.guards.appendReportAudit(asUnit, row, 'report.edit', fillIn.role, fillIn.opinion, row.state, row.state, {
        changed,
        ...fillIn.details,
      });
    });
  }

  /** Save the compiled report's document (an opaque JSON object). */
  updateCompiled(actor: Actor, reportId: number, version: number, content: CompiledContent): void {
    const { db } = this.guards;
    const parsed = parseUnknown(compiledContentSchema, content as unknown, '报告正文');
    inTransaction(db, () => {
      const row = this.guards.editable(actor, reportId, version);
      if (row.kind !== 'compiled') throw new LuoshiError('invalid_input', '该报告不是季度工作进展情况报告。');
      this.write(row, version, {
        progress: '',
        problems: '',
        nextSteps: '',
        completed: false,
        contentJson: JSON.stringify(parsed),
      });
      this.guards.appendReportAudit(actor, row, 'report.edit', 'coordinator', '', row.state, row.state, {
        changed: ['document'],
      });
    });
  }

  /** Write the content columns on the caller's version (the optimistic lock; guards.ts). */
  private write(row: DbReport, version: number, content: Parameters<typeof store.updateReportContent>[3]): void {
    const { db, clock } = this.guards;
    this.guards.mustWrite(row, store.updateReportContent(db, row.id, version, content, clock.nowIso()));
  }
}

function changedFields(
  row: DbReport,
  next: ReportContent,
  values: readonly { indicator_id: number; value: number | null; note: string }[],
  markedBefore: ReadonlySet<number>,
  markedAfter: ReadonlySet<number>,
): string[] {
  const changed: string[] = [];
  if (row.progress !== next.progress) changed.push('progress');
  if (row.problems !== next.problems) changed.push('problems');
  if (row.next_steps !== next.nextSteps) changed.push('nextSteps');
  if ((row.completed === 1) !== next.completed) changed.push('completed');
  const before = new Map(values.map((v) => [v.indicator_id, `${v.value}|${v.note}`]));
  const after = new Map(next.indicatorValues.map((v) => [v.indicatorId, `${v.value}|${v.note}`]));
  if (before.size !== after.size || [...after].some(([k, v]) => before.get(k) !== v)) changed.push('indicatorValues');
  if (markedBefore.size !== markedAfter.size || [...markedAfter].some((id) => !markedBefore.has(id)))
    changed.push('noNewProgress');
  return changed;
}
