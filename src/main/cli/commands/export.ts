import { writeFileSync } from 'node:fs';
import { cliOperator } from '../operator';
import { resolve } from 'node:path';
import { ledgerKindSchema } from '../../../shared/domain/ledgers';
import type { LuoshiCore } from '../../core/core';
import type { MethodInput } from '../../../shared/contract';
import { callCore } from '../call';
import { dataDirOption, parseCommandArgs, UsageError, type CliEnvironment, type Command } from '../command';
import type { DataLocationValues } from '../dataLocation';
import { openDataForCli, quarterOption, roundIdOption, unitIdOption } from './cliData';
import { exportReport } from './exportReport';

/**
 * `luoshi export <what>`: one subcommand per kind of file. Each subcommand parses its own options
 * and writes one file; add a subcommand (e.g. Word reports) by adding an entry to `subcommands`.
 */
interface ExportSubcommand {
  usage: string;
  run(argv: string[], environment: CliEnvironment): Promise<number>;
}

const outputOption = { output: { type: 'string', short: 'o' } } as const;

async function withData<T>(
  location: DataLocationValues,
  environment: CliEnvironment,
  fn: (core: LuoshiCore) => Promise<T>,
): Promise<T> {
  const core = await openDataForCli(location, environment);
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}

function requireOutput(command: string, output: string | undefined): string {
  if (!output) throw new UsageError(`${command}：请用 -o 指定输出文件，例如 -o 台账.xlsx。`);
  return resolve(output);
}

const ledger: ExportSubcommand = {
  usage:
    'luoshi export ledger --kind task|indicator|project|unit (--round 2025Q3 | --from 2025Q1 --to 2025Q4) [--unit 单位名称] [--data-dir 目录] -o 文件.xlsx',
  async run(argv, environment) {
    const name = 'export ledger';
    const { values } = parseCommandArgs(name, argv, {
      ...dataDirOption,
      ...outputOption,
      kind: { type: 'string' },
      round: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      unit: { type: 'string' },
    });
    const kind = ledgerKindSchema.safeParse(values.kind);
    if (!kind.success)
      throw new UsageError(
        `${name}：请用 --kind 指定台账类型：task（任务）、indicator（指标）、project（项目）或 unit（单位）。`,
      );
    if (values.round !== undefined && (values.from !== undefined || values.to !== undefined)) {
      throw new UsageError(`${name}：--round 与 --from/--to 只能选一。`);
    }
    if (values.round === undefined && values.from === undefined)
      throw new UsageError(`${name}：请用 --round 2025Q3 或 --from 2025Q1 --to 2025Q4 指定季度。`);
    if (kind.data === 'unit' && !values.unit) throw new UsageError(`${name}：单位台账需要 --unit 单位名称。`);
    const output = requireOutput(name, values.output);
    if (values.from !== undefined) quarterOption(name, '--from', values.from);
    if (values.to !== undefined) quarterOption(name, '--to', values.to);
    return withData(values, environment, async (core) => {
      const request: MethodInput<'ledgers.export'> = {
        kind: kind.data,
        ...(values.round !== undefined ? { roundId: roundIdOption(core, name, values.round) } : {}),
        ...(values.from !== undefined ? { from: values.from } : {}),
        ...(values.to !== undefined ? { to: values.to } : {}),
        ...(values.unit ? { unitId: unitIdOption(core, name, values.unit) } : {}),
      };
      const { fileName, contentBase64 } = await callCore(core, cliOperator(), 'ledgers.export', request);
      writeFileSync(output, Buffer.from(contentBase64, 'base64'));
      environment.io.out(`已导出「${fileName.replace(/\.xlsx$/, '')}」：${output}`);
      return 0;
    });
  },
};

const fillIn: ExportSubcommand = {
  usage: 'luoshi export fill-in --round 2025Q3 --unit 单位名称 [--data-dir 目录] -o 文件.xlsx',
  async run(argv, environment) {
    const name = 'export fill-in';
    const { values } = parseCommandArgs(name, argv, {
      ...dataDirOption,
      ...outputOption,
      round: { type: 'string' },
      unit: { type: 'string' },
    });
    if (!values.round || !values.unit) throw new UsageError(`${name}：需要 --round 2025Q3 和 --unit 单位名称。`);
    const output = requireOutput(name, values.output);
    const round = values.round;
    const unit = values.unit;
    return withData(values, environment, async (core) => {
      // The local operator may make any unit's sheet.
      const file = await callCore(core, cliOperator(), 'fillIn.export', {
        roundId: roundIdOption(core, name, round),
        unitId: unitIdOption(core, name, unit),
      });
      writeFileSync(output, Buffer.from(file.contentBase64, 'base64'));
      environment.io.out(`已导出「${file.fileName.replace(/\.xlsx$/, '')}」：${output}`);
      return 0;
    });
  },
};

const subcommands: Record<string, ExportSubcommand> = { ledger, 'fill-in': fillIn, report: exportReport };

export const exportCommand: Command = {
  name: 'export',
  summary: '导出文件：ledger 导出 Excel 台账，fill-in 导出单位离线填报表，report 导出 Word 公文',
  usage: Object.values(subcommands)
    .map((s) => s.usage)
    .join('\n       '),
  run(argv, environment) {
    const [sub, ...rest] = argv;
    const subcommand = sub === undefined ? undefined : subcommands[sub];
    if (!subcommand) {
      throw new UsageError(
        `export：请指定要导出的内容：${Object.keys(subcommands).join('、')}。\n用法：${exportCommand.usage}`,
      );
    }
    return subcommand.run(rest, environment);
  },
};
