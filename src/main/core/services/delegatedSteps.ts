import type { Actor, ActorRef } from '../../../shared/domain/accounts';
import { onBehalfLabel } from '../../../shared/domain/delegations';
import { delegatorFor, type Party } from '../../../shared/workflow';
import type { ReadableDB } from '../db/database';
import { lastSignatureCycle, signaturesOf } from '../store/reportsStore';
import { getUser } from '../store/usersStore';

/**
 * What a lifecycle step records when it is taken under 委托: the leader the actor stood in for,
 * and the actor as the audit entry names them, 张三（代 李四）. Null when the actor acted in their
 * own right. The machine already allowed the step and chose the party (`actingPartyOf`); this
 * only asks whether the actor stood in for a leader to act for it.
 */
export interface OnBehalf {
  leaderId: number;
  leaderName: string;
  actor: Actor;
}

export function onBehalfOf(db: ReadableDB, actor: Actor, by: ActorRef, party: Party | null): OnBehalf | null {
  if (!by.actingFor || by.actingFor.length === 0 || !party) return null;
  const leader = delegatorFor(party, by);
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
