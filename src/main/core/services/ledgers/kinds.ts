import {
  writeIndicatorLedger,
  writeProjectLedger,
  writeTaskLedger,
  writeUnitLedger,
  type IndicatorLedgerRow,
  type LedgerTarget,
  type ProjectLedgerGroup,
  type UnitLedgerItem,
} from '../../exports/xlsx';
import { unitParticipation } from '../../store/ledgerQueries';
import { listCategories, listTaskSummaries } from '../../store/planStore';
import type { LedgerFrame } from './frame';
import { completionRate, isOnPace, targetText } from './indicators';

/** 任务台账: the tasks by category, each with what the period reported. */
export async function taskLedger(frame: LedgerFrame, target: LedgerTarget): Promise<void> {
  const { db, planId, data, heading } = frame;
  const facts = frame.taskFacts();
  const summaries = listTaskSummaries(db, planId);
  const categories = listCategories(db, planId).map((c) => ({
    no: c.no,
    title: c.title,
    tasks: summaries
      .filter((t) => t.categoryNo === c.no)
      .flatMap((t) => {
        const f = facts.get(t.id);
        return f ? [data.item(f)] : [];
      }),
  }));
  await writeTaskLedger({ ...heading, categories: categories.filter((c) => c.tasks.length > 0) }, target);
}

/** 项目台账: the projects grouped by kind (重点工程, 品牌活动 …). */
export async function projectLedger(frame: LedgerFrame, target: LedgerTarget): Promise<void> {
  const { data, heading } = frame;
  const groups: ProjectLedgerGroup[] = [];
  for (const p of frame.projectFacts()) {
    let group = groups.find((g) => g.kind === p.kind);
    if (!group) groups.push((group = { kind: p.kind, projects: [] }));
    const { targets: _none, ...item } = data.item(p.facts);
    group.projects.push({ ...item, content: p.content });
  }
  await writeProjectLedger({ ...heading, groups }, target);
}

/** 指标台账: every indicator with its values by quarter, 应达值, completion and pace. */
export async function indicatorLedger(frame: LedgerFrame, target: LedgerTarget): Promise<void> {
  const { db, planId, data, heading, indicators } = frame;
  const tasks = new Map(listTaskSummaries(db, planId).map((t) => [t.id, t] as const));
  const rows: IndicatorLedgerRow[] = indicators.map((i) => {
    const task = i.taskId === null ? undefined : tasks.get(i.taskId);
    const values = data.valuesByQuarter(i);
    const latest = [...values].reverse().find((v) => v.value !== null);
    const last = values[values.length - 1];
    return {
      metric: i.metric,
      taskNo: task?.no ?? null,
      taskTitle: task?.title ?? null,
      unit: i.unit,
      baseline: i.baselineValue,
      baselineYear: i.baselineYear,
      target: targetText(i),
      valuesByQuarter: Object.fromEntries(values.map((v) => [v.key, v.value])),
      // 应达值 where the pace is judged: at the latest quarter with a value, else the period's end.
      expected: (latest ?? last)?.expected ?? null,
      completionRate: latest ? completionRate(i, latest.value) : null,
      onPace: latest ? isOnPace(i, latest.value, latest.asOf) : null,
    };
  });
  await writeIndicatorLedger({ ...heading, rows }, target);
}

/** 单位任务台账: what one unit leads, then what it shares, tasks before projects in the plan's order. */
export async function unitLedger(
  frame: LedgerFrame,
  unit: { id: number; name: string },
  target: LedgerTarget,
): Promise<void> {
  const { db, data, heading } = frame;
  const tasks = frame.taskFacts();
  const projects = new Map(frame.projectFacts().map((p) => [p.facts.ref.id, p] as const));
  const led: UnitLedgerItem[] = [];
  const shared: UnitLedgerItem[] = [];
  const parts = unitParticipation(db, unit.id);
  // Tasks in the plan's order, then projects in the plan's order.
  const ordered = [
    ...[...tasks.values()].flatMap((f) =>
      parts
        .filter((p) => p.subject === 'task' && p.subject_id === f.ref.id)
        .map((p) => ({ p, f, kind: 'task' as const, content: null })),
    ),
    ...[...projects.values()].flatMap((x) =>
      parts
        .filter((p) => p.subject === 'project' && p.subject_id === x.facts.ref.id)
        .map((p) => ({ p, f: x.facts, kind: x.kind, content: x.content })),
    ),
  ];
  for (const { p, f, kind, content } of ordered) {
    const item = data.item(content === null ? f : { ...f, targets: content ? [content] : [] });
    (p.role === 'lead' ? led : shared).push({ ...item, kind });
  }
  await writeUnitLedger({ ...heading, unitName: unit.name, led, shared }, target);
}
