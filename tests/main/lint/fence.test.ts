import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The layering is enforced, not advised: a scratch copy of a real file in each layer gets one
 * forbidden import (static, re-export or dynamic `import()`), and lint must refuse it with the
 * fence rule. The same file without the line passes, so a refusal is the fence's doing.
 */
const root = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function fenceErrors(file: string, extra: string): Promise<string[]> {
  const path = join(root, file);
  const text = `${readFileSync(path, 'utf8')}\n${extra}\n`;
  const [result] = await eslint.lintText(text, { filePath: path });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

const forbidden: { layer: string; file: string; line: string }[] = [
  {
    layer: 'core → HTTP server',
    file: 'src/main/core/core.ts',
    line: "export { startHttpServer } from '../server/httpServer';",
  },
  { layer: 'core → CLI', file: 'src/main/core/core.ts', line: "import '../cli/main';" },
  {
    layer: 'core → Electron host',
    file: 'src/main/core/services/searchService.ts',
    line: "export * from '../../electron/security';",
  },
  {
    layer: 'core → bench',
    file: 'src/main/core/core.ts',
    line: "export const bench = () => import('../bench/runner');",
  },
  { layer: 'core → renderer', file: 'src/main/core/core.ts', line: "import '../../renderer/src/api/useApi';" },
  { layer: 'bench → CLI', file: 'src/main/bench/stats.ts', line: "import '../cli/main';" },
  { layer: 'server → CLI', file: 'src/main/server/cluster.ts', line: "import '../cli/main';" },
  { layer: 'server → Electron host', file: 'src/main/server/cluster.ts', line: "import '../electron/security';" },
  { layer: 'CLI → Electron host', file: 'src/main/cli/command.ts', line: "import '../electron/security';" },
  {
    layer: 'Electron host → renderer',
    file: 'src/main/electron/security.ts',
    line: "import '../../renderer/src/api/useApi';",
  },
  {
    layer: 'Electron host → HTTP server',
    file: 'src/main/electron/security.ts',
    line: "import '../server/httpServer';",
  },
  { layer: 'shared → core', file: 'src/shared/errors.ts', line: "import '../main/core/core';" },
  {
    layer: 'renderer → core (static)',
    file: 'src/renderer/src/api/useApi.ts',
    line: "import '../../../main/core/core';",
  },
  {
    layer: 'renderer → core (dynamic import)',
    file: 'src/renderer/src/api/useApi.ts',
    line: "export const core = () => import('../../../main/core/db/database');",
  },
  { layer: 'preload → core', file: 'src/preload/index.ts', line: "import '../main/core/core';" },
];

describe('the layering fence', () => {
  it.each(forbidden)(
    'refuses $layer',
    async ({ file, line }) => {
      expect(await fenceErrors(file, '')).toEqual([]);
      expect((await fenceErrors(file, line)).length).toBeGreaterThan(0);
    },
    60_000,
  );

  it('lets each host use what it stands on', async () => {
    expect(
      await fenceErrors(
        'src/main/cli/command.ts',
        "import '../core/core';\nimport '../server/httpServer';\nimport '../bench/runner';",
      ),
    ).toEqual([]);
    expect(
      await fenceErrors('src/main/electron/security.ts', "import '../core/core';\nimport '../server/staticFiles';"),
    ).toEqual([]);
  }, 60_000);
});

describe('the renderer type project', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'luoshi-fence-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('cannot compile a renderer file that reaches into main', async () => {
    // A project extending tsconfig.web.json (composite: every file must be listed) with one
    // scratch renderer file that imports the core.
    const probe = join(root, 'src/renderer/src/__fence_probe__.ts');
    const config = join(scratch, 'tsconfig.json');
    writeFileSync(
      config,
      JSON.stringify({
        extends: join(root, 'tsconfig.web.json'),
        compilerOptions: { rootDir: root, tsBuildInfoFile: join(scratch, 'web.tsbuildinfo') },
        include: [join(root, 'src/renderer/src/api/**/*'), join(root, 'src/shared/**/*'), probe],
      }),
    );
    writeFileSync(probe, "import { migrate } from '../../main/core/db/migrations';\nexport const probe = migrate;\n");
    try {
      const tsc = join(root, 'node_modules/typescript/bin/tsc');
      const run = await promisify(execFile)(process.execPath, [tsc, '-p', config], { cwd: root }).then(
        () => ({ failed: false, out: '' }),
        (error: { stdout?: string }) => ({ failed: true, out: error.stdout ?? '' }),
      );
      expect(run.failed).toBe(true);
      expect(run.out).toContain('TS6307');
    } finally {
      rmSync(probe, { force: true });
    }
  }, 120_000);
});
