import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/tempDir';

/**
 * electron-builder cannot run on the build machines (no Electron download), so its configuration
 * is loaded and checked here: a typo in a key or a path would otherwise surface only on release day.
 */
interface Target {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  executableName: string;
  directories: { buildResources: string; output: string };
  files: string[];
  extraResources: { from: string; to: string }[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  icon: string;
  electronFuses: Record<string, boolean>;
  win: { target: Target[]; icon: string };
  nsis: Record<string, unknown>;
  linux: { target: Target[]; category: string; icon: string; maintainer: string; executableName: string };
}

const config = createRequire(import.meta.url)(join(repoRoot, 'electron-builder.config.cjs')) as BuilderConfig;

/** Minimal glob matching for the patterns used here (`**`, `*`), enough to check asarUnpack. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const rest = glob.slice(i);
    if (rest.startsWith('**/')) {
      source += '(?:.*/)?';
      i += 2;
    } else if (rest.startsWith('**')) {
      source += '.*';
      i += 1;
    } else if (rest.startsWith('*')) source += '[^/]*';
    else source += rest.charAt(0).replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

describe('electron-builder configuration', () => {
  it('names the app 落实通 with the government app id', () => {
    expect(config.appId).toBe('cn.gov.luoshi');
    expect(config.productName).toBe('落实通');
    expect(config.executableName).toMatch(/^[a-z]+$/);
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      productName: string;
      main: string;
    };
    expect(pkg.productName).toBe(config.productName);
    // The entry point electron-builder packs must be inside the files it ships.
    expect(pkg.main.replace(/^\.\//, '')).toMatch(globToRegExp(config.files[0]!));
  });

  it('ships the build output and the seed plan, and keeps the seed outside the asar', () => {
    expect(config.directories.buildResources).toBe('resources/build');
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'resources/seed/**']));
    // src/main/electron/index.ts reads join(process.resourcesPath, 'resources'), then seed/.
    expect(config.extraResources).toEqual([{ from: 'resources/seed', to: 'resources/seed' }]);
    expect(existsSync(join(repoRoot, 'resources', 'seed'))).toBe(true);
  });

  it('rebuilds better-sqlite3 for Electron and unpacks its native file from the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).toBe(true);
    const native = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(existsSync(join(repoRoot, native))).toBe(true);
    expect(config.asarUnpack.some((pattern) => globToRegExp(pattern).test(native))).toBe(true);
    expect(config.asarUnpack.some((pattern) => globToRegExp(pattern).test('out/main/index.js'))).toBe(false);
  });

  it('builds a Chinese NSIS installer that lets the user choose the folder', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.nsis.oneClick).toBe(false);
    expect(config.nsis.allowToChangeInstallationDirectory).toBe(true);
    expect(config.nsis.installerLanguages).toEqual(['zh_CN']);
    expect(config.nsis.language).toBe('2052');
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });

  it('builds deb and AppImage packages filed under Office', () => {
    expect(config.linux.target.map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    // deb refuses to build without a maintainer.
    expect(config.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
  });

  it('turns off the fuses the Electron security checklist names', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('points at a 512×512 PNG icon in the build resources', () => {
    for (const icon of [config.icon, config.win.icon, config.linux.icon]) {
      expect(icon).toBe(`${config.directories.buildResources}/icon.png`);
    }
    const png = readFileSync(join(repoRoot, config.icon));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
