import { createHash } from 'node:crypto';
import type { ReadableDB } from '../db/database';
import { prepared } from '../store/preparedStatements';

/**
 * What a filing's audit entry (`report.file`) records of the filed report, so that `audit verify`
 * can recompute it from the tables: the hash of the filed content (progress, problems, next steps,
 * completed, the compiled document's JSON, the indicator values and their notes, the attachments'
 * names and hashes), the archive number, and every approval and sign-off (who signed for which
 * party, in which stage and cycle, with what opinion, when). A filed report never changes (a correction is a new revision), so any
 * difference later means the tables were edited. Entries written before this record existed carry
 * none and are not checked.
 */

interface FiledSignature {
  cycle: number;
  stage: string;
  party: string;
  userId: number;
  /** The leader the user signed for under 委托 (present only then, so older records read the same). */
  onBehalfOf?: number;
  opinion: string;
  signedAt: string;
}

export interface FiledRecord {
  /** sha256 of the filed content, see `filedContentHash`. */
  contentHash: string;
  archiveNo: string | null;
  signatures: FiledSignature[];
}

interface ContentRow {
  progress: string | null;
  problems: string | null;
  next_steps: string | null;
  completed: string | null;
  content_json: string | null;
  archive_no: string | null;
}

const stageLabels: Record<string, string> = { review: '审核', signOff: '签发' };

/** The record of a report as the tables hold it now; null when the report is gone. */
export function filedRecordOf(db: ReadableDB, reportId: number): FiledRecord | null {
  const row = prepared(
    db,
    'SELECT progress, problems, next_steps, completed, content_json, archive_no FROM reports WHERE id = ?',
  ).get(reportId) as ContentRow | undefined;
  if (!row) return null;
  const values = prepared(
    db,
    'SELECT indicator_id, value, note FROM report_indicator_values WHERE report_id = ? ORDER BY indicator_id',
  ).all(reportId) as { indicator_id: number; value: number | null; note: string }[];
  const attachments = prepared(
    db,
    'SELECT file_name, sha256 FROM attachments WHERE report_id = ? AND removed_at IS NULL ORDER BY id',
  ).all(reportId) as {
    file_name: string;
    sha256: string;
  }[];
  const content = JSON.stringify({
    progress: row.progress,
    problems: row.problems,
    nextSteps: row.next_steps,
    completed: row.completed,
    content: row.content_json,
    indicators: values.map((v) => [v.indicator_id, v.value, v.note]),
    attachments: attachments.map((a) => [a.file_name, a.sha256]),
  });
  const signatures = (
    prepared(
      db,
      'SELECT cycle, stage, party_kind, party_id, user_id, on_behalf_of, opinion, signed_at FROM report_signatures WHERE report_id = ? ORDER BY id',
    ).all(reportId) as {
      cycle: number;
      stage: string;
      party_kind: string;
      party_id: number;
      user_id: number;
      on_behalf_of: number | null;
      opinion: string;
      signed_at: string;
    }[]
  ).map((s) => ({
    cycle: s.cycle,
    stage: s.stage,
    party: `${s.party_kind}:${s.party_id}`,
    userId: s.user_id,
    ...(s.on_behalf_of === null ? {} : { onBehalfOf: s.on_behalf_of }),
    opinion: s.opinion,
    signedAt: s.signed_at,
  }));
  return {
    contentHash: createHash('sha256').update('luoshi-filed-content-v1\n').update(content).digest('hex'),
    archiveNo: row.archive_no,
    signatures,
  };
}

/** The record a `report.file` entry's details carry, or null for an entry from before records. */
export function filedRecordIn(detailsJson: string): FiledRecord | null {
  try {
    const filed = (JSON.parse(detailsJson) as { filed?: unknown }).filed;
    if (typeof filed !== 'object' || filed === null) return null;
    const record = filed as Partial<FiledRecord>;
    if (typeof record.contentHash !== 'string' || !Array.isArray(record.signatures)) return null;
    return {
      contentHash: record.contentHash,
      archiveNo: typeof record.archiveNo === 'string' ? record.archiveNo : null,
      signatures: record.signatures,
    };
  } catch {
    return null;
  }
}

function userName(db: ReadableDB, id: number): string {
  const row = prepared(db, 'SELECT display_name FROM users WHERE id = ?').get(id) as
    { display_name: string } | undefined;
  return row ? `${row.display_name}（用户 ${id}）` : `用户 ${id}`;
}

function partyName(db: ReadableDB, party: string): string {
  const [kind, id] = party.split(':');
  if (kind === 'user') return userName(db, Number(id));
  const row = prepared(db, 'SELECT name FROM units WHERE id = ?').get(Number(id)) as { name: string } | undefined;
  return row?.name ?? party;
}

function signatureLabel(db: ReadableDB, s: FiledSignature): string {
  return `第 ${s.cycle} 轮${stageLabels[s.stage] ?? s.stage}，${partyName(db, s.party)}`;
}

/**
 * How the tables disagree with what the filing recorded, in Chinese, or null when they agree.
 * Names the report and the first difference: the content, the archive number, or a signature.
 */
export function filedRecordMismatch(db: ReadableDB, reportId: number, recorded: FiledRecord): string | null {
  const now = filedRecordOf(db, reportId);
  const what = `所记载的已归档报告（编号 ${reportId}${recorded.archiveNo ? `，归档号 ${recorded.archiveNo}` : ''}）`;
  if (now === null) return `${what}已不在数据库中（报告被删除）`;
  if (now.archiveNo !== recorded.archiveNo) return `${what}的归档号被改为「${now.archiveNo ?? '空'}」`;
  if (now.contentHash !== recorded.contentHash)
    return `${what}的内容（进展、问题、下步打算、完成情况、指标数值、附件或公文正文）在归档后被改动`;
  for (let i = 0; i < Math.max(now.signatures.length, recorded.signatures.length); i += 1) {
    const was = recorded.signatures[i];
    const is = now.signatures[i];
    if (!was) return `${what}多出一条签批记录：${is ? signatureLabel(db, is) : ''}`;
    if (!is) return `${what}的签批记录「${signatureLabel(db, was)}」被删除`;
    if (is.userId !== was.userId)
      return `${what}的签批记录「${signatureLabel(db, was)}」的签批人由 ${userName(db, was.userId)} 被改为 ${userName(db, is.userId)}`;
    if (is.onBehalfOf !== was.onBehalfOf) {
      const named = (id: number | undefined) => (id === undefined ? '本人' : `代 ${userName(db, id)}`);
      return `${what}的签批记录「${signatureLabel(db, was)}」由「${named(was.onBehalfOf)}」被改为「${named(is.onBehalfOf)}」`;
    }
    if (is.cycle !== was.cycle || is.stage !== was.stage || is.party !== was.party) {
      return `${what}的签批记录「${signatureLabel(db, was)}」被改为「${signatureLabel(db, is)}」`;
    }
    if (is.opinion !== was.opinion || is.signedAt !== was.signedAt)
      return `${what}的签批记录「${signatureLabel(db, was)}」的意见或时间被改动`;
  }
  return null;
}
