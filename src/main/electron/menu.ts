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
        { label: '工作台', accelerator: 'Alt+1', click: go('#/home') },
        { label: '方案任务', accelerator: 'Alt+2', click: go('#/plan') },
        { label: '填报审核', accelerator: 'Alt+3', click: go('#/work') },
        { label: '台账导出', accelerator: 'Alt+4', click: go('#/ledgers') },
        { label: '报告', accelerator: 'Alt+5', click: go('#/documents') },
        { label: '设置', accelerator: 'Alt+6', click: go('#/settings') },
        { type: 'separator' },
        { label: '搜索', accelerator: 'CmdOrCtrl+F', click: go('#/search') },
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
