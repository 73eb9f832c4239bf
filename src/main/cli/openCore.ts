import { join, resolve } from 'node:path';
import { createCore, type CoreOptions, type LuoshiCore } from '../core/core';
import { defaultDataDir } from '../core/paths';
import type { CliEnvironment } from './command';

export async function openCoreForCli(
  dataDir: string | undefined,
  environment: CliEnvironment,
  options: Omit<CoreOptions, 'dataDir' | 'resourcesDir'> = {},
): Promise<LuoshiCore> {
  return createCore({
    ...options,
    dataDir: resolve(dataDir ?? defaultDataDir(environment.env)),
    resourcesDir: join(environment.packageRoot, 'resources'),
  });
}
