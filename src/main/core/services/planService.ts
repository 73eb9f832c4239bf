import { createHash } from 'node:crypto';
import { LuoshiError } from '../../../shared/errors';
import type { ParsedPlan } from '../../../shared/domain/plan';
import type { PlanOverview } from '../../../shared/domain/planView';
import { inTransaction, type WritableDB } from '../db/database';
import { diffPlans, directoryForImport, parsePlanSource, type PlanSource } from '../importer';
import * as planStore from '../store/planStore';
import { listUnits, upsertUnitDirectory } from '../store/unitStore';
import type { Clock } from '../clock';
import type { SearchService } from './searchService';

export interface ImportPreview {
  plan: ParsedPlan;
  /** Units the import adds to the directory, flagged for review. */
  newUnits: string[];
  diff: ReturnType<typeof diffPlans> | null;
}

export class PlanService {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
    private readonly search: SearchService,
  ) {}

  hasPlan(): boolean {
    return planStore.currentPlanId(this.db) !== null;
  }

  /** Parse a plan document against the stored unit directory; writes nothing. */
  async preview(source: PlanSource): Promise<ImportPreview> {
    const stored = listUnits(this.db);
    const { plan, directory } = await parsePlanSource(source, directoryForImport(stored));
    const known = new Set(stored.map((u) => u.name));
    const newUnits = directory.filter((u) => u.needsReview && !known.has(u.name)).map((u) => u.name);
    const before = this.storedAsParsed();
    return { plan, newUnits, diff: before ? diffPlans(before, plan) : null };
  }

  /** Parse and store a plan document in one transaction: the directory, the plan and the import record. */
  async import(source: PlanSource, importedBy: string | null): Promise<ImportPreview> {
    const stored = listUnits(this.db);
    const { plan, directory } = await parsePlanSource(source, directoryForImport(stored));
    const known = new Set(stored.map((u) => u.name));
    const before = this.storedAsParsed();
    const diff = before ? diffPlans(before, plan) : null;
    const now = this.clock.nowIso();
    inTransaction(this.db, () => {
      upsertUnitDirectory(this.db, directory, now);
      planStore.storePlan(
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
      this.search.indexPlan();
    });
    return { plan, newUnits: directory.filter((u) => u.needsReview && !known.has(u.name)).map((u) => u.name), diff };
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
            })),
        };
      }),
      baselines: [],
      projects: this.projects().map((p) => ({ ...p, line: 0 })),
      warnings: [],
    };
  }
}
