import { join } from 'node:path';
import { app, BrowserWindow, Menu, dialog, session } from 'electron';
import { createCore, type LuoshiCore } from '../core/core';
import { createDispatcher } from '../core/dispatcher';
import { defaultDataDir } from '../core/paths';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow } from './window';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
let mainWindow: BrowserWindow | null = null;
let core: LuoshiCore | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.whenReady().then(start, fail);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.close());
}

async function start(): Promise<void> {
  // Desktop, CLI and browser mode share one data folder.
  app.setPath('userData', defaultDataDir());
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
  core = await createCore({ dataDir: app.getPath('userData'), resourcesDir });

  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  serveRenderer(join(__dirname, '../renderer'));
  registerIpc(createDispatcher(core), devServerUrl);
  Menu.setApplicationMenu(buildMenu(() => mainWindow));
  mainWindow = createMainWindow(devServerUrl);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function fail(error: unknown): void {
  dialog.showErrorBox('落实通无法启动', error instanceof Error ? error.message : String(error));
  app.exit(1);
}
