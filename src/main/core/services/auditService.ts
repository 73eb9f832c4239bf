import { createHash } from 'node:crypto';
import { roleLabels, roleSchema, type Actor, type Role } from '../../../shared/domain/accounts';
import {
  auditEventLabel,
  type AuditEntry,
  type AuditEvent,
  type AuditVerifyResult,
} from '../../../shared/domain/audit';
import { reportStateLabels, reportStateSchema } from '../../../shared/domain/reports';
import { formatChinaTime } from '../../../shared/workflow/format';
import type { Clock } from '../clock';
import type { ReadableDB, WritableDB } from '../db/database';
import * as auditStore from '../store/auditStore';
import type { DbAuditRow } from '../store/auditStore';
import { searchAuditRows, type AuditSearchFilter } from '../store/auditSearchQueries';
import { getSetting, setSetting } from '../store/settingsStore';
import { isLocalOperator, type LocalOperator } from '../policy/operator';
import { keyIdOf, macOfEntry, sameMac } from '../audit/auditKey';
import { filedRecordIn, filedRecordMismatch } from '../audit/filedRecord';
import { isWitnessSealed, witnessMatches, type AuditWitness } from '../audit/auditWitness';

/**
 * The tamper-evident audit trail. Each entry's hash is sha256 over the previous entry's hash and
 * the entry's own fields in a fixed order, so editing, removing or reordering any row breaks the
 * chain there; the hash of the newest entry is also kept in `settings` so cutting off the tail is
 * noticed too. Appending happens inside the caller's transaction, with the change it records.
 */

export const genesisHash = '0'.repeat(64);
const headKey = 'audit.head';

export interface AuditInput {
  /** null: the app itself (a migration, a sweep); the local operator is named. */
  actor: Actor | LocalOperator | null;
  role: Role | null;
  subjectType: 'report' | 'round' | 'user' | 'settings' | 'plan' | 'unit' | 'instruction';
  subjectId: number | null;
  reportId?: number | null;
  revision?: number | null;
  event: AuditEvent;
  opinion?: string;
  stateBefore?: string | null;
  stateAfter?: string | null;
  details?: Record<string, unknown>;
}

