import packageJson from '../../../package.json';
import { mkdirSync, readFileSync } from 'node:fs';
import { appItself } from './policy';
import { basename } from 'node:path';
import type { Actor } from '../../shared/domain/accounts';
import { openDatabase, openPostgresDatabase, type WritableDB } from './db/database';
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
import type { AttachmentStore } from './files/attachmentStore';
import { folderAttachmentStore } from './files/folderAttachmentStore';
import { postgresAttachmentStore } from './files/postgresAttachmentStore';
import { dialectOf } from './db/dialect';
import { restoreBackup, type RestoreResult } from './backup/restoreBackup';
import { runExclusive } from './backup/queue';
import { LuoshiError } from '../../shared/errors';

export interface CoreOptions {
  /** The data folder: the SQLite database (unless `databaseUrl`), attachments, backups, TLS material. */
  dataDir: string;
  /**
   * A PostgreSQL database (postgres://…) to use instead of the folder's SQLite file; the folder
   * still holds what is not in the database (the audit key beside it, backups, certificates).
   */
  databaseUrl?: string;
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
  /** Where attachment bytes are kept: the data folder's `attachments` folder, or PostgreSQL's `attachment_files`. */
  readonly attachments: AttachmentStore;
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
  /**
   * Replace the data with a backup's, with the checks of `luoshi restore` (sha256 of every entry,
   * integrity_check, the audit trail); the database is closed meanwhile and reopened after, also
   * when the backup is refused (which leaves the data as it was).
   */
  restoreFromBackup(
    file: string,
    options?: { acceptUnverifiedAudit?: boolean; checkOnly?: boolean },
  ): Promise<RestoreResult>;
  close(): void;
}

/** The version users see and backups record: package.json's, never a copy. */
export const appVersion: string = packageJson.version;

export async function createCore(options: CoreOptions): Promise<LuoshiCore> {
  const paths = dataPaths(options.dataDir);
  mkdirSync(paths.dataDir, { recursive: true });
  mkdirSync(paths.attachments, { recursive: true });
  const clock = options.clock ?? systemClock;
  const auditKey = options.auditKey ?? fileAuditKeySource(paths.dataDir);
  const auditFolder = auditFolderOf(paths.dataDir);
  // Everything bound to the open database; a restore closes it and opens the restored one.
  let parts = await openParts(options, paths, clock, auditKey, auditFolder);
  // Checked on first use, not at open: the whole chain takes ~1 s per 100,000 entries (npm run
  // bench), which would otherwise delay the first screen of every start.
  let integrity: AuditVerifyResult | null = null;
  let sessionsOverride: SessionResolver | null = null;
  const core: LuoshiCore = {
    get db() {
      return parts.db;
    },
    paths,
    get attachments() {
      return parts.attachments;
    },
    resourcesDir: options.resourcesDir,
    clock,
    version: appVersion,
    get plan() {
      return parts.plan;
    },
    get search() {
      return parts.search;
    },
    get dashboard() {
      return parts.dashboard;
    },
    get sessions() {
      return sessionsOverride ?? parts.workflow.accounts;
    },
    set sessions(resolver) {
      sessionsOverride = resolver;
    },
    get workflow() {
      return parts.workflow;
    },
    get ledgers() {
      return parts.ledgers;
    },
    get documents() {
      return parts.documents;
    },
    get integrity() {
      integrity ??= parts.workflow.audit.verify();
      return integrity;
    },
    set integrity(result) {
      integrity = result;
    },
    recheckIntegrity() {
      integrity = parts.workflow.audit.verify();
      return integrity;
    },
    flushAuditWitness: () => parts.flushWitness(true),
    sealAuditWitness: (head) => {
      const key = parts.workflow.audit.key;
      return key
        ? witnessLine(key, { id: head.id, hash: head.hash, mac: head.mac ?? '', writtenAt: clock.nowIso() })
        : null;
    },
    auditFolder,
    schemaVersion: () => schemaVersionOf(parts.db),
    restoreFromBackup: (file, restoreOptions = {}) =>
      // Queued with backups: a snapshot of a connection that is being closed would fail.
      runExclusive(async () => {
        if (restoreOptions.checkOnly === true)
          return restoreBackup(file, paths.dataDir, { clock, auditKey, checkOnly: true });
        if (options.databaseUrl !== undefined) {
          throw new LuoshiError(
            'unsupported',
            '此部署的数据在 PostgreSQL 服务器上，不能在这里用备份替换。请在服务器上停止 luoshi serve 后运行 luoshi restore --database …。',
          );
        }
        parts.close();
        try {
          return await restoreBackup(file, paths.dataDir, {
            clock,
            auditKey,
            acceptUnverifiedAudit: restoreOptions.acceptUnverifiedAudit === true,
          });
        } finally {
          // Refused or done, the folder holds a sound database again (a refusal changed nothing).
          parts = await openParts(options, paths, clock, auditKey, auditFolder);
          integrity = null;
        }
      }),
    close: () => parts.close(),
  };
  try {
    if (options.loadSeedPlan !== false && !core.plan.hasPlan()) await loadSeedPlan(core);
  } catch (error) {
    core.close();
    throw error;
  }
  return core;
}

interface CoreParts {
  db: WritableDB;
  attachments: AttachmentStore;
  search: SearchService;
  workflow: WorkflowServices;
  plan: PlanService;
  dashboard: DashboardService;
  ledgers: LedgerService;
  documents: DocumentService;
  flushWitness(receipt?: boolean): void;
  close(): void;
}

async function openParts(
  options: CoreOptions,
  paths: DataPaths,
  clock: Clock,
  auditKey: AuditKeySource,
  auditFolder: string,
): Promise<CoreParts> {
  const db =
    options.databaseUrl === undefined ? openDatabase(paths.database) : await openPostgresDatabase(options.databaseUrl);
  const search = new SearchService(db, clock);
  // Every server process on one PostgreSQL database must see the same bytes: they live in it.
  const attachments =
    dialectOf(db) === 'postgres' ? postgresAttachmentStore(db) : folderAttachmentStore(paths.attachments);
  const workflow = createWorkflowServices(db, clock, attachments);
  let witness: AuditWitnessWriter | null;
  try {
    witness = attachAuditKey({
      db,
      audit: workflow.audit,
      clock,
      source: auditKey,
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
  return {
    db,
    attachments,
    search,
    workflow,
    plan: new PlanService(db, clock, search, workflow.audit),
    dashboard: new DashboardService(db, clock),
    ledgers: new LedgerService(db, clock, workflow.audit, workflow.reports),
    documents: new DocumentService(db, clock, workflow),
    flushWitness,
    close: () => {
      if (!db.open) return;
      flushWitness(true);
      witness?.dispose();
      db.close();
    },
  };
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
