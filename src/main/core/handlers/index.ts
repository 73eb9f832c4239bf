import { backupHandlers } from './backup';
import { dashboardHandlers } from './dashboard';
import { planHandlers } from './plan';
import { searchHandlers } from './search';
import { systemHandlers } from './system';
import type { Handlers } from './types';
import { authHandlers } from './auth';
import { usersHandlers } from './users';
import { roundsHandlers } from './rounds';
import { supervisionHandlers } from './supervision';
import { instructionsHandlers } from './instructions';
import { reportsHandlers } from './reports';
import { auditHandlers } from './audit';
import { ledgersHandlers } from './ledgers';
import { documentsHandlers } from './documents';
import { trendHandlers } from './trend';
import { delegationsAndBulkHandlers } from './delegationsAndBulk';

/** Every method of the contract has exactly one handler; the type fails if one is missing. */
export const handlers: Handlers = {
  ...systemHandlers,
  ...backupHandlers,
  ...planHandlers,
  ...dashboardHandlers,
  ...searchHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...roundsHandlers,
  ...supervisionHandlers,
  ...instructionsHandlers,
  ...reportsHandlers,
  ...auditHandlers,
  ...ledgersHandlers,
  ...documentsHandlers,
  ...trendHandlers,
  ...delegationsAndBulkHandlers,
};
