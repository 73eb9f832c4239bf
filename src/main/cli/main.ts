import { LuoshiError } from '../../shared/errors';
import type { CliEnvironment, Command } from './command';
import { commands } from './commands';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    '落实通 Luoshi — 工作方案任务落实跟踪',
    '',
    '用法：luoshi <命令> [选项]',
    '',
    '命令：',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    '每个命令的选项：luoshi <命令> --help',
    '数据目录默认为当前用户的数据文件夹，可用 --data-dir 或环境变量 LUOSHI_DATA_DIR 指定。',
  ].join('\n');
}

/** Run the CLI; returns the exit code. Errors go to stderr in Chinese, never as a stack trace. */
export async function runCli(argv: string[], environment: CliEnvironment): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    environment.io.out(helpText());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-v') return run(findCommand('version'), [], environment);
  const command = findCommand(name);
  if (!command) {
    environment.io.err(`未知命令「${name}」。运行 luoshi --help 查看可用命令。`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    environment.io.out(`${command.summary}\n\n用法：${command.usage}`);
    return 0;
  }
  return run(command, rest, environment);
}

function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}

async function run(command: Command | undefined, argv: string[], environment: CliEnvironment): Promise<number> {
  if (!command) return 2;
  try {
    return await command.run(argv, environment);
  } catch (error) {
    if (error instanceof LuoshiError) {
      environment.io.err(`错误：${error.message}`);
      return error.code === 'invalid_input' ? 2 : 1;
    }
    environment.io.err(`错误：${(error as Error).message ?? String(error)}`);
    return 1;
  }
}
