import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, Menu, dialog, session } from 'electron';
import { checkDataFolder, restoreBackup } from '../core/backup';
import { defaultDataDir } from '../core/paths';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { isPermissionGranted } from './security';
import { createMainWindow } from './window';
import { startCoreWorker, type CoreClient } from './coreClient';

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
let mainWindow: BrowserWindow | null = null;
let core: CoreClient | null = null;
let quitting = false;

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
  // Back up on the way out (only when something changed), then close the database.
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    void core.shutdown().finally(() => {
      core = null;
      app.quit();
    });
  });
}

async function start(): Promise<void> {
  // Desktop, CLI and browser mode share one data folder.
  app.setPath('userData', defaultDataDir());
  const dataDir = app.getPath('userData');
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');

  // A damaged database is never opened for writing; offer the latest good backup instead.
  const check = await checkDataFolder(dataDir);
  if (!check.ok) {
    const latest = check.latestBackup;
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: '数据文件已损坏',
      message: check.problem ?? '数据库未通过完整性检查。',
      detail: latest ? `可以从最近的完好备份恢复：${latest.file}` : '没有找到可用的备份，请联系管理员。',
      buttons: latest ? ['从最近的备份恢复', '退出'] : ['退出'],
      defaultId: 0,
      cancelId: latest ? 1 : 0,
    });
    if (!latest || response !== 0) {
      app.exit(1);
      return;
    }
    await restoreBackup(latest.file, dataDir);
  }

  // The core (database, exports, backups) runs in a worker thread so the window never freezes.
  core = await startCoreWorker(join(__dirname, 'coreWorker.cjs'), { dataDir, resourcesDir });

  session.defaultSession.setPermissionRequestHandler((_webContents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl, devServerUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, devServerUrl),
  );

  serveRenderer(join(__dirname, '../renderer'));
  registerIpc(core.dispatcher, devServerUrl);
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
