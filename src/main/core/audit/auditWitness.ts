import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock';
import type { ReadableDB } from '../db/database';
import { auditHeadRow, auditRowById } from '../store/auditStore';
import { macOfWitness, sameMac } from './auditKey';

/**
 * Witnesses of the audit chain's head, kept outside the database. Policy: a witness records the
 * newest entry's `id:hash:mac` at some moment and is itself sealed with the audit key. Because
 * each entry's hash covers every earlier one, a witness that still matches the database proves the
 * first `id` entries unchanged; a database with fewer entries, or another hash at that id, was
 * rewritten after the witness was written. Witnesses are written after the transaction that
 * appended (never from inside it), so a witness never names an entry that was rolled back.
 *
 * Two files in the audit folder: `head.json` (the latest head, replaced whole by rename) and
 * `receipts.log` (append-only, one witness per line, at most one per `receiptIntervalMs` besides
 * those written by `flush(true)` and on close, so it grows by kilobytes a day, not by the write),
 * which keeps the evidence even if the head is overwritten after a rewrite. A head file that no longer matches the database is left as it is.
 */

export interface AuditWitness {
  /** Where it was read from, for messages: a file path and line. */
  source: string;
  id: number;
  hash: string;
  mac: string;
  writtenAt: string;
  seal: string;
}

/** The `format` of every witness line. */
export const witnessFormat = 'luoshi-audit-witness';
const format = witnessFormat;

export function witnessFilesOf(auditFolder: string): { head: string; receipts: string } {
  return { head: join(auditFolder, 'head.json'), receipts: join(auditFolder, 'receipts.log') };
}

function sealedText(witness: Pick<AuditWitness, 'id' | 'hash' | 'mac' | 'writtenAt'>): string {
  return `${format}\n${witness.id}:${witness.hash}:${witness.mac}\n${witness.writtenAt}`;
}

export function sealWitness(key: Buffer, witness: Omit<AuditWitness, 'seal' | 'source'>): string {
  return macOfWitness(key, sealedText(witness));
}

export function isWitnessSealed(key: Buffer, witness: AuditWitness): boolean {
  return sameMac(witness.seal, macOfWitness(key, sealedText(witness)));
}

/** One sealed witness as a line of JSON (the form of `head.json`, `receipts.log` and backup manifests). */
export function witnessLine(key: Buffer, witness: Omit<AuditWitness, 'seal' | 'source'>): string {
  return JSON.stringify({
    format,
    version: 1,
    head: `${witness.id}:${witness.hash}:${witness.mac}`,
    writtenAt: witness.writtenAt,
    seal: sealWitness(key, witness),
  });
}

/**
 * The witnesses in a text: one JSON object per line, as in `head.json` and `receipts.log`.
 * Lines that are not witnesses are reported as problems rather than skipped silently.
 */
export function parseWitnesses(text: string, file: string): { witnesses: AuditWitness[]; problems: string[] } {
  const witnesses: AuditWitness[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const source = `${file} 第 ${index + 1} 行`;
    const parsed = parseWitnessLine(line);
    if (parsed) witnesses.push({ ...parsed, source });
    else problems.push(`见证文件 ${source} 无法识别（不是落实通的审计见证，或已损坏）`);
  });
  return { witnesses, problems };
}

function parseWitnessLine(line: string): Omit<AuditWitness, 'source'> | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (
    record.format !== format ||
    typeof record.head !== 'string' ||
    typeof record.writtenAt !== 'string' ||
    typeof record.seal !== 'string'
  ) {
    return null;
  }
  const match = /^(\d+):([0-9a-f]{64}):([0-9a-f]*)$/.exec(record.head);
  if (!match) return null;
  return {
    id: Number(match[1]),
    hash: match[2] as string,
    mac: match[3] as string,
    writtenAt: record.writtenAt,
    seal: record.seal,
  };
}

/** Read a witness file given on the command line or found in the audit folder. */
export function readWitnessFile(file: string): { witnesses: AuditWitness[]; problems: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { witnesses: [], problems: [`无法读取见证文件 ${file}：${(error as Error).message}`] };
  }
  return parseWitnesses(text, file);
}

