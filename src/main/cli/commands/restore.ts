import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { inspectBackup, restoreBackup } from '../../core/backup';
import { dataPaths, defaultDataDir } from '../../core/paths';
import { dataDirOption, parseCommandArgs, UsageError, type Command } from '../command';
import { describeManifest } from '../../core/backup/describe';

export const restoreCommand: Command = {
  name: 'restore',
  summary: '从 .luoshibak 备份文件恢复数据库与附件',
  usage:
    'luoshi restore 备份文件 [--data-dir 目录] [--yes] [--accept-unverified-audit]\n\n' +
    '恢复前请关闭落实通桌面程序和浏览器模式。不加 --yes 时只检查备份并说明将要发生的变化。\n' +
    '备份中的审计记录未通过校验时拒绝恢复；--accept-unverified-audit 仍然恢复并给出警告。',
  async run(argv, environment) {
    const { values, positionals } = parseCommandArgs(
      'restore',
      argv,
      {
        ...dataDirOption,
        yes: { type: 'boolean', short: 'y', default: false },
        'accept-unverified-audit': { type: 'boolean', default: false },
      },
      true,
    );
    if (positionals.length !== 1 || positionals[0] === undefined) {
      throw new UsageError('restore：请指定一个备份文件，例如 luoshi restore luoshi-20251008-140312.luoshibak');
    }
    const file = resolve(positionals[0]);
    const paths = dataPaths(resolve(values['data-dir'] ?? defaultDataDir(environment.env)));
    const manifest = await inspectBackup(file);
    environment.io.out(`备份文件 ${file} 校验通过。`);
    environment.io.out(describeManifest(manifest, statSync(file).size));
    if (!values.yes) {
      environment.io.out(
        `恢复将替换 ${paths.dataDir} 中的数据库和附件，现有数据会改名保留（luoshi.db.before-restore-<时间>）。确认恢复请加 --yes 重新运行。`,
      );
      return 1;
    }
    const result = await restoreBackup(file, paths.dataDir, {
      acceptUnverifiedAudit: values['accept-unverified-audit'],
    });
    environment.io.out(`已恢复到 ${paths.dataDir}。`);
    if (result.auditWarning) environment.io.err(`注意：${result.auditWarning}`);
    if (result.previousDatabase) environment.io.out(`原数据库已保留为 ${result.previousDatabase}`);
    if (result.previousAttachments) environment.io.out(`原附件已保留为 ${result.previousAttachments}`);
    return 0;
  },
};
