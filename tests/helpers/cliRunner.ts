import { runCli } from '../../src/main/cli/main';
import { repoRoot } from './tempDir';
import { testDatabaseOfFolder } from './postgresDatabases';

/** Run the CLI in-process, capturing what it prints. */
export async function runCliCaptured(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // In the `postgres` test project a world's data is on PostgreSQL: the CLI finds it as an operator would.
  const folder = argv[argv.indexOf('--data-dir') + 1];
  const database = argv.includes('--data-dir') && folder !== undefined ? testDatabaseOfFolder(folder) : undefined;
  const code = await runCli(argv, {
    io: { out: (line) => out.push(line), err: (line) => err.push(line) },
    packageRoot: repoRoot,
    env: database === undefined ? env : { LUOSHI_DATABASE_URL: database, ...env },
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
