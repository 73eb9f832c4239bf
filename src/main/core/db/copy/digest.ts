import { createHash } from 'node:crypto';
import type { CopyTable } from './tables';

/**
 * A table-by-table digest that means the same on both engines: each row as canonical JSON (its
 * columns by name, values as SQLite returns them: integers and reals as numbers, text as text,
 * NULL as null), rows sorted by primary key in JS (so no database collation decides the order),
 * one line each, sha256. Attachments are digested as (stored_name, sha256 of the bytes), whether
 * the bytes are files (SQLite) or bytea (PostgreSQL).
 */
export type Row = Record<string, unknown>;

export interface TableDigest {
  table: string;
  rows: number;
  sha256: string;
}

const attachmentContentsTable = '（附件内容）';

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Key columns are integers or text; text compares by the UTF-8 bytes of its JSON form: one order on both engines.
  return Buffer.compare(Buffer.from(JSON.stringify(a)), Buffer.from(JSON.stringify(b)));
}

function compareByKey(key: readonly string[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const column of key) {
      const order = compareValues(a[column], b[column]);
      if (order !== 0) return order;
    }
    return 0;
  };
}

function canonicalRow(row: Row, columns: readonly string[]): string {
  const sorted = [...columns].sort();
  return JSON.stringify(sorted.map((column) => [column, row[column] ?? null]));
}

export function digestTable(table: CopyTable, rows: Row[]): TableDigest {
  const hash = createHash('sha256');
  for (const row of [...rows].sort(compareByKey(table.key))) hash.update(`${canonicalRow(row, table.columns)}\n`);
  return { table: table.name, rows: rows.length, sha256: hash.digest('hex') };
}

export function digestAttachmentContents(files: { storedName: string; sha256: string }[]): TableDigest {
  const hash = createHash('sha256');
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.storedName), Buffer.from(b.storedName)));
  for (const file of sorted) hash.update(`${JSON.stringify([file.storedName, file.sha256])}\n`);
  return { table: attachmentContentsTable, rows: files.length, sha256: hash.digest('hex') };
}

/** The digest as the command prints it: one line per table. */
export function formatDigest(digest: readonly TableDigest[]): string[] {
  const width = Math.max(...digest.map((d) => d.table.length));
  return digest.map((d) => `  ${d.table.padEnd(width)}  ${String(d.rows).padStart(7)} 行  ${d.sha256}`);
}

/** Tables whose digest differs between two sides (empty when they agree). */
export function digestDifferences(a: readonly TableDigest[], b: readonly TableDigest[]): string[] {
  const other = new Map(b.map((d) => [d.table, d]));
  const names = new Set([...a.map((d) => d.table), ...b.map((d) => d.table)]);
  return [...names].filter((name) => {
    const x = a.find((d) => d.table === name);
    const y = other.get(name);
    return !x || !y || x.rows !== y.rows || x.sha256 !== y.sha256;
  });
}
