import type { Actor, ActorRef } from '../../../shared/domain/accounts';
import { onBehalfLabel } from '../../../shared/domain/delegations';
import type { ReportEventType } from '../../../shared/domain/reports';
import { delegatorFor, pendingPartyFor, type ReportContext } from '../../../shared/workflow';
import type { ReadableDB } from '../db/database';
import { lastSignatureCycle, signaturesOf } from '../store/reportsStore';
import { getUser } from '../store/usersStore';

/**
 * What a lifecycle step records when it is taken under 委托: the leader the actor stood in for,
 * and the actor as the audit entry names them, 张三（代 李四）. Null when the actor acted in their
 * own right. The machine already allowed the step; this only reads which party it was for.
 */
export interface OnBehalf {
  leaderId: number;
  leaderName: string;
  actor: Actor;
}

export function onBehalfOf(
  db: ReadableDB,
  actor: Actor,
  by: ActorRef,
  event: ReportEventType,
  context: ReportContext,
): OnBehalf | null {
  if (!by.actingFor || by.actingFor.length === 0) return null;
  const review = event === 'report.approve' || event === 'report.return';
  const signOff = event === 'report.sign' || event === 'report.object';
  if (!review && !signOff) return null;
  const party = review
    ? pendingPartyFor(context.reviewers, context.approvals, by)
    : pendingPartyFor(context.signers, context.signatures, by);
  const leader = party ? delegatorFor(party, by) : null;
  if (!leader) return null;
  const leaderName = getUser(db, leader.userId)?.displayName ?? `用户${leader.userId}`;
  return {
    leaderId: leader.userId,
    leaderName,
    actor: { ...actor, displayName: onBehalfLabel(actor.displayName, leaderName) },
  };
}

/**
 * 签发人 of a compiled report (the 上行文 sent upward): the task force leaders who signed it off in
 * its last cycle, in the order they signed, each as recorded (张三, or 张三（代 李四）).
 */
export function issuersOf(
  db: ReadableDB,
  reportId: number,
  cycle: number = lastSignatureCycle(db, reportId),
): string[] {
  return signaturesOf(db, reportId, cycle)
    .filter((s) => s.stage === 'signOff')
    .map((s) => s.user_name);
}
