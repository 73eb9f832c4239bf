import { existsSync, readdirSync, statSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcChannelOf, methodNames } from '../../../src/shared/contract';
import { makeTempDir, repoRoot } from '../../helpers/tempDir';
import { createFakeElectron, type FakeElectron } from './fakeElectron';

/**
 * The built desktop main process (`out/main/index.cjs`, built by `npm test`) started under Node
 * against a stand-in for Electron: it must create one secure window, register one checked IPC
 * channel per contract method and serve the renderer from its own scheme.
 */
const mainBundle = join(repoRoot, 'out', 'main', 'index.cjs');
let fake: FakeElectron;
let cleanup: () => void;
let dataDir: string;
/** When the test created an account, i.e. changed the data after the start-up backup. */
let accountCreatedAt = 0;
type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const originalLoad = moduleWithLoad._load;

beforeAll(async () => {
  if (!existsSync(mainBundle)) throw new Error(`${mainBundle} is missing: run npm run build first`);
  const temp = makeTempDir('luoshi-electron-');
  cleanup = temp.cleanup;
  dataDir = temp.dir;
  fake = createFakeElectron(temp.dir, repoRoot);
  process.env.LUOSHI_DATA_DIR = temp.dir;
  moduleWithLoad._load = (request, parent, isMain) =>
    request === 'electron' ? fake.module : originalLoad(request, parent, isMain);
  Module.createRequire(import.meta.url)(mainBundle);
  fake.ready();
  // start() opens the data, loads the seed plan and then creates the window.
  for (let waited = 0; fake.windows.length === 0 && fake.errors.length === 0 && waited < 30_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 40_000);

afterAll(() => {
  moduleWithLoad._load = originalLoad;
  delete process.env.LUOSHI_DATA_DIR;
  cleanup?.();
});

const event = (url: string, mainFrame = true) => {
  const frame = { url };
  return { senderFrame: frame, sender: { mainFrame: mainFrame ? frame : { url } } };
};

describe('the desktop main process', () => {
  it('opens one sandboxed, isolated window on the app scheme with an existing preload', () => {
    expect(fake.errors).toEqual([]);
    const [window] = fake.windows;
    const prefs = window!.options.webPreferences!;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(existsSync(String(prefs.preload))).toBe(true);
    expect(window!.url).toBe('luoshi://app/index.html');
    expect(fake.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'luoshi' })]);
  });

  it('registers one IPC channel per contract method', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(methodNames.map(ipcChannelOf).sort());
  });

  it('answers our own main frame and refuses any other sender', async () => {
    const handler = fake.ipcHandlers.get(ipcChannelOf('system.info'))!;
    const ok = (await handler(event('luoshi://app/index.html'), {})) as { ok: boolean; data: { transport: string } };
    expect(ok).toMatchObject({ ok: true, data: { transport: 'ipc' } });
    const foreign = (await handler(event('https://evil.example/'), {})) as { ok: boolean; error: { code: string } };
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const subFrame = (await handler(event('luoshi://app/index.html', false), {})) as { ok: boolean };
    expect(subFrame.ok).toBe(false);
    const bad = (await fake.ipcHandlers.get(ipcChannelOf('plan.task'))!(event('luoshi://app/index.html'), {
      taskId: 'x',
    })) as { ok: boolean; error: { code: string } };
    expect(bad.ok).toBe(false);
  });

  it('keeps each window’s session across calls relayed to the core’s worker thread', async () => {
    const frame = { url: 'luoshi://app/index.html' };
    const windowA = { senderFrame: frame, sender: { mainFrame: frame } };
    const windowB = { senderFrame: { ...frame }, sender: { mainFrame: {} as unknown } };
    windowB.sender.mainFrame = windowB.senderFrame;
    const call = (method: string, sender: unknown, payload: unknown = {}) =>
      fake.ipcHandlers.get(ipcChannelOf(method as never))!(sender, payload) as Promise<{
        ok: boolean;
        data?: { actor: unknown };
      }>;
    accountCreatedAt = Date.now();
    const setup = await call('auth.setup', windowA, {
      username: 'admin',
      displayName: '管理员',
      password: 'admin-pass-1',
    });
    expect(setup.ok).toBe(true);
    expect((await call('auth.status', windowA)).data?.actor).toMatchObject({ username: 'admin' });
    // Another window has its own session: not signed in.
    expect((await call('auth.status', windowB)).data?.actor).toBeNull();
  });

  it('serves the built renderer from luoshi://app with a strict CSP, and nothing outside it', async () => {
    const serve = fake.protocolHandlers.get('luoshi')!;
    const index = await serve(new Request('luoshi://app/index.html'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('落实通');
    expect((await serve(new Request('luoshi://app/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
  });

  it('denies permission requests from other origins and builds the Chinese menu', () => {
    let granted: boolean | undefined;
    fake.permissionRequest?.({}, 'media', (g) => (granted = g), { requestingUrl: 'https://evil.example/' });
    expect(granted).toBe(false);
    expect(fake.menuLabels).toEqual(
      expect.arrayContaining(['文件', '工作台', '方案任务', '填报审核', '台账导出', '报告', '设置']),
    );
  });
});

describe('quitting the desktop app', () => {
  it('asks before a close or reload would drop a report’s unsaved text, and goes only when told to', () => {
    const [window] = fake.windows;
    const unload = (choice: number): boolean => {
      fake.messageBoxChoice = choice;
      let leave = false;
      window!.webContents.emit('will-prevent-unload', { preventDefault: () => (leave = true) });
      return leave;
    };
    expect(unload(0)).toBe(false);
    expect(fake.messageBoxes.at(-1)).toMatchObject({
      message: '报告有尚未保存的修改',
      buttons: ['留在本页', '不保存，直接离开'],
    });
    expect(unload(1)).toBe(true);
  });

  it('lets the core back up and close before the app quits', async () => {
    const app = fake.module.app as {
      emit: (name: string, event: { preventDefault: () => void }) => void;
      quit: () => void;
    };
    let prevented = false;
    let quit = false;
    app.quit = () => {
      quit = true;
    };
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    for (let waited = 0; !quit && waited < 20_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(quit).toBe(true);
    // An account was created since the start-up backup, so one was written on the way out.
    // (Backups are named by the second, so it may have replaced the start-up one.)
    const backups = readdirSync(join(dataDir, 'backups')).filter((f) => f.endsWith('.luoshibak'));
    expect(backups.length).toBeGreaterThan(0);
    const newest = Math.max(...backups.map((f) => statSync(join(dataDir, 'backups', f)).mtimeMs));
    expect(accountCreatedAt).toBeGreaterThan(0);
    expect(newest).toBeGreaterThanOrEqual(accountCreatedAt);
  });
});
