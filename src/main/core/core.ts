import packageJson from '../../../package.json';
import { mkdirSync, readFileSync } from 'node:fs';
import { appItself } from './policy';
import { basename, join } from 'node:path';
import type { Actor } from '../../shared/domain/accounts';
import { openDatabase, type WritableDB } from './db/database';
import { schemaVersionOf } from './db/migrations';
import { systemClock, type Clock } from './clock';
import { dataPaths, type DataPaths } from './paths';
import { PlanService } from './services/planService';
import { DashboardService } from './services/dashboardService';
import { SearchService } from './services/searchService';
import { seedPlanFile } from './importer';
import type { AuditVerifyResult } from '../../shared/domain/audit';
import { createWorkflowServices, type WorkflowServices } from './services/workflowServices';
import { LedgerService } from './services/ledgerService';
import { DocumentService } from './services/documentService';
import { auditFolderOf, fileAuditKeySource, type AuditKeySource } from './audit/auditKey';
import { witnessLine, type AuditWitnessWriter } from './audit/auditWitness';
import { attachAuditKey } from './audit/auditTrail';
import { sweepAttachments, sweepInterruptedBackups } from './files/sweep';

export interface CoreOptions {
  dataDir: string;
  /** The folder holding `seed/` and other shipped files. */
  resourcesDir: string;
  clock?: Clock;
  /** Load the shipped seed plan when the database has no plan yet (default true). */
  loadSeedPlan?: boolean;
  /** Where the audit key is kept; a file beside the data folder by default (the desktop may use safeStorage). */
  auditKey?: AuditKeySource;
  /** Create the audit key and mark the trail keyed when needed (default true; `audit verify` passes false). */
  introduceAuditKey?: boolean;
  /** Remove leftovers of interrupted writes and unreferenced attachment files at start (default true). */
  sweepAtStart?: boolean;
  /** Least time between two witnesses of the audit head (default 1 s). */
  auditWitnessIntervalMs?: number;
}

/** Resolves a session id to the signed-in user. The accounts service provides the real one. */
export interface SessionResolver {
  resolveActor(sessionId: string | null): Actor | null;
}

/**
 * The application: services over one SQLite store. It knows nothing of Electron; the desktop
 * window, the HTTP server, the CLI and the tests all drive it through the same dispatcher.
 */
export interface LuoshiCore {
  readonly db: WritableDB;
  readonly paths: DataPaths;
  readonly resourcesDir: string;
  readonly clock: Clock;
  readonly version: string;
  readonly plan: PlanService;
  readonly search: SearchService;
  /** The 工作台's figures beyond the round overview. */
  readonly dashboard: DashboardService;
  sessions: SessionResolver;
  /** Accounts, rounds, reports and the audit trail (the report lifecycle). */
  readonly workflow: WorkflowServices;
  /** Excel ledgers (台账) and the offline fill-in loop (填报表). */
  readonly ledgers: LedgerService;
  /** Official Word documents (公文): composition, the compiled report's document, rendering. */
  readonly documents: DocumentService;
  /** The audit chain as checked on first use after opening; `recheckIntegrity` refreshes it. */
  integrity: AuditVerifyResult;
  recheckIntegrity(): AuditVerifyResult;
  /** Write a witness of the audit head now if entries were appended since the last one (close does too). */
  flushAuditWitness(): void;
  /** The folder beside the data folder with the audit key and witnesses. */
  readonly auditFolder: string;
  /** A sealed witness line for an audit head (backup manifests carry one); null without a key. */
  sealAuditWitness(head: { id: number; hash: string; mac: string | null }): string | null;
  schemaVersion(): number;
  close(): void;
}

/** The version users see and backups record: package.json's, never a copy. */
export const appVersion: string = packageJson.version;

export async function createCore(options: CoreOptions): Promise<LuoshiCore> {
  const paths = dataPaths(options.dataDir);
  mkdirSync(paths.dataDir, { recursive: true });
  mkdirSync(paths.attachments, { recursive: true });
  const db = openDatabase(paths.database);
  const clock = options.clock ?? systemClock;
  const search = new SearchService(db, clock);
  const workflow = createWorkflowServices(db, clock, paths.attachments);
  const auditFolder = auditFolderOf(paths.dataDir);
  let witness: AuditWitnessWriter | null;
  try {
    witness = attachAuditKey({
      db,
      audit: workflow.audit,
      clock,
      source: options.auditKey ?? fileAuditKeySource(paths.dataDir),
      auditFolder,
      introduce: options.introduceAuditKey !== false,
      ...(options.auditWitnessIntervalMs === undefined ? {} : { witnessIntervalMs: options.auditWitnessIntervalMs }),
    });
  } catch (error) {
    db.close();
    throw error;
  }
  if (options.sweepAtStart !== false) sweepLeftovers(db, paths);
  const flushWitness = (receipt = false): void => {
    try {
      witness?.flush(false, receipt);
    } catch (error) {
      console.error('审计见证写入失败：', error);
    }
  };
  // Checked on first use, not at open: the whole chain takes ~1 s per 100,000 entries (npm run
  // bench), which would otherwise delay the first screen of every start.
  let integrity: AuditVerifyResult | null = null;
  const core: LuoshiCore = {
    db,
    paths,
    resourcesDir: options.resourcesDir,
    clock,
    version: appVersion,
    plan: new PlanService(db, clock, search, workflow.audit),
    search,
    dashboard: new DashboardService(db, clock),
    sessions: workflow.accounts,
    workflow,
    ledgers: new LedgerService(db, clock, workflow.audit),
    documents: new DocumentService(db, clock, workflow),
    get integrity() {
      integrity ??= workflow.audit.verify();
      return integrity;
    },
    set integrity(result) {
      integrity = result;
    },
    recheckIntegrity() {
      integrity = workflow.audit.verify();
      return integrity;
    },
    flushAuditWitness: () => flushWitness(true),
    sealAuditWitness: (head) => {
      const key = workflow.audit.key;
      return key ? witnessLine(key, { id: head.id, hash: head.hash, mac: head.mac ?? '', writtenAt: clock.nowIso() }) : null;
    },
    auditFolder,
    schemaVersion: () => schemaVersionOf(db),
    close: () => {
      if (!db.open) return;
      flushWitness(true);
      witness?.dispose();
      db.close();
    },
  };
  try {
    if (options.loadSeedPlan !== false && !core.plan.hasPlan()) await loadSeedPlan(core);
  } catch (error) {
    core.close();
    throw error;
  }
  return core;
}

/** Leftovers of interrupted writes go at start; a failure here must not keep the app from opening. */
function sweepLeftovers(db: WritableDB, paths: DataPaths): void {
  try {
    sweepAttachments(db, paths.attachments);
    sweepInterruptedBackups(paths);
  } catch (error) {
    console.error('清理残留文件失败：', error);
  }
}

/** First run: the plan the app ships with becomes the current plan. */
async function loadSeedPlan(core: LuoshiCore): Promise<void> {
  const file = seedPlanFile(core.resourcesDir);
  await core.plan.import({ fileName: basename(file), bytes: readFileSync(file) }, appItself);
}

export function resourcesDirFrom(packageRoot: string): string {
  return join(packageRoot, 'resources');
}
