import { DemoService } from '../../core/services/demoService';
import { dataDirOption, parseCommandArgs, UsageError, type Command } from '../command';
import { openCoreForCli } from '../openCore';

export const demoCommand: Command = {
  name: 'demo',
  summary: '生成演示数据：各单位账号与若干季度的填报轮次（输出账号清单）',
  usage: 'luoshi demo [--data-dir 目录] [--quarters 4]',
  async run(argv, environment) {
    const { values } = parseCommandArgs('demo', argv, { ...dataDirOption, quarters: { type: 'string', default: '4' } });
    const quarters = Number(values.quarters);
    if (!Number.isInteger(quarters) || quarters < 1 || quarters > 200) {
      throw new UsageError(`demo：季度数「${values.quarters}」无效，应为 1–200 的整数。`);
    }
    const core = await openCoreForCli(values, environment);
    try {
      const result = new DemoService(core.db, core.attachments, core.clock.now(), (roundId) =>
        core.documents.composeQuarterly(roundId),
      ).run({ quarters });
      // stdout carries only the accounts, one per line, so scripts can read them.
      for (const account of result.accounts) {
        environment.io.out(
          [account.username, account.password, account.roles.join(','), account.unit ?? '-'].join(' '),
        );
      }
      environment.io.err(
        `已生成演示数据：${result.accounts.length} 个账号、${result.rounds} 个季度、${result.reports} 份报告、${result.transitions} 次流转。数据目录：${core.paths.dataDir}`,
      );
      core.recheckIntegrity();
      return 0;
    } finally {
      core.close();
    }
  },
};
