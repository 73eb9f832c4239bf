import type { Actor } from '../../../shared/domain/accounts';
import type { CompiledContent, ReportContent, ReportKind, TransitionInput } from '../../../shared/domain/reports';
import type { Clock } from '../clock';
import type { AttachmentStore } from '../files/attachmentStore';
import type { WritableDB } from '../db/database';
import type { DbReport } from '../store/reportsStore';
import type { AuditService } from './auditService';
import { ArchiveNumbers } from './reportWrites/archiveNumbers';
import { ReportAttachments } from './reportWrites/attachments';
import { ReportContentEdits, type FillInSource } from './reportWrites/content';
import { ReportWriteGuards } from './reportWrites/guards';
import { ReportRevisions, type NewReportSpec } from './reportWrites/revisions';
import { ReportTransitions } from './reportWrites/transitions';

export { archiveSettings } from './reportWrites/archiveNumbers';
export type { FillInSource } from './reportWrites/content';
export type { NewReportSpec } from './reportWrites/revisions';

/**
 * Writes to reports: content edits, attachments, lifecycle transitions, new revisions. Every
 * write is one transaction holding the change, the new version and its audit entry, and is
 * refused as stale when the caller's `version` is not the stored one (reportWrites/guards.ts).
 * Each kind of write is its own piece in reportWrites/; this class is the one door to them.
 */
export class ReportsService {
  private readonly content: ReportContentEdits;
  private readonly attachments: ReportAttachments;
  private readonly transitions: ReportTransitions;
  private readonly revisions: ReportRevisions;
  private readonly archiveNumbers: ArchiveNumbers;

  constructor(db: WritableDB, clock: Clock, audit: AuditService, attachments: AttachmentStore) {
    const guards = new ReportWriteGuards(db, clock, audit);
    this.content = new ReportContentEdits(guards);
    this.attachments = new ReportAttachments(guards, attachments);
    this.archiveNumbers = new ArchiveNumbers(guards);
    this.transitions = new ReportTransitions(guards, this.archiveNumbers);
    this.revisions = new ReportRevisions(guards);
  }

  /** Create a report in drafting. Call inside the round-opening transaction. */
  createReport(spec: NewReportSpec, revision = 1, previous: DbReport | null = null): number {
    return this.revisions.createReport(spec, revision, previous);
  }

  /** See ReportContentEdits.updateContent: the one write path of a task or project report's content. */
  updateContent(actor: Actor, reportId: number, version: number, content: ReportContent, fillIn?: FillInSource): void {
    this.content.updateContent(actor, reportId, version, content, fillIn);
  }

  updateCompiled(actor: Actor, reportId: number, version: number, content: CompiledContent): void {
    this.content.updateCompiled(actor, reportId, version, content);
  }

  /** One lifecycle step; returns the report's new version (ReportTransitions.transition). */
  transition(actor: Actor, input: TransitionInput): number {
    return this.transitions.transition(actor, input);
  }

  /** Reopen a filed report as a new revision in drafting; returns the new report's id. */
  reopen(actor: Actor, reportId: number, version: number, reason: string): number {
    return this.revisions.reopen(actor, reportId, version, reason);
  }

  addAttachment(actor: Actor, reportId: number, version: number, fileName: string, contentBase64: string): number {
    return this.attachments.addAttachment(actor, reportId, version, fileName, contentBase64);
  }

  removeAttachment(actor: Actor, reportId: number, version: number, attachmentId: number): void {
    this.attachments.removeAttachment(actor, reportId, version, attachmentId);
  }

  readAttachment(attachmentId: number): { fileName: string; sha256: string; bytes: Buffer } {
    return this.attachments.readAttachment(attachmentId);
  }

  archivePatterns(): { reportPattern: string; compiledPattern: string } {
    return this.archiveNumbers.archivePatterns();
  }

  setArchivePatterns(actor: Actor, patterns: { reportPattern: string; compiledPattern: string }): void {
    this.archiveNumbers.setArchivePatterns(actor, patterns);
  }

  proposedArchiveNos(kind: ReportKind, count: number): string[] {
    return this.archiveNumbers.proposedArchiveNos(kind, count);
  }
}
