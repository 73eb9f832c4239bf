import { effectiveDeadline, isPastDeadline } from '../../../shared/domain/progress';
import type { Actor } from '../../../shared/domain/accounts';
import {
  documentSettingsSchema,
  fontMappingSchema,
  officialDocumentSchema,
  type DocumentSettings,
  type FontMapping,
  type OfficialDocument,
} from '../../../shared/domain/documents';
import { parseUnknown } from '../../../shared/contract/parse';
import { LuoshiError } from '../../../shared/errors';
import type { Clock } from '../clock';
import { inTransaction, type WritableDB } from '../db/database';
import {
  composeBulletin,
  composeQuarterlyReport,
  composeReminderNotice,
  composeTaskReport,
  detectOfficialFonts,
  writeOfficialDocx,
  type FontReport,
} from '../exports/docx';
import * as q from '../store/documentQueries';
import { auditHeadWithTime } from '../store/auditStore';
import { auditDigestProperties } from '../audit/documentWitness';
import { RoundProgress } from './roundProgress';
import { extensionsOfRound } from '../store/remindersStore';
import { getRoundRow } from '../store/roundsStore';
import { reminderSummaries } from './supervisionService';
import { planRefOf } from './documents/roundData';
import { roundFacts, taskReportFacts } from './documents/roundData';
import { readDocumentSettings, readFontMapping, writeDocumentSettings, writeFontMapping } from './documents/settings';
import { addDays, chinaDate, documentFileName, storedCompiledDocument } from './documents/stored';
import { authorize, settingsRole } from '../policy';
import { issuersOf } from './delegatedSteps';
import type { WorkflowServices } from './workflowServices';
import { instructionProgress, instructionsOfQuarter } from './instructionsService';

/** A fresh composition: the quarterly report or bulletin of a round, or one task report. */
export type ComposeRequest = { kind: 'quarterly' | 'bulletin'; roundId: number } | { kind: 'task'; reportId: number };

/** What to render: a stored compiled report, a model the clerk edited, or a fresh composition. */
export type RenderRequest = { compiledReportId: number } | { document: OfficialDocument } | ComposeRequest;

export interface RenderedDocument {
  /** The document's title, e.g. 关于2025年第三季度儿童友好城市建设工作进展情况的报告.docx. */
  fileName: string;
  bytes: Buffer;
}

export interface FontStatus {
  report: FontReport;
  /** The mapping exports use now. */
  mapping: FontMapping;
}

/** Days the bulletin gives lagging units to report their corrective measures. */
const correctionDays = 10;

/**
 * The official Word documents over the database: composes the quarterly report, a task's report
 * and the bulletin from a round's reports; keeps the compiled report's document with the report
 * (its lifecycle is the workflow's); renders any of them to .docx with the office's fonts.
 */
