import { join } from 'node:path';
import { BrowserWindow, dialog, shell } from 'electron';
import { appOrigin, externalUrlToOpen, isAppUrl, secureWebPreferences } from './security';

export function createMainWindow(devServerUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '落实通',
    show: false,
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  });
  window.once('ready-to-show', () => window.show());

  // Navigation never leaves our renderer; new windows are denied and web links go to the OS browser.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());

  // A report with unsaved text holds a reload or close (beforeunload). Electron shows no prompt of
  // its own and would silently refuse to close, so ask here; preventDefault lets the page go.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      title: '落实通',
      message: '报告有尚未保存的修改',
      detail: '离开后这些修改将丢失。可以先留在本页，等待自动保存完成（或按 Ctrl+S 保存）后再关闭。',
      buttons: ['留在本页', '不保存，直接离开'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (choice === 1) event.preventDefault();
  });

  void window.loadURL(devServerUrl ?? `${appOrigin}/index.html`);
  return window;
}
