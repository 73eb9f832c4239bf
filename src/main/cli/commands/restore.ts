import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { inspectBackup, restoreBackup } from '../../core/backup';
import { dataPaths, defaultDataDir } from '../../core/paths';
import { dataDirOption, parseCommandArgs, UsageError, type Command } from '../command';
import { describeManifest } from '../../core/backup/describe';
import { fileAuditKeySource } from '../../core/audit/auditKey';
import { restoreBackupToPostgres } from '../../core/backup/postgresRestore';
import { formatDigest } from '../../core/db/copy';
import { describeUrl } from '../../core/db/postgres/connect';
import type { CliEnvironment } from '../command';
import { postgresDeploymentOf, type PostgresDeployment } from './postgresDeployment';

export const restoreCommand: Command = {
  name: 'restore',
  summary: '从 .luoshibak 备份文件恢复数据库与附件',
  usage:
    'luoshi restore 备份文件 [--data-dir 目录] [--yes] [--accept-unverified-audit]\n' +
    'luoshi restore 备份文件 --database postgres://用户:密码@主机:端口/数据库 [--yes] [--force] [--accept-unverified-audit] [--data-dir 目录]\n\n' +
    '恢复前请关闭落实通桌面程序和浏览器模式。不加 --yes 时只检查备份并说明将要发生的变化。\n' +
    '备份中的审计记录未通过校验时拒绝恢复；--accept-unverified-audit 仍然恢复并给出警告。\n' +
    'PostgreSQL 部署（--database 或环境变量 LUOSHI_DATABASE_URL）：备份先在临时文件夹中检查，再在一个事务中写入数据库，\n' +
    '失败时数据库保持原样；数据库中已有数据时须再加 --force（原有数据不另行保留，请先 luoshi backup）。',
  async run(argv, environment) {
    const { values, positionals } = parseCommandArgs(
      'restore',
      argv,
      {
        ...dataDirOption,
        force: { type: 'boolean', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
        'accept-unverified-audit': { type: 'boolean', default: false },
      },
      true,
    );
    if (positionals.length !== 1 || positionals[0] === undefined) {
      throw new UsageError('restore：请指定一个备份文件，例如 luoshi restore luoshi-20251008-140312.luoshibak');
    }
    const file = resolve(positionals[0]);
    const deployment = postgresDeploymentOf(values, environment);
    if (deployment) return restoreDeployment(file, deployment, values, environment);
    if (values.force) throw new UsageError('restore：--force 只用于恢复到 PostgreSQL 数据库（--database）。');
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

async function restoreDeployment(
  file: string,
  deployment: PostgresDeployment,
  flags: { yes: boolean; force: boolean; 'accept-unverified-audit': boolean },
  environment: CliEnvironment,
): Promise<number> {
  const where = describeUrl(deployment.url);
  const options = {
    auditKey: fileAuditKeySource(deployment.dataDir),
    auditFolder: deployment.auditFolder,
    acceptUnverifiedAudit: flags['accept-unverified-audit'],
  };
  if (!flags.yes) {
    // Every check of the backup, nothing written: the same answer as a folder's restore without --yes.
    const checked = await restoreBackupToPostgres(file, deployment.url, { ...options, checkOnly: true });
    environment.io.out(`备份文件 ${file} 校验通过。`);
    environment.io.out(describeManifest(checked.manifest, statSync(file).size));
    if (checked.auditRefusal) environment.io.err(`注意：备份中的审计记录未通过校验：${checked.auditRefusal}`);
    else if (checked.auditWarning) environment.io.err(`注意：${checked.auditWarning}`);
    environment.io.out(
      `恢复将在一个事务中替换 PostgreSQL 数据库 ${where} 中的落实通数据，原有数据不另行保留（如需保留，请先 luoshi backup）。确认恢复请加 --yes 重新运行（数据库中已有数据时还须加 --force）。`,
    );
    return 1;
  }
  environment.io.out(`正在恢复 ${file} → ${where}`);
  const result = await restoreBackupToPostgres(file, deployment.url, {
    ...options,
    force: flags.force,
    progress: (line) => environment.io.out(line),
  });
  environment.io.out(`已恢复到 ${where}：${result.rows} 行，${result.attachments} 个附件。写入后逐表摘要与备份一致：`);
  for (const line of formatDigest(result.digest)) environment.io.out(line);
  if (result.auditWarning) environment.io.err(`注意：${result.auditWarning}`);
  for (const aside of result.witnessesAside) environment.io.out(`原审计见证已保留为 ${aside}`);
  return 0;
}
