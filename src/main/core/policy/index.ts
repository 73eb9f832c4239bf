/** The rulebook: who may do what (roles.ts) and who may read what (reads.ts). */
export {
  actionRules,
  authorize,
  authorizeAnswerEvent,
  authorizeIssueInstruction,
  mayActOnAnswer,
  mayDo,
  mayIssueInstruction,
  mayReopen,
  settingsRole,
  type Action,
} from './roles';
export {
  mayActForUnit,
  instructionReader,
  mayReadInstruction,
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
export { actingRefOf } from './delegation';
