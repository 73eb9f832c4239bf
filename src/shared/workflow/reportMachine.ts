import { and, assign, setup } from 'xstate';
import type { ActorRef, DelegatorRef } from '../domain/accounts';
import type { ReportEventOf, ReportEventType } from './events';

/**
 * The report lifecycle (docs/lifecycle.md §2; roles §3):
 *
 *   drafting ──submit──▶ leadReview ──every reviewer approves──▶ signOff ──every signer signs──▶ filing ──file──▶ filed
 *      ▲  ◀──withdraw (no one acted)──┤ return (reason)                     │ object (reason)
 *      └──────────────────────────────┴─────────────────────────────────────┘
 *
 * A withdrawal, like a return or an objection, carries a reason: the drafting clerk finds the
 * report back in drafting and must be told why. (Events only changed; the persisted context keeps
 * its shape, so reportMachineVersion stays.)
 *
 * The same machine serves task and project reports (reviewers: the lead units; signers: the
 * responsible units) and the compiled quarterly report (reviewers: the coordinating units; signers:
 * the task force's leaders). Every event carries the acting user, and named guards decide whether
 * that user may send it in this state, so the core cannot be talked past by the UI.
 *
 * The context is plain JSON: it is persisted with the snapshot and holds no handles.
 */

export const reportMachineId = 'report-lifecycle';
/** Bump when the persisted context or states change shape; the store refuses unknown versions. */
export const reportMachineVersion = 1;

/** Who must act: a unit (its leader acts for it) or one named person. */
export interface Party {
  kind: 'unit' | 'user';
  id: number;
}

/** Who drafts: the clerk or leader of a unit, or any coordinator (the compiled report). */
export type Drafter = { kind: 'unit'; id: number } | { kind: 'coordinator' };

export interface ReportContext {
  drafter: Drafter;
  reviewers: Party[];
  signers: Party[];
  /** Keys (`unit:12`) of reviewers who approved in the current cycle. */
  approvals: string[];
  /** Keys of signers who signed in the current cycle. */
  signatures: string[];
  /** How many times the report has been submitted; a return or objection starts a new cycle. */
  cycle: number;
  archiveNo: string | null;
  /** The reason given by the last return, objection or withdrawal, shown to the drafter. */
  returnedReason: string | null;
}

/** One event of each type in the event table (events.ts), carrying the acting user. */
export type ReportEvent = { [K in ReportEventType]: ReportEventOf<K, ActorRef> }[ReportEventType];

export interface ReportInput {
  drafter: Drafter;
  reviewers: Party[];
  signers: Party[];
}

export const partyKey = (party: Party): string => `${party.kind}:${party.id}`;

/**
 * Party matching lives here and nowhere else: the guards below, the service (which asks
 * `actingPartyOf` which party a step is for, to record the signature and any 委托), the inbox and
 * the refusal explanations all use these functions.
 */

/** Whether the party names this person or their unit (whatever their role). */
export function namesPerson(party: Party, who: DelegatorRef): boolean {
  return party.kind === 'unit' ? party.id === who.unitId : party.id === who.userId;
}

/** Whether this person, in their own right, acts for the party. */
function actsInOwnRight(party: Party, by: DelegatorRef): boolean {
  return namesPerson(party, by) && by.roles.includes('leader');
}

/**
 * Whether `by` may act for the party: in their own right, or in place of a leader who delegated
 * review and sign-off to them (委托, `actingFor`) and who could act for it.
 */
export function partyMatches(party: Party, by: ActorRef): boolean {
  return actsInOwnRight(party, by) || (by.actingFor ?? []).some((leader) => actsInOwnRight(party, leader));
}

/**
 * The leader `by` stands in for when acting for the party, or null when they act in their own
 * right (or do not act for it at all). Recorded as 张三（代 李四）.
 */
export function delegatorFor(party: Party, by: ActorRef): DelegatorRef | null {
  if (actsInOwnRight(party, by)) return null;
  return (by.actingFor ?? []).find((leader) => actsInOwnRight(party, leader)) ?? null;
}

/** Whether the report is drafted by this unit (null: no unit). */
export function draftedByUnit(drafter: Drafter, unitId: number | null): boolean {
  return drafter.kind === 'unit' && drafter.id === unitId;
}

export function isDrafter(drafter: Drafter, by: ActorRef): boolean {
  if (drafter.kind === 'coordinator') return by.roles.includes('coordinator');
  return draftedByUnit(drafter, by.unitId) && (by.roles.includes('clerk') || by.roles.includes('leader'));
}

/** The first party in `parties` that `by` acts for and that has not acted yet. */
function pendingPartyFor(parties: readonly Party[], done: readonly string[], by: ActorRef): Party | null {
  return parties.find((p) => !done.includes(partyKey(p)) && partyMatches(p, by)) ?? null;
}

/** Which list a party acts in: the reviewers (审核) or the signers (会签). */
export type PartyStage = 'review' | 'signOff';

const stageOfEvent: Partial<Record<ReportEvent['type'], PartyStage>> = {
  'report.approve': 'review',
  'report.return': 'review',
  'report.sign': 'signOff',
  'report.object': 'signOff',
};

