import { z } from 'zod';
import {
  comparatorSchema,
  unitRoleLabels,
  unitRoleSchema,
  type ParsedPlan,
  type ParsedTarget,
  type ParsedTask,
  type UnitRole,
} from './plan';

/**
 * Corrections a coordinator makes in the import preview before a plan is stored: a task's title,
 * its units and their roles, a target's value, comparator and unit (or a false target deleted, a
 * missed one added), a task merged into the one before, one task split in two.
 *
 * Rule: a correction names its task by the task's key, `hash@position`, where the hash is taken
 * over the task's normalised source (title, body, units as parsed) and the position is its place
 * in the parsed plan (1-based). Corrections apply in order, each to the plan as the ones before
 * left it. On a re-import of a revised plan, a stored correction is carried over when a task with
 * the same hash is still there (its key moves with it); when the text changed it is not, and the
 * preview lists it so the coordinator decides. The same functions serve the preview (renderer),
 * the import (core) and the command line.
 */

const key = z.string().trim().min(1, '请指明要更正的任务').max(80);
const targetIndex = z.number().int().min(0).max(200);
const title = z.string().trim().min(1, '任务名称不能为空').max(500, '任务名称过长');
const finite = z.number().finite('请填写数值');

const correctionUnitSchema = z.object({
  unit: z.string().trim().min(1, '单位名称不能为空').max(100, '单位名称过长'),
  role: unitRoleSchema,
});

const addedTargetSchema = z.object({
  metric: z.string().trim().min(1, '请填写指标名称').max(200),
  comparator: comparatorSchema,
  value: finite,
  value2: finite.optional(),
  unit: z.string().trim().max(20),
  year: z.number().int().min(1990).max(2100).nullable(),
  standard: z.boolean().optional(),
});

export const planCorrectionSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('title'), key, title }),
  z.object({ op: z.literal('units'), key, units: z.array(correctionUnitSchema).max(100) }),
  z.object({
    op: z.literal('targetEdit'),
    key,
    index: targetIndex,
    comparator: comparatorSchema,
    value: finite,
    value2: finite.optional(),
    unit: z.string().trim().max(20),
  }),
  z.object({ op: z.literal('targetDelete'), key, index: targetIndex }),
  z.object({ op: z.literal('targetAdd'), key, target: addedTargetSchema }),
  z.object({ op: z.literal('merge'), key }),
  z.object({ op: z.literal('split'), key, at: z.number().int().min(1).max(100_000), title }),
]);
export type PlanCorrection = z.infer<typeof planCorrectionSchema>;
type CorrectionKind = PlanCorrection['op'];

const correctionKindLabels: Record<CorrectionKind, string> = {
  title: '修改任务名称',
  units: '修改单位及其角色',
  targetEdit: '修改指标',
  targetDelete: '删除指标',
  targetAdd: '补充指标',
  merge: '并入上一项任务',
  split: '拆分为两项任务',
};

/** A correction as stored with the plan: who made it and when, and the hash of the text it applies to. */
const storedCorrectionSchema = z.object({
  sourceHash: z.string(),
  correction: planCorrectionSchema,
  correctedBy: z.string().nullable(),
  correctedAt: z.string(),
});
export type StoredCorrection = z.infer<typeof storedCorrectionSchema>;

/** What happened to the stored corrections when a revised plan was read. */
export const carriedCorrectionsSchema = z.object({
  /** Applied again: the task's text is unchanged (keys point at the revised plan's tasks). */
  carried: z.array(storedCorrectionSchema),
  /** Not applied: 原文已修改，更正未沿用 — the coordinator decides. */
  stale: z.array(storedCorrectionSchema.extend({ reason: z.string() })),
});
export type CarriedCorrections = z.infer<typeof carriedCorrectionsSchema>;

/** A correction that cannot apply: names which one and why, in Chinese. */
export class CorrectionError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(message);
  }
}

/** cyrb53: a small, well-spread 53-bit string hash (pure, so the renderer computes the same keys). */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0');
}

