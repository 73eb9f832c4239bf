import type { ReadableDB } from '../db/database';
import { prepared } from './preparedStatements';

/** Every file name in the attachments folder some attachment row refers to (removed ones too: filed revisions keep theirs). */
export function referencedAttachmentFiles(db: ReadableDB): Set<string> {
  const rows = prepared(db, 'SELECT DISTINCT stored_name FROM attachments').all() as { stored_name: string }[];
  return new Set(rows.map((row) => row.stored_name));
}
