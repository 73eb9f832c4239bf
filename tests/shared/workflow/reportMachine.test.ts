import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import type { ActorRef, Role } from '../../../src/shared/domain/accounts';
import { reportEvents, type ReportEventType, type ReportState } from '../../../src/shared/domain/reports';
import {
  actingPartyOf,
  allowedActions,
  explainRefusal,
  initialReportSnapshot,
  probeEvent,
  reportMachine,
  stepReport,
  viewOf,
  type ReportContext,
  type ReportEvent,
} from '../../../src/shared/workflow';

// Units 1 and 2 lead (1 drafts); units 3 and 4 are responsible; unit 9 has nothing to do with it.
const person = (userId: number, unitId: number | null, ...roles: Role[]): ActorRef => ({ userId, unitId, roles });
const personas = {
  clerk1: person(1, 1, 'clerk'),
  leader1: person(2, 1, 'leader'),
  clerk2: person(3, 2, 'clerk'),
  leader2: person(4, 2, 'leader'),
  clerk3: person(5, 3, 'clerk'),
  leader3: person(6, 3, 'leader'),
  leader4: person(7, 4, 'leader'),
  outsider: person(8, 9, 'leader', 'clerk'),
  coordinator: person(9, null, 'coordinator'),
  admin: person(10, null, 'admin'),
} satisfies Record<string, ActorRef>;
type Persona = keyof typeof personas;

const baseContext: ReportContext = {
  drafter: { kind: 'unit', id: 1 },
  reviewers: [
    { kind: 'unit', id: 1 },
    { kind: 'unit', id: 2 },
  ],
  signers: [
    { kind: 'unit', id: 3 },
    { kind: 'unit', id: 4 },
  ],
  approvals: [],
  signatures: [],
  cycle: 1,
  archiveNo: null,
  returnedReason: null,
};

interface Situation {
  name: string;
  state: ReportState;
  context: ReportContext;
  /** Who may send which event here: the oracle, written from docs/lifecycle.md, not from the machine. */
  allowed: Partial<Record<ReportEventType, Persona[]>>;
}

const situations: Situation[] = [
  {
    name: 'drafting',
    state: 'drafting',
    context: { ...baseContext, cycle: 0 },
    allowed: { 'report.submit': ['clerk1', 'leader1'] },
  },
  {
    name: 'leadReview, no one acted',
    state: 'leadReview',
    context: baseContext,
    allowed: {
      'report.withdraw': ['clerk1', 'leader1'],
      'report.approve': ['leader1', 'leader2'],
      'report.return': ['leader1', 'leader2'],
    },
  },
  {
    name: 'leadReview, unit 1 approved',
    state: 'leadReview',
    context: { ...baseContext, approvals: ['unit:1'] },
    allowed: { 'report.approve': ['leader2'], 'report.return': ['leader2'] },
  },
  {
    name: 'signOff, no one signed',
    state: 'signOff',
    context: { ...baseContext, approvals: ['unit:1', 'unit:2'] },
    allowed: { 'report.sign': ['leader3', 'leader4'], 'report.object': ['leader3', 'leader4'] },
  },
  {
    name: 'signOff, unit 3 signed',
    state: 'signOff',
    context: { ...baseContext, approvals: ['unit:1', 'unit:2'], signatures: ['unit:3'] },
    allowed: { 'report.sign': ['leader4'], 'report.object': ['leader4'] },
  },
  {
    name: 'filing',
    state: 'filing',
    context: { ...baseContext, approvals: ['unit:1', 'unit:2'], signatures: ['unit:3', 'unit:4'] },
    allowed: { 'report.file': ['coordinator'] },
  },
  {
    name: 'filed',
    state: 'filed',
    context: { ...baseContext, approvals: ['unit:1', 'unit:2'], signatures: ['unit:3', 'unit:4'], archiveNo: 'A-1' },
    allowed: {},
  },
];

function eventFor(type: ReportEventType, by: ActorRef): ReportEvent {
  switch (type) {
    case 'report.return':
    case 'report.object':
    case 'report.withdraw':
      return { type, by, reason: '数据有误' };
    case 'report.file':
      return { type, by, archiveNo: '档〔2025〕1号' };
    default:
      return { type, by };
  }
}

const snapshotOf = (state: ReportState, context: ReportContext) =>
  reportMachine.resolveState({ value: state, context });

