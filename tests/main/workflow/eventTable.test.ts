import { describe, expect, it } from 'vitest';
import { auditEventLabel } from '../../../src/shared/domain/audit';
import {
  eventsNeedingReason,
  reportEventLabels,
  reportEvents,
  reportEventSchema,
} from '../../../src/shared/domain/reports';
import {
  explainRefusal,
  initialReportSnapshot,
  reportEventOf,
  reportEventTable,
  stepReport,
  viewOf,
} from '../../../src/shared/workflow';

const clerk = { userId: 1, unitId: 7, roles: ['clerk' as const] };

describe('the event table (src/shared/workflow/events.ts) is the one spelling of the lifecycle events', () => {
  it('gives the contract enum, the button labels, the audit labels and the reasons', () => {
    expect(reportEvents).toEqual(Object.keys(reportEventTable));
    expect(reportEventSchema.options).toEqual(reportEvents);
    for (const type of reportEvents) {
      expect(reportEventLabels[type]).toBe(reportEventTable[type].label);
      expect(auditEventLabel(type)).toBe(reportEventTable[type].label);
    }
    expect([...eventsNeedingReason].sort()).toEqual(['report.object', 'report.return', 'report.withdraw']);
  });

  it('builds the machine event with the payload the table names; an empty reason stays empty and is refused', () => {
    expect(reportEventOf('report.return', clerk, '数据有误')).toEqual({
      type: 'report.return',
      by: clerk,
      reason: '数据有误',
    });
    expect(reportEventOf('report.approve', clerk, '')).toEqual({ type: 'report.approve', by: clerk, opinion: '' });
    expect(reportEventOf('report.file', clerk, 'A-1')).toEqual({ type: 'report.file', by: clerk, archiveNo: 'A-1' });
    expect(reportEventOf('report.submit', clerk)).toEqual({ type: 'report.submit', by: clerk });
    const persisted = initialReportSnapshot({
      drafter: { kind: 'unit', id: 7 },
      reviewers: [{ kind: 'unit', id: 8 }],
      signers: [],
    });
    const submitted = stepReport(persisted, reportEventOf('report.submit', clerk));
    if (!submitted.ok) throw new Error('submit refused');
    expect(stepReport(submitted.persisted, reportEventOf('report.withdraw', clerk, '')).ok).toBe(false);
    expect(stepReport(submitted.persisted, reportEventOf('report.withdraw', clerk, '填错了')).ok).toBe(true);
  });

  it("explains a refusal in the wrong state from the table's state of each event", () => {
    const view = viewOf(initialReportSnapshot({ drafter: { kind: 'unit', id: 7 }, reviewers: [], signers: [] }));
    for (const type of reportEvents) {
      const message = explainRefusal(view, type, clerk, () => '某单位', true);
      if (reportEventTable[type].from === 'drafting') expect(message).not.toContain('当前处于');
      else expect(message).toBe(`该报告当前处于「起草」阶段，不能执行「${reportEventTable[type].label}」。`);
    }
  });
});
