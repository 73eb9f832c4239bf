import type { Clock } from '../clock';
import type { WritableDB } from '../db/database';
import type { AttachmentStore } from '../files/attachmentStore';
import { AccountsService } from './accountsService';
import { AuditService } from './auditService';
import { InstructionsService } from './instructionsService';
import { BulkService } from './bulkService';
import { DelegationsService } from './delegationsService';
import { ReportQueries } from './reportQueries';
import { ReportsService } from './reportsService';
import { RoundsService } from './roundsService';
import { SupervisionService } from './supervisionService';

/** The report lifecycle's services over one database, wired together once. */
export interface WorkflowServices {
  audit: AuditService;
  accounts: AccountsService;
  reports: ReportsService;
  reportQueries: ReportQueries;
  rounds: RoundsService;
  supervision: SupervisionService;
  /** 批示 and their 落实. */
  instructions: InstructionsService;
  bulk: BulkService;
  delegations: DelegationsService;
}

export function createWorkflowServices(db: WritableDB, clock: Clock, attachments: AttachmentStore): WorkflowServices {
  const audit = new AuditService(db, clock);
  const accounts = new AccountsService(db, clock, audit);
  const reports = new ReportsService(db, clock, audit, attachments);
  const reportQueries = new ReportQueries(db, clock, audit);
  const rounds = new RoundsService(db, clock, audit, reports, reportQueries, attachments);
  const supervision = new SupervisionService(db, clock, audit, reportQueries);
  const instructions = new InstructionsService(db, clock, audit);
  const bulk = new BulkService(db, clock, reports, reportQueries);
  const delegations = new DelegationsService(db, clock, audit);
  return { audit, accounts, reports, reportQueries, rounds, supervision, instructions, bulk, delegations };
}
