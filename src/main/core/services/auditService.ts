import { createHash } from 'node:crypto';
import { roleLabels, roleSchema, type Actor, type Role } from '../../../shared/domain/accounts';
import { auditEventLabel, type AuditEntry, type AuditVerifyResult } from '../../../shared/domain/audit';
import { reportStateLabels, reportStateSchema } from '../../../shared/domain/reports';
import { formatChinaTime } from '../../../shared/workflow/format';
import type { Clock } from '../clock';
import type { ReadableDB, WritableDB } from '../db/database';
import * as auditStore from '../store/auditStore';
import type { DbAuditRow } from '../store/auditStore';
import { getSetting, setSetting } from '../store/settingsStore';

/**
 * The tamper-evident audit trail. Each entry's hash is sha256 over the previous entry's hash and
 * the entry's own fields in a fixed order, so editing, removing or reordering any row breaks the
 * chain there; the hash of the newest entry is also kept in `settings` so cutting off the tail is
 * noticed too. Appending happens inside the caller's transaction, with the change it records.
 */

export const genesisHash = '0'.repeat(64);
const headKey = 'audit.head';

export interface AuditInput {
  actor: Actor | null;
  role: Role | null;
  subjectType: 'report' | 'round' | 'user' | 'settings' | 'plan' | 'unit';
  subjectId: number | null;
  reportId?: number | null;
  revision?: number | null;
  event: string;
  opinion?: string;
  stateBefore?: string | null;
  stateAfter?: string | null;
  details?: Record<string, unknown>;
}

export function hashAuditRow(row: Omit<DbAuditRow, 'hash'>): string {
  const fields = [
    row.id,
    row.at,
    row.user_id,
    row.actor_name,
    row.unit_id,
    row.unit_name,
    row.role,
    row.subject_type,
    row.subject_id,
    row.report_id,
    row.revision,
    row.event,
    row.opinion,
    row.state_before,
    row.state_after,
    row.details_json,
  ];
  return createHash('sha256').update(row.prev_hash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

export class AuditService {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
  ) {}

  /** Append one entry. Call inside the transaction that makes the change it records. */
  append(input: AuditInput): number {
    const last = auditStore.lastAuditRow(this.db);
    const row: Omit<DbAuditRow, 'hash'> = {
      id: (last?.id ?? 0) + 1,
      at: this.clock.nowIso(),
      user_id: input.actor?.userId ?? null,
      actor_name: input.actor?.displayName ?? '系统',
      unit_id: input.actor?.unitId ?? null,
      unit_name: input.actor?.unitName ?? null,
      role: input.role,
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      report_id: input.reportId ?? null,
      revision: input.revision ?? null,
      event: input.event,
      opinion: input.opinion ?? '',
      state_before: input.stateBefore ?? null,
      state_after: input.stateAfter ?? null,
      details_json: JSON.stringify(input.details ?? {}),
      prev_hash: last?.hash ?? genesisHash,
    };
    const hash = hashAuditRow(row);
    auditStore.insertAuditRow(this.db, { ...row, hash });
    setSetting(this.db, headKey, `${row.id}:${hash}`);
    return row.id;
  }

  /** Recompute the whole chain; names the first entry that does not match. */
  verify(): AuditVerifyResult {
    return verifyAuditChain(this.db, this.clock.nowIso());
  }

  /** Entries about the given reports (all revisions of one report), oldest first, display-ready. */
  entriesOfReports(reportIds: readonly number[]): AuditEntry[] {
    return auditStore.auditRowsOfReports(this.db, reportIds).map(toAuditEntry);
  }
}

export function verifyAuditChain(db: ReadableDB, checkedAt: string): AuditVerifyResult {
  let previousHash = genesisHash;
  let expectedId = 1;
  let count = 0;
  const broken = (row: { id: number; at: string | null }, reason: string): AuditVerifyResult => ({
    ok: false,
    entryCount: count,
    firstBroken: { id: row.id, at: row.at, reason },
    checkedAt,
    message: `审计记录校验未通过：第 ${row.id} 条记录${row.at ? `（${formatChinaTime(row.at)}）` : ''}${reason}。该条及其后的记录可能已被改动，请从备份核对。`,
  });
  for (const row of auditStore.iterateAuditRows(db)) {
    count += 1;
    if (row.id !== expectedId) return broken({ id: expectedId, at: null }, `缺失（下一条为第 ${row.id} 条）`);
    if (row.prev_hash !== previousHash) return broken(row, '与前一条记录的链接不符');
    const { hash, ...rest } = row;
    if (hashAuditRow(rest) !== hash) return broken(row, '的内容与其哈希值不符');
    previousHash = hash;
    expectedId += 1;
  }
  const head = getSetting(db, headKey);
  if (head !== null && head !== `${expectedId - 1}:${previousHash}`) {
    const headId = Number(head.split(':')[0]);
    return broken({ id: Number.isFinite(headId) ? headId : expectedId, at: null }, '缺失：审计记录末尾被截断');
  }
  return {
    ok: true,
    entryCount: count,
    firstBroken: null,
    checkedAt,
    message: count === 0 ? '审计记录为空，校验通过。' : `审计记录共 ${count} 条，哈希链校验通过。`,
  };
}

function stateLabel(state: string | null): string | null {
  if (state === null) return null;
  const parsed = reportStateSchema.safeParse(state);
  return parsed.success ? reportStateLabels[parsed.data] : state;
}

export function toAuditEntry(row: DbAuditRow): AuditEntry {
  const role = roleSchema.safeParse(row.role);
  const roleLabel = role.success ? roleLabels[role.data] : null;
  const who = [row.unit_name, roleLabel].filter((x): x is string => x !== null).join('，');
  const eventLabel = auditEventLabel(row.event);
  // An opinion that already ends a sentence keeps its own mark instead of gaining a second one.
  const opinion = row.opinion ? `：${row.opinion}` : '';
  const end = /[。！？!?…]$/.test(opinion) ? '' : '。';
  const summary = `${row.actor_name}${who ? `（${who}）` : ''}${eventLabel}${opinion}${end}`;
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    actorName: row.actor_name,
    unitName: row.unit_name,
    role: row.role,
    roleLabel,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    reportId: row.report_id,
    event: row.event,
    eventLabel,
    opinion: row.opinion,
    stateBefore: row.state_before,
    stateAfter: row.state_after,
    stateBeforeLabel: stateLabel(row.state_before),
    stateAfterLabel: stateLabel(row.state_after),
    revision: row.revision,
    summary,
    hash: row.hash,
  };
}
