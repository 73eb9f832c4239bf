import { existsSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { LuoshiError } from '../../../shared/errors';
import { checkDataFolder, startAutomaticBackups } from '../../core/backup';
import { createDispatcher } from '../../core/dispatcher';
import { describeUrl } from '../../core/db/postgres/connect';
import { passwordCheckLimiters } from '../../core/services/loginLimiter';
import { isServeWorker, reportListening } from '../../server/cluster';
import { isLoopbackPeer } from '../../server/hostCheck';
import { startExportPool, type ExportPool } from '../../server/exportPool';
import { startHttpServer } from '../../server/httpServer';
import { loadGivenCert, loadOrCreateCert, type TlsMaterial } from '../../server/selfSignedCert';
import { dataDirOption, parseCommandArgs, UsageError, type CliEnvironment, type Command } from '../command';
import { openCoreForCli } from '../openCore';
import { dataLocation } from '../dataLocation';
import { runServeCluster } from './serveCluster';

export const serveCommand: Command = {
  name: 'serve',
  summary: '浏览器模式：在本机启动界面与接口服务',
  usage:
    'luoshi serve [--data-dir 目录] [--database postgres://…] [--host 127.0.0.1] [--port 5780] [--allow-host 名称 ...] [--tls [--cert 证书.pem --key 私钥.pem]] [--insecure-lan] [--workers 1] [--export-workers 1]\n\n' +
    '--database（或环境变量 LUOSHI_DATABASE_URL）使用 PostgreSQL 服务器上的数据库，代替数据目录中的 SQLite 文件。\n' +
    '--workers 指定服务进程数（默认 1）：多个进程共用同一端口和同一数据库，某个进程意外退出时自动重新启动。\n' +
    'Word/Excel 导出与填报表解析在后台线程中进行（--export-workers 指定每个服务进程的线程数，0 表示在主线程中进行）；排队已满时回答“服务器繁忙，请稍后再试”。',
  async run(argv, environment) {
    const { values } = parseCommandArgs('serve', argv, {
      ...dataDirOption,
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '5780' },
      'allow-host': { type: 'string', multiple: true },
      tls: { type: 'boolean', default: false },
      cert: { type: 'string' },
      key: { type: 'string' },
      'insecure-lan': { type: 'boolean', default: false },
      workers: { type: 'string', default: '1' },
      'export-workers': { type: 'string', default: '1' },
    });
    const workers = Number(values.workers);
    if (!Number.isInteger(workers) || workers < 1 || workers > 32) {
      throw new UsageError(`serve：--workers「${values.workers}」无效，应为 1–32 的整数。`);
    }
    // One of the N server processes of `--workers N` (server/cluster.ts): its primary has checked
    // the data, migrated it, loaded the seed plan, introduced the audit key and swept leftovers.
    const worker = isServeWorker(environment.env);
    const exportWorkers = Number(values['export-workers']);
    if (!Number.isInteger(exportWorkers) || exportWorkers < 0 || exportWorkers > 16) {
      throw new UsageError(`serve：--export-workers「${values['export-workers']}」无效，应为 0–16 的整数。`);
    }
    if ((values.cert === undefined) !== (values.key === undefined)) {
      throw new UsageError('serve：--cert 与 --key 须同时给出（证书文件和它的私钥文件）。');
    }
    const useTls = values.tls || values.cert !== undefined;
    const loopback = isLoopbackHost(values.host);
    if (!loopback && !useTls && !values['insecure-lan']) {
      throw new UsageError(
        `serve：监听 ${values.host} 时同一网络中的其他计算机可以访问，但未启用 TLS，密码和登录凭据会以明文在网络上传输，已拒绝启动。` +
          '请加 --tls（用 --cert/--key 指定证书，不指定则自动生成自签名证书并显示其指纹）；' +
          '如确认只在可信的内部网络中使用、接受明文传输，请加 --insecure-lan。',
      );
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`serve：端口「${values.port}」无效，应为 0–65535 的整数。`);
    }
    const staticDir = join(environment.packageRoot, 'out', 'renderer');
    if (!existsSync(join(staticDir, 'index.html'))) {
      throw new UsageError(`serve：未找到界面文件 ${staticDir}/index.html，请先运行 npm run build。`);
    }
    const location = dataLocation(values, environment);
    // A damaged SQLite database is refused before anything opens it for writing (a PostgreSQL
    // server keeps its own integrity; a server process's primary has checked the folder).
    if (!worker && location.databaseUrl === undefined) {
      const check = await checkDataFolder(location.dataDir);
      if (!check.ok) throw new LuoshiError('internal', check.problem ?? '数据库未通过完整性检查。');
    }
    const core = await openCoreForCli(
      values,
      environment,
      worker ? { loadSeedPlan: false, introduceAuditKey: false, sweepAtStart: false } : {},
    );
    let tls: TlsMaterial | null = null;
    try {
      if (values.cert !== undefined && values.key !== undefined)
        tls = loadGivenCert(resolve(values.cert), resolve(values.key));
      else if (useTls)
        tls = loadOrCreateCert(
          join(core.paths.dataDir, 'tls'),
          certificateNames(values.host, values['allow-host'] ?? []),
        );
    } catch (error) {
      core.close();
      throw new UsageError(`serve：无法使用 TLS 证书：${(error as Error).message}`);
    }
    const banner = (url: string) =>
      printBanner(environment, url, core.paths.dataDir, location.databaseUrl, tls, values.host, loopback);
    if (workers > 1 && !worker)
      return runServeCluster({
        core,
        workers,
        argv,
        environment,
        banner,
        automaticBackups: location.databaseUrl === undefined,
      });
    let exportPool: ExportPool | undefined;
    if (exportWorkers > 0) {
      const workerFile = join(environment.packageRoot, 'out', 'cli', 'exportWorker.cjs');
      if (!existsSync(workerFile)) {
        core.close();
        throw new UsageError(
          `serve：未找到导出线程文件 ${workerFile}，请先运行 npm run build（或以 --export-workers 0 启动）。`,
        );
      }
      try {
        exportPool = await startExportPool({
          workerFile,
          dataDir: core.paths.dataDir,
          ...(location.databaseUrl === undefined ? {} : { databaseUrl: location.databaseUrl }),
          resourcesDir: core.resourcesDir,
          workers: exportWorkers,
        });
      } catch (error) {
        core.close();
        throw new LuoshiError('internal', `serve：${(error as Error).message}`);
      }
    }
    // With several server processes the primary backs up, once for all. Automatic backups copy the
    // SQLite file; a PostgreSQL deployment is backed up with `luoshi backup --database`.
    const backups =
      worker || location.databaseUrl !== undefined
        ? null
        : startAutomaticBackups(core, { onError: (e) => environment.io.err(`自动备份失败：${String(e)}`) });
    const server = await startHttpServer({
      dispatcher: createDispatcher(core),
      ...passwordCheckLimiters(() => core.db),
      ...(exportPool ? { exportPool } : {}),
      staticDir,
      host: values.host,
      port,
      allowHosts: values['allow-host'] ?? [],
      ...(tls ? { tls: { cert: tls.cert, key: tls.key } } : {}),
      ...(worker ? { multiProcess: true } : {}),
    });
    if (worker) reportListening(server.url);
    else banner(server.url);
    await new Promise<void>((resolve) => {
      const stop = () => {
        void server
          .close()
          .then(() => exportPool?.close())
          .then(() => backups?.shutdown())
          .then(() => {
            core.close();
            resolve();
          });
      };
      // A server process stops when its primary says so (SIGTERM); Ctrl+C in the terminal reaches
      // the whole process group, and the primary then stops every server process in order.
      if (worker) process.on('SIGINT', () => undefined);
      else process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};

/** The start-up lines: where to open the app, where the data is, the certificate to check. */
function printBanner(
  environment: CliEnvironment,
  url: string,
  dataDir: string,
  databaseUrl: string | undefined,
  tls: TlsMaterial | null,
  host: string,
  loopback: boolean,
): void {
  environment.io.out(`落实通浏览器模式已启动：${url}`);
  environment.io.out(`数据目录：${dataDir}`);
  if (databaseUrl !== undefined) {
    environment.io.out(`数据库：PostgreSQL ${describeUrl(databaseUrl)}`);
    environment.io.out('自动备份不在服务中进行：请用 luoshi backup --database … 定时备份 PostgreSQL 数据库。');
  }
  if (tls) {
    environment.io.out(`HTTPS 证书指纹（SHA-256）：${tls.fingerprint256}`);
    if (tls.generated) {
      environment.io.out(
        `已生成自签名证书 ${tls.certFile ?? ''}。浏览器首次访问时会提示证书不受信任：请核对上面的指纹与浏览器显示的一致后再继续。`,
      );
    }
  }
  if (!loopback && !tls) {
    environment.io.err(
      `注意：服务监听在 ${host}，同一网络中的其他计算机可以访问；连接未加密（--insecure-lan），密码和登录凭据以明文传输，请只在可信的内部网络中使用。`,
    );
  }
}

/** Only this machine can reach a server listening here. */
export function isLoopbackHost(host: string): boolean {
  const plain = host.replace(/^\[|\]$/g, '');
  return plain.toLowerCase() === 'localhost' || isLoopbackPeer(plain);
}

/** The names a generated certificate must carry: loopback, the listening address (all of this machine's when listening everywhere), the machine's name and `--allow-host` names. */
function certificateNames(host: string, allowHosts: readonly string[]): string[] {
  const names = ['localhost', '127.0.0.1', '::1', hostname().toLowerCase()];
  const plain = host.replace(/^\[|\]$/g, '');
  if (plain === '0.0.0.0' || plain === '::') {
    for (const entries of Object.values(networkInterfaces()))
      for (const entry of entries ?? []) names.push(entry.address.split('%')[0] ?? '');
  } else names.push(plain);
  return [...new Set([...names, ...allowHosts.map((name) => name.trim().toLowerCase())].filter((name) => name !== ''))];
}
