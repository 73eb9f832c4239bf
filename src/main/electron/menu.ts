import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

/**
 * The Chinese application menu. Its commands reach the renderer as hash routes, the same
 * destinations as the navigation in the window, so both stay one set of commands.
 */
export function buildMenu(getWindow: () => BrowserWindow | null): Menu {
  const go = (route: string) => () => {
    const window = getWindow();
    if (window) void window.webContents.executeJavaScript(`location.hash = ${JSON.stringify(route)}`);
  };
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '工作台', accelerator: 'CmdOrCtrl+1', click: go('#/') },
        { label: '方案任务', accelerator: 'CmdOrCtrl+2', click: go('#/plan') },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '重新加载', role: 'reload' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助',
      submenu: [{ label: '关于落实通', role: 'about' }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
