import { chinaIsoDate } from '../../../shared/time';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Actor, Role } from '../../../shared/domain/accounts';
import type { FillInParse, FillInPreview, LedgerKind, QuarterRef } from '../../../shared/domain/ledgers';
import { LuoshiError } from '../../../shared/errors';
import { requireUnitRecords, type Caller } from '../policy';
import { quarterLabel } from '../../../shared/quarters';
import type { Clock } from '../clock';
import { inTransaction, type WritableDB } from '../db/database';
import { readBoundedZip } from '../files/boundedZip';
import {
  assertFillInApplicable,
  planFillInImport,
  readFillInSheet,
  writeFillInSheet,
  writeTrendLedger,
  type LedgerTarget,
} from '../exports/xlsx';
import {
  latestReportsDraftedBy,
  ledgerRound,
  settingOrCreate,
  unitRow,
  type LedgerRound,
} from '../store/ledgerQueries';
import { currentPlanId, getPlanSummary, listIndicators } from '../store/planStore';
import { getReportRow, indicatorValuesOf, noNewProgressOf } from '../store/reportsStore';
import { getSetting } from '../store/settingsStore';
import type { AuditService } from './auditService';
import { checkUploadSize, currentReports, fillInRows, mergedContent } from './ledgers/fillIn';
import type { ReportsService } from './reportsService';
import {
  defaultOfficeName,
  defaultPlanEndYear,
  fillInFileName,
  ledgerFileName,
  ledgerTitle,
  officeNameSetting,
  planEndYearSetting,
} from './ledgers/naming';
import { maxLedgerQuarters, periodLabel, resolvePeriod } from './ledgers/period';
import { PeriodData } from './ledgers/periodData';
import { projectFactsOf, taskFactsOf, type LedgerFrame } from './ledgers/frame';
import { indicatorLedger, projectLedger, taskLedger, unitLedger } from './ledgers/kinds';
import { queryTrend } from './trendQuery';
import { safeFileName } from '../../../shared/domain/fileNames';
import { planSubject } from './ledgers/naming';

/** What the API and the CLI ask for. A ledger covers one round, or a range of quarters. */
export interface LedgerExportRequest {
  kind: LedgerKind;
  roundId?: number;
  /** `2025Q1` */
  from?: string;
  to?: string;
  /** The unit of a unit ledger. */
  unitId?: number;
}

export interface LedgerFile {
  fileName: string;
  bytes: Buffer;
}

export interface FillInApplyResult {
  /** Values written (fields and indicator values). */
  applied: number;
  /** Reports changed, one audit entry each. */
  reports: number;
  preview: FillInPreview;
}

/** The settings key of the per-database HMAC key that seals fill-in sheets. */
const fillInSecretSetting = 'fillIn.hmacKey';

/**
 * Excel ledgers (台账) from the plan and the reports, and the offline fill-in loop (填报表):
 * export a unit's sheet, preview what a returned sheet changes, apply it in one transaction.
 */
export class LedgerService {
  constructor(
    private readonly db: WritableDB,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly reports: ReportsService,
  ) {}

  // --- ledgers --------------------------------------------------------------------------------

  /** A ledger as bytes (for the API). */
  async exportLedger(request: LedgerExportRequest): Promise<LedgerFile> {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    const { fileName } = await this.writeLedger(request, sink);
    return { fileName, bytes: Buffer.concat(chunks) };
  }

  /**
   * 各季度趋势表: one task's quarters, or every task's, side by side (trendQuery.ts), in the
   * ledgers' frame; at most the latest `maxLedgerQuarters` quarters, as a page can hold.
   */
  async exportTrend(taskId?: number): Promise<LedgerFile> {
    const plan = getPlanSummary(this.db);
    if (!plan) throw new LuoshiError('conflict', '尚未导入工作方案，无法导出趋势表。请先导入方案。');
    const trends = queryTrend(this.db, this.clock.nowIso(), taskId === undefined ? {} : { taskId });
    const seen = new Map<number, { roundId: number; label: string; key: number }>();
    for (const t of trends)
      for (const r of t.rounds)
        seen.set(r.roundId, { roundId: r.roundId, label: r.label, key: r.year * 10 + r.quarter });
    const rounds = [...seen.values()].sort((a, b) => a.key - b.key).slice(-maxLedgerQuarters);
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    const only = taskId === undefined ? null : (trends[0] ?? null);
    await writeTrendLedger(
      {
        title: `${plan.title.replace(/\s+/g, '')}${only ? `第${only.no}项任务` : ''}各季度趋势表`,
        fillingUnit: this.officeName(),
        fillingDate: this.today(),
        rounds,
        tasks: trends.map((t) => ({
          no: t.no,
          title: t.title,
          byRound: new Map(t.rounds.map((r) => [r.roundId, { status: r.status, warning: r.warning }])),
          indicators: t.indicators.map((i) => ({
            metric: i.metric,
            unit: i.unit,
            target: i.target,
            byRound: new Map(i.points.map((p) => [p.roundId, p])),
          })),
        })),
      },
      sink,
    );
    const fileName = safeFileName(`${planSubject(plan.title)}${only ? `第${only.no}项任务` : ''}趋势表.xlsx`);
    return { fileName, bytes: Buffer.concat(chunks) };
  }

