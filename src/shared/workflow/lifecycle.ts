import { createActor } from 'xstate';
import type { ActorRef } from '../domain/accounts';
import {
  eventsNeedingReason,
  reportEventLabels,
  reportEvents,
  reportStateLabels,
  reportStateSchema,
  type AllowedAction,
  type ReportEventType,
  type ReportState,
} from '../domain/reports';
import {
  isDrafter,
  namesPerson,
  partyKey,
  reportMachine,
  type Party,
  type ReportContext,
  type ReportEvent,
  type ReportInput,
} from './reportMachine';
import { reportEventTable } from './events';

/**
 * Running the lifecycle machine over persisted snapshots: restore with
 * `createActor(machine, { snapshot })`, check, send, persist. The machine has no invocations or
 * side effects, so restoring is exact and cheap.
 */

export type PersistedReportSnapshot = ReturnType<
  ReturnType<typeof createActor<typeof reportMachine>>['getPersistedSnapshot']
>;

export function initialReportSnapshot(input: ReportInput): PersistedReportSnapshot {
  const actor = createActor(reportMachine, { input });
  actor.start();
  const persisted = actor.getPersistedSnapshot();
  actor.stop();
  return persisted;
}

export interface ReportSnapshotView {
  state: ReportState;
  context: ReportContext;
}

// XState types `input` as required; it is ignored when an actor is restored from a snapshot.
const unusedInput: ReportInput = { drafter: { kind: 'coordinator' }, reviewers: [], signers: [] };

function restore(persisted: PersistedReportSnapshot) {
  const actor = createActor(reportMachine, { snapshot: persisted, input: unusedInput });
  actor.start();
  return actor;
}

export function viewOf(persisted: PersistedReportSnapshot): ReportSnapshotView {
  const actor = restore(persisted);
  const snapshot = actor.getSnapshot();
  actor.stop();
  return { state: reportStateSchema.parse(snapshot.value), context: snapshot.context };
}

export type StepResult =
  | { ok: true; persisted: PersistedReportSnapshot; before: ReportSnapshotView; after: ReportSnapshotView }
  | { ok: false; before: ReportSnapshotView };

/** Apply one event. Refused events leave the snapshot as it was (ok: false). */
export function stepReport(persisted: PersistedReportSnapshot, event: ReportEvent): StepResult {
  const actor = restore(persisted);
  const snapshot = actor.getSnapshot();
  const before: ReportSnapshotView = { state: reportStateSchema.parse(snapshot.value), context: snapshot.context };
  if (!snapshot.can(event)) {
    actor.stop();
    return { ok: false, before };
  }
  actor.send(event);
  const next = actor.getSnapshot();
  const result: StepResult = {
    ok: true,
    persisted: actor.getPersistedSnapshot(),
    before,
    after: { state: reportStateSchema.parse(next.value), context: next.context },
  };
  actor.stop();
  return result;
}

/**
 * The machine's event of `type` from `by`, its payload filled from the table (events.ts): `text`
 * is the reason, the opinion or the archive number. Without `text`, a stand-in for asking the
 * machine whether `by` could send the event now.
 */
export function reportEventOf(type: ReportEventType, by: ActorRef, text?: string): ReportEvent {
  const payload = reportEventTable[type].payload;
  if (payload === 'none') return { type, by } as ReportEvent;
  return { type, by, [payload]: text ?? '—' } as ReportEvent;
}

/** A stand-in event of `type` for asking the machine whether `by` could send it now. */
export function probeEvent(type: ReportEventType, by: ActorRef): ReportEvent {
  return reportEventOf(type, by);
}

/** The buttons `by` may press on a report in this snapshot (the machine decides, not a copy of its rules). */
export function allowedActions(persisted: PersistedReportSnapshot, by: ActorRef): AllowedAction[] {
  const actor = restore(persisted);
  const snapshot = actor.getSnapshot();
  const allowed = reportEvents
    .filter((type) => snapshot.can(probeEvent(type, by)))
    .map((type) => ({ event: type, label: reportEventLabels[type], needsReason: eventsNeedingReason.includes(type) }));
  actor.stop();
  return allowed;
}

/** Names of parties, for messages. */
export type PartyNamer = (party: Party) => string;

/** Why the machine refused `type` from `by`, in plain Chinese for the user. */
export function explainRefusal(
  view: ReportSnapshotView,
  type: ReportEventType,
  by: ActorRef,
  nameOf: PartyNamer,
  hasReason: boolean,
): string {
  const { state, context } = view;
  const action = reportEventLabels[type];
  if (state !== reportEventTable[type].from) {
    return `该报告当前处于「${reportStateLabels[state]}」阶段，不能执行「${action}」。`;
  }
  const drafterName =
    context.drafter.kind === 'coordinator' ? '工作专班' : nameOf({ kind: 'unit', id: context.drafter.id });
  switch (type) {
    case 'report.submit':
      return `只有起草单位（${drafterName}）的经办人或负责人可以提交该报告。`;
    case 'report.withdraw':
      if (!isDrafter(context.drafter, by)) return `只有起草单位（${drafterName}）可以撤回该报告。`;
      if (context.approvals.length > 0) return '已有牵头单位审核通过，不能撤回。';
      return '撤回时必须填写理由，起草单位的经办人将看到这段说明。';
    case 'report.approve':
    case 'report.return':
      return partyRefusal(context.reviewers, context.approvals, by, nameOf, type, hasReason, '审核');
    case 'report.sign':
    case 'report.object':
      return partyRefusal(context.signers, context.signatures, by, nameOf, type, hasReason, '会签');
    case 'report.file':
      if (!by.roles.includes('coordinator')) return '只有工作专班人员可以归档。';
      return '归档号未能生成，请检查归档号格式设置。';
  }
}

function partyRefusal(
  parties: readonly Party[],
  done: readonly string[],
  by: ActorRef,
  nameOf: PartyNamer,
  type: ReportEventType,
  hasReason: boolean,
  verb: string,
): string {
  const people = [by, ...(by.actingFor ?? [])];
  const mine = parties.filter((p) => people.some((who) => namesPerson(p, who)));
  if (mine.length === 0) return `您不在本报告的${verb}名单中，不能${reportEventLabels[type]}。`;
  if (!people.some((who) => who.roles.includes('leader')))
    return `只有负责人可以${verb}，经办人不能${reportEventLabels[type]}。`;
  const pending = mine.filter((p) => !done.includes(partyKey(p)));
  if (pending.length === 0) {
    const names = mine.map(nameOf).join('、');
    return `${names}已${verb === '审核' ? '审核通过' : '会签'}，不能重复${verb}。`;
  }
  if (!hasReason) return `${reportEventLabels[type]}时必须填写理由。`;
  return `不能${reportEventLabels[type]}。`;
}
