import { readFileSync } from 'node:fs';
import { callCore } from '../call';
import { cliOperator } from '../operator';
import { resolve } from 'node:path';
import type { FillInChange, FillInPreview } from '../../../shared/domain/ledgers';
import { fillInFieldLabels } from '../../../shared/domain/ledgers';
import { LuoshiError } from '../../../shared/errors';
import { toActor } from '../../core/store/usersStore';
import { dataDirOption, parseCommandArgs, UsageError, type CliIo, type Command } from '../command';
import { openDataForCli, roundIdOption, unitIdOption } from './cliData';

const usage = 'luoshi import fill-in 文件.xlsx --round 2025Q3 --unit 单位名称 [--apply --as 用户名] [--data-dir 目录]';

function clip(text: string, max = 30): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '（空）';
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function describeChange(c: FillInChange): string {
  const where = `${c.cell.sheet}!${c.cell.address}`;
  if (c.field === 'indicator') {
    return `「${c.title}」指标「${c.metric}」（${where}）：${c.old ?? '（空）'} → ${c.new ?? '（空）'}`;
  }
  if (c.field === 'completed') {
    return `「${c.title}」${fillInFieldLabels.completed}（${where}）：${c.old ? '是' : '否'} → ${c.new ? '是' : '否'}`;
  }
  return `「${c.title}」${fillInFieldLabels[c.field]}（${where}）：${clip(c.old)} → ${clip(c.new)}`;
}

function printPreview(io: CliIo, preview: FillInPreview): void {
  const reports = preview.updates.length;
  io.out(`将修改 ${preview.changes.length} 处，涉及 ${reports} 份报告；${preview.unchangedReports} 份报告没有变化。`);
  for (const c of preview.changes) io.out(`  · ${describeChange(c)}`);
  if (preview.conflicts.length > 0) {
    io.out(`冲突 ${preview.conflicts.length} 处（有冲突时不能导入）：`);
    for (const c of preview.conflicts) io.out(`  ✗ ${c.message}`);
  }
}

/** `luoshi import fill-in`: preview a returned fill-in sheet, or apply it with --apply --as. */
export const importCommand: Command = {
  name: 'import',
  summary: '导入文件：fill-in 导入单位填回的填报表（默认只预览，加 --apply 写入）',
  usage,
  async run(argv, environment) {
    const name = 'import fill-in';
    const { values, positionals } = parseCommandArgs(
      'import',
      argv,
      {
        ...dataDirOption,
        round: { type: 'string' },
        unit: { type: 'string' },
        apply: { type: 'boolean' },
        as: { type: 'string' },
      },
      true,
    );
    if (positionals[0] !== 'fill-in') throw new UsageError(`import：请指定要导入的内容 fill-in。\n用法：${usage}`);
    const file = positionals[1];
    if (!file || positionals.length > 2) throw new UsageError(`${name}：请指定一个填报表文件。\n用法：${usage}`);
    if (!values.round || !values.unit) throw new UsageError(`${name}：需要 --round 2025Q3 和 --unit 单位名称。`);
    // The audit trail must name a person: applying requires the account it is recorded under.
    if (values.apply && !values.as)
      throw new UsageError(`${name}：写入时请用 --as 用户名 指明导入人（记入审计记录）。`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(resolve(file));
    } catch (error) {
      throw new LuoshiError('invalid_input', `无法读取文件 ${file}：${(error as Error).message}`);
    }
    const round = values.round;
    const unit = values.unit;
    const core = await openDataForCli(values, environment);
    try {
      const roundId = roundIdOption(core, name, round);
      const unitId = unitIdOption(core, name, unit);
      const upload = { roundId, unitId, contentBase64: bytes.toString('base64') };
      if (!values.apply) {
        const preview = await callCore(core, cliOperator(), 'fillIn.preview', upload);
        printPreview(environment.io, preview);
        environment.io.out(
          preview.canApply ? '这是预览，未写入。确认无误后加 --apply --as 用户名 导入。' : '请解决冲突后重新导入。',
        );
        return preview.canApply ? 0 : 1;
      }
      const user = core.workflow.accounts.findByUsername(values.as ?? '');
      if (!user) throw new UsageError(`${name}：没有用户名为「${values.as ?? ''}」的账号。`);
      if (user.disabled) throw new UsageError(`${name}：账号「${user.username}」已停用，不能作为导入人。`);
      const actor = toActor(user);
      printPreview(environment.io, await callCore(core, actor, 'fillIn.preview', upload));
      const result = await callCore(core, actor, 'fillIn.apply', upload);
      environment.io.out(
        `已导入 ${result.applied} 处修改，涉及 ${result.reports} 份报告（导入人：${user.displayName}）。`,
      );
      return 0;
    } finally {
      core.close();
    }
  },
};