export class DocumentService {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
    private readonly workflow: WorkflowServices,
    private readonly detectFonts: () => Promise<FontReport> = () => detectOfficialFonts(),
  ) {}

  // --- settings -------------------------------------------------------------------------------

  settings(): DocumentSettings {
    return readDocumentSettings(this.db);
  }

  setSettings(actor: Actor, settings: DocumentSettings): DocumentSettings {
    authorize(actor, 'documents.setSettings');
    const valid = parseUnknown(documentSettingsSchema, settings as unknown, '公文设置');
    this.writeAudited(actor, () => writeDocumentSettings(this.db, valid), { documents: valid });
    return this.settings();
  }

  fonts(): FontMapping {
    return readFontMapping(this.db);
  }

  setFonts(actor: Actor, fonts: FontMapping): FontMapping {
    authorize(actor, 'documents.setFonts');
    const valid = parseUnknown(fontMappingSchema, fonts as unknown, '字体设置');
    this.writeAudited(actor, () => writeFontMapping(this.db, valid), { fonts: valid });
    return this.fonts();
  }

  /** A settings write and its audit entry, in one transaction. */
  private writeAudited(actor: Actor, write: () => void, details: Record<string, unknown>): void {
    inTransaction(this.db, () => {
      write();
      this.workflow.audit.append({
        actor,
        role: settingsRole(actor),
        subjectType: 'settings',
        subjectId: null,
        event: 'settings.update',
        details,
      });
    });
  }

  /** Which of the standard's faces this machine has, and the mapping exports use now. */
  async fontStatus(): Promise<FontStatus> {
    return { report: await this.detectFonts(), mapping: this.fonts() };
  }

  // --- composition ----------------------------------------------------------------------------

  composeQuarterly(roundId: number): OfficialDocument {
    const facts = this.roundFacts(roundId);
    return composeQuarterlyReport({
      plan: facts.plan,
      round: facts.round,
      settings: this.settings(),
      categories: facts.categories,
      indicators: facts.indicators,
      instructions: instructionsOfQuarter(this.db, facts.round, this.clock.nowIso()).map(instructionProgress),
      deadlinePassed: isPastDeadline(facts.deadline, this.clock.nowIso()),
      date: this.today(),
      docNumber: null,
    });
  }

  composeBulletin(roundId: number): OfficialDocument {
    const facts = this.roundFacts(roundId);
    const date = this.today();
    return composeBulletin({
      plan: facts.plan,
      round: facts.round,
      settings: this.settings(),
      totals: facts.totals,
      tasks: facts.bulletinTasks,
      // Counted from the later of today and the round's deadline, so it never precedes the deadline.
      correctionDeadline: addDays(date > facts.deadline ? date : facts.deadline, correctionDays),
      roundDeadline: facts.deadline,
      deadlinePassed: isPastDeadline(facts.deadline, this.clock.nowIso()),
      date,
      docNumber: null,
    });
  }

  /**
   * 催办通知: the units reminded in a round (their deadline with any 延期, how often, the last
   * message), in the official format. Coordinators only.
   */
  composeReminderNotice(actor: Actor, roundId: number): OfficialDocument {
    authorize(actor, 'supervision.exportNotice');
    const round = getRoundRow(this.db, roundId);
    if (!round) throw new LuoshiError('not_found', `未找到编号为 ${roundId} 的填报轮次。`, 'roundId');
    const reminded = reminderSummaries(this.db, roundId);
    if (reminded.length === 0)
      throw new LuoshiError('conflict', '本轮还没有催办记录，无法生成催办通知。请先在工作台或轮次总览中催办单位。');
    const plan = q.planOfRound(this.db, roundId);
    if (!plan) throw new LuoshiError('conflict', '尚未导入工作方案，无法生成公文。请先导入方案。');
    const extensions = new Map(extensionsOfRound(this.db, roundId).map((e) => [e.unit_id, e]));
    return composeReminderNotice({
      plan: planRefOf(plan),
      round,
      settings: this.settings(),
      units: reminded
        .map((r) => ({
          unitName: r.unitName,
          deadline: effectiveDeadline(round.deadline, r.unitId, extensions),
          count: r.count,
          lastDate: chinaDate(r.lastAt),
          lastMessage: r.lastMessage,
        }))
        .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN')),
      date: this.today(),
      docNumber: null,
    });
  }

  /** The report of one revision of a task report, as its lead unit sends it to the task force. */
  composeTaskReport(reportId: number): OfficialDocument {
    const report = q.reportById(this.db, reportId);
    if (!report) throw new LuoshiError('not_found', `未找到编号为 ${reportId} 的报告。`, 'reportId');
    const round = this.workflow.rounds.get(report.round_id);
    const facts = taskReportFacts(this.db, report, round, this.clock.nowIso());
    return composeTaskReport({
      plan: facts.plan,
      round: facts.round,
      settings: this.settings(),
      category: { no: facts.task.category_no, title: facts.task.category_title },
      task: {
        no: facts.task.no,
        title: facts.task.title,
        leadUnits: facts.units.lead,
        status: facts.status,
        progress: report.progress,
        problems: report.problems,
        nextSteps: report.next_steps,
        body: facts.task.body,
        responsibleUnits: facts.units.responsible,
      },
      indicators: facts.indicators,
      // A filed report is dated the day it was filed, so it renders the same every time.
      date: report.filed_at ? chinaDate(report.filed_at) : this.today(),
      docNumber: null,
    });
  }

  compose(request: ComposeRequest): OfficialDocument {
    switch (request.kind) {
      case 'quarterly':
        return this.composeQuarterly(request.roundId);
      case 'bulletin':
        return this.composeBulletin(request.roundId);
      case 'task':
        return this.composeTaskReport(request.reportId);
    }
  }

  // --- the compiled report --------------------------------------------------------------------

  /** Compose the round's quarterly report and start the compiled report with it. Returns its id. */
  createCompiledDraft(actor: Actor, roundId: number): number {
    authorize(actor, 'compiled.create');
    const document = this.composeQuarterly(roundId);
    return this.workflow.rounds.createCompiled(actor, roundId, document);
  }

  /**
   * Save the clerk's edited document with the compiled report (drafting only, the task force
   * only). It must be a valid quarterly report without a 发文字号: the number comes from filing.
   */
  saveCompiled(actor: Actor, reportId: number, version: number, document: unknown): void {
    authorize(actor, 'compiled.update');
    const valid = parseUnknown(officialDocumentSchema, document, '公文内容');
    if (valid.kind !== 'quarterly') {
      throw new LuoshiError(
        'invalid_input',
        '季度工作进展情况报告的正文应为季度工作进展情况报告（kind 为 quarterly）。',
        'document.kind',
      );
    }
    if (valid.header.docNumber !== null) {
      throw new LuoshiError(
        'invalid_input',
        '发文字号在归档时自动编号，保存草稿时请留空。',
        'document.header.docNumber',
      );
    }
    if ((valid.header.issuers ?? []).length > 0) {
      throw new LuoshiError(
        'invalid_input',
        '签发人在归档时按会签记录自动填写，保存草稿时请留空。',
        'document.header.issuers',
      );
    }
    const report = q.reportById(this.db, reportId);
    if (!report) throw new LuoshiError('not_found', `未找到编号为 ${reportId} 的报告。`, 'reportId');
    if (report.kind !== 'compiled')
      throw new LuoshiError('invalid_input', `报告 ${reportId} 不是季度工作进展情况报告。`, 'reportId');
    this.workflow.reports.updateCompiled(actor, reportId, version, valid);
  }

  /** The stored document of a compiled report; once filed, its 发文字号 is the report's archive number. */
  compiledDocument(reportId: number): OfficialDocument {
    const report = q.reportById(this.db, reportId);
    if (!report) throw new LuoshiError('not_found', `未找到编号为 ${reportId} 的报告。`, 'compiledReportId');
    return storedCompiledDocument(report, report.state === 'filed' ? issuersOf(this.db, report.id) : []);
  }

  /** The newest revision of a round's compiled report, or null before it is created. */
  compiledReportIdOf(roundId: number): number | null {
    this.workflow.rounds.get(roundId);
    return q.latestCompiledReport(this.db, roundId)?.id ?? null;
  }

  // --- rendering ------------------------------------------------------------------------------

  async render(request: RenderRequest): Promise<RenderedDocument> {
    if ('compiledReportId' in request) return this.renderDocument(this.compiledDocument(request.compiledReportId));
    if ('document' in request) return this.renderDocument(request.document);
    return this.renderDocument(this.compose(request));
  }

  /** Every rendered document carries the sealed audit head of the moment (its 审计摘要, core/audit/documentWitness.ts). */
  async renderDocument(document: OfficialDocument): Promise<RenderedDocument> {
    const properties = auditDigestProperties(this.workflow.audit.key, auditHeadWithTime(this.db));
    const bytes = await writeOfficialDocx(document, this.fonts(), properties);
    return { fileName: documentFileName(document), bytes };
  }

  // --- helpers --------------------------------------------------------------------------------

  private today(): string {
    return chinaDate(this.clock.nowIso());
  }

  private roundFacts(roundId: number): ReturnType<typeof roundFacts> {
    const round = this.workflow.rounds.get(roundId);
    return roundFacts(this.db, round, new RoundProgress(this.db, round, this.clock.nowIso()));
  }
}
