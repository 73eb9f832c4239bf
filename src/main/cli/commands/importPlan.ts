import { readFileSync, statSync } from 'node:fs';
import { callCore } from '../call';
import { cliOperator } from '../operator';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { LuoshiError } from '../../../shared/errors';
import { parseUnknown } from '../../../shared/contract/parse';
import { describeCorrection, planCorrectionSchema, type PlanCorrection } from '../../../shared/domain/planCorrections';
import type { MethodOutput } from '../../../shared/contract';
import { maxSourceBytes } from '../../core/importer';
import { dataDirOption, parseCommandArgs, UsageError, type CliIo, type Command } from '../command';
import { openDataForCli } from './cliData';

function readSource(file: string): { fileName: string; bytes: Uint8Array } {
  const path = resolve(file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new LuoshiError('invalid_input', `找不到文件 ${path}。`);
  }
  if (size > maxSourceBytes) {
    throw new LuoshiError(
      'invalid_input',
      `文件 ${basename(path)} 有 ${(size / 1024 / 1024).toFixed(1)} MB，超过 ${maxSourceBytes / 1024 / 1024} MB 上限。`,
    );
  }
  return { fileName: basename(path), bytes: readFileSync(path) };
}

/** A JSON file holding a list of corrections in the contract's shape (plan.import's `corrections`). */
function readCorrections(file: string): PlanCorrection[] {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new LuoshiError('invalid_input', `找不到更正文件 ${path}。`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LuoshiError(
      'invalid_input',
      `更正文件 ${basename(path)} 不是有效的 JSON。请写成更正的列表，例如 [{"op":"title","key":"…","title":"…"}]。`,
    );
  }
  return parseUnknown(z.array(planCorrectionSchema).max(500), value, `更正文件 ${basename(path)}`);
}

function printSummary(io: CliIo, result: MethodOutput<'plan.import'>, dryRun: boolean): void {
  const { plan } = result;
  const targets = plan.tasks.reduce((n, t) => n + t.targets.length, 0);
  io.out(`${plan.meta.title}${plan.meta.docNumber ? `（${plan.meta.docNumber}）` : ''}`);
  io.out(`发文机关：${plan.meta.issuer || '（未识别）'}`);
  io.out(
    `任务 ${plan.tasks.length} 项（${plan.categories.length} 个类别），量化指标 ${targets} 个，基期数据 ${plan.baselines.length} 项，工程项目与活动 ${plan.projects.length} 个。`,
  );
  if (result.newUnits.length > 0) io.out(`新增待核实单位 ${result.newUnits.length} 个：${result.newUnits.join('、')}`);
  if (result.diff) {
    const d = result.diff;
    io.out(
      `与当前方案相比：新增任务 ${d.tasksAdded.length} 项，删除 ${d.tasksRemoved.length} 项，修改 ${d.tasksChanged.length} 项；新增单位 ${d.unitsAdded.length} 个，不再出现 ${d.unitsRemoved.length} 个。`,
    );
  }
  const { carried, stale } = result.corrections;
  if (carried.length > 0) io.out(`沿用上次导入的更正 ${carried.length} 条（原文未修改）。`);
  for (const entry of stale)
    io.out(`${entry.reason}：${describeCorrection(entry.correction)}（${entry.correctedBy ?? '—'}）`);
  for (const warning of plan.warnings) {
    const where =
      warning.line === null || warning.message.includes(`第 ${warning.line} 行`) ? '' : `（第 ${warning.line} 行）`;
    io.out(`警告${where}：${warning.message}`);
  }
  io.out(dryRun ? '试运行：未写入任何数据。' : '已导入。已填写的报告保留在仍存在的任务下。');
}

export const importPlanCommand: Command = {
  name: 'import-plan',
  summary: '导入（或更新）工作方案：.txt（UTF-8 或 GBK）、.docx 或 .xlsx',
  usage:
    'luoshi import-plan 文件 [--data-dir 目录] [--sheet 工作表] [--corrections 更正.json] [--keys] [--dry-run] [--json]',
  async run(argv, environment) {
    const { values, positionals } = parseCommandArgs(
      'import-plan',
      argv,
      {
        ...dataDirOption,
        sheet: { type: 'string' },
        corrections: { type: 'string' },
        keys: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      true,
    );
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0)
      throw new UsageError('import-plan：请给出一个方案文件，例如 luoshi import-plan 方案.txt');
    const source = { ...readSource(file), ...(values.sheet === undefined ? {} : { sheet: values.sheet }) };
    const corrections = values.corrections === undefined ? [] : readCorrections(values.corrections);
    // No seed plan first: a plan imported into a new data folder becomes its plan.
    const core = await openDataForCli(values, environment);
    try {
      const upload = {
        fileName: source.fileName,
        contentBase64: Buffer.from(source.bytes).toString('base64'),
        ...(source.sheet === undefined ? {} : { sheet: source.sheet }),
      };
      const result = values['dry-run']
        ? await callCore(core, cliOperator(), 'plan.importPreview', upload)
        : await callCore(core, cliOperator(), 'plan.import', { ...upload, corrections });
      if (values.json) environment.io.out(JSON.stringify(result.plan, null, 2));
      else printSummary(environment.io, result, values['dry-run']);
      // The keys corrections name their task by (--corrections), one task a line.
      if (values.keys)
        result.plan.tasks.forEach((t, i) => environment.io.out(`${result.keys[i] ?? ''}\t${t.no}\t${t.title}`));
      return 0;
    } finally {
      core.close();
    }
  },
};