  /** A ledger streamed to a file path or stream (for the CLI); returns the suggested file name. */
  async writeLedger(request: LedgerExportRequest, target: LedgerTarget): Promise<{ fileName: string }> {
    const plan = getPlanSummary(this.db);
    const planId = currentPlanId(this.db);
    if (!plan || planId === null) throw new LuoshiError('conflict', '尚未导入工作方案，无法生成台账。请先导入方案。');
    const quarters = resolvePeriod(this.db, request);
    const indicators = listIndicators(this.db, planId);
    const unit = request.kind === 'unit' ? this.unitOf(request.unitId) : null;
    const planEnd = this.planEndYear();
    const frame: LedgerFrame = {
      db: this.db,
      planId,
      indicators,
      data: new PeriodData(this.db, quarters, this.clock.nowIso()),
      heading: {
        title: ledgerTitle(request.kind, plan.title, unit?.name),
        fillingUnit: this.officeName(),
        fillingDate: this.today(),
        quarters,
      },
      taskFacts: () => taskFactsOf(this.db, planId, indicators, planEnd),
      projectFacts: () => projectFactsOf(this.db, planId, planEnd),
    };
    const fileName = ledgerFileName(request.kind, plan.title, periodLabel(quarters), unit?.name);
    switch (request.kind) {
      case 'task':
        await taskLedger(frame, target);
        break;
      case 'project':
        await projectLedger(frame, target);
        break;
      case 'indicator':
        await indicatorLedger(frame, target);
        break;
      case 'unit':
        if (!unit) throw new LuoshiError('invalid_input', '单位任务台账需要指定单位。', 'unitId');
        await unitLedger(frame, unit, target);
        break;
    }
    return { fileName };
  }

  // --- fill-in sheets -------------------------------------------------------------------------

  /** A unit's fill-in sheet for a round: its reports in drafting. `actor` null: the local operator (CLI). */
  async exportFillIn(actor: Caller, roundId: number, unitId: number): Promise<LedgerFile> {
    const round = this.roundOf(roundId);
    const unit = this.unitOf(unitId);
    this.requireFillInRight(actor, unit, '下载填报表');
    const reports = latestReportsDraftedBy(this.db, round.id, unit.id);
    const rows = fillInRows(this.db, reports);
    if (rows.length === 0) {
      throw new LuoshiError('conflict', `${unit.name}在${this.label(round)}没有处于起草阶段的报告，无需下载填报表。`);
    }
    const bytes = await writeFillInSheet({
      round: { id: round.id, year: round.year, quarter: round.quarter, deadline: round.deadline },
      unit: { id: unit.id, name: unit.name },
      secret: this.secret(),
      rows,
      createdAt: this.clock.nowIso(),
    });
    return { fileName: fillInFileName(unit.name, this.label(round)), bytes };
  }

  /** Inflated within bounded limits first: exceljs unzips a workbook whole, so a bomb must not reach it. */
  private readSheet(bytes: Buffer, roundId: number, unitId: number) {
    readBoundedZip(bytes, { fileName: '填报表', field: 'contentBase64' });
    const round = ledgerRound(this.db, roundId);
    return readFillInSheet(bytes, {
      roundId,
      ...(round ? { roundLabel: this.label(round) } : {}),
      unitId,
      secret: this.secretForReading(),
    });
  }

  /** What importing a returned sheet would change, and any conflicts. Writes nothing. */
  async previewFillIn(actor: Caller, roundId: number, unitId: number, bytes: Buffer): Promise<FillInPreview> {
    checkUploadSize(bytes);
    const round = this.roundOf(roundId);
    const unit = this.unitOf(unitId);
    this.requireFillInRight(actor, unit, '导入填报表');
    const parse = await this.readSheet(bytes, round.id, unit.id);
    return planFillInImport(parse, currentReports(this.db, latestReportsDraftedBy(this.db, round.id, unit.id)));
  }

  /**
   * The first half of an import: check the upload and the caller's right, then parse and
   * validate the sheet (seal, round, unit, cells). Writes nothing, so the browser mode runs it in
   * its export pool (src/main/server/fillInJob.ts) and hands the result to `applyFillIn`.
   */
  async parseFillIn(actor: Caller, roundId: number, unitId: number, bytes: Buffer): Promise<FillInParse> {
    checkUploadSize(bytes);
    const round = this.roundOf(roundId);
    const unit = this.unitOf(unitId);
    this.requireFillInRight(actor, unit, '导入填报表');
    return this.readSheet(bytes, round.id, unit.id);
  }

