import type { Actor, ActorRef, DelegatorRef } from '../../../shared/domain/accounts';
import { isDelegationActive } from '../../../shared/domain/delegations';
import { chinaIsoDate } from '../../../shared/time';
import type { ReadableDB } from '../db/database';
import { currentDelegationsTo } from '../store/delegationsStore';
import { getUser } from '../store/usersStore';
import { actorRef } from '../services/reportContext';

/**
 * Delegation as the policy sees it: which leaders the actor stands in for right now. A delegation
 * counts while it is active (shared/domain/delegations.ts) and while both people still belong to
 * the unit it was given in and the leader is still an enabled 负责人; a transfer or a disabled
 * account ends it in effect. The machine's guards then decide, with these leaders in `actingFor`.
 */
interface Stand {
  leader: DelegatorRef;
  leaderName: string;
}

function standsInFor(db: ReadableDB, actor: Actor, nowIso: string): Stand[] {
  if (actor.unitId === null) return [];
  const stands: Stand[] = [];
  for (const row of currentDelegationsTo(db, actor.userId, chinaIsoDate(nowIso))) {
    if (row.unit_id !== actor.unitId) continue;
    if (!isDelegationActive({ startsOn: row.starts_on, endsOn: row.ends_on, endedAt: row.ended_at }, nowIso)) continue;
    const leader = getUser(db, row.delegator_id);
    if (!leader || leader.disabled || leader.unitId !== row.unit_id || !leader.roles.includes('leader')) continue;
    if (stands.some((s) => s.leader.userId === leader.id)) continue;
    stands.push({
      leader: { userId: leader.id, unitId: leader.unitId, roles: leader.roles },
      leaderName: leader.displayName,
    });
  }
  return stands;
}

/** The actor as the report machine sees them, with the leaders they stand in for. */
export function actingRefOf(db: ReadableDB, actor: Actor, nowIso: string): ActorRef {
  const stands = standsInFor(db, actor, nowIso);
  const base = actorRef(actor);
  return stands.length === 0 ? base : { ...base, actingFor: stands.map((s) => s.leader) };
}
