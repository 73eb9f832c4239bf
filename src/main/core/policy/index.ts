/** The rulebook: who may do what (roles.ts) and who may read what (reads.ts). */
export { actionRules, authorize, mayDo, mayReopen, settingsRole, type Action } from './roles';
export {
  mayActForUnit,
  mayReadReport,
  mayReadTask,
  readScopeOf,
  requireReadsAll,
  type ReadScope,
  readableReportIds,
  readsAll,
  requireReadReport,
  requireReadReportId,
  requireUnitRecords,
} from './reads';
export { appItself, isLocalOperator, localOperator, type Caller, type LocalOperator } from './operator';
