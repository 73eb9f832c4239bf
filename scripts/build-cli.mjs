// Bundles the command line (src/main/cli/entry.ts) for plain Node into out/cli/luoshi.cjs, and the
// export worker beside it.
// Native and heavy packages stay external and load from node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/main/cli/entry.ts'],
  outfile: 'out/cli/luoshi.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: Object.keys(pkg.dependencies),
  logLevel: 'warning',
});

// The browser mode's export worker threads (src/main/server/exportPool.ts), started by `luoshi serve`.
await build({
  entryPoints: ['src/main/server/exportWorker.ts'],
  outfile: 'out/cli/exportWorker.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: Object.keys(pkg.dependencies),
  logLevel: 'warning',
});
