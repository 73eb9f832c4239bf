import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { documentKindSchema } from '../../../shared/domain/documents';
import { LuoshiError } from '../../../shared/errors';
import type { LuoshiCore } from '../../core/core';
import type { MethodInput } from '../../../shared/contract';
import { callCore } from '../call';
import { cliOperator } from '../operator';
import { latestReportOfTask, planOfRound, taskIdByNo } from '../../core/store/documentQueries';
import { dataDirOption, parseCommandArgs, UsageError, type CliEnvironment } from '../command';
import { openDataForCli, roundIdOption } from './cliData';

/**
 * `luoshi export report`: an official Word document of a round. The quarterly report is the
 * round's compiled report as stored (with its 发文字号 once filed) when it has one; otherwise, and
 * for the bulletin and task reports, a fresh composition from the round's reports.
 */

const exportReportUsage =
  'luoshi export report --kind quarterly|task|bulletin --round 2025Q3 [--task 任务编号] [--data-dir 目录] -o 文件.docx';

function taskRequest(
  core: LuoshiCore,
  name: string,
  roundId: number,
  taskOption: string | undefined,
): MethodInput<'documents.render'> {
  if (taskOption === undefined) throw new UsageError(`${name}：任务进展情况报告需要 --task 任务编号，例如 --task 8。`);
  const no = Number(taskOption);
  const plan = planOfRound(core.db, roundId);
  const taskId = Number.isInteger(no) && no > 0 && plan ? taskIdByNo(core.db, plan.id, no) : null;
  const report = taskId === null ? null : latestReportOfTask(core.db, roundId, taskId);
  if (!report) throw new UsageError(`${name}：本轮次没有第「${taskOption}」项任务的进展报告。`);
  return { kind: 'task', reportId: report.id };
}

/** The stored compiled report when it holds a document, else a fresh composition (said on stderr). */
function quarterlyRequest(
  core: LuoshiCore,
  roundId: number,
  environment: CliEnvironment,
): MethodInput<'documents.render'> {
  const compiledId = core.documents.compiledReportIdOf(roundId);
  if (compiledId === null) return { kind: 'quarterly', roundId };
  try {
    core.documents.compiledDocument(compiledId);
    return { compiledReportId: compiledId };
  } catch (error) {
    if (!(error instanceof LuoshiError) || error.code !== 'conflict') throw error;
    environment.io.err(`${error.message} 以下按本轮各任务报告重新生成。`);
    return { kind: 'quarterly', roundId };
  }
}

async function runExportReport(argv: string[], environment: CliEnvironment): Promise<number> {
  const name = 'export report';
  const { values } = parseCommandArgs(name, argv, {
    ...dataDirOption,
    output: { type: 'string', short: 'o' },
    kind: { type: 'string' },
    round: { type: 'string' },
    task: { type: 'string' },
  });
  const kind = documentKindSchema.safeParse(values.kind);
  if (!kind.success) {
    throw new UsageError(
      `${name}：请用 --kind 指定公文类型：quarterly（季度工作进展情况报告）、task（任务进展情况报告）或 bulletin（通报）。`,
    );
  }
  if (!values.round) throw new UsageError(`${name}：请用 --round 指定季度，例如 --round 2025Q3。`);
  if (!values.output) throw new UsageError(`${name}：请用 -o 指定输出文件，例如 -o 季度报告.docx。`);
  const output = resolve(values.output);
  const round = values.round;
  const core = await openDataForCli(values, environment);
  try {
    const roundId = roundIdOption(core, name, round);
    const request: MethodInput<'documents.render'> =
      kind.data === 'task'
        ? taskRequest(core, name, roundId, values.task)
        : kind.data === 'quarterly'
          ? quarterlyRequest(core, roundId, environment)
          : { kind: 'bulletin', roundId };
    const file = await callCore(core, cliOperator(), 'documents.render', request);
    writeFileSync(output, Buffer.from(file.contentBase64, 'base64'));
    environment.io.out(`已导出「${file.fileName.replace(/\.docx$/, '')}」：${output}`);
    return 0;
  } finally {
    core.close();
  }
}

export const exportReport = { usage: exportReportUsage, run: runExportReport };
