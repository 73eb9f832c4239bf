import { createCore, type LuoshiCore } from '../core/core';
import type { CliEnvironment } from './command';
import { dataLocation, type DataLocationValues } from './dataLocation';

export async function openCoreForCli(values: DataLocationValues, environment: CliEnvironment): Promise<LuoshiCore> {
  return createCore(dataLocation(values, environment));
}
