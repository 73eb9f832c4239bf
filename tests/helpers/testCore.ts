import { createCore, type LuoshiCore } from '../../src/main/core/core';
import { makeTempDir, resourcesDir } from './tempDir';
import { testDatabaseUrl, testEngineOptions } from './postgresDatabases';

/** A core over a real SQLite file in a fresh temp folder. */
export async function makeTestCore(options: { loadSeedPlan?: boolean } = {}): Promise<{
  core: LuoshiCore;
  dataDir: string;
  cleanup: () => void;
}> {
  const temp = makeTempDir();
  const database = testDatabaseUrl();
  const core = await createCore({
    dataDir: temp.dir,
    resourcesDir,
    loadSeedPlan: options.loadSeedPlan ?? true,
    ...testEngineOptions(database, temp.dir),
  });
  return {
    core,
    dataDir: temp.dir,
    cleanup: () => {
      core.close();
      temp.cleanup();
      database?.drop();
    },
  };
}
