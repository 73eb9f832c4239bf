import { filedRecordOf } from '../audit/filedRecord';
import { checkIndicatorValues } from './indicatorValues';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { sha256OfFile, writeFileWhole } from '../files/wholeFile';
import { join } from 'node:path';
import type { Actor, Role } from '../../../shared/domain/accounts';
import { auditEventLabel, type AuditEvent } from '../../../shared/domain/audit';
import {
  attachmentMaxBytes,
  compiledContentSchema,
  reportContentSchema,
  submitGaps,
  submitGapsMessage,
  type CompiledContent,
  type ReportContent,
  type ReportEventType,
  type ReportKind,
  type TransitionInput,
} from '../../../shared/domain/reports';
import { parseUnknown } from '../../../shared/contract/parse';
import { reportMayMove } from '../../../shared/domain/rounds';
import { checkAttachmentType } from '../files/attachmentType';
import { LuoshiError } from '../../../shared/errors';
import {
  chinaYear,
  explainRefusal,
  formatArchiveNo,
  formatChinaTime,
  initialReportSnapshot,
  actingPartyOf,
  draftedByUnit,
  isDrafter,
  isValidArchivePattern,
  personLabel,
  reportEventOf,
  reportEventTable,
  reportMachineId,
  reportMachineVersion,
  stepReport,
  viewOf,
  type Drafter,
  type Party,
  type ReportEvent,
} from '../../../shared/workflow';
import type { Clock } from '../clock';
import { inTransaction, type WritableDB } from '../db/database';
import * as auditStore from '../store/auditStore';
import * as store from '../store/reportsStore';
import type { DbReport } from '../store/reportsStore';
import { roundMotionOf } from '../store/roundsStore';
import { getSetting, nextSequence, setSetting } from '../store/settingsStore';
import type { AuditService } from './auditService';
import { actorRef, partyNamer, persistedOf } from './reportContext';
import { actingRefOf, authorize, mayDo, mayReopen, settingsRole } from '../policy';
import { issuersOf, onBehalfOf } from './delegatedSteps';

/**
 * A report's content written from a returned fill-in sheet (填报表) instead of the editor: the same
 * rules (drafting only, fresh version, open round, indicator values, changed fields, audit), the
 * entry recorded as the drafting unit's edit made through the person who imported the sheet. A
 * coordinator importing for the unit holds the permission `fillIn.importForUnit` (policy/roles.ts).
 */
export interface FillInSource {
  unit: { id: number; name: string };
  /** 「8. 标题」的 — names the report in refusals, as the import lists many. */
  where: string;
  role: Role | null;
  opinion: string;
  details: Record<string, unknown>;
}

/** Settings keys and defaults for archive numbers (归档号) and the compiled report's 发文字号. */
export const archiveSettings = {
  reportPattern: { key: 'archive.reportPattern', fallback: '经开儿童落实档〔{year}〕{seq:4}号' },
  compiledPattern: { key: 'archive.compiledPattern', fallback: '郑经儿童专班〔{year}〕{seq}号' },
} as const;

export interface NewReportSpec {
  roundId: number;
  kind: ReportKind;
  subjectKey: string;
  taskId: number | null;
  projectId: number | null;
  drafter: Drafter;
  reviewers: Party[];
  signers: Party[];
  compiledContent?: CompiledContent;
}

/**
 * Writes to reports: content edits, attachments, lifecycle transitions, new revisions. Every
 * write is one transaction holding the change, the new version and its audit entry, and is
 * refused as stale when the caller's `version` is not the stored one.
 */
