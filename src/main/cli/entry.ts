import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { runCli } from './main';

// Bundled to out/cli/luoshi.cjs (CommonJS, so __dirname is that folder): the package root is two up.
const packageRoot = process.env.LUOSHI_PACKAGE_ROOT ?? resolve(__dirname, '..', '..');

runCli(process.argv.slice(2), {
  io: { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) },
  packageRoot,
  env: process.env,
})
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`错误：${String(error)}\n`);
      process.exitCode = 1;
    },
  )
  .finally(() => {
    // A server process of `luoshi serve --workers N` (server/cluster.ts): the cluster's IPC channel
    // would keep it alive after its command ended, also when it could not start. Exit with the
    // command's code (letting go of the channel alone would make the cluster exit with 0).
    if (cluster.isWorker) process.exit();
  });