/** The witnesses kept in the audit folder (none when the folder has none yet). */
export function readKeptWitnesses(auditFolder: string): { witnesses: AuditWitness[]; problems: string[] } {
  const files = witnessFilesOf(auditFolder);
  const witnesses: AuditWitness[] = [];
  const problems: string[] = [];
  for (const file of [files.head, files.receipts]) {
    if (!existsSync(file)) continue;
    const read = readWitnessFile(file);
    witnesses.push(...read.witnesses);
    problems.push(...read.problems);
  }
  return { witnesses, problems };
}

/** Does the database still hold what this witness saw? */
export function witnessMatches(db: ReadableDB, witness: Pick<AuditWitness, 'id' | 'hash' | 'mac'>): boolean {
  const row = auditRowById(db, witness.id);
  return row !== null && row.hash === witness.hash && (row.mac ?? '') === witness.mac;
}

function fsyncedWrite(file: string, text: string, flags: 'a' | 'wx'): void {
  const fd = openSync(file, flags, 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes witnesses of the committed head: soon after appends (at most one per `intervalMs`), on
 * `flush()` and on close. Failures (a full disk, a read-only folder) are reported, never thrown
 * into the write that triggered them: the entry is already committed and the next witness covers it.
 */
export class AuditWitnessWriter {
  private timer: NodeJS.Timeout | null = null;
  private lastHead: string | null = null;
  private lastWriteAt = 0;
  private lastReceiptAt = 0;
  private lastReceiptHead: string | null = null;
  private headChecked = false;
  private dirty = false;

  constructor(
    private readonly db: ReadableDB,
    private readonly folder: string,
    private readonly key: Buffer,
    private readonly clock: Clock,
    private readonly intervalMs = 1000,
    private readonly receiptIntervalMs = 5 * 60_000,
    private readonly onError: (error: unknown) => void = (error) => console.error('审计见证写入失败：', error),
  ) {}

  /** An entry was appended (inside a transaction that may still be open): witness it soon. */
  noteAppend(): void {
    this.dirty = true;
    if (this.timer) return;
    const wait = Math.max(0, this.lastWriteAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      try {
        this.flush();
      } catch (error) {
        this.onError(error);
      }
    }, wait);
    this.timer.unref();
  }

  /** Witness the committed head now if entries were appended since the last witness (or `force`, which also writes a receipt). */
  flush(force = false, receipt = force): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const receiptBehind = receipt && this.lastHead !== null && this.lastHead !== this.lastReceiptHead;
    if (!this.dirty && !force && !receiptBehind) return;
    if (this.db.inTransaction) return; // an open transaction's rows are not committed yet
    this.dirty = false;
    const row = auditHeadRow(this.db);
    if (!row) return;
    const head = `${row.id}:${row.hash}:${row.mac ?? ''}`;
    const writeHead = head !== this.lastHead;
    const writeReceipt =
      head !== this.lastReceiptHead && (receipt || Date.now() - this.lastReceiptAt >= this.receiptIntervalMs);
    if (!writeHead && !writeReceipt) return;
    const witness = { id: row.id, hash: row.hash, mac: row.mac ?? '', writtenAt: this.clock.nowIso() };
    const line = witnessLine(this.key, witness);
    const files = witnessFilesOf(this.folder);
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    if (writeReceipt) {
      fsyncedWrite(files.receipts, `${line}\n`, 'a');
      this.lastReceiptAt = Date.now();
      this.lastReceiptHead = head;
    }
    if (writeHead && this.headMayBeReplaced(files.head)) {
      const temp = `${files.head}.tmp-${process.pid}`;
      try {
        rmSync(temp, { force: true });
        fsyncedWrite(temp, `${line}\n`, 'wx');
        renameSync(temp, files.head);
      } catch (error) {
        rmSync(temp, { force: true });
        throw error;
      }
    }
    this.lastHead = head;
    this.lastWriteAt = Date.now();
  }

  /** Stop the timer without writing (the database is closing without a flush). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A head file that disagrees with the database is evidence: it is kept, not overwritten. */
  private headMayBeReplaced(file: string): boolean {
    if (this.headChecked) return true;
    if (existsSync(file)) {
      const { witnesses } = readWitnessFile(file);
      const previous = witnesses[witnesses.length - 1];
      if (!previous || !isWitnessSealed(this.key, previous) || !witnessMatches(this.db, previous)) {
        this.onError(
          new Error(`审计见证 ${file} 与数据库不符，已保留原文件作为证据；请运行 luoshi audit verify 核对。`),
        );
        return false;
      }
    }
    this.headChecked = true;
    return true;
  }
}
