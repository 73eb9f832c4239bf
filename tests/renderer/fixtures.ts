import type { AllowedAction, ReportView } from '../../src/shared/domain/reports';

/** A task report as reports.get answers it, with what a test needs changed. */
export function reportView(overrides: Partial<ReportView> = {}): ReportView {
  return {
    id: 7,
    roundId: 1,
    quarterLabel: '2025年第三季度',
    kind: 'task',
    kindLabel: '任务进展报告',
    taskId: 8,
    projectId: null,
    subjectLabel: '任务8',
    title: '大力发展普惠托育服务',
    revision: 1,
    previousId: null,
    nextId: null,
    state: 'drafting',
    stateLabel: '起草',
    version: 3,
    content: { progress: '', problems: '', nextSteps: '', completed: false, indicatorValues: [{ indicatorId: 11, value: null, note: '' }] },
    compiledContent: null,
    archiveNo: null,
    draftingUnit: '区社会事业局',
    reviewers: [],
    signers: [],
    indicators: [
      {
        indicatorId: 11,
        metric: '每千人口托位数',
        comparator: 'gte',
        target: '≥ 6个',
        targetValue: 6,
        targetValue2: null,
        unit: '个',
        baselineValue: 2,
        baselineYear: 2022,
        year: 2025,
        value: null,
        note: '',
        noNewProgress: false,
        lagging: false,
        expected: 5,
        rating: 'unreported',
      },
    ],
    attachments: [],
    status: 'unreported',
    statusLabel: '未报送',
    deadline: '2025-10-10',
    roundOpen: true,
    submittedAt: null,
    filedAt: null,
    updatedAt: '2025-10-01T00:00:00Z',
    canEdit: true,
    canReopen: false,
    actions: [],
    ...overrides,
  } as ReportView;
}

export const action = (event: AllowedAction['event'], label: string, needsReason = false): AllowedAction =>
  ({ event, label, needsReason });
