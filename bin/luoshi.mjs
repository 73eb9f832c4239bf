#!/usr/bin/env node
// The `luoshi` command. The TypeScript sources are bundled by `npm run build` (or `npm install`,
// through the prepare script) into out/cli/luoshi.cjs.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/luoshi.cjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('错误：未找到命令行程序 out/cli/luoshi.cjs，请先在项目目录运行 npm run build。\n');
  process.exit(1);
}
createRequire(import.meta.url)(bundle);
