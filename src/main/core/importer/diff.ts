import type {
  ParsedPlan,
  ParsedProject,
  ParsedTask,
  PlanDiff,
  TaskChange,
  TaskField,
} from '../../../shared/domain/plan';
import { rolesOf } from '../../../shared/domain/planCorrections';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function minus(a: readonly string[], b: readonly string[]): string[] {
  return a.filter((x) => !b.includes(x));
}

function targetKey(task: ParsedTask): string {
  return JSON.stringify(
    task.targets.map((t) => [t.metric, t.comparator, t.value, t.value2 ?? null, t.unit, t.year, t.baseYear ?? null]),
  );
}

/**
 * A task's units with their plan roles, order aside, as the store keeps them: each unit once, a
 * lead unit as lead, any other with the first role the plan gives it.
 */
function roleKey(task: ParsedTask): string {
  const role = new Map<string, string>();
  for (const u of rolesOf(task)) if (u.role === 'lead' || !role.has(u.unit)) role.set(u.unit, u.role);
  return JSON.stringify([...role].map(([unit, r]) => `${r}:${unit}`).sort());
}

function unitsOf(plan: ParsedPlan): Set<string> {
  const units = new Set<string>();
  for (const item of [...plan.tasks, ...plan.projects])
    for (const u of [...item.leadUnits, ...item.responsibleUnits]) units.add(u);
  return units;
}

function projectKey(p: ParsedProject): string {
  return `${p.kind}:${p.no}`;
}

/**
 * Tasks are matched by number: a revised plan that keeps numbering shows retitled tasks and
 * changed units; a task whose number disappears is removed, a new number is added.
 */
export function diffPlans(before: ParsedPlan, after: ParsedPlan): PlanDiff {
  const old = new Map(before.tasks.map((t) => [t.no, t]));
  const now = new Map(after.tasks.map((t) => [t.no, t]));
  const tasksChanged: TaskChange[] = [];
  // A unit that leads and is also listed as responsible is stored once, as lead: compare so.
  const responsible = (t: ParsedPlan['tasks'][number]): string[] =>
    t.responsibleUnits.filter((u) => !t.leadUnits.includes(u));
  for (const task of after.tasks) {
    const prior = old.get(task.no);
    if (!prior) continue;
    const fields: TaskField[] = [];
    if (prior.title !== task.title) fields.push('title');
    if (prior.body !== task.body) fields.push('body');
    if (prior.category !== task.category) fields.push('category');
    if (!sameList(prior.leadUnits, task.leadUnits)) fields.push('leadUnits');
    if (!sameList(responsible(prior), responsible(task))) fields.push('responsibleUnits');
    // The same units in other roles (配合 → 指导): a change of its own.
    if (fields.every((f) => f !== 'leadUnits' && f !== 'responsibleUnits') && roleKey(prior) !== roleKey(task))
      fields.push('unitRoles');
    if (targetKey(prior) !== targetKey(task)) fields.push('targets');
    if (fields.length === 0) continue;
    tasksChanged.push({
      no: task.no,
      fields,
      titleBefore: prior.title,
      titleAfter: task.title,
      leadAdded: minus(task.leadUnits, prior.leadUnits),
      leadRemoved: minus(prior.leadUnits, task.leadUnits),
      responsibleAdded: minus(responsible(task), responsible(prior)),
      responsibleRemoved: minus(responsible(prior), responsible(task)),
    });
  }
  const oldProjects = new Map(before.projects.map((p) => [projectKey(p), p]));
  const newProjects = new Map(after.projects.map((p) => [projectKey(p), p]));
  const ref = (p: ParsedProject): { kind: ParsedProject['kind']; no: number; title: string } => ({
    kind: p.kind,
    no: p.no,
    title: p.title,
  });
  const unitsBefore = unitsOf(before);
  const unitsAfter = unitsOf(after);
  return {
    metaChanged: JSON.stringify(before.meta) !== JSON.stringify(after.meta),
    tasksAdded: after.tasks.filter((t) => !old.has(t.no)).map((t) => ({ no: t.no, title: t.title })),
    tasksRemoved: before.tasks.filter((t) => !now.has(t.no)).map((t) => ({ no: t.no, title: t.title })),
    tasksChanged,
    projectsAdded: after.projects.filter((p) => !oldProjects.has(projectKey(p))).map(ref),
    projectsRemoved: before.projects.filter((p) => !newProjects.has(projectKey(p))).map(ref),
    projectsChanged: after.projects
      .filter((p) => {
        const prior = oldProjects.get(projectKey(p));
        return prior !== undefined && JSON.stringify(prior) !== JSON.stringify({ ...p, line: prior.line });
      })
      .map(ref),
    unitsAdded: [...unitsAfter].filter((u) => !unitsBefore.has(u)),
    unitsRemoved: [...unitsBefore].filter((u) => !unitsAfter.has(u)),
  };
}