describe('report machine: every state × every event × every role', () => {
  for (const situation of situations) {
    describe(situation.name, () => {
      for (const type of reportEvents) {
        for (const persona of Object.keys(personas) as Persona[]) {
          const expected = situation.allowed[type]?.includes(persona) ?? false;
          it(`${type} by ${persona} is ${expected ? 'allowed' : 'refused'}`, () => {
            const snapshot = snapshotOf(situation.state, situation.context);
            const event = eventFor(type, personas[persona]);
            expect(snapshot.can(event)).toBe(expected);
            const [next] = transition(reportMachine, snapshot, event);
            if (!expected) {
              // A refused event changes nothing at all.
              expect(next.value).toBe(situation.state);
              expect(next.context).toEqual(situation.context);
            }
          });
        }
      }
    });
  }
});

describe('the party a step is for (actingPartyOf, which the service asks)', () => {
  const partyEvents = ['report.approve', 'report.return', 'report.sign', 'report.object'] as const;
  it('is found exactly where the machine allows a review or sign-off step, and is the party it records', () => {
    for (const situation of situations) {
      for (const type of partyEvents) {
        for (const persona of Object.keys(personas) as Persona[]) {
          const event = eventFor(type, personas[persona]);
          const acting = actingPartyOf(situation.context, event);
          const inState =
            situation.state === (type.endsWith('approve') || type.endsWith('return') ? 'leadReview' : 'signOff');
          // Outside its state the machine refuses whatever the party; inside, the party decides.
          if (inState)
            expect(acting !== null, `${situation.name} ${type} ${persona}`).toBe(
              situation.allowed[type]?.includes(persona) ?? false,
            );
          if (acting && inState && (type === 'report.approve' || type === 'report.sign')) {
            const [next] = transition(reportMachine, snapshotOf(situation.state, situation.context), event);
            const recorded = type === 'report.approve' ? next.context.approvals : next.context.signatures;
            expect(recorded.at(-1)).toBe(`${acting.party.kind}:${acting.party.id}`);
          }
        }
      }
    }
  });

  it('is null for the drafter’s and the task force’s events', () => {
    expect(actingPartyOf(baseContext, eventFor('report.submit', personas.leader1))).toBeNull();
    expect(actingPartyOf(baseContext, eventFor('report.withdraw', personas.leader1))).toBeNull();
    expect(actingPartyOf(baseContext, eventFor('report.file', personas.coordinator))).toBeNull();
  });
});

