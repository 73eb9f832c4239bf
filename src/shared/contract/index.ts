import type { z } from 'zod';
import { backupMethods } from './backup';
import { dashboardMethods } from './dashboard';
import { planMethods } from './plan';
import { searchMethods } from './search';
import { systemMethods } from './system';
import { authMethods } from './auth';
import { usersMethods } from './users';
import { roundsMethods } from './rounds';
import { reportsMethods } from './reports';
import { auditMethods } from './audit';
import { ledgersMethods } from './ledgers';
import { documentsMethods } from './documents';
import { supervisionMethods } from './supervision';
import { instructionsMethods } from './instructions';
import { trendMethods } from './trend';
import { delegationsAndBulkMethods } from './delegationsAndBulk';

/**
 * The one API contract. Every operation the UI can ask for is a method here, with zod schemas
 * for its input and output. The IPC bridge, the HTTP server, the CLI and the renderer's client
 * are all derived from this object; add a method here and every transport carries it.
 */
export const contract = {
  ...systemMethods,
  ...backupMethods,
  ...planMethods,
  ...dashboardMethods,
  ...searchMethods,
  ...authMethods,
  ...usersMethods,
  ...roundsMethods,
  ...reportsMethods,
  ...auditMethods,
  ...ledgersMethods,
  ...documentsMethods,
  ...supervisionMethods,
  ...instructionsMethods,
  ...trendMethods,
  ...delegationsAndBulkMethods,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** The API as the renderer sees it: one async function per method. */
export type LuoshiApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
};

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/** The IPC channel of a method. One channel per method keeps sender checks per call. */
export const ipcChannelOf = (method: MethodName): string => `luoshi:${method}`;
