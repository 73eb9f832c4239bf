import type { Clock } from '../clock';
import { inTransaction, type WritableDB } from '../db/database';
import { auditKeyedEvent, type AuditService } from '../services/auditService';
import { auditRowCount } from '../store/auditLedgerQueries';
import { firstKeyedEntry } from '../store/auditStore';
import { keyIdOf, type AuditKeySource } from './auditKey';
import { AuditWitnessWriter, readKeptWitnesses } from './auditWitness';

export interface AttachAuditKeyOptions {
  db: WritableDB;
  audit: AuditService;
  clock: Clock;
  source: AuditKeySource;
  /** The folder for witness files (`<dataDir>.audit`). */
  auditFolder: string;
  /**
   * Create the key if there is none and mark the trail keyed (default). `luoshi audit verify`
   * passes false: verifying changes nothing.
   */
  introduce: boolean;
  witnessIntervalMs?: number;
}

/**
 * Give the audit service the install's key and a witness writer. The first time a key meets a
 * database (a new one, or one from before keys existed) an `audit.keyed` entry records it, and a
 * witness is written at once, so from then on a rewrite of the database alone is detectable.
 * A keyed database whose key is missing is not re-keyed: verify says the key is missing.
 */
export function attachAuditKey(options: AttachAuditKeyOptions): AuditWitnessWriter | null {
  const { db, audit, source } = options;
  const keyed = firstKeyedEntry(db);
  let key = source.load();
  if (key === null && keyed === null && options.introduce) key = source.create();
  audit.useKey({ key, location: source.location, keptWitnesses: () => readKeptWitnesses(options.auditFolder) });
  if (key === null) return null;
  const writer = new AuditWitnessWriter(db, options.auditFolder, key, options.clock, options.witnessIntervalMs);
  audit.onDidAppend = () => writer.noteAppend();
  if (keyed === null && options.introduce) {
    const entriesBefore = auditRowCount(db);
    const activeKey = key;
    inTransaction(db, () =>
      audit.append({
        actor: null,
        role: null,
        subjectType: 'settings',
        subjectId: null,
        event: auditKeyedEvent,
        details: { keyId: keyIdOf(activeKey), entriesBefore },
      }),
    );
    writer.flush();
  }
  return writer;
}
