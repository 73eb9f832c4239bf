import { join, resolve } from 'node:path';
import { createCore, type LuoshiCore } from '../core/core';
import { defaultDataDir } from '../core/paths';
import type { CliEnvironment } from './command';

export async function openCoreForCli(dataDir: string | undefined, environment: CliEnvironment): Promise<LuoshiCore> {
  return createCore({
    dataDir: resolve(dataDir ?? defaultDataDir(environment.env)),
    resourcesDir: join(environment.packageRoot, 'resources'),
  });
}