describe('report machine: where allowed events lead', () => {
  const step = (state: ReportState, context: ReportContext, event: ReportEvent) =>
    transition(reportMachine, snapshotOf(state, context), event)[0];

  it('submit starts a new cycle and clears the previous reason', () => {
    const next = step(
      'drafting',
      { ...baseContext, cycle: 1, returnedReason: '补充数据' },
      eventFor('report.submit', personas.clerk1),
    );
    expect(next.value).toBe('leadReview');
    expect(next.context.cycle).toBe(2);
    expect(next.context.returnedReason).toBeNull();
  });

  it('the last reviewer moves the report to sign-off; an earlier one keeps it in review', () => {
    const first = step('leadReview', baseContext, eventFor('report.approve', personas.leader2));
    expect(first.value).toBe('leadReview');
    expect(first.context.approvals).toEqual(['unit:2']);
    const last = step('leadReview', first.context, eventFor('report.approve', personas.leader1));
    expect(last.value).toBe('signOff');
  });

  it('with no signers, the last approval goes straight to filing', () => {
    const next = step('leadReview', { ...baseContext, signers: [] }, eventFor('report.approve', personas.leader1));
    expect(next.value).toBe('leadReview');
    const last = step('leadReview', next.context, eventFor('report.approve', personas.leader2));
    expect(last.value).toBe('filing');
  });

  it('return and object go back to drafting, keep the reason and clear the cycle', () => {
    const returned = step(
      'leadReview',
      { ...baseContext, approvals: ['unit:1'] },
      eventFor('report.return', personas.leader2),
    );
    expect(returned.value).toBe('drafting');
    expect(returned.context.approvals).toEqual([]);
    expect(returned.context.returnedReason).toBe('数据有误');
    const objected = step(
      'signOff',
      { ...baseContext, approvals: ['unit:1', 'unit:2'], signatures: ['unit:3'] },
      eventFor('report.object', personas.leader4),
    );
    expect(objected.value).toBe('drafting');
    expect(objected.context.signatures).toEqual([]);
  });

  it('the last signature moves to filing; filing records the archive number and ends the machine', () => {
    const signed = step(
      'signOff',
      { ...baseContext, signatures: ['unit:4'] },
      eventFor('report.sign', personas.leader3),
    );
    expect(signed.value).toBe('filing');
    const filed = step('filing', signed.context, eventFor('report.file', personas.coordinator));
    expect(filed.value).toBe('filed');
    expect(filed.status).toBe('done');
    expect(filed.context.archiveNo).toBe('档〔2025〕1号');
  });

  it('a return or objection without a reason is refused', () => {
    const blank = (type: 'report.return' | 'report.object', by: ActorRef): ReportEvent => ({ type, by, reason: '  ' });
    expect(snapshotOf('leadReview', baseContext).can(blank('report.return', personas.leader2))).toBe(false);
    expect(snapshotOf('signOff', baseContext).can(blank('report.object', personas.leader3))).toBe(false);
  });

  it('a withdrawal needs a reason, which the drafter then sees like a return’s', () => {
    const blank: ReportEvent = { type: 'report.withdraw', by: personas.clerk1, reason: ' ' };
    expect(snapshotOf('leadReview', baseContext).can(blank)).toBe(false);
    const withdrawn = step('leadReview', baseContext, {
      type: 'report.withdraw',
      by: personas.leader1,
      reason: '指标数据填错，需更正',
    });
    expect(withdrawn.value).toBe('drafting');
    expect(withdrawn.context.returnedReason).toBe('指标数据填错，需更正');
    const view = { state: 'leadReview' as const, context: baseContext };
    expect(explainRefusal(view, 'report.withdraw', personas.clerk1, () => '区社会事业局', false)).toContain(
      '撤回时必须填写理由',
    );
  });

  it('filing without an archive number is refused', () => {
    expect(
      snapshotOf('filing', baseContext).can({ type: 'report.file', by: personas.coordinator, archiveNo: '' }),
    ).toBe(false);
  });
});

describe('compiled report parties', () => {
  const compiled: ReportContext = {
    ...baseContext,
    drafter: { kind: 'coordinator' },
    signers: [
      { kind: 'user', id: 20 },
      { kind: 'user', id: 21 },
    ],
  };

  it('any coordinator drafts; named task-force leaders sign as persons', () => {
    expect(snapshotOf('drafting', compiled).can(eventFor('report.submit', personas.coordinator))).toBe(true);
    expect(snapshotOf('drafting', compiled).can(eventFor('report.submit', personas.clerk1))).toBe(false);
    const taskForceLeader = person(20, 5, 'coordinator', 'leader');
    const otherLeader = person(22, 5, 'coordinator', 'leader');
    expect(snapshotOf('signOff', compiled).can(eventFor('report.sign', taskForceLeader))).toBe(true);
    expect(snapshotOf('signOff', compiled).can(eventFor('report.sign', otherLeader))).toBe(false);
  });
});

describe('persisted snapshots', () => {
  it('survive JSON and restore to the same state; refused steps report why', () => {
    const initial = initialReportSnapshot({
      drafter: baseContext.drafter,
      reviewers: baseContext.reviewers,
      signers: baseContext.signers,
    });
    const json = JSON.parse(JSON.stringify(initial)) as typeof initial;
    const submitted = stepReport(json, eventFor('report.submit', personas.clerk1));
    expect(submitted.ok).toBe(true);
    if (!submitted.ok) return;
    const restored = JSON.parse(JSON.stringify(submitted.persisted)) as typeof initial;
    expect(viewOf(restored).state).toBe('leadReview');
    expect(allowedActions(restored, personas.leader2).map((a) => a.event)).toEqual(['report.approve', 'report.return']);
    const refused = stepReport(restored, eventFor('report.sign', personas.leader3));
    expect(refused.ok).toBe(false);
    const why = explainRefusal(viewOf(restored), 'report.sign', personas.leader3, (p) => `单位${p.id}`, false);
    expect(why).toBe('该报告当前处于「牵头单位审核」阶段，不能执行「会签」。');
    expect(probeEvent('report.file', personas.coordinator)).toMatchObject({ type: 'report.file' });
  });
});
