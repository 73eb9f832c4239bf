// `npm start` runs the desktop app. package.json skips electron's postinstall (its binary host is
// unreachable on some build machines); on a machine with network access this fetches the binary on
// first start through electron's own install.js.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
if (!existsSync(join(electronDir, 'path.txt'))) {
  console.log('首次启动：正在下载 Electron 运行时……');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('无法下载 Electron 运行时。可改用浏览器模式：npm run serve');
    process.exit(result.status ?? 1);
  }
}
