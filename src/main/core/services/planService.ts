import { createHash } from 'node:crypto';
import { LuoshiError } from '../../../shared/errors';
import type { ParsedPlan } from '../../../shared/domain/plan';
import type { PlanOverview } from '../../../shared/domain/planView';
import { inTransaction, type WritableDB } from '../db/database';
import { diffPlans, directoryForImport, parsePlanSource, resolveCorrectedUnits, type PlanSource } from '../importer';
import {
  applyCorrections,
  carryCorrections,
  CorrectionError,
  hashOfKey,
  taskKeys,
  type CarriedCorrections,
  type PlanCorrection,
  type StoredCorrection,
} from '../../../shared/domain/planCorrections';
import * as planStore from '../store/planStore';
import { insertUnitEntry, listUnits, updateUnitEntry, upsertUnitDirectory } from '../store/unitStore';
import type { Clock } from '../clock';
import type { SearchService } from './searchService';
import type { AuditService } from './auditService';
import type { Actor } from '../../../shared/domain/accounts';
import type { Unit } from '../../../shared/domain/units';
import { authorize, isLocalOperator, settingsRole, type Caller } from '../policy';
import { looksLikeZip, readBoundedZip } from '../files/boundedZip';

export interface ImportPreview {
  plan: ParsedPlan;
  /** Units the import adds to the directory, flagged for review. */
  newUnits: string[];
  diff: ReturnType<typeof diffPlans> | null;
  /** Task keys of `plan`, which corrections name their task by. */
  keys: string[];
  sheets: string[];
  sheet: string | null;
  corrections: CarriedCorrections;
}

