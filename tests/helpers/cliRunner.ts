import { runCli } from '../../src/main/cli/main';
import { repoRoot } from './tempDir';

/** Run the CLI in-process, capturing what it prints. */
export async function runCliCaptured(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    io: { out: (line) => out.push(line), err: (line) => err.push(line) },
    packageRoot: repoRoot,
    env,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
