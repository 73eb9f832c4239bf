import { callCore } from '../call';
import { cliOperator } from '../operator';
import { roleSchema, type Role } from '../../../shared/domain/accounts';
import { dataLocation, type DataLocationValues } from '../dataLocation';
import { createCore, type LuoshiCore } from '../../core/core';
import { unitIdByNameOrAlias } from '../../core/store/roundsStore';
import { dataDirOption, parseCommandArgs, UsageError, type Command, type CliEnvironment } from '../command';

const usage = [
  'luoshi users list [--data-dir 目录]',
  'luoshi users create --username 名 --name 姓名 --password 密码 --roles clerk,leader [--unit 单位名称] [--data-dir 目录]',
  'luoshi users reset-password --username 名 --password 新密码 [--data-dir 目录]',
].join('\n       ');

async function open(values: DataLocationValues, environment: CliEnvironment): Promise<LuoshiCore> {
  return createCore({ ...dataLocation(values, environment), loadSeedPlan: false });
}

/** Account administration from the command line: whoever can run it can read the data folder anyway. */
export const usersCommand: Command = {
  name: 'users',
  summary: '账号管理：列出、创建账号，重置密码',
  usage,
  async run(argv, environment) {
    const { values, positionals } = parseCommandArgs(
      'users',
      argv,
      {
        ...dataDirOption,
        username: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        roles: { type: 'string' },
        unit: { type: 'string' },
      },
      true,
    );
    const sub = positionals[0];
    if (sub !== 'list' && sub !== 'create' && sub !== 'reset-password') {
      throw new UsageError(`users：请指定子命令 list、create 或 reset-password。\n用法：${usage}`);
    }
    const core = await open(values, environment);
    try {
      const operator = cliOperator();
      const accounts = await callCore(core, operator, 'users.list', {});
      if (sub === 'list') {
        for (const u of accounts) {
          environment.io.out(
            [u.username, u.displayName, u.roles.join(','), u.unitName ?? '-', u.disabled ? '已停用' : '正常'].join(
              '\t',
            ),
          );
        }
        return 0;
      }
      if (!values.username || !values.password) throw new UsageError(`users ${sub}：需要 --username 和 --password。`);
      if (sub === 'reset-password') {
        const user = accounts.find((u) => u.username === values.username);
        if (!user) throw new UsageError(`users reset-password：没有用户名为「${values.username}」的账号。`);
        await callCore(core, operator, 'users.resetPassword', { userId: user.id, password: values.password });
        environment.io.out(`已重置「${user.username}」的密码，其已登录的会话均已失效。`);
        return 0;
      }
      const roles = (values.roles ?? '')
        .split(',')
        .filter(Boolean)
        .map((r): Role => {
          const parsed = roleSchema.safeParse(r.trim());
          if (!parsed.success)
            throw new UsageError(`users create：角色「${r}」无效，可选 clerk、leader、coordinator、admin。`);
          return parsed.data;
        });
      let unitId: number | null = null;
      if (values.unit) {
        unitId = unitIdByNameOrAlias(core.db, values.unit);
        if (unitId === null) throw new UsageError(`users create：单位目录中没有「${values.unit}」。`);
      }
      const user = await callCore(core, operator, 'users.create', {
        username: values.username,
        displayName: values.name ?? values.username,
        password: values.password,
        unitId,
        roles,
      });
      environment.io.out(
        `已创建账号「${user.username}」（${user.roles.join(',')}${user.unitName ? `，${user.unitName}` : ''}）。`,
      );
      return 0;
    } finally {
      core.close();
    }
  },
};