export class PlanService {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
    private readonly search: SearchService,
    private readonly audit: AuditService,
  ) {}

  hasPlan(): boolean {
    return planStore.currentPlanId(this.db) !== null;
  }

  /**
   * Parse against the stored directory. A .docx/.xlsx is inflated within bounded limits first, so
   * a zip bomb is refused before the document libraries (which unzip whole) ever see it.
   */
  private parse(source: PlanSource, stored: readonly Unit[]) {
    if (looksLikeZip(source.bytes) || /\.(docx|xlsx)$/i.test(source.fileName)) {
      readBoundedZip(source.bytes, { fileName: source.fileName, field: 'file' });
    }
    return parsePlanSource(source, directoryForImport(stored));
  }

  /**
   * Parse a plan document against the stored unit directory; writes nothing. The plan is as
   * parsed; the stored plan's corrections are sorted into those carried over (the task text is
   * unchanged; they apply first on import) and those whose text changed.
   */
  async preview(source: PlanSource, actor: Caller): Promise<ImportPreview> {
    authorize(actor, 'plan.importPreview');
    const stored = listUnits(this.db);
    const parsed = await this.parse(source, stored);
    const corrections = carryCorrections(parsed.plan, planStore.listCurrentCorrections(this.db));
    const known = new Set(stored.map((u) => u.name));
    const newUnits = parsed.directory.filter((u) => u.needsReview && !known.has(u.name)).map((u) => u.name);
    const before = this.storedAsParsed();
    const carried =
      corrections.carried.length > 0
        ? resolveCorrectedUnits(
            applyCorrections(
              parsed.plan,
              corrections.carried.map((c) => c.correction),
            ).plan,
            parsed.directory,
          ).plan
        : parsed.plan;
    return {
      plan: parsed.plan,
      keys: taskKeys(parsed.plan),
      newUnits,
      diff: before ? diffPlans(before, carried) : null,
      sheets: parsed.sheets ?? [],
      sheet: parsed.sheet ?? null,
      corrections,
    };
  }

  /**
   * Parse, correct and store a plan document in one transaction: the directory, the plan, the
   * import record, its corrections, the search index and one audit entry. The stored plan's
   * corrections whose task text is unchanged apply first, then the new `corrections` in order
   * (src/shared/domain/planCorrections.ts). `actor` is null only for the shipped seed plan.
   */
  async import(source: PlanSource, actor: Caller, corrections: readonly PlanCorrection[] = []): Promise<ImportPreview> {
    authorize(actor, 'plan.import');
    const stored = listUnits(this.db);
    const parsed = await this.parse(source, stored);
    const carriedOver = carryCorrections(parsed.plan, planStore.listCurrentCorrections(this.db));
    const importedBy = isLocalOperator(actor) ? actor.name : actor.displayName;
    const now = this.clock.nowIso();
    const fresh: StoredCorrection[] = corrections.map((correction) => ({
      sourceHash: hashOfKey(correction.key),
      correction,
      correctedBy: importedBy,
      correctedAt: now,
    }));
    const afterCarried = applyCorrections(
      parsed.plan,
      carriedOver.carried.map((c) => c.correction),
    );
    let corrected: { plan: ParsedPlan; keys: string[] };
    try {
      corrected = applyCorrections(afterCarried.plan, corrections, afterCarried.keys);
    } catch (error) {
      if (error instanceof CorrectionError)
        throw new LuoshiError('invalid_input', `${error.message}（文件“${source.fileName}”未导入。）`, 'corrections');
      throw error;
    }
    const applied = [...carriedOver.carried, ...fresh];
    // Units typed in a correction (new or carried) are resolved like the plan's own.
    const { plan, directory } =
      applied.length > 0
        ? resolveCorrectedUnits(corrected.plan, parsed.directory)
        : { plan: corrected.plan, directory: parsed.directory };
    const known = new Set(stored.map((u) => u.name));
    const before = this.storedAsParsed();
    const diff = before ? diffPlans(before, plan) : null;
    inTransaction(this.db, () => {
      upsertUnitDirectory(this.db, directory, now);
      const planId = planStore.storePlan(
        this.db,
        plan,
        {
          sourceName: source.fileName,
          sourceSha256: createHash('sha256').update(source.bytes).digest('hex'),
          importedBy,
          warnings: plan.warnings,
          diff,
        },
        now,
      );
      planStore.storeCorrections(this.db, planId, planStore.latestImportId(this.db, planId)!, applied);
      this.search.indexPlan();
      const correctionNote =
        applied.length > 0 || carriedOver.stale.length > 0
          ? `；更正 ${applied.length} 条（沿用 ${carriedOver.carried.length} 条，新增 ${fresh.length} 条，原文已修改未沿用 ${carriedOver.stale.length} 条）`
          : '';
      this.audit.append({
        actor,
        role: isLocalOperator(actor) ? null : settingsRole(actor),
        subjectType: 'plan',
        subjectId: planId,
        event: 'plan.import',
        opinion: `${source.fileName}：${plan.tasks.length} 项任务、${plan.projects.length} 个项目${correctionNote}`,
        details: {
          ...(diff
            ? {
                tasksAdded: diff.tasksAdded.length,
                tasksRemoved: diff.tasksRemoved.length,
                tasksChanged: diff.tasksChanged.length,
              }
            : {}),
          corrections: applied.length,
          correctionsCarried: carriedOver.carried.length,
          correctionsNew: fresh.length,
          correctionsStale: carriedOver.stale.length,
          correctionKinds: applied.map((c) => c.correction.op),
        },
      });
    });
    return {
      plan,
      keys: corrected.keys,
      newUnits: directory.filter((u) => u.needsReview && !known.has(u.name)).map((u) => u.name),
      diff,
      sheets: parsed.sheets ?? [],
      sheet: parsed.sheet ?? null,
      corrections: carriedOver,
    };
  }

  /** Correct one entry of the unit directory (administrators); audited. */
  updateUnit(
    actor: Actor,
    change: {
      unitId: number;
      aliases?: string[];
      parentId?: number | null;
      memberIds?: number[];
      needsReview?: boolean;
    },
  ): Unit {
    authorize(actor, 'units.edit');
    return inTransaction(this.db, () => {
      const before = listUnits(this.db).find((u) => u.id === change.unitId);
      if (!before) throw new LuoshiError('not_found', `单位目录中没有编号为 ${change.unitId} 的单位。`);
      updateUnitEntry(this.db, change);
      const after = listUnits(this.db).find((u) => u.id === change.unitId)!;
      this.audit.append({
        actor,
        role: 'admin',
        subjectType: 'unit',
        subjectId: change.unitId,
        event: 'unit.update',
        opinion: after.name,
        details: { before, after },
      });
      return after;
    });
  }

  /** Add a unit or group by hand (administrators), e.g. the sub-district offices behind 各办事处; audited. */
  createUnit(
    actor: Actor,
    entry: { name: string; kind: 'unit' | 'group'; parentId: number | null; groupIds: number[] },
  ): Unit {
    authorize(actor, 'units.edit');
    return inTransaction(this.db, () => {
      const id = insertUnitEntry(this.db, entry, this.clock.nowIso());
      const created = listUnits(this.db).find((u) => u.id === id)!;
      this.audit.append({
        actor,
        role: 'admin',
        subjectType: 'unit',
        subjectId: id,
        event: 'unit.create',
        opinion: created.name,
        details: { created },
      });
      this.search.indexDocument({ kind: 'unit', refId: id, title: created.name, body: '' });
      return created;
    });
  }

  directory(): Unit[] {
    return listUnits(this.db);
  }

  overview(): PlanOverview | null {
    const summary = planStore.getPlanSummary(this.db);
    if (!summary) return null;
    return {
      plan: summary,
      categories: planStore.listCategories(this.db, summary.id),
      tasks: planStore.listTaskSummaries(this.db, summary.id),
    };
  }

  task(taskId: number) {
    const detail = planStore.getTaskDetail(this.db, taskId);
    if (!detail) throw new LuoshiError('not_found', `未找到编号为 ${taskId} 的任务。`);
    return detail;
  }

  projects() {
    const planId = planStore.currentPlanId(this.db);
    return planId === null ? [] : planStore.listProjects(this.db, planId);
  }

  /** The stored plan in the importer's shape, so a revised document can be diffed against it. */
  private storedAsParsed(): ParsedPlan | null {
    const overview = this.overview();
    if (!overview) return null;
    const indicators = planStore.listIndicators(this.db, overview.plan.id);
    return {
      meta: { issuer: overview.plan.issuer, docNumber: overview.plan.docNumber, title: overview.plan.title },
      categories: overview.categories.map((c) => ({ no: c.no, title: c.title })),
      tasks: overview.tasks.map((t) => {
        const detail = planStore.getTaskDetail(this.db, t.id);
        return {
          no: t.no,
          category: t.categoryNo,
          title: t.title,
          body: detail?.body ?? '',
          leadUnits: t.leadUnits,
          responsibleUnits: t.responsibleUnits,
          ...(detail ? { unitRoles: detail.unitRoles } : {}),
          line: 0,
          targets: indicators
            .filter((i) => i.taskId === t.id)
            .map((i) => ({
              text: i.sourceText,
              metric: i.metric,
              comparator: i.comparator,
              value: i.value,
              ...(i.value2 === null ? {} : { value2: i.value2 }),
              unit: i.unit,
              year: i.year,
              ...(i.baseYear === null ? {} : { baseYear: i.baseYear }),
              ...(i.standard ? { standard: true } : {}),
              ...(i.baselineValue === null ? {} : { baseline: { value: i.baselineValue, year: i.baselineYear } }),
            })),
        };
      }),
      baselines: [],
      projects: this.projects().map((p) => ({ ...p, line: 0 })),
      warnings: [],
    };
  }
}
