import { createHash } from 'node:crypto';
import type { Actor } from '../../../../shared/domain/accounts';
import { attachmentMaxBytes } from '../../../../shared/domain/reports';
import { LuoshiError } from '../../../../shared/errors';
import { inTransaction } from '../../db/database';
import type { AttachmentStore } from '../../files/attachmentStore';
import { checkAttachmentType } from '../../files/attachmentType';
import * as store from '../../store/reportsStore';
import { draftingRole, type ReportWriteGuards } from './guards';

/** A report's attachments: added and removed while drafting, read back checked against their hash. */
export class ReportAttachments {
  constructor(
    private readonly guards: ReportWriteGuards,
    private readonly attachments: AttachmentStore,
  ) {}

  addAttachment(actor: Actor, reportId: number, version: number, fileName: string, contentBase64: string): number {
    const { db, clock } = this.guards;
    const bytes = Buffer.from(contentBase64, 'base64');
    if (bytes.length === 0)
      throw new LuoshiError('invalid_input', `附件「${fileName}」为空或不是有效的 base64 内容。`, 'contentBase64');
    if (bytes.length > attachmentMaxBytes) {
      throw new LuoshiError(
        'invalid_input',
        `附件「${fileName}」大小为 ${(bytes.length / 1048576).toFixed(1)} MB，超过 20 MB 的上限。`,
        'contentBase64',
      );
    }
    const safeName =
      [...fileName]
        .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
        .join('')
        .trim() || '附件';
    checkAttachmentType(safeName, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // Permission, round and state are checked before any byte is written (and again below, in the
    // transaction). Bytes are stored by content hash, whole, before the transaction that records
    // them, or inside it where the store is transactional (files/attachmentStore.ts); one already
    // there is trusted only if it still has that hash.
    this.guards.editable(actor, reportId, version);
    const put = () => this.attachments.put(sha256, bytes, { what: `附件「${safeName}」`, sha256 });
    if (!this.attachments.transactional) put();
    return inTransaction(db, () => {
      const row = this.guards.editable(actor, reportId, version);
      if (this.attachments.transactional) put();
      const id = store.insertAttachment(
        db,
        {
          reportId: row.id,
          fileName: safeName,
          size: bytes.length,
          sha256,
          storedName: sha256,
          uploadedBy: actor.userId,
        },
        clock.nowIso(),
      );
      this.guards.mustWrite(row, store.touchReport(db, row.id, version, clock.nowIso()));
      this.guards.appendReportAudit(actor, row, 'attachment.add', draftingRole(actor), safeName, row.state, row.state, {
        attachmentId: id,
        sha256,
        size: bytes.length,
      });
      return id;
    });
  }

  removeAttachment(actor: Actor, reportId: number, version: number, attachmentId: number): void {
    const { db, clock } = this.guards;
    inTransaction(db, () => {
      const row = this.guards.editable(actor, reportId, version);
      const attachment = store.getAttachment(db, attachmentId);
      if (!attachment || attachment.report_id !== row.id) {
        throw new LuoshiError('not_found', `该报告没有编号为 ${attachmentId} 的附件。`, 'attachmentId');
      }
      store.markAttachmentRemoved(db, attachmentId, clock.nowIso());
      this.guards.mustWrite(row, store.touchReport(db, row.id, version, clock.nowIso()));
      this.guards.appendReportAudit(
        actor,
        row,
        'attachment.remove',
        draftingRole(actor),
        attachment.file_name,
        row.state,
        row.state,
        {
          attachmentId,
          sha256: attachment.sha256,
        },
      );
    });
  }

  /** An attachment's bytes, checked against the hash recorded when it was uploaded. */
  readAttachment(attachmentId: number): { fileName: string; sha256: string; bytes: Buffer } {
    const attachment = store.getAttachment(this.guards.db, attachmentId);
    if (!attachment) throw new LuoshiError('not_found', `未找到编号为 ${attachmentId} 的附件。`, 'attachmentId');
    const bytes = this.attachments.read(attachment.stored_name);
    if (!bytes)
      throw new LuoshiError(
        'not_found',
        `附件「${attachment.file_name}」的文件不在附件存储中（${this.attachments.location}，${attachment.stored_name}）。请从备份找回该文件。`,
      );
    if (createHash('sha256').update(bytes).digest('hex') !== attachment.sha256) {
      throw new LuoshiError('internal', `附件「${attachment.file_name}」的文件内容与登记的哈希值不符，可能已被改动。`);
    }
    return { fileName: attachment.file_name, sha256: attachment.sha256, bytes };
  }
}
