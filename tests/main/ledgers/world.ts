import type { Workbook, Worksheet } from 'exceljs';
import { appItself } from '../../../src/main/core/policy';
import type { Actor, Role } from '../../../src/shared/domain/accounts';
import type { ReportContent } from '../../../src/shared/domain/reports';
import { fixedClock } from '../../../src/main/core/clock';
import { createCore, type LuoshiCore } from '../../../src/main/core/core';
import { toActor } from '../../../src/main/core/store/usersStore';
import { unitIdByName } from '../../../src/main/core/store/unitStore';
import { makeTempDir, resourcesDir } from '../../helpers/tempDir';
import { loadWorkbook } from '../exports/xlsx/readBack';
import { completeDraft } from '../workflow/helpers';
import { testDatabaseUrl, testEngineOptions } from '../../helpers/postgresDatabases';

/**
 * A core over a real SQLite file with the seed plan loaded (as makeTestCore does), but on a
 * fixed clock: statuses depend on "now" and the round deadline.
 */
export interface LedgerWorld {
  core: LuoshiCore;
  dataDir: string;
  clock: ReturnType<typeof fixedClock>;
  unitId(name: string): number;
  user(username: string, roles: Role[], unitName: string | null, displayName?: string): Actor;
  /** The newest report of a task (or project, by id) in a round. */
  report(
    roundId: number,
    kind: 'task' | 'project',
    no: number,
  ): { reportId: number; version: number; taskId: number | null; projectId: number | null };
  edit(actor: Actor, reportId: number, content: Partial<ReportContent>): void;
  submit(actor: Actor, reportId: number): void;
  /** Everything the fill-in import could touch, as one comparable string. */
  snapshot(): string;
  cleanup(): void;
}

export const units = {
  social: '区社会事业局',
  education: '区教育文化体育局',
  economy: '区经济发展局',
  women: '区党群工作部（妇联）',
} as const;

export async function createLedgerWorld(start = new Date('2025-10-01T01:00:00Z')): Promise<LedgerWorld> {
  const temp = makeTempDir('luoshi-ledgers-');
  const clock = fixedClock(start);
  const database = testDatabaseUrl();
  const core = await createCore({ dataDir: temp.dir, resourcesDir, clock, ...testEngineOptions(database, temp.dir) });
  const ids = unitIdByName(core.db);
  const world: LedgerWorld = {
    core,
    dataDir: temp.dir,
    clock,
    unitId(name) {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`no unit ${name}`);
      return id;
    },
    user(username, roles, unitName, displayName) {
      return toActor(
        core.workflow.accounts.create(
          appItself,
          {
            username,
            displayName: displayName ?? username,
            password: 'password-123',
            unitId: unitName === null ? null : world.unitId(unitName),
            roles,
          },
          { hashCost: 'demo' },
        ),
      );
    },
    report(roundId, kind, no) {
      const row = core.workflow.rounds.overview(roundId).rows.find((r) => r.kind === kind && r.no === no);
      if (!row) throw new Error(`no ${kind} ${no} in round ${roundId}`);
      return { reportId: row.reportId, version: row.version, taskId: row.taskId, projectId: row.projectId };
    },
    edit(actor, reportId, content) {
      const view = core.workflow.reportQueries.get(actor, reportId);
      core.workflow.reports.updateContent(actor, reportId, view.version, { ...view.content, ...content });
    },
    submit(actor, reportId) {
      const version = completeDraft(core, actor, reportId);
      core.workflow.reports.transition(actor, { reportId, version, event: 'report.submit' });
    },
    snapshot() {
      return JSON.stringify([
        core.db
          .prepare(
            'SELECT id, version, state, progress, problems, next_steps, completed, updated_at FROM reports ORDER BY id',
          )
          .all(),
        core.db.prepare('SELECT * FROM report_indicator_values ORDER BY report_id, indicator_id').all(),
        core.db.prepare('SELECT count(*) AS n, max(hash) AS h FROM audit_log').get(),
      ]);
    },
    cleanup() {
      core.close();
      temp.cleanup();
      database?.drop();
    },
  };
  return world;
}

export async function workbookOf(bytes: Buffer): Promise<Workbook> {
  return loadWorkbook(bytes);
}

/** Text of a cell as a reader sees it (rich text joined). */
export function text(sheet: Worksheet, row: number, col: number): string {
  const v: unknown = sheet.getCell(row, col).value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && 'richText' in v)
    return (v as { richText: { text: string }[] }).richText.map((p) => p.text).join('');
  return JSON.stringify(v);
}

/** The 1-based column whose header (row 3) is `header`. */
export function column(sheet: Worksheet, header: string): number {
  for (let c = 1; c <= sheet.columnCount; c++) if (text(sheet, 3, c) === header) return c;
  throw new Error(
    `no column ${header} in ${sheet.name}: ${Array.from({ length: sheet.columnCount }, (_, i) => text(sheet, 3, i + 1)).join('|')}`,
  );
}

/** The data row whose 序号 cell is `no` (group heading rows have none). */
export function rowOf(sheet: Worksheet, no: number | string): number {
  for (let r = 4; r <= sheet.rowCount; r++) if (text(sheet, r, 1) === String(no)) return r;
  throw new Error(`no row ${no} in ${sheet.name}`);
}

/** Data rows (those with a 序号), heading rows excluded. */
export function dataRows(sheet: Worksheet): number[] {
  const rows: number[] = [];
  for (let r = 4; r <= sheet.rowCount; r++) {
    const no = text(sheet, r, 1);
    if (no !== '' && text(sheet, r, 2) !== no) rows.push(r);
  }
  return rows;
}
