import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LuoshiError } from '../../../shared/errors';
import { backupToFolder, createBackup, type BackupResult } from '../../core/backup';
import { systemClock } from '../../core/clock';
import { appVersion } from '../../core/core';
import { openDatabase } from '../../core/db/database';
import { dataPaths, defaultDataDir } from '../../core/paths';
import { dataDirOption, parseCommandArgs, type Command } from '../command';
import { describeManifest } from '../../core/backup/describe';
import { fileAuditKeySource } from '../../core/audit/auditKey';
import { backupPostgres } from '../../core/backup/postgresBackup';
import { formatDigest } from '../../core/db/copy';
import { describeUrl } from '../../core/db/postgres/connect';
import { UsageError, type CliEnvironment } from '../command';
import { postgresDeploymentOf, type PostgresDeployment } from './postgresDeployment';

export const backupCommand: Command = {
  name: 'backup',
  summary: '备份数据库与附件到一个 .luoshibak 文件',
  usage:
    'luoshi backup [-o 文件] [--data-dir 目录]\n' +
    'luoshi backup --database postgres://用户:密码@主机:端口/数据库 -o 文件 [--data-dir 目录]\n\n' +
    '不指定 -o 时备份到数据目录的 backups 文件夹，并按设置只保留最近的若干份自动备份。\n' +
    'PostgreSQL 部署（--database 或环境变量 LUOSHI_DATABASE_URL）须用 -o 指定备份文件；数据库先整体复制到临时文件夹\n' +
    '（逐表核对摘要、校验审计记录），再生成与数据文件夹相同格式的 .luoshibak。审计密钥与 luoshi serve 相同，\n' +
    '在该部署数据文件夹（--data-dir）旁的 .audit/key，不在数据库中。',
  async run(argv, environment) {
    const { values } = parseCommandArgs('backup', argv, {
      ...dataDirOption,
      output: { type: 'string', short: 'o' },
    });
    const deployment = postgresDeploymentOf(values, environment);
    if (deployment) return backupDeployment(deployment, values.output, environment);
    const paths = dataPaths(resolve(values['data-dir'] ?? defaultDataDir(environment.env)));
    if (!existsSync(paths.database)) {
      throw new LuoshiError('not_found', `数据目录 ${paths.dataDir} 中没有数据库 luoshi.db，没有可备份的数据。`);
    }
    // Back up what is there: no migration, so the backup records the schema the data has.
    const db = openDatabase(paths.database, { migrate: false });
    let result: BackupResult;
    try {
      const source = { db, paths, clock: systemClock, version: appVersion };
      result = values.output === undefined ? await backupToFolder(source) : await createBackup(source, values.output);
    } finally {
      db.close();
    }
    environment.io.out(`已备份到 ${result.file}`);
    environment.io.out(describeManifest(result.manifest, result.size));
    return 0;
  },
};

async function backupDeployment(
  deployment: PostgresDeployment,
  output: string | undefined,
  environment: CliEnvironment,
): Promise<number> {
  if (output === undefined)
    throw new UsageError(
      'backup：备份 PostgreSQL 数据库时请用 -o 指定备份文件，例如 -o /备份/luoshi-20251008.luoshibak。',
    );
  environment.io.out(`正在备份 ${describeUrl(deployment.url)}（先复制到临时文件夹并核对）`);
  const auditKey = fileAuditKeySource(deployment.dataDir);
  const result = await backupPostgres(deployment.url, output, {
    auditKey,
    clock: systemClock,
    version: appVersion,
    progress: (line) => environment.io.out(line),
  });
  environment.io.out(`已备份到 ${result.file}`);
  environment.io.out(describeManifest(result.manifest, result.size));
  environment.io.out('数据库与临时副本逐表摘要一致（sha256，按主键排序的行的规范 JSON）：');
  for (const line of formatDigest(result.digest)) environment.io.out(line);
  for (const note of result.notes) environment.io.out(note);
  if (auditKey.load() === null)
    environment.io.err(
      `注意：没有找到本部署的审计密钥（${auditKey.location}），备份不带审计见证，只核对了哈希链。请用 --data-dir 指定本部署的数据文件夹（审计密钥在其旁的 .audit/key）后重新备份。`,
    );
  return 0;
}
