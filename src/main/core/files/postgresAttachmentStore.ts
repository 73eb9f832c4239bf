import { LuoshiError } from '../../../shared/errors';
import type { WritableDB } from '../db/database';
import { prepared, preparedWrite } from '../store/preparedStatements';
import type { AttachmentStore } from './attachmentStore';
import { sha256Of } from './wholeFile';

/**
 * Attachments of a PostgreSQL deployment: rows of `attachment_files (stored_name, size, content
 * bytea)` (migration 0002's `postgres` form), so every server process on the database sees the
 * same bytes. Its writes are part of the caller's transaction (`transactional`), so bytes and the
 * rows naming them commit or roll back together; a row already there is replaced unless its
 * content is the same. The SQL is exported so a test can run exactly these
 * statements against a real cluster (tests/main/files/postgresAttachmentStore.test.ts).
 */
export const attachmentRowSql = {
  put:
    'INSERT INTO attachment_files (stored_name, size, content) VALUES (?, ?, ?) ' +
    'ON CONFLICT (stored_name) DO UPDATE SET size = excluded.size, content = excluded.content ' +
    'WHERE attachment_files.content <> excluded.content',
  read: 'SELECT content FROM attachment_files WHERE stored_name = ?',
  has: 'SELECT 1 AS found FROM attachment_files WHERE stored_name = ?',
  // Checked again here: an upload of the same bytes in another server process may have recorded them meanwhile.
  remove:
    'DELETE FROM attachment_files WHERE stored_name = ? ' +
    'AND NOT EXISTS (SELECT 1 FROM attachments WHERE attachments.stored_name = attachment_files.stored_name)',
  names: 'SELECT stored_name FROM attachment_files ORDER BY stored_name',
} as const;

export function postgresAttachmentStore(db: WritableDB, location = '数据库表 attachment_files'): AttachmentStore {
  return {
    location,
    transactional: true,
    put(name, bytes, options) {
      if (sha256Of(bytes) !== options.sha256) {
        throw new LuoshiError('internal', `${options.what}的内容与登记的哈希值不符，未保存。请重新上传。`);
      }
      preparedWrite(db, attachmentRowSql.put).run(name, bytes.length, Buffer.from(bytes));
    },
    read(name) {
      const row = prepared(db, attachmentRowSql.read).get(name) as { content: Buffer | Uint8Array } | undefined;
      if (!row) return null;
      return Buffer.isBuffer(row.content) ? row.content : Buffer.from(row.content);
    },
    has: (name) => prepared(db, attachmentRowSql.has).get(name) !== undefined,
    remove(name) {
      preparedWrite(db, attachmentRowSql.remove).run(name);
    },
    names() {
      const rows = prepared(db, attachmentRowSql.names).all() as { stored_name: string }[];
      return rows.map((row) => row.stored_name);
    },
  };
}
