import { describe, expect, it } from 'vitest';
import { delegationStatus, isDelegationActive, onBehalfLabel } from '../../../src/shared/domain/delegations';
import { delegatorFor, partyMatches, stepReport, initialReportSnapshot, viewOf } from '../../../src/shared/workflow';
import type { ActorRef } from '../../../src/shared/domain/accounts';

const period = { startsOn: '2025-10-01', endsOn: '2025-10-03', endedAt: null };

describe('a delegation period (China days, both ends included)', () => {
  it('begins at 00:00 of its first day and ends after 23:59 of its last day, Asia/Shanghai', () => {
    expect(isDelegationActive(period, '2025-09-30T15:59:59.999Z')).toBe(false); // 09-30 23:59 in China
    expect(isDelegationActive(period, '2025-09-30T16:00:00.000Z')).toBe(true); // 10-01 00:00
    expect(isDelegationActive(period, '2025-10-03T15:59:59.999Z')).toBe(true); // 10-03 23:59
    expect(isDelegationActive(period, '2025-10-03T16:00:00.000Z')).toBe(false); // 10-04 00:00
    expect(delegationStatus(period, '2025-09-30T15:00:00Z')).toBe('pending');
    expect(delegationStatus(period, '2025-10-04T01:00:00Z')).toBe('expired');
  });

  it('stops the moment the leader ends it', () => {
    const ended = { ...period, endedAt: '2025-10-02T02:00:00.000Z' };
    expect(isDelegationActive(ended, '2025-10-02T01:59:59.000Z')).toBe(true);
    expect(isDelegationActive(ended, '2025-10-02T02:00:00.000Z')).toBe(false);
    expect(delegationStatus(ended, '2025-10-02T03:00:00Z')).toBe('ended');
  });

  it('names both people', () => {
    expect(onBehalfLabel('张三', '李四')).toBe('张三（代 李四）');
  });
});

describe('the machine with a delegate in actingFor', () => {
  const leader = { userId: 7, unitId: 3, roles: ['leader'] as const };
  const clerk: ActorRef = { userId: 9, unitId: 3, roles: ['clerk'] };
  const deputy: ActorRef = { ...clerk, actingFor: [leader] };

  it('lets the delegate act for the parties the leader could, and names the leader', () => {
    expect(partyMatches({ kind: 'unit', id: 3 }, clerk)).toBe(false);
    expect(partyMatches({ kind: 'unit', id: 3 }, deputy)).toBe(true);
    expect(partyMatches({ kind: 'user', id: 7 }, deputy)).toBe(true);
    expect(partyMatches({ kind: 'unit', id: 4 }, deputy)).toBe(false);
    expect(delegatorFor({ kind: 'unit', id: 3 }, deputy)).toEqual(leader);
    // A leader of the unit in their own right acts for it, not on anyone's behalf.
    expect(
      delegatorFor({ kind: 'unit', id: 3 }, { userId: 8, unitId: 3, roles: ['leader'], actingFor: [leader] }),
    ).toBeNull();
  });

  it('moves the report when the delegate approves, and refuses the same clerk without the delegation', () => {
    const start = initialReportSnapshot({
      drafter: { kind: 'unit', id: 1 },
      reviewers: [{ kind: 'unit', id: 3 }],
      signers: [],
    });
    const submitted = stepReport(start, { type: 'report.submit', by: { userId: 1, unitId: 1, roles: ['clerk'] } });
    if (!submitted.ok) throw new Error('submit refused');
    expect(stepReport(submitted.persisted, { type: 'report.approve', by: clerk }).ok).toBe(false);
    const approved = stepReport(submitted.persisted, { type: 'report.approve', by: deputy });
    expect(approved.ok).toBe(true);
    if (approved.ok) expect(viewOf(approved.persisted).state).toBe('filing');
  });
});