/**
 * The party `event.by` acts for with this event: the first pending reviewer they act for when
 * approving or returning, the first pending signer when signing or objecting; null for the other
 * events or when they act for none. The guards allow a review or sign-off step exactly when this
 * is not null.
 */
export function actingPartyOf(
  context: ReportContext,
  event: Pick<ReportEvent, 'type' | 'by'>,
): { stage: PartyStage; party: Party } | null {
  const stage = stageOfEvent[event.type];
  if (stage === undefined) return null;
  const party =
    stage === 'review'
      ? pendingPartyFor(context.reviewers, context.approvals, event.by)
      : pendingPartyFor(context.signers, context.signatures, event.by);
  return party ? { stage, party } : null;
}

const hasText = (value: string | undefined): boolean => value !== undefined && value.trim().length > 0;

export const reportMachine = setup({
  types: {
    context: {} as ReportContext,
    events: {} as ReportEvent,
    input: {} as ReportInput,
  },
  guards: {
    isDrafter: ({ context, event }) => isDrafter(context.drafter, event.by),
    noOneActed: ({ context }) => context.approvals.length === 0,
    isPendingReviewer: ({ context, event }) => actingPartyOf(context, event)?.stage === 'review',
    isLastReviewer: ({ context }) => context.approvals.length + 1 >= context.reviewers.length,
    hasNoSigners: ({ context }) => context.signers.length === 0,
    isPendingSigner: ({ context, event }) => actingPartyOf(context, event)?.stage === 'signOff',
    isLastSigner: ({ context }) => context.signatures.length + 1 >= context.signers.length,
    hasReason: ({ event }) =>
      (event.type === 'report.return' || event.type === 'report.object' || event.type === 'report.withdraw') &&
      hasText(event.reason),
    isCoordinator: ({ event }) => event.by.roles.includes('coordinator'),
    hasArchiveNo: ({ event }) => event.type === 'report.file' && hasText(event.archiveNo),
  },
  actions: {
    startCycle: assign({
      cycle: ({ context }) => context.cycle + 1,
      approvals: () => [],
      signatures: () => [],
      returnedReason: () => null,
    }),
    clearCycle: assign({ approvals: () => [], signatures: () => [] }),
    recordApproval: assign({
      approvals: ({ context, event }) => {
        const acting = actingPartyOf(context, event);
        return acting ? [...context.approvals, partyKey(acting.party)] : context.approvals;
      },
    }),
    recordSignature: assign({
      signatures: ({ context, event }) => {
        const acting = actingPartyOf(context, event);
        return acting ? [...context.signatures, partyKey(acting.party)] : context.signatures;
      },
    }),
    recordReason: assign({
      returnedReason: ({ event }) =>
        event.type === 'report.return' || event.type === 'report.object' || event.type === 'report.withdraw'
          ? event.reason.trim()
          : null,
    }),
    assignArchiveNo: assign({
      archiveNo: ({ event }) => (event.type === 'report.file' ? event.archiveNo : null),
    }),
  },
}).createMachine({
  id: reportMachineId,
  initial: 'drafting',
  context: ({ input }) => ({
    drafter: input.drafter,
    reviewers: input.reviewers,
    signers: input.signers,
    approvals: [],
    signatures: [],
    cycle: 0,
    archiveNo: null,
    returnedReason: null,
  }),
  states: {
    drafting: {
      on: {
        'report.submit': { guard: 'isDrafter', target: 'leadReview', actions: 'startCycle' },
      },
    },
    leadReview: {
      on: {
        'report.withdraw': {
          guard: and(['isDrafter', 'noOneActed', 'hasReason']),
          target: 'drafting',
          actions: ['recordReason', 'clearCycle'],
        },
        'report.approve': [
          {
            guard: and(['isPendingReviewer', 'isLastReviewer', 'hasNoSigners']),
            target: 'filing',
            actions: 'recordApproval',
          },
          { guard: and(['isPendingReviewer', 'isLastReviewer']), target: 'signOff', actions: 'recordApproval' },
          { guard: 'isPendingReviewer', actions: 'recordApproval' },
        ],
        'report.return': {
          guard: and(['isPendingReviewer', 'hasReason']),
          target: 'drafting',
          actions: ['recordReason', 'clearCycle'],
        },
      },
    },
    signOff: {
      on: {
        'report.sign': [
          { guard: and(['isPendingSigner', 'isLastSigner']), target: 'filing', actions: 'recordSignature' },
          { guard: 'isPendingSigner', actions: 'recordSignature' },
        ],
        'report.object': {
          guard: and(['isPendingSigner', 'hasReason']),
          target: 'drafting',
          actions: ['recordReason', 'clearCycle'],
        },
      },
    },
    filing: {
      on: {
        'report.file': { guard: and(['isCoordinator', 'hasArchiveNo']), target: 'filed', actions: 'assignArchiveNo' },
      },
    },
    // A filed report never changes; a correction is a new revision with a new machine.
    filed: { type: 'final' },
  },
});
