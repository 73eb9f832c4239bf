import type { ReadableDB } from '../db/database';
import { prepared } from './preparedStatements';

/** Sizes of the stored data, for the benchmark's description of what it measured. */
export interface DataCounts {
  units: number;
  users: number;
  rounds: number;
  reports: number;
  /** Approvals and sign-offs. */
  signatures: number;
  signOffs: number;
  auditEntries: number;
  searchDocuments: number;
}

export function dataCounts(db: ReadableDB): DataCounts {
  const count = (table: string, where = ''): number =>
    (prepared(db, `SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
  return {
    units: count('units', "WHERE kind = 'unit'"),
    users: count('users'),
    rounds: count('rounds'),
    reports: count('reports'),
    signatures: count('report_signatures'),
    signOffs: count('report_signatures', "WHERE stage = 'signOff'"),
    auditEntries: count('audit_log'),
    searchDocuments: count('search_docs'),
  };
}