export function hashAuditRow(row: Omit<DbAuditRow, 'hash' | 'mac'>): string {
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

/** The install's audit key as the audit service uses it (core/audit/auditTrail.ts attaches it). */
export interface AuditKeyInUse {
  key: Buffer | null;
  /** Where the key is kept, for messages. */
  location: string;
  /** Witnesses kept outside the database, read on every verify. */
  keptWitnesses: () => { witnesses: AuditWitness[]; problems: string[] };
}

export interface VerifyOptions {
  /** Further witnesses (files given to `luoshi audit verify --witness`). */
  witnesses?: readonly AuditWitness[];
  witnessProblems?: readonly string[];
}

/**
 * The key and witness hook belong to the connection, not to one service object: every AuditService
 * over the same database (the demo builds its own) MACs its entries and reports its appends.
 */
interface ConnectionAudit {
  keyInUse: AuditKeyInUse | null;
  onDidAppend: (() => void) | null;
}
const byConnection = new WeakMap<ReadableDB, ConnectionAudit>();

function connectionAudit(db: ReadableDB): ConnectionAudit {
  let found = byConnection.get(db);
  if (!found) {
    found = { keyInUse: null, onDidAppend: null };
    byConnection.set(db, found);
  }
  return found;
}

export class AuditService {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
  ) {}

  /** Entries appended from now on (through any AuditService on this connection) are MAC'd with this key; verify checks MACs and witnesses. */
  useKey(keyInUse: AuditKeyInUse): void {
    connectionAudit(this.db).keyInUse = keyInUse;
  }

  /** Called after each append (still inside the caller's transaction): the witness writer schedules itself. */
  set onDidAppend(listener: (() => void) | null) {
    connectionAudit(this.db).onDidAppend = listener;
  }

  private get keyInUse(): AuditKeyInUse | null {
    return byConnection.get(this.db)?.keyInUse ?? null;
  }

  get key(): Buffer | null {
    return this.keyInUse?.key ?? null;
  }

  /** Append one entry. Call inside the transaction that makes the change it records. */
  append(input: AuditInput): number {
    // The head is read and the next entry written in one write transaction, which holds the write
    // lock from BEGIN: two processes on one database can then never chain to the same head.
    if (!this.db.inTransaction)
      throw new Error('AuditService.append must run inside the write transaction of the change it records');
    const last = auditStore.lastAuditRow(this.db);
    const person = isLocalOperator(input.actor) ? null : input.actor;
    const row: Omit<DbAuditRow, 'hash' | 'mac'> = {
      id: (last?.id ?? 0) + 1,
      at: this.clock.nowIso(),
      user_id: person?.userId ?? null,
      actor_name: isLocalOperator(input.actor) ? input.actor.name : (person?.displayName ?? '系统'),
      unit_id: person?.unitId ?? null,
      unit_name: person?.unitName ?? null,
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
    const key = this.key;
    const mac = key ? macOfEntry(key, row.id, hash) : null;
    auditStore.insertAuditRow(this.db, { ...row, hash, mac });
    setSetting(this.db, headKey, `${row.id}:${hash}`);
    byConnection.get(this.db)?.onDidAppend?.();
    return row.id;
  }

  /** Recompute the whole chain, its MACs and every witness; names the first entry that does not match. */
  verify(options: VerifyOptions = {}): AuditVerifyResult {
    const kept = this.keyInUse?.keptWitnesses() ?? { witnesses: [], problems: [] };
    return verifyAuditChain(this.db, this.clock.nowIso(), {
      key: this.keyInUse?.key ?? null,
      keyLocation: this.keyInUse?.location ?? null,
      witnesses: [...kept.witnesses, ...(options.witnesses ?? [])],
      witnessProblems: [...kept.problems, ...(options.witnessProblems ?? [])],
    });
  }

  /**
   * The 审计 screen's search: by report, by user (part of the name or user name) and by China
   * dates (both inclusive), newest first, one page of at most `limit`.
   */
  search(query: AuditSearchQuery): { entries: AuditEntry[]; total: number } {
    const filter: AuditSearchFilter = {
      ...(query.reportId !== undefined ? { reportId: query.reportId } : {}),
      ...(query.user !== undefined ? { user: query.user } : {}),
      ...(query.from !== undefined ? { fromIso: chinaDayStartIso(query.from) } : {}),
      ...(query.to !== undefined ? { beforeIso: chinaDayStartIso(query.to, 1) } : {}),
      ...(query.beforeId !== undefined ? { beforeId: query.beforeId } : {}),
    };
    const { rows, total } = searchAuditRows(this.db, filter, query.limit);
    return { entries: rows.map(toAuditEntry), total };
  }

  /** Entries about the given reports (all revisions of one report), oldest first, display-ready. */
  entriesOfReports(reportIds: readonly number[]): AuditEntry[] {
    return auditStore.auditRowsOfReports(this.db, reportIds).map(toAuditEntry);
  }
}

export interface AuditSearchQuery {
  reportId?: number;
  user?: string;
  /** China dates, YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
  beforeId?: number;
  limit: number;
}

/** The instant a China day (UTC+8, no daylight saving) begins, `plusDays` later. */
function chinaDayStartIso(date: string, plusDays = 0): string {
  const start = new Date(`${date}T00:00:00+08:00`);
  return new Date(start.getTime() + plusDays * 86_400_000).toISOString();
}

export interface ChainCheckOptions {
  key?: Buffer | null;
  keyLocation?: string | null;
  witnesses?: readonly AuditWitness[];
  witnessProblems?: readonly string[];
}

export const auditKeyedEvent = 'audit.keyed';

/** Why a check failed: the trail was changed, or it could not be checked (no key, another install's key, an unreadable witness). */
export type AuditFailureCause = 'tampered' | 'key-missing' | 'key-replaced' | 'witness-unreadable';

export function verifyAuditChain(
  db: ReadableDB,
  checkedAt: string,
  options: ChainCheckOptions = {},
): AuditVerifyResult {
  const { cause: _cause, ...result } = checkAuditChain(db, checkedAt, options);
  return result;
}

/** `verifyAuditChain` with the cause of a failure, for callers that treat "cannot check" apart from "changed" (restore). */
export function checkAuditChain(
  db: ReadableDB,
  checkedAt: string,
  options: ChainCheckOptions = {},
): AuditVerifyResult & { cause: AuditFailureCause | null } {
  const key = options.key ?? null;
  let previousHash = genesisHash;
  let expectedId = 1;
  let count = 0;
  /** The `audit.keyed` entry: from it on every entry must carry a MAC under the install's key. */
  let keyedAt: { id: number; keyId: string | null } | null = null;
  let unverifiable: { cause: 'key-missing' | 'key-replaced'; row: { id: number; at: string } } | null = null;
  const failed = (
    firstBroken: { id: number; at: string | null; reason: string },
    message: string,
    cause: AuditFailureCause = 'tampered',
  ): AuditVerifyResult & { cause: AuditFailureCause } => ({
    ok: false,
    entryCount: count,
    firstBroken,
    checkedAt,
    message,
    cause,
  });
  const broken = (row: { id: number; at: string | null }, reason: string) =>
    failed(
      { id: row.id, at: row.at, reason },
      `审计记录校验未通过：第 ${row.id} 条记录${row.at ? `（${formatChinaTime(row.at)}）` : ''}${reason}。该条及其后的记录可能已被改动，请从备份核对。`,
    );
  for (const row of auditStore.iterateAuditRows(db)) {
    count += 1;
    if (row.id !== expectedId) return broken({ id: expectedId, at: null }, `缺失（下一条为第 ${row.id} 条）`);
    if (row.prev_hash !== previousHash) return broken(row, '与前一条记录的链接不符');
    const { hash, mac, ...rest } = row;
    if (hashAuditRow(rest) !== hash) return broken(row, '的内容与其哈希值不符');
    if (row.event === auditKeyedEvent && keyedAt === null) keyedAt = { id: row.id, keyId: keyIdIn(row.details_json) };
    if (keyedAt === null && mac !== null)
      return broken(row, '带有认证码，却排在启用审计密钥的记录之前（启用记录被删除或改写）');
    if (keyedAt !== null && unverifiable === null) {
      // Without the key (or with another install's) the MACs cannot be checked; the chain still is, to the end.
      // A marker naming another key is said plainly; one whose key id was removed is tampering (its MAC fails).
      if (key === null) unverifiable = { cause: 'key-missing', row };
      else if (keyedAt.keyId !== null && keyedAt.keyId !== keyIdOf(key)) unverifiable = { cause: 'key-replaced', row };
      else if (!sameMac(mac, macOfEntry(key, row.id, hash))) {
        return broken(
          row,
          mac === null
            ? '缺少认证码（在启用审计密钥之后写入却未经认证：记录被伪造或改写，或写于审计密钥文件缺失期间）'
            : '的认证码不符（记录被改写或伪造）',
        );
      }
    }
    if (row.event === 'report.file' && row.report_id !== null) {
      const recorded = filedRecordIn(row.details_json);
      const mismatch = recorded ? filedRecordMismatch(db, row.report_id, recorded) : null;
      if (mismatch) {
        return failed(
          { id: row.id, at: row.at, reason: mismatch },
          `审计记录校验未通过：第 ${row.id} 条记录（${formatChinaTime(row.at)}）${mismatch}。已归档的报告不应再改动，请从备份核对该报告。`,
        );
      }
    }
    previousHash = hash;
    expectedId += 1;
  }
  const head = getSetting(db, headKey);
  if (head !== null && head !== `${expectedId - 1}:${previousHash}`) {
    const headId = Number(head.split(':')[0]);
    return broken({ id: Number.isFinite(headId) ? headId : expectedId, at: null }, '缺失：审计记录末尾被截断');
  }
  const location = options.keyLocation ?? null;
  // Another install's key: its witnesses' seals and its MACs mean nothing here.
  if (unverifiable?.cause === 'key-replaced' && keyedAt) return keyReplaced(failed, keyedAt.id, location);
  const witnessed = checkWitnesses(db, unverifiable ? null : key, count, options.witnesses ?? []);
  if (witnessed) return broken(witnessed.row, witnessed.reason);
  if (unverifiable && keyedAt) return keyMissing(failed, unverifiable.row, keyedAt.id, location);
  const problems = options.witnessProblems ?? [];
  if (problems.length > 0) {
    return failed(
      { id: count, at: null, reason: problems.join('；') },
      `审计见证无法核对：${problems.join('；')}。请确认见证文件完整后重新校验。`,
      'witness-unreadable',
    );
  }
  const witnessCount = options.witnesses?.length ?? 0;
  const keyNote =
    keyedAt === null
      ? count === 0
        ? ''
        : '（尚未启用审计密钥，仅校验了哈希链）'
      : `，第 ${keyedAt.id} 条起的认证码校验通过`;
  const witnessNote = witnessCount > 0 ? `，与 ${witnessCount} 份审计见证一致` : '';
  return {
    ok: true,
    cause: null,
    entryCount: count,
    firstBroken: null,
    checkedAt,
    message:
      count === 0 ? '审计记录为空，校验通过。' : `审计记录共 ${count} 条，哈希链校验通过${keyNote}${witnessNote}。`,
  };
}

function keyIdIn(detailsJson: string): string | null {
  try {
    const details = JSON.parse(detailsJson) as { keyId?: unknown };
    return typeof details.keyId === 'string' ? details.keyId : null;
  } catch {
    return null;
  }
}

type Failed = (
  firstBroken: { id: number; at: string | null; reason: string },
  message: string,
  cause: AuditFailureCause,
) => AuditVerifyResult & { cause: AuditFailureCause };

/** A lost key is said plainly: it is not evidence of tampering, but nothing after the marker can be checked. */
function keyMissing(failed: Failed, row: { id: number; at: string }, keyedId: number, location: string | null) {
  const where = location ? `（${location}）` : '';
  const reason = `之后的记录无法核对认证码：审计密钥${where}不存在`;
  return failed(
    { id: row.id, at: row.at, reason },
    `审计记录无法完整校验：审计密钥${where}不存在或无法读取，第 ${keyedId} 条起的记录经该密钥认证，现在无法核对。这通常是密钥文件丢失或未随数据迁移，不一定是篡改；请从备份找回该密钥文件后重新校验。`,
    'key-missing',
  );
}

function keyReplaced(failed: Failed, keyedId: number, location: string | null) {
  const where = location ? `（${location}）` : '';
  return failed(
    { id: keyedId, at: null, reason: '启用的审计密钥与本机的密钥不同' },
    `审计记录无法完整校验：本机的审计密钥${where}不是第 ${keyedId} 条记录启用的那一把（密钥文件被替换，或数据来自另一台安装）。请找回原密钥文件后重新校验。`,
    'key-replaced',
  );
}

/**
 * The first disagreement between the database and the witnesses, by entry id: a witness that saw
 * more entries than the database holds (deleted or cut), or another hash or MAC at its id (rewritten).
 */
function checkWitnesses(
  db: ReadableDB,
  key: Buffer | null,
  count: number,
  witnesses: readonly AuditWitness[],
): { row: { id: number; at: string | null }; reason: string } | null {
  let first: { row: { id: number; at: string | null }; reason: string } | null = null;
  const consider = (candidate: { row: { id: number; at: string | null }; reason: string }) => {
    if (first === null || candidate.row.id < first.row.id) first = candidate;
  };
  for (const witness of witnesses) {
    const seen = `见证文件 ${witness.source}（写于 ${formatChinaTime(witness.writtenAt)}）`;
    if (key !== null && !isWitnessSealed(key, witness)) {
      consider({
        row: { id: witness.id, at: null },
        reason: `无法核对：${seen}的认证码不符（见证被改动，或来自另一台安装）`,
      });
    } else if (witness.id > count) {
      consider({
        row: { id: count + 1, at: null },
        reason: `缺失：${seen}记载审计记录至第 ${witness.id} 条，数据库中只有 ${count} 条（记录被删除或截断）`,
      });
    } else if (!witnessMatches(db, witness)) {
      consider({ row: { id: witness.id, at: null }, reason: `与${seen}记载的不符（该条或更早的记录被改写）` });
    }
  }
  return first;
}
function stateLabel(state: string | null): string | null {
  if (state === null) return null;
  const parsed = reportStateSchema.safeParse(state);
  return parsed.success ? reportStateLabels[parsed.data] : state;
}

function toAuditEntry(row: DbAuditRow): AuditEntry {
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
