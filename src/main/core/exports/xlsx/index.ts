/** Excel ledgers (台账) and fill-in sheets (填报表). Everything here loads exceljs lazily. */
export { writeTaskLedger } from './taskLedger';
export { writeProjectLedger } from './projectLedger';
export { writeUnitLedger } from './unitLedger';
export { writeIndicatorLedger } from './indicatorLedger';
export { writeFillInSheet } from './fillIn/writeFillInSheet';
export { readFillInSheet } from './fillIn/readFillInSheet';
export type { FillInExpectation } from './fillIn/readFillInSheet';
export { planFillInImport, assertFillInApplicable } from './fillIn/planFillInImport';
export type { CurrentReport } from './fillIn/planFillInImport';
export { safeText, isFormulaLike, MAX_CELL_CHARS } from './safeCell';
export type { LedgerTarget } from './excel';
export type * from './types';
export { writeTrendLedger } from './trendLedger';
