import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LuoshiError } from '../../shared/errors';

/** Where a command writes; tests pass buffers, the real CLI passes stdout and stderr. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliEnvironment {
  io: CliIo;
  /** The package root: `resources/` and `out/renderer/` live below it. */
  packageRoot: string;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. Long-running commands (serve) resolve when they stop. */
  run(argv: string[], environment: CliEnvironment): Promise<number>;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse a command's arguments; unknown flags become a usage error naming the flag. */
export function parseCommandArgs<O extends Options>(
  command: string,
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(`${command}：${(error as Error).message}`);
  }
}

export class UsageError extends LuoshiError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}

/** Where the data is: the folder, and optionally a PostgreSQL database instead of the folder's SQLite file. */
export const dataDirOption = {
  'data-dir': { type: 'string' },
  database: { type: 'string' },
} as const satisfies Options;