export class ReportsService {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly attachmentsDir: string,
  ) {}

  /** Create a report in drafting. Call inside the round-opening transaction. */
  createReport(spec: NewReportSpec, revision = 1, previous: DbReport | null = null): number {
    const now = this.clock.nowIso();
    const snapshot = initialReportSnapshot({ drafter: spec.drafter, reviewers: spec.reviewers, signers: spec.signers });
    const id = store.insertReport(this.db, {
      round_id: spec.roundId,
      kind: spec.kind,
      subject_key: spec.subjectKey,
      task_id: spec.taskId,
      project_id: spec.projectId,
      revision,
      previous_id: previous?.id ?? null,
      state: 'drafting',
      machine_id: reportMachineId,
      machine_version: reportMachineVersion,
      snapshot_json: JSON.stringify(snapshot),
      version: 1,
      drafting_unit_id: spec.drafter.kind === 'unit' ? spec.drafter.id : null,
      progress: previous?.progress ?? '',
      problems: previous?.problems ?? '',
      next_steps: previous?.next_steps ?? '',
      completed: previous?.completed ?? 0,
      content_json: previous?.content_json ?? (spec.compiledContent ? JSON.stringify(spec.compiledContent) : null),
      archive_no: null,
      first_submitted_at: previous?.first_submitted_at ?? null,
      submitted_at: null,
      filed_at: null,
      created_at: now,
      updated_at: now,
    });
    store.insertParties(this.db, [
      ...spec.reviewers.map((p, i) => ({
        report_id: id,
        stage: 'review' as const,
        party_kind: p.kind,
        party_id: p.id,
        position: i,
      })),
      ...spec.signers.map((p, i) => ({
        report_id: id,
        stage: 'signOff' as const,
        party_kind: p.kind,
        party_id: p.id,
        position: i,
      })),
    ]);
    return id;
  }

  /**
   * Save the narrative, the completed flag and indicator values (drafting only, drafting unit
   * only). The one write path of report content: the editor's, and the fill-in import's (`fillIn`).
   */
  updateContent(actor: Actor, reportId: number, version: number, content: ReportContent, fillIn?: FillInSource): void {
    const parsed = parseUnknown(reportContentSchema, content as unknown, '报告内容');
    inTransaction(this.db, () => {
      const row = this.editable(actor, reportId, version, fillIn?.unit.id);
      if (row.kind === 'compiled')
        throw new LuoshiError(
          'invalid_input',
          '季度工作进展情况报告请在「公文」页编辑正文并保存（documents.saveCompiled）。',
        );
      const allowed = new Set(
        row.task_id === null ? [] : store.indicatorsOfTask(this.db, row.task_id).map((i) => i.id),
      );
      for (const v of parsed.indicatorValues) {
        if (!allowed.has(v.indicatorId)) {
          throw new LuoshiError('invalid_input', `指标编号 ${v.indicatorId} 不属于该任务。`, 'content.indicatorValues');
        }
      }
      checkIndicatorValues(this.db, row.task_id, parsed.indicatorValues, 'save', fillIn?.where ?? '');
      // 无新进展 stands instead of a value: a value given supersedes the mark.
      const noNewProgress = parsed.indicatorValues
        .filter((v) => v.noNewProgress === true && v.value === null)
        .map((v) => v.indicatorId);
      const changed = changedFields(
        row,
        parsed,
        store.indicatorValuesOf(this.db, row.id),
        store.noNewProgressOf(row),
        new Set(noNewProgress),
      );
      this.mustWrite(
        row,
        store.updateReportContent(
          this.db,
          row.id,
          version,
          {
            progress: parsed.progress,
            problems: parsed.problems,
            nextSteps: parsed.nextSteps,
            completed: parsed.completed,
            contentJson: store.taskContentJson(noNewProgress),
          },
          this.clock.nowIso(),
        ),
      );
      store.replaceIndicatorValues(this.db, row.id, parsed.indicatorValues);
      if (!fillIn) {
        this.appendReportAudit(actor, row, 'report.edit', draftingRole(actor), '', row.state, row.state, { changed });
        return;
      }
      // The unit's edit, made through the importer: the entry names the unit, the person and how.
      const asUnit = { ...actor, unitId: fillIn.unit.id, unitName: fillIn.unit.name };
      this.appendReportAudit(asUnit, row, 'report.edit', fillIn.role, fillIn.opinion, row.state, row.state, {
        changed,
        ...fillIn.details,
      });
    });
  }

  /** Save the compiled report's document (an opaque JSON object). */
  updateCompiled(actor: Actor, reportId: number, version: number, content: CompiledContent): void {
    const parsed = parseUnknown(compiledContentSchema, content as unknown, '报告正文');
    inTransaction(this.db, () => {
      const row = this.editable(actor, reportId, version);
      if (row.kind !== 'compiled') throw new LuoshiError('invalid_input', '该报告不是季度工作进展情况报告。');
      this.mustWrite(
        row,
        store.updateReportContent(
          this.db,
          row.id,
          version,
          { progress: '', problems: '', nextSteps: '', completed: false, contentJson: JSON.stringify(parsed) },
          this.clock.nowIso(),
        ),
      );
      this.appendReportAudit(actor, row, 'report.edit', 'coordinator', '', row.state, row.state, {
        changed: ['document'],
      });
    });
  }

  /**
   * One lifecycle step. Returns the report's new version. The same step sent twice from the same
   * version by the same person (a double click, a retried request) is done once: the repeat
   * answers with the version the first one produced instead of a stale-version refusal.
   */
  transition(actor: Actor, input: TransitionInput): number {
    return inTransaction(this.db, () => {
      const row = this.mustGet(input.reportId);
      if (this.isRepeatOfLastStep(actor, row, input)) return row.version;
      this.checkFresh(row, input.version);
      this.checkRoundOpen(row);
      const persisted = persistedOf(row);
      // With the leaders the caller stands in for under an active 委托: the machine decides.
      const by = actingRefOf(this.db, actor, this.clock.nowIso());
      const opinion = input.opinion?.trim() ?? '';
      let event = this.eventOf(input.event, by, opinion, '');
      if (input.event === 'report.file') {
        // Take a number only when filing is allowed; a refused file must not use one up.
        if (stepReport(persisted, event).ok)
          event = this.eventOf(input.event, by, opinion, this.nextArchiveNo(row.kind));
      }
      const result = stepReport(persisted, event);
      if (!result.ok) {
        throw new LuoshiError(
          'forbidden',
          explainRefusal(result.before, input.event, by, partyNamer(this.db), opinion.length > 0),
        );
      }
      if (input.event === 'report.submit' && row.kind !== 'compiled') {
        this.checkSubmittable(row);
        checkIndicatorValues(
          this.db,
          row.task_id,
          store
            .indicatorValuesOf(this.db, row.id)
            .map((v) => ({ indicatorId: v.indicator_id, value: v.value, note: v.note })),
          'submit',
          '',
        );
      }
      const now = this.clock.nowIso();
      const { before, after } = result;
      // The party this step is for, as the machine's guards chose it: an approval or a signature
      // is recorded for it; a return or objection only names whom the actor stood in for.
      const acting = actingPartyOf(before.context, event);
      const onBehalf = onBehalfOf(this.db, actor, by, acting?.party ?? null);
      const signs = input.event === 'report.approve' || input.event === 'report.sign';
      const party: Party | null = signs && acting ? acting.party : null;
      if (acting && party) {
        store.insertSignature(this.db, {
          report_id: row.id,
          cycle: after.context.cycle,
          stage: acting.stage,
          party_kind: party.kind,
          party_id: party.id,
          user_id: actor.userId,
          on_behalf_of: onBehalf?.leaderId ?? null,
          opinion,
          signed_at: now,
        });
      }
      const submitted = input.event === 'report.submit';
      this.mustWrite(
        row,
        store.updateReportState(
          this.db,
          row.id,
          input.version,
          {
            state: after.state,
            snapshotJson: JSON.stringify(result.persisted),
            archiveNo: after.context.archiveNo,
            draftingUnitId: row.drafting_unit_id,
            firstSubmittedAt: row.first_submitted_at ?? (submitted ? now : null),
            submittedAt: submitted ? now : after.state === 'drafting' ? null : row.submitted_at,
            filedAt: after.state === 'filed' ? now : null,
          },
          now,
        ),
      );
      this.appendReportAudit(
        onBehalf?.actor ?? actor,
        row,
        input.event,
        roleFor(input.event, actor),
        opinion,
        before.state,
        after.state,
        {
          cycle: after.context.cycle,
          ...(party ? { party: `${party.kind}:${party.id}` } : {}),
          ...(onBehalf ? { onBehalfOf: { userId: onBehalf.leaderId, name: onBehalf.leaderName } } : {}),
          // 签发人 of the 上行文: who signed the compiled report off, recorded as it is filed.
          ...(input.event === 'report.file' && row.kind === 'compiled'
            ? { issuers: issuersOf(this.db, row.id, after.context.cycle) }
            : {}),
          ...(after.context.archiveNo && input.event === 'report.file' ? { archiveNo: after.context.archiveNo } : {}),
          // What was filed, as the tables now hold it: `audit verify` recomputes it (core/audit/filedRecord.ts).
          ...(input.event === 'report.file' && after.state === 'filed'
            ? { filed: filedRecordOf(this.db, row.id) }
            : {}),
        },
      );
      return row.version + 1;
    });
  }

  /**
   * A filed report never changes: a correction reopens it as a new revision in drafting, with
   * the same content and parties, while the filed revision and its history stay as they were.
   */
  reopen(actor: Actor, reportId: number, version: number, reason: string): number {
    if (reason.trim().length === 0) throw new LuoshiError('invalid_input', '重新打开报告时必须填写理由。', 'reason');
    return inTransaction(this.db, () => {
      const row = this.mustGet(reportId);
      this.checkFresh(row, version);
      this.checkRoundOpen(row);
      if (row.state !== 'filed') throw new LuoshiError('forbidden', '只有已归档的报告可以重新打开为新修订。');
      const revisions = store.revisionsOf(this.db, row.round_id, row.subject_key);
      if (revisions[revisions.length - 1]?.id !== row.id) {
        throw new LuoshiError('conflict', '该报告已有更新的修订，请在最新修订上操作。');
      }
      const { context } = viewOf(persistedOf(row));
      if (!mayReopen(actor, context.drafter)) {
        throw new LuoshiError('forbidden', '只有起草单位或工作专班可以重新打开已归档的报告。');
      }
      const id = this.createReport(
        {
          roundId: row.round_id,
          kind: row.kind,
          subjectKey: row.subject_key,
          taskId: row.task_id,
          projectId: row.project_id,
          drafter: context.drafter,
          reviewers: context.reviewers,
          signers: context.signers,
        },
        row.revision + 1,
        row,
      );
      const values = store.indicatorValuesOf(this.db, row.id);
      store.replaceIndicatorValues(
        this.db,
        id,
        values.map((v) => ({ indicatorId: v.indicator_id, value: v.value, note: v.note })),
      );
      store.copyAttachments(this.db, row.id, id);
      const created = this.mustGet(id);
      this.appendReportAudit(actor, created, 'report.reopen', reopenRole(actor), reason.trim(), 'filed', 'drafting', {
        previousId: row.id,
        previousArchiveNo: row.archive_no,
      });
      return id;
    });
  }

  addAttachment(actor: Actor, reportId: number, version: number, fileName: string, contentBase64: string): number {
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
    // transaction). Files are stored by content hash, written whole (files/wholeFile.ts) before the
    // transaction that records them; one already there is trusted only if it still has that hash.
    this.editable(actor, reportId, version);
    const path = join(this.attachmentsDir, sha256);
    if (!existsSync(path) || sha256OfFile(path) !== sha256)
      writeFileWhole(path, bytes, { what: `附件「${safeName}」`, sha256 });
    return inTransaction(this.db, () => {
      const row = this.editable(actor, reportId, version);
      const id = store.insertAttachment(
        this.db,
        {
          reportId: row.id,
          fileName: safeName,
          size: bytes.length,
          sha256,
          storedName: sha256,
          uploadedBy: actor.userId,
        },
        this.clock.nowIso(),
      );
      this.mustWrite(row, store.touchReport(this.db, row.id, version, this.clock.nowIso()));
      this.appendReportAudit(actor, row, 'attachment.add', draftingRole(actor), safeName, row.state, row.state, {
        attachmentId: id,
        sha256,
        size: bytes.length,
      });
      return id;
    });
  }

  removeAttachment(actor: Actor, reportId: number, version: number, attachmentId: number): void {
    inTransaction(this.db, () => {
      const row = this.editable(actor, reportId, version);
      const attachment = store.getAttachment(this.db, attachmentId);
      if (!attachment || attachment.report_id !== row.id) {
        throw new LuoshiError('not_found', `该报告没有编号为 ${attachmentId} 的附件。`, 'attachmentId');
      }
      store.markAttachmentRemoved(this.db, attachmentId, this.clock.nowIso());
      this.mustWrite(row, store.touchReport(this.db, row.id, version, this.clock.nowIso()));
      this.appendReportAudit(
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
    const attachment = store.getAttachment(this.db, attachmentId);
    if (!attachment) throw new LuoshiError('not_found', `未找到编号为 ${attachmentId} 的附件。`, 'attachmentId');
    const path = join(this.attachmentsDir, attachment.stored_name);
    if (!existsSync(path))
      throw new LuoshiError('not_found', `附件「${attachment.file_name}」的文件不在数据目录中（${path}）。`);
    const bytes = readFileSync(path);
    if (createHash('sha256').update(bytes).digest('hex') !== attachment.sha256) {
      throw new LuoshiError('internal', `附件「${attachment.file_name}」的文件内容与登记的哈希值不符，可能已被改动。`);
    }
    return { fileName: attachment.file_name, sha256: attachment.sha256, bytes };
  }

  archivePatterns(): { reportPattern: string; compiledPattern: string } {
    return {
      reportPattern: getSetting(this.db, archiveSettings.reportPattern.key) ?? archiveSettings.reportPattern.fallback,
      compiledPattern:
        getSetting(this.db, archiveSettings.compiledPattern.key) ?? archiveSettings.compiledPattern.fallback,
    };
  }

  setArchivePatterns(actor: Actor, patterns: { reportPattern: string; compiledPattern: string }): void {
    authorize(actor, 'reports.setArchiveSettings');
    for (const [field, pattern] of Object.entries(patterns)) {
      if (!isValidArchivePattern(pattern)) {
        throw new LuoshiError(
          'invalid_input',
          `归档号格式「${pattern}」中缺少序号占位符 {seq}（可写作 {seq:4} 表示补足 4 位）。`,
          field,
        );
      }
    }
    inTransaction(this.db, () => {
      setSetting(this.db, archiveSettings.reportPattern.key, patterns.reportPattern);
      setSetting(this.db, archiveSettings.compiledPattern.key, patterns.compiledPattern);
      this.audit.append({
        actor,
        role: settingsRole(actor),
        subjectType: 'settings',
        subjectId: null,
        event: 'settings.update',
        details: patterns,
      });
    });
  }

  // --- helpers --------------------------------------------------------------------------------

  private nextArchiveNo(kind: ReportKind): string {
    const year = chinaYear(this.clock.nowIso());
    const patterns = this.archivePatterns();
    const compiled = kind === 'compiled';
    const seq = nextSequence(this.db, archiveSequenceKey(kind, year));
    return formatArchiveNo(compiled ? patterns.compiledPattern : patterns.reportPattern, year, seq);
  }

  /**
   * The next `count` archive numbers the rule would give reports of `kind` now, without taking
   * them: what a bulk filing shows for confirmation. Filing itself still takes each number.
   */
  proposedArchiveNos(kind: ReportKind, count: number): string[] {
    const year = chinaYear(this.clock.nowIso());
    const patterns = this.archivePatterns();
    const taken = Number(getSetting(this.db, archiveSequenceKey(kind, year)) ?? '0');
    const pattern = kind === 'compiled' ? patterns.compiledPattern : patterns.reportPattern;
    return Array.from({ length: count }, (_, i) => formatArchiveNo(pattern, year, taken + i + 1));
  }

  /** The machine's event for a request: the opinion is the reason or the opinion; the archive number only once taken. */
  private eventOf(
    type: ReportEventType,
    by: ReturnType<typeof actorRef>,
    opinion: string,
    archiveNo: string,
  ): ReportEvent {
    return reportEventOf(type, by, reportEventTable[type].payload === 'archiveNo' ? archiveNo || undefined : opinion);
  }

  /** Refuse to submit a task or project report without progress text or with indicators left open. */
  private checkSubmittable(row: DbReport): void {
    const marked = store.noNewProgressOf(row);
    const values = store.indicatorValuesOf(this.db, row.id).map((v) => ({
      indicatorId: v.indicator_id,
      value: v.value,
      note: v.note,
      noNewProgress: marked.has(v.indicator_id),
    }));
    for (const id of marked)
      if (!values.some((v) => v.indicatorId === id))
        values.push({ indicatorId: id, value: null, note: '', noNewProgress: true });
    const due =
      row.task_id === null
        ? []
        : store.indicatorsOfTask(this.db, row.task_id).map((i) => ({ indicatorId: i.id, metric: i.metric }));
    const gaps = submitGaps({ progress: row.progress, indicatorValues: values }, due);
    if (gaps.length > 0) throw new LuoshiError('invalid_input', submitGapsMessage(gaps), 'content');
  }

  /**
   * Did this very step just happen? Every write to a report raises its version by one and appends
   * one audit entry, so a report one version past the caller's, whose last entry is this event by
   * this user with this opinion, is the caller's own step arriving twice.
   */
  private isRepeatOfLastStep(actor: Actor, row: DbReport, input: TransitionInput): boolean {
    if (row.version !== input.version + 1) return false;
    const last = auditStore.lastAuditRowOfReport(this.db, row.id);
    return (
      last !== null &&
      last.event === input.event &&
      last.user_id === actor.userId &&
      last.opinion === (input.opinion?.trim() ?? '')
    );
  }

  private mustGet(reportId: number): DbReport {
    const row = store.getReportRow(this.db, reportId);
    if (!row) throw new LuoshiError('not_found', `未找到编号为 ${reportId} 的报告。`, 'reportId');
    return row;
  }

  /** Drafting, the caller's unit drafts it, the round is open, and the version is current. */
  /** `forUnit`: a fill-in sheet of that unit, which a coordinator may import for it. */
  private editable(actor: Actor, reportId: number, version: number, forUnit?: number): DbReport {
    const row = this.mustGet(reportId);
    this.checkFresh(row, version);
    this.checkRoundOpen(row);
    if (row.state !== 'drafting') {
      throw new LuoshiError('forbidden', '报告已提交，只有在起草阶段才能修改内容；如需修改，请撤回或等待退回。');
    }
    const { context } = viewOf(persistedOf(row));
    const importsForDrafter =
      forUnit !== undefined && draftedByUnit(context.drafter, forUnit) && mayDo(actor, 'fillIn.importForUnit');
    if (!isDrafter(context.drafter, actorRef(actor)) && !importsForDrafter) {
      const who =
        context.drafter.kind === 'coordinator'
          ? '工作专班'
          : `起草单位（${partyNamer(this.db)({ kind: 'unit', id: context.drafter.id })}）的经办人或负责人`;
      throw new LuoshiError('forbidden', `只有${who}可以修改该报告。`);
    }
    return row;
  }

  /** The round's rule (reportMayMove): closed rounds keep submitted reports moving, and drafting ones when carried over. */
  private checkRoundOpen(row: DbReport): void {
    const round = roundMotionOf(this.db, row.round_id);
    if (round && reportMayMove(round, row.state)) return;
    if (row.state === 'drafting') {
      throw new LuoshiError(
        'forbidden',
        '该填报轮次已关闭，未提交的报告不能再起草或提交。如需补报，请工作专班重新开启本轮。',
      );
    }
    throw new LuoshiError(
      'forbidden',
      '该填报轮次已关闭，已归档的报告不能再修改或重新打开。如需更正，请工作专班重新开启本轮。',
    );
  }

  /** Refuse a change made against an older version, saying who changed it and when. */
  private checkFresh(row: DbReport, version: number): void {
    if (row.version === version) return;
    const last = auditStore.lastAuditRowOfReport(this.db, row.id);
    if (!last) throw new LuoshiError('stale', '该报告已被修改，请刷新后再操作。');
    const who = personLabel(last.actor_name, last.unit_name);
    throw new LuoshiError(
      'stale',
      `该报告已由 ${who}于${formatChinaTime(last.at)} ${auditEventLabel(last.event)}，请刷新后再操作。`,
    );
  }

  private mustWrite(row: DbReport, written: boolean): void {
    // Inside an immediate transaction the version was just checked, so this only fires on a bug.
    if (!written) throw new LuoshiError('stale', `报告 ${row.id} 已被修改，请刷新后再操作。`);
  }

  private appendReportAudit(
    actor: Actor,
    row: DbReport,
    event: AuditEvent,
    role: Role | null,
    opinion: string,
    stateBefore: string,
    stateAfter: string,
    details: Record<string, unknown>,
  ): void {
    this.audit.append({
      actor,
      role,
      subjectType: 'report',
      subjectId: row.id,
      reportId: row.id,
      revision: row.revision,
      event,
      opinion,
      stateBefore,
      stateAfter,
      details,
    });
  }
}

/** The settings key of a year's archive-number sequence (report numbers and 发文字号 run apart). */
function archiveSequenceKey(kind: ReportKind, year: number): string {
  return `${kind === 'compiled' ? 'archive.compiledSeq' : 'archive.reportSeq'}.${year}`;
}

function draftingRole(actor: Actor): Role | null {
  if (actor.roles.includes('clerk')) return 'clerk';
  if (actor.roles.includes('leader')) return 'leader';
  return actor.roles.includes('coordinator') ? 'coordinator' : null;
}

function reopenRole(actor: Actor): Role | null {
  return actor.roles.includes('coordinator') ? 'coordinator' : draftingRole(actor);
}

/** The role in which the actor did it, for the audit entry's 角色 column. */
function roleFor(event: ReportEventType, actor: Actor): Role | null {
  const actedAs = reportEventTable[event].actedAs;
  return actedAs === 'drafter' ? draftingRole(actor) : actedAs;
}

function changedFields(
  row: DbReport,
  next: ReportContent,
  values: readonly { indicator_id: number; value: number | null; note: string }[],
  markedBefore: ReadonlySet<number>,
  markedAfter: ReadonlySet<number>,
): string[] {
  const changed: string[] = [];
  if (row.progress !== next.progress) changed.push('progress');
  if (row.problems !== next.problems) changed.push('problems');
  if (row.next_steps !== next.nextSteps) changed.push('nextSteps');
  if ((row.completed === 1) !== next.completed) changed.push('completed');
  const before = new Map(values.map((v) => [v.indicator_id, `${v.value}|${v.note}`]));
  const after = new Map(next.indicatorValues.map((v) => [v.indicatorId, `${v.value}|${v.note}`]));
  if (before.size !== after.size || [...after].some(([k, v]) => before.get(k) !== v)) changed.push('indicatorValues');
  if (markedBefore.size !== markedAfter.size || [...markedAfter].some((id) => !markedBefore.has(id)))
    changed.push('noNewProgress');
  return changed;
}