function normalised(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** The hash of a task's source as parsed: title, body and units with their roles. */
function taskSourceHash(task: ParsedTask): string {
  const units = rolesOf(task).map((u) => `${u.role}:${u.unit}`);
  return hash53([normalised(task.title), normalised(task.body), ...units].join('\u0001'));
}

/** Keys of a parsed plan's tasks, in order: `hash@position`. */
export function taskKeys(plan: ParsedPlan): string[] {
  return plan.tasks.map((task, i) => `${taskSourceHash(task)}@${i + 1}`);
}

/** The source hash a key (or a key of a task split off it, `…#2`) stands for. */
export function hashOfKey(taskKey: string): string {
  return taskKey.split('@')[0] ?? taskKey;
}

/** Every unit of a task with its role, as the plan gives them (lead units first when unitRoles is missing). */
export function rolesOf(task: ParsedTask): Array<{ unit: string; role: UnitRole }> {
  if (task.unitRoles && task.unitRoles.length > 0) return task.unitRoles;
  return [
    ...task.leadUnits.map((unit) => ({ unit, role: 'lead' as const })),
    ...task.responsibleUnits
      .filter((u) => !task.leadUnits.includes(u))
      .map((unit) => ({ unit, role: 'responsible' as const })),
  ];
}

/**
 * A task's units from its units with roles: each (unit, role) once; only lead units lead, every
 * other role takes part as a responsible unit. The importer and the corrections both use this.
 */
export function unitsFromRoles(
  roles: ReadonlyArray<{ unit: string; role: UnitRole }>,
): Pick<ParsedTask, 'leadUnits' | 'responsibleUnits' | 'unitRoles'> {
  const unitRoles = roles.filter((u, i) => roles.findIndex((v) => v.unit === u.unit && v.role === u.role) === i);
  return {
    unitRoles,
    leadUnits: [...new Set(unitRoles.filter((u) => u.role === 'lead').map((u) => u.unit))],
    responsibleUnits: [...new Set(unitRoles.filter((u) => u.role !== 'lead').map((u) => u.unit))],
  };
}

function withRoles(task: ParsedTask, roles: ReadonlyArray<{ unit: string; role: UnitRole }>): ParsedTask {
  return { ...task, ...unitsFromRoles(roles) };
}

interface Working {
  tasks: ParsedTask[];
  keys: string[];
}

function taskIndex(state: Working, correction: PlanCorrection, index: number): number {
  const at = state.keys.indexOf(correction.key);
  if (at < 0)
    throw new CorrectionError(
      index,
      `第 ${index + 1} 条更正（${correctionKindLabels[correction.op]}）所指的任务在方案中找不到了，请重新选择任务后再更正。`,
    );
  return at;
}

function targetAt(task: ParsedTask, at: number, index: number, correction: PlanCorrection): ParsedTarget {
  const target = task.targets[at];
  if (!target) {
    throw new CorrectionError(
      index,
      `第 ${index + 1} 条更正（${correctionKindLabels[correction.op]}）：任务“${task.title}”没有第 ${at + 1} 个指标（共 ${task.targets.length} 个）。`,
    );
  }
  return target;
}

function needsSecondValue(comparator: ParsedTarget['comparator']): boolean {
  return comparator === 'range' || comparator === 'fromTo';
}

function checkValues(comparator: ParsedTarget['comparator'], value2: number | undefined, index: number): void {
  if (needsSecondValue(comparator) && value2 === undefined) {
    throw new CorrectionError(index, `第 ${index + 1} 条更正：“区间”和“由…至…”的指标需要填写两个数值。`);
  }
}

function applyOne(state: Working, correction: PlanCorrection, index: number): void {
  const at = taskIndex(state, correction, index);
  const task = state.tasks[at]!;
  switch (correction.op) {
    case 'title':
      state.tasks[at] = { ...task, title: correction.title };
      return;
    case 'units':
      state.tasks[at] = withRoles(task, correction.units);
      return;
    case 'targetEdit': {
      const target = targetAt(task, correction.index, index, correction);
      checkValues(correction.comparator, correction.value2, index);
      const edited: ParsedTarget = {
        ...target,
        comparator: correction.comparator,
        value: correction.value,
        unit: correction.unit,
      };
      delete edited.value2;
      if (needsSecondValue(correction.comparator) && correction.value2 !== undefined) edited.value2 = correction.value2;
      state.tasks[at] = { ...task, targets: task.targets.map((t, i) => (i === correction.index ? edited : t)) };
      return;
    }
    case 'targetDelete':
      targetAt(task, correction.index, index, correction);
      state.tasks[at] = { ...task, targets: task.targets.filter((_t, i) => i !== correction.index) };
      return;
    case 'targetAdd': {
      const { value2, standard, ...rest } = correction.target;
      checkValues(rest.comparator, value2, index);
      const added: ParsedTarget = { ...rest, text: `（导入时补充）${rest.metric}` };
      if (needsSecondValue(rest.comparator) && value2 !== undefined) added.value2 = value2;
      if (standard) added.standard = true;
      state.tasks[at] = { ...task, targets: [...task.targets, added] };
      return;
    }
    case 'merge': {
      const previous = state.tasks[at - 1];
      if (!previous)
        throw new CorrectionError(
          index,
          `第 ${index + 1} 条更正：任务“${task.title}”是第一项任务，前面没有可并入的任务。`,
        );
      const merged = withRoles(
        {
          ...previous,
          body: [previous.body, task.title, task.body].filter((p) => p.trim() !== '').join('\n'),
          targets: [...previous.targets, ...task.targets],
        },
        [...rolesOf(previous), ...rolesOf(task)],
      );
      state.tasks.splice(at - 1, 2, merged);
      state.keys.splice(at, 1);
      for (let i = at; i < state.tasks.length; i += 1)
        state.tasks[i] = { ...state.tasks[i]!, no: state.tasks[i]!.no - 1 };
      return;
    }
    case 'split': {
      if (correction.at >= task.body.length) {
        throw new CorrectionError(
          index,
          `第 ${index + 1} 条更正：任务“${task.title}”的正文只有 ${task.body.length} 个字，无法在第 ${correction.at} 个字处拆分。`,
        );
      }
      const first = task.body.slice(0, correction.at).trim();
      const second = task.body.slice(correction.at).trim();
      const inSecond = (t: ParsedTarget) =>
        second.includes(t.text) || (!first.includes(t.text) && second.includes(t.text.slice(0, 8)));
      const split: ParsedTask = {
        ...task,
        no: task.no + 1,
        title: correction.title,
        body: second,
        targets: task.targets.filter(inSecond),
      };
      const base = correction.key.split('#')[0] ?? correction.key;
      const siblings = state.keys.filter((k) => k.startsWith(`${base}#`)).length;
      state.tasks.splice(at, 1, { ...task, body: first, targets: task.targets.filter((t) => !inSecond(t)) }, split);
      state.keys.splice(at + 1, 0, `${base}#${siblings + 2}`);
      for (let i = at + 2; i < state.tasks.length; i += 1)
        state.tasks[i] = { ...state.tasks[i]!, no: state.tasks[i]!.no + 1 };
      return;
    }
  }
}

/**
 * Apply corrections in order to a parsed plan; returns the corrected plan and its task keys.
 * `keys` are the plan's task keys when it is itself already corrected (default: as parsed).
 * Throws CorrectionError naming the first correction that does not apply.
 */
export function applyCorrections(
  plan: ParsedPlan,
  corrections: readonly PlanCorrection[],
  keys: readonly string[] = taskKeys(plan),
): { plan: ParsedPlan; keys: string[] } {
  const state: Working = { tasks: [...plan.tasks], keys: [...keys] };
  corrections.forEach((c, i) => applyOne(state, c, i));
  return { plan: { ...plan, tasks: state.tasks }, keys: state.keys };
}

/**
 * Which stored corrections still apply to a freshly parsed plan: those whose task text (hash) is
 * still there, re-keyed to where that task now stands (the nearest position when the same text
 * occurs twice). The others, and any that no longer apply, are stale.
 */
export function carryCorrections(plan: ParsedPlan, stored: readonly StoredCorrection[]): CarriedCorrections {
  const keys = taskKeys(plan);
  const positions = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const h = hashOfKey(k);
    positions.set(h, [...(positions.get(h) ?? []), i + 1]);
  });
  const carried: StoredCorrection[] = [];
  const stale: CarriedCorrections['stale'] = [];
  const state: Working = { tasks: [...plan.tasks], keys: [...keys] };
  stored.forEach((entry, i) => {
    const [base = '', ...suffix] = entry.correction.key.split('#');
    const oldPosition = Number(base.split('@')[1] ?? 0);
    const candidates = positions.get(entry.sourceHash) ?? [];
    if (candidates.length === 0) {
      stale.push({ ...entry, reason: '原文已修改，更正未沿用' });
      return;
    }
    const position = candidates.reduce((best, p) =>
      Math.abs(p - oldPosition) < Math.abs(best - oldPosition) ? p : best,
    );
    const moved: StoredCorrection = {
      ...entry,
      correction: { ...entry.correction, key: [`${entry.sourceHash}@${position}`, ...suffix].join('#') },
    };
    try {
      applyOne(state, moved.correction, i);
      carried.push(moved);
    } catch (error) {
      stale.push({
        ...entry,
        reason: `原文已修改，更正未沿用（${error instanceof CorrectionError ? error.message : String(error)}）`,
      });
    }
  });
  return { carried, stale };
}

/** One line describing a correction, for lists and audit entries. */
export function describeCorrection(correction: PlanCorrection): string {
  switch (correction.op) {
    case 'title':
      return `任务名称改为“${correction.title}”`;
    case 'units':
      return `单位改为：${correction.units.map((u) => `${u.unit}（${unitRoleLabels[u.role]}）`).join('、') || '无'}`;
    case 'targetEdit':
      return `第 ${correction.index + 1} 个指标改为 ${correction.value}${correction.value2 === undefined ? '' : `—${correction.value2}`}${correction.unit}`;
    case 'targetDelete':
      return `删除第 ${correction.index + 1} 个指标`;
    case 'targetAdd':
      return `补充指标“${correction.target.metric}”`;
    case 'merge':
      return '并入上一项任务';
    case 'split':
      return `从第 ${correction.at} 个字起拆分为“${correction.title}”`;
  }
}
