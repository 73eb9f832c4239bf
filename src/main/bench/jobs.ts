import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OfficialDocument } from '../../shared/domain/documents';
import { createCore, type LuoshiCore } from '../core/core';
import { localContext } from '../core/context';
import { createDispatcher } from '../core/dispatcher';
import { loadExcel } from '../core/exports/xlsx/excel';
import { AuditLedgerService } from '../core/services/ledgers/auditLedger';
import { writeFloorDocx, writeFloorWorkbook, type FloorWorkbook } from './floors';
import { elapsedMs } from './stats';

/**
 * The work the bench runs in a fresh process each time, so peak memory (maxRSS) belongs to one
 * export alone and a cold start is really cold. Each job times only its own work; opening the
 * data for an export is not part of the export.
 */

interface DataJob {
  dataDir: string;
  resourcesDir: string;
}

export type BenchJob =
  | ({ kind: 'coldStart'; sessionId: string; roundId: number } & DataJob)
  | ({ kind: 'docx'; roundId: number; out: string; documentJson: string } & DataJob)
  | { kind: 'docxFloor'; documentJson: string; out: string }
  | ({ kind: 'taskLedger'; ranges: { from: string; to: string }[]; outDir: string } & DataJob)
  | ({ kind: 'auditLedger'; out: string } & DataJob)
  | { kind: 'xlsxFloor'; valuesJson: string; outDir: string };

export interface JobResult {
  /** The job's own work, in milliseconds. */
  ms: number;
  /** Peak resident memory of the whole process, MB. */
  maxRssMb: number;
  /** Resident memory just before the timed work, MB (what loading the code and data took). */
  rssBeforeMb: number;
  extra: Record<string, number>;
}

const mb = (bytes: number): number => bytes / 1_048_576;

async function openData(job: DataJob): Promise<LuoshiCore> {
  return createCore({ dataDir: job.dataDir, resourcesDir: job.resourcesDir, loadSeedPlan: false });
}

/**
 * Exports load their library on first use; loading is start-up cost (measured by the cold start),
 * not the export's, so both Luoshi and the floors get the libraries loaded before timing.
 */
async function preloadLibraries(job: BenchJob): Promise<void> {
  if (job.kind === 'coldStart') return;
  await loadExcel();
  await import('docx');
}

export async function runJob(job: BenchJob): Promise<JobResult> {
  await preloadLibraries(job);
  const extra: Record<string, number> = {};
  let rssBefore = process.memoryUsage().rss;
  let start = process.hrtime.bigint();
  const begin = (): void => {
    rssBefore = process.memoryUsage().rss;
    start = process.hrtime.bigint();
  };
  let ms: number;
  switch (job.kind) {
    case 'coldStart': {
      begin();
      const core = await createCore({ dataDir: job.dataDir, resourcesDir: job.resourcesDir });
      extra.openMs = elapsedMs(start);
      const dispatcher = createDispatcher(core);
      const context = localContext('ipc');
      context.setSessionId(job.sessionId);
      const firstScreen = process.hrtime.bigint();
      for (const [method, input] of dashboardCalls(job.roundId)) {
        const result = await dispatcher.call(method, input, context);
        if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      }
      extra.dashboardMs = elapsedMs(firstScreen);
      ms = elapsedMs(start);
      core.close();
      break;
    }
    case 'docx': {
      const core = await openData(job);
      begin();
      // The app's own path: DocumentService composes from the round and renders with the office's fonts.
      const doc = core.documents.composeQuarterly(job.roundId);
      extra.composeMs = elapsedMs(start);
      const { bytes } = await core.documents.renderDocument(doc);
      writeFileSync(job.out, bytes);
      ms = elapsedMs(start);
      extra.bytes = bytes.length;
      writeFileSync(job.documentJson, JSON.stringify(doc));
      core.close();
      break;
    }
    case 'docxFloor': {
      const doc = JSON.parse(readFileSync(job.documentJson, 'utf8')) as OfficialDocument;
      begin();
      const bytes = await writeFloorDocx(doc);
      writeFileSync(job.out, bytes);
      ms = elapsedMs(start);
      extra.bytes = bytes.length;
      break;
    }
    case 'taskLedger': {
      const core = await openData(job);
      mkdirSync(job.outDir, { recursive: true });
      begin();
      let i = 0;
      for (const range of job.ranges) {
        i += 1;
        await core.ledgers.writeLedger(
          { kind: 'task', from: range.from, to: range.to },
          join(job.outDir, `task-${String(i).padStart(2, '0')}.xlsx`),
        );
      }
      ms = elapsedMs(start);
      extra.files = job.ranges.length;
      core.close();
      break;
    }
    case 'auditLedger': {
      const core = await openData(job);
      begin();
      const { rows } = await new AuditLedgerService(core.db, core.clock).writeLedger(job.out);
      ms = elapsedMs(start);
      extra.rows = rows;
      core.close();
      break;
    }
    case 'xlsxFloor': {
      const workbooks = JSON.parse(readFileSync(job.valuesJson, 'utf8')) as FloorWorkbook[];
      mkdirSync(job.outDir, { recursive: true });
      begin();
      let i = 0;
      for (const workbook of workbooks) {
        i += 1;
        await writeFloorWorkbook(workbook, join(job.outDir, `floor-${String(i).padStart(2, '0')}.xlsx`));
      }
      ms = elapsedMs(start);
      break;
    }
  }
  return { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb: mb(rssBefore), extra };
}

/**
 * What the 工作台 loads: the plan, the rounds, the newest round's overview, the caller's inbox,
 * and the 领导批示落实 card's open 批示 and the caller's (src/renderer/src/components/Instructions.tsx).
 */
export function dashboardCalls(roundId: number): [string, unknown][] {
  return [
    ['plan.overview', {}],
    ['rounds.list', {}],
    ['rounds.overview', { roundId }],
    ['reports.inbox', {}],
    ['instructions.list', {}],
    ['instructions.todo', {}],
  ];
}
