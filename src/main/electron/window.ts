import { join } from 'node:path';
import { BrowserWindow, shell } from 'electron';
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

  void window.loadURL(devServerUrl ?? `${appOrigin}/index.html`);
  return window;
}