  /**
   * Import a returned sheet: all or nothing, in one transaction that re-reads every report, so a
   * report changed or submitted since the preview refuses the whole import. Each changed report
   * gets its new version and one audit entry (`report.edit`), recorded as the unit's edit made
   * through the person who imported the sheet. `parsed`: the sheet as `parseFillIn` read it
   * elsewhere (an export worker); without it the sheet is parsed here.
   */
  async applyFillIn(
    actor: Actor,
    roundId: number,
    unitId: number,
    bytes: Buffer,
    parsed?: FillInParse,
  ): Promise<FillInApplyResult> {
    const parse = parsed ?? (await this.parseFillIn(actor, roundId, unitId, bytes));
    // Checked again on the writer: the parse may come from another thread.
    checkUploadSize(bytes);
    const round = this.roundOf(roundId);
    const unit = this.unitOf(unitId);
    this.requireFillInRight(actor, unit, '导入填报表');
    if (parse.roundId !== round.id || parse.unitId !== unit.id)
      throw new LuoshiError('internal', '填报表的解析结果与所选轮次或单位不一致，未导入任何数据。请重新上传。');
    return inTransaction(this.db, () => {
      const reports = latestReportsDraftedBy(this.db, round.id, unit.id);
      const preview = planFillInImport(parse, currentReports(this.db, reports));
      assertFillInApplicable(preview);
      const titles = new Map(parse.rows.map((r) => [r.reportId, `${r.no}. ${r.title}`] as const));
      const importer = `导入人：${actor.displayName}${actor.unitId !== unit.id && actor.unitName ? `，${actor.unitName}` : ''}`;
      for (const update of preview.updates) {
        const report = reports.find((r) => r.id === update.reportId);
        const row = getReportRow(this.db, update.reportId);
        if (!report || !row) throw new LuoshiError('stale', `报告 ${update.reportId} 已不存在，未导入任何数据。`);
        const title = titles.get(report.id) ?? String(report.id);
        const content = mergedContent(report, indicatorValuesOf(this.db, report.id), update, title);
        // A sheet carries values, not 无新进展 marks: a mark stays where no value was given.
        const marked = noNewProgressOf(row);
        const indicatorValues = content.indicatorValues.map((v) =>
          v.value === null && marked.has(v.indicatorId) ? { ...v, noNewProgress: true } : v,
        );
        // The editor's write path: drafting, version, round, indicator values, changed fields, audit.
        this.reports.updateContent(
          actor,
          report.id,
          update.expectedVersion,
          { ...content, indicatorValues },
          {
            unit,
            where: `「${title}」的`,
            role: importRole(actor, unit.id),
            opinion: `经填报表导入（${importer}）`,
            details: {
              source: 'fillIn',
              sheetCreatedAt: parse.createdAt,
              ...(actor.unitId === unit.id ? {} : { importerUnitId: actor.unitId, importerUnitName: actor.unitName }),
            },
          },
        );
      }
      return { applied: preview.changes.length, reports: preview.updates.length, preview };
    });
  }

  // --- helpers --------------------------------------------------------------------------------

  private requireFillInRight(actor: Caller, unit: { id: number; name: string }, what: string): void {
    requireUnitRecords(actor, unit, what);
  }

  private roundOf(roundId: number): LedgerRound {
    const round = ledgerRound(this.db, roundId);
    if (!round) throw new LuoshiError('not_found', `未找到编号为 ${roundId} 的填报轮次。`, 'roundId');
    return round;
  }

  private unitOf(unitId: number | undefined): { id: number; name: string } {
    if (unitId === undefined) throw new LuoshiError('invalid_input', '请指定单位。', 'unitId');
    const unit = unitRow(this.db, unitId);
    if (!unit) throw new LuoshiError('not_found', `单位目录中没有编号为 ${unitId} 的单位。`, 'unitId');
    if (unit.kind === 'group') {
      throw new LuoshiError(
        'invalid_input',
        `「${unit.name}」是单位集合，不是一个单位，请选择其中的具体单位。`,
        'unitId',
      );
    }
    return { id: unit.id, name: unit.name };
  }

  private label(round: QuarterRef): string {
    return quarterLabel(round);
  }

  private secret(): string {
    return settingOrCreate(this.db, fillInSecretSetting, () => randomBytes(32).toString('hex'));
  }

  /**
   * The key to check a returned sheet with. Reading never creates one: with no key stored yet, no
   * sheet can have come from this data, and a throwaway key makes the seal check say so.
   */
  private secretForReading(): string {
    return getSetting(this.db, fillInSecretSetting) ?? randomBytes(32).toString('hex');
  }

  private officeName(): string {
    return getSetting(this.db, officeNameSetting)?.trim() || defaultOfficeName;
  }

  private planEndYear(): number {
    const year = Number(getSetting(this.db, planEndYearSetting));
    return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : defaultPlanEndYear;
  }

  /** 填报日期: today in China Standard Time. */
  private today(): string {
    return chinaIsoDate(this.clock.nowIso());
  }
}

/** The role the importer acts in for the audit entry's 角色 column. */
function importRole(actor: Actor, unitId: number): Role | null {
  if (actor.unitId === unitId) {
    if (actor.roles.includes('clerk')) return 'clerk';
    if (actor.roles.includes('leader')) return 'leader';
  }
  return actor.roles.includes('coordinator') ? 'coordinator' : null;
}
