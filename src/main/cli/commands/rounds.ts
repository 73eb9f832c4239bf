import type { Actor } from '../../../shared/domain/accounts';
import { isoDate } from '../../../shared/domain/rounds';
import { parseUnknown } from '../../../shared/contract/parse';
import type { LuoshiCore } from '../../core/core';
import { toActor } from '../../core/store/usersStore';
import { callCore } from '../call';
import { cliOperator } from '../operator';
import { dataDirOption, parseCommandArgs, UsageError, type Command } from '../command';
import { openDataForCli, quarterOption, roundIdOption } from './cliData';

const usage = [
  'luoshi rounds list [--data-dir 目录]',
  'luoshi rounds open --round 2025Q3 --deadline 2025-10-10 --as 用户名',
  'luoshi rounds close --round 2025Q3 --as 用户名 [--file-ready] [--carry-over]',
  'luoshi rounds deadline --round 2025Q3 --deadline 2025-10-20 --as 用户名',
  'luoshi rounds reopen --round 2025Q3 --reason 理由 --as 用户名',
  'luoshi rounds extend --round 2025Q3 --unit 单位名称 --deadline 2025-10-20 --reason 理由 --as 用户名',
  'luoshi rounds delete --round 2025Q3 --as 用户名 --yes',
].join('\n       ');

const subcommands = ['list', 'open', 'close', 'deadline', 'reopen', 'extend', 'delete'] as const;
type Subcommand = (typeof subcommands)[number];

/** The account an action is recorded under (the audit trail names a person). */
function actorOption(core: LuoshiCore, command: string, username: string | undefined): Actor {
  if (!username) throw new UsageError(`${command}：请用 --as 用户名 指明操作人（记入审计记录，须有专班角色）。`);
  const user = core.workflow.accounts.findByUsername(username);
  if (!user) throw new UsageError(`${command}：没有用户名为「${username}」的账号。`);
  if (user.disabled) throw new UsageError(`${command}：账号「${user.username}」已停用，不能作为操作人。`);
  return toActor(user);
}

function deadlineOption(command: string, value: string | undefined): string {
  if (!value) throw new UsageError(`${command}：需要 --deadline，写作 2025-10-10。`);
  return parseUnknown(isoDate, value, '--deadline');
}

/** `luoshi rounds …`: reporting rounds from the command line, through the same services as the app. */
export const roundsCommand: Command = {
  name: 'rounds',
  summary: '填报轮次：列出、开启、关闭、修改截止日期、重新开启、单位延期、删除',
  usage,
  async run(argv, environment) {
    const { values, positionals } = parseCommandArgs(
      'rounds',
      argv,
      {
        ...dataDirOption,
        round: { type: 'string' },
        deadline: { type: 'string' },
        reason: { type: 'string' },
        unit: { type: 'string' },
        as: { type: 'string' },
        'file-ready': { type: 'boolean' },
        'carry-over': { type: 'boolean' },
        yes: { type: 'boolean' },
      },
      true,
    );
    const sub = positionals[0] as Subcommand | undefined;
    if (!sub || !subcommands.includes(sub) || positionals.length > 1) {
      throw new UsageError(`rounds：请指定子命令 ${subcommands.join('、')}。\n用法：${usage}`);
    }
    const name = `rounds ${sub}`;
    if (sub !== 'list' && !values.round) throw new UsageError(`${name}：需要 --round，写作 2025Q3。`);
    if (sub === 'delete' && !values.yes) {
      throw new UsageError(`${name}：删除会移除本轮全部报告、附件和检索记录，且不能恢复。确认无误请加 --yes。`);
    }
    const core = await openDataForCli(values, environment);
    try {
      const out = (line: string) => environment.io.out(line);
      if (sub === 'list') {
        const operator = cliOperator();
        for (const r of await callCore(core, operator, 'rounds.list', {})) {
          out(
            [
              r.label,
              r.statusLabel + (r.status === 'closed' && r.carryOver ? '（延续办理）' : ''),
              `截止 ${r.deadline}`,
              `报告 ${r.reportCount}`,
              `已归档 ${r.filedCount}`,
            ].join('\t'),
          );
        }
        out(`可以开启的季度：${(await callCore(core, operator, 'rounds.window', {})).label}`);
        return 0;
      }
      const roundKey = values.round ?? '';
      if (sub === 'open') {
        const quarter = quarterOption(name, '--round', roundKey);
        const deadline = deadlineOption(name, values.deadline);
        const actor = actorOption(core, name, values.as);
        const round = await callCore(core, actor, 'rounds.open', {
          year: quarter.year,
          quarter: quarter.quarter,
          deadline,
        });
        out(`已开启${round.label}填报轮次，截止 ${round.deadline}，生成报告 ${round.reportCount} 份。`);
        return 0;
      }
      const roundId = roundIdOption(core, name, roundKey);
      const actor = actorOption(core, name, values.as);
      if (sub === 'close') {
        const preview = await callCore(core, actor, 'rounds.closePreview', { roundId });
        const round = await callCore(core, actor, 'rounds.close', {
          roundId,
          fileReady: values['file-ready'] ?? false,
          remaining: values['carry-over'] ? 'carryOver' : 'leaveUnfinished',
        });
        const unfinished = (await callCore(core, actor, 'rounds.closePreview', { roundId })).pending.length;
        const filed = preview.pending.length - unfinished;
        out(
          `已关闭${round.label}填报轮次。${filed > 0 ? `随关闭归档 ${filed} 份。` : ''}${
            unfinished > 0
              ? `${unfinished} 份报告未办结：${round.carryOver ? '延续办理，仍在各单位待办中。' : '已提交的仍按流程审核、会签、归档，未提交的保留为未报送。'}`
              : ''
          }`,
        );
        return 0;
      }
      if (sub === 'deadline') {
        const round = await callCore(core, actor, 'rounds.setDeadline', {
          roundId,
          deadline: deadlineOption(name, values.deadline),
        });
        out(`${round.label}的报送截止日期现为 ${round.deadline}。`);
        return 0;
      }
      if (sub === 'reopen') {
        if (!values.reason?.trim()) throw new UsageError(`${name}：需要 --reason 理由（记入审计记录）。`);
        const round = await callCore(core, actor, 'rounds.reopen', { roundId, reason: values.reason });
        out(`已重新开启${round.label}填报轮次。`);
        return 0;
      }
      if (sub === 'extend') {
        if (!values.unit?.trim()) throw new UsageError(`${name}：需要 --unit 单位名称。`);
        if (!values.reason?.trim()) throw new UsageError(`${name}：需要 --reason 理由（记入审计记录）。`);
        const unitId = core.workflow.rounds.unitIdByName(values.unit.trim());
        if (unitId === null) throw new UsageError(`${name}：单位目录中没有「${values.unit.trim()}」。`);
        const granted = await callCore(core, actor, 'rounds.extend', {
          roundId,
          unitId,
          deadline: deadlineOption(name, values.deadline),
          reason: values.reason,
        });
        out(`${granted.unitName}的报送截止日期已延至 ${granted.deadline}。`);
        return 0;
      }
      const label = core.workflow.rounds.get(roundId).label;
      const deleted = await callCore(core, actor, 'rounds.delete', { roundId });
      out(`已删除${label}填报轮次及其 ${deleted.reports} 份报告、${deleted.attachments} 个附件。`);
      return 0;
    } finally {
      core.close();
    }
  },
};
