import type { Indicator } from '../../../../shared/domain/planView';
import type { ReadableDB } from '../../db/database';
import type { LedgerHeading, ProjectLedgerGroup } from '../../exports/xlsx';
import { taskBodies } from '../../store/ledgerQueries';
import { listProjects, listTaskSummaries } from '../../store/planStore';
import { targetText } from './indicators';
import { deadlineText } from './naming';
import type { PeriodData, SubjectFacts } from './periodData';

/** A project's row facts with its group and its own text (项目内容). */
export interface ProjectFacts {
  kind: ProjectLedgerGroup['kind'];
  content: string;
  facts: SubjectFacts;
}

/**
 * What every ledger kind is written from (ledgerService.ts builds it once; kinds.ts writes each
 * kind from it): the plan's indicators, what each quarter of the period reported, the heading,
 * and the plan's facts of its tasks and projects.
 */
export interface LedgerFrame {
  db: ReadableDB;
  planId: number;
  indicators: Indicator[];
  data: PeriodData;
  heading: LedgerHeading;
  taskFacts: () => Map<number, SubjectFacts>;
  projectFacts: () => ProjectFacts[];
}

/** The plan's facts of every task: its target sentences (or its text), units and deadline. */
export function taskFactsOf(
  db: ReadableDB,
  planId: number,
  indicators: readonly Indicator[],
  planEnd: number,
): Map<number, SubjectFacts> {
  const byTask = new Map<number, Indicator[]>();
  for (const i of indicators) {
    if (i.taskId !== null) byTask.set(i.taskId, [...(byTask.get(i.taskId) ?? []), i]);
  }
  const facts = new Map<number, SubjectFacts>();
  const bodies = taskBodies(db, planId);
  for (const t of listTaskSummaries(db, planId)) {
    const own = byTask.get(t.id) ?? [];
    // The target sentences (several indicators may come from one sentence); a task without
    // quantified targets shows its own text instead (docs/ledgers.md §2, 具体内容/目标).
    const sentences = [...new Set(own.map((i) => i.sourceText.trim() || `${i.metric} ${targetText(i)}`))];
    const body = bodies.get(t.id)?.trim() ?? '';
    facts.set(t.id, {
      ref: { kind: 'task', id: t.id },
      no: t.no,
      title: t.title,
      targets: sentences.length > 0 ? sentences : body ? [body] : [],
      leadUnits: t.leadUnits,
      responsibleUnits: t.responsibleUnits,
      deadline: deadlineText(own, planEnd),
    });
  }
  return facts;
}

/** The plan's facts of every project, in the plan's order. */
export function projectFactsOf(db: ReadableDB, planId: number, planEnd: number): ProjectFacts[] {
  return listProjects(db, planId).map((p) => ({
    kind: p.kind,
    content: p.body,
    facts: {
      ref: { kind: 'project', id: p.id },
      no: p.no,
      title: p.title,
      targets: [],
      leadUnits: p.leadUnits,
      responsibleUnits: p.responsibleUnits,
      deadline: deadlineText([], planEnd),
    },
  }));
}
