import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LuoshiError } from '../../../shared/errors';
import { checkDataFolder, startAutomaticBackups } from '../../core/backup';
import { createDispatcher } from '../../core/dispatcher';
import { defaultDataDir } from '../../core/paths';
import { startHttpServer } from '../../server/httpServer';
import { dataDirOption, parseCommandArgs, UsageError, type Command } from '../command';
import { openCoreForCli } from '../openCore';

export const serveCommand: Command = {
  name: 'serve',
  summary: '浏览器模式：在本机启动界面与接口服务',
  usage: 'luoshi serve [--data-dir 目录] [--host 127.0.0.1] [--port 5780] [--allow-host 名称 ...]',
  async run(argv, environment) {
    const { values } = parseCommandArgs('serve', argv, {
      ...dataDirOption,
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '5780' },
      'allow-host': { type: 'string', multiple: true },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`serve：端口「${values.port}」无效，应为 0–65535 的整数。`);
    }
    const staticDir = join(environment.packageRoot, 'out', 'renderer');
    if (!existsSync(join(staticDir, 'index.html'))) {
      throw new UsageError(`serve：未找到界面文件 ${staticDir}/index.html，请先运行 npm run build。`);
    }
    // A damaged database is refused before anything opens it for writing.
    const check = await checkDataFolder(values['data-dir'] ?? defaultDataDir(environment.env));
    if (!check.ok) throw new LuoshiError('internal', check.problem ?? '数据库未通过完整性检查。');
    const core = await openCoreForCli(values['data-dir'], environment);
    const backups = startAutomaticBackups(core, { onError: (e) => environment.io.err(`自动备份失败：${String(e)}`) });
    const server = await startHttpServer({
      dispatcher: createDispatcher(core),
      staticDir,
      host: values.host,
      port,
      allowHosts: values['allow-host'] ?? [],
    });
    environment.io.out(`落实通浏览器模式已启动：${server.url}`);
    environment.io.out(`数据目录：${core.paths.dataDir}`);
    if (!['127.0.0.1', 'localhost', '::1'].includes(values.host)) {
      environment.io.err(
        `注意：服务监听在 ${values.host}，同一网络中的其他计算机可以访问；连接未加密，密码和登录凭据以明文传输，请只在可信的内部网络中使用。`,
      );
    }
    await new Promise<void>((resolve) => {
      const stop = () => {
        void server
          .close()
          .then(() => backups.shutdown())
          .then(() => {
            core.close();
            resolve();
          });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
