/**
 * The lifecycle's events, one row each: the one place their names are spelled. The machine's
 * event types (reportMachine.ts), the contract's enum and button labels (domain/reports.ts), the
 * service's event built from a request (`reportEventOf`), the refusal explanations
 * (`explainRefusal`: the state an event is sent in) and the audit labels (domain/audit.ts) all
 * derive from this table.
 *
 * - `label`: the button and the audit trail's words;
 * - `from`: the state the machine accepts the event in;
 * - `payload`: what the event carries beside the actor: a reason (required), an opinion
 *   (optional), an archive number, or nothing;
 * - `actedAs`: the role the audit entry records (the drafting role, a unit's leader, the task force);
 * - `returned`: for events that send the report back, what the drafter's 待办 calls the reason.
 */
export const reportEventTable = {
  'report.submit': { label: '提交审核', from: 'drafting', payload: 'none', actedAs: 'drafter', returned: null },
  'report.withdraw': { label: '撤回', from: 'leadReview', payload: 'reason', actedAs: 'drafter', returned: '已撤回' },
  'report.approve': { label: '审核通过', from: 'leadReview', payload: 'opinion', actedAs: 'leader', returned: null },
  'report.return': { label: '退回修改', from: 'leadReview', payload: 'reason', actedAs: 'leader', returned: '被退回' },
  'report.sign': { label: '会签', from: 'signOff', payload: 'opinion', actedAs: 'leader', returned: null },
  'report.object': { label: '提出异议', from: 'signOff', payload: 'reason', actedAs: 'leader', returned: '有异议' },
  'report.file': { label: '归档', from: 'filing', payload: 'archiveNo', actedAs: 'coordinator', returned: null },
} as const satisfies Record<
  `report.${string}`,
  {
    label: string;
    from: 'drafting' | 'leadReview' | 'signOff' | 'filing';
    payload: 'none' | 'reason' | 'opinion' | 'archiveNo';
    actedAs: 'drafter' | 'leader' | 'coordinator';
    returned: string | null;
  }
>;

export type ReportEventType = keyof typeof reportEventTable;

/** The events in the table's order (the order buttons are offered). */
export const reportEventTypes = Object.keys(reportEventTable) as [ReportEventType, ...ReportEventType[]];

interface Payloads {
  none: object;
  reason: { reason: string };
  opinion: { opinion?: string };
  archiveNo: { archiveNo: string };
}

/** The machine's event of each type: the acting user and the table's payload. */
export type ReportEventOf<K extends ReportEventType, By> = {
  type: K;
  by: By;
} & Payloads[(typeof reportEventTable)[K]['payload']];

/** The events that must carry a reason (退回、异议、撤回). */
export const eventsNeedingReason: readonly ReportEventType[] = reportEventTypes.filter(
  (t) => reportEventTable[t].payload === 'reason',
);

export const reportEventLabels = Object.fromEntries(reportEventTypes.map((t) => [t, reportEventTable[t].label])) as {
  [K in ReportEventType]: (typeof reportEventTable)[K]['label'];
};

/** What the drafter's 待办 calls the reason a report came back with. */
export const returnedReasonLabels: Partial<Record<ReportEventType, string>> = Object.fromEntries(
  reportEventTypes.flatMap((t) => {
    const returned: string | null = reportEventTable[t].returned;
    return returned === null ? [] : [[t, returned]];
  }),
);
