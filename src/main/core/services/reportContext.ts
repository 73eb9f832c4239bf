import type { Actor, ActorRef } from '../../../shared/domain/accounts';
import { LuoshiError } from '../../../shared/errors';
import {
  reportMachineId,
  reportMachineVersion,
  type Party,
  type PartyNamer,
  type PersistedReportSnapshot,
} from '../../../shared/workflow';
import type { ReadableDB } from '../db/database';
import type { DbReport } from '../store/reportsStore';
import { unitNames } from '../store/roundsStore';
import { getUser } from '../store/usersStore';

/** Small helpers the report services share: restoring snapshots, naming parties. */

export function actorRef(actor: Actor): ActorRef {
  return { userId: actor.userId, unitId: actor.unitId, roles: actor.roles };
}

export function persistedOf(row: DbReport): PersistedReportSnapshot {
  if (row.machine_id !== reportMachineId || row.machine_version !== reportMachineVersion) {
    throw new LuoshiError(
      'unsupported',
      `报告 ${row.id} 的流程数据版本（${row.machine_id} v${row.machine_version}）与本程序（v${reportMachineVersion}）不一致，请升级落实通。`,
    );
  }
  return JSON.parse(row.snapshot_json) as PersistedReportSnapshot;
}

/** Names units and people for messages; caches the unit table for one request. */
export function partyNamer(db: ReadableDB): PartyNamer {
  let units: Map<number, string> | null = null;
  return (party: Party) => {
    if (party.kind === 'unit') {
      units ??= unitNames(db);
      return units.get(party.id) ?? `单位${party.id}`;
    }
    return getUser(db, party.id)?.displayName ?? `用户${party.id}`;
  };
}
