import { createCore, type CoreOptions, type LuoshiCore } from '../core/core';
import type { CliEnvironment } from './command';
import { dataLocation, type DataLocationValues } from './dataLocation';

export async function openCoreForCli(
  values: DataLocationValues,
  environment: CliEnvironment,
  options: Omit<CoreOptions, 'dataDir' | 'resourcesDir' | 'databaseUrl'> = {},
): Promise<LuoshiCore> {
  return createCore({ ...options, ...dataLocation(values, environment) });
}
