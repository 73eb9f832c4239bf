import { resolve } from 'node:path';
import { copyFolderToPostgres, copyPostgresToFolder, formatDigest, type CopyResult } from '../../core/db/copy';
import { describeUrl, isPostgresUrl } from '../../core/db/postgres/connect';
import { auditFolderOf } from '../../core/audit/auditKey';
import { parseCommandArgs, UsageError, type Command } from '../command';

export const dbCommand: Command = {
  name: 'db',
  summary: '数据库：copy 在数据文件夹（SQLite）与 PostgreSQL 之间整体复制数据，并逐表核对摘要',
  usage: [
    'luoshi db copy --from 数据文件夹 --to postgres://用户:密码@主机:端口/数据库 [--force]',
    'luoshi db copy --from postgres://用户:密码@主机:端口/数据库 --to 数据文件夹 [--force]',
    '',
    '全部数据（含附件与审计记录）在目标的一个事务中写入，复制后两边逐表比对摘要，不一致则撤销。',
    '目标已有数据时拒绝复制，加 --force 才替换。审计密钥不随数据复制，见输出中的说明。',
  ].join('\n'),
  async run(argv, environment) {
    const { values, positionals } = parseCommandArgs(
      'db',
      argv,
      {
        from: { type: 'string' },
        to: { type: 'string' },
        force: { type: 'boolean' },
        'batch-size': { type: 'string' },
      },
      true,
    );
    if (positionals[0] !== 'copy' || positionals.length !== 1) {
      throw new UsageError('db：请指定子命令 copy，例如 luoshi db copy --from 数据文件夹 --to postgres://…');
    }
    const from = values.from;
    const to = values.to;
    if (!from || !to)
      throw new UsageError('db copy：请同时指定 --from 和 --to（一边是数据文件夹，另一边是 postgres:// 地址）。');
    const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
    if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1))
      throw new UsageError('db copy：--batch-size 应为正整数。');
    const options = { force: values.force ?? false, batchSize, progress: (line: string) => environment.io.out(line) };
    let result: CopyResult;
    if (isPostgresUrl(to) && !isPostgresUrl(from)) {
      environment.io.out(`正在复制 ${resolve(from)} → ${describeUrl(to)}`);
      result = await copyFolderToPostgres(from, to, options);
    } else if (isPostgresUrl(from) && !isPostgresUrl(to)) {
      environment.io.out(`正在复制 ${describeUrl(from)} → ${resolve(to)}`);
      result = await copyPostgresToFolder(from, to, options);
    } else {
      throw new UsageError('db copy：--from 和 --to 应一边是数据文件夹、另一边是 postgres:// 开头的地址。');
    }
    environment.io.out(
      `复制完成：${result.rows} 行，${result.attachments} 个附件。两边逐表摘要一致（sha256，按主键排序的行的规范 JSON）：`,
    );
    for (const line of formatDigest(result.target)) environment.io.out(line);
    for (const note of result.notes) environment.io.out(note);
    if (isPostgresUrl(to))
      environment.io.out(
        `PostgreSQL 部署的审计密钥在其数据文件夹旁（<--data-dir>.audit/key）：在本机以 --data-dir ${resolve(from)} 运行 luoshi serve、backup、restore、audit verify --database 时密钥已在原处；换用其他数据文件夹或其他机器时，请把 ${auditFolderOf(resolve(from))}/key 复制到该文件夹旁的 .audit 中（权限 0600）。`,
      );
    return 0;
  },
};
