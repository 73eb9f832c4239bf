import { EventEmitter } from 'node:events';

/**
 * Just enough of Electron's main-process API to start the built `out/main/index.cjs` under Node and
 * record what it asks for: the window's options, the IPC handlers, the protocol handler, the menu.
 * Electron itself cannot be downloaded on the build machines.
 */
export interface FakeElectron {
  module: Record<string, unknown>;
  ready: () => void;
  windows: {
    options: { webPreferences?: Record<string, unknown> };
    url: string;
    webContents: EventEmitter & Record<string, unknown>;
  }[];
  ipcHandlers: Map<string, (event: unknown, payload: unknown) => Promise<unknown>>;
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  privilegedSchemes: unknown[];
  menuLabels: string[];
  permissionRequest?: (
    webContents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: { requestingUrl: string },
  ) => void;
  errors: string[];
  /** The button the next synchronous message box answers with. */
  messageBoxChoice: number;
  messageBoxes: { message?: string; buttons?: string[] }[];
}

export function createFakeElectron(userDataDir: string, appPath: string): FakeElectron {
  const app = new EventEmitter() as EventEmitter & Record<string, unknown>;
  let resolveReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
  const paths = new Map<string, string>([['userData', userDataDir]]);
  const fake: FakeElectron = {
    module: {},
    ready: () => resolveReady(),
    windows: [],
    ipcHandlers: new Map(),
    protocolHandlers: new Map(),
    privilegedSchemes: [],
    menuLabels: [],
    errors: [],
    messageBoxChoice: 0,
    messageBoxes: [],
  };
  Object.assign(app, {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => readyPromise,
    quit: () => undefined,
    exit: (code: number) => fake.errors.push(`exit ${code}`),
    setPath: (name: string, value: string) => paths.set(name, value),
    getPath: (name: string) => paths.get(name) ?? userDataDir,
    getAppPath: () => appPath,
  });
  class BrowserWindow extends EventEmitter {
    webContents: EventEmitter & Record<string, unknown>;
    constructor(public options: { webPreferences?: Record<string, unknown> }) {
      super();
      const webContents = new EventEmitter() as EventEmitter & Record<string, unknown>;
      webContents.setWindowOpenHandler = () => undefined;
      webContents.mainFrame = { url: 'luoshi://app/index.html' };
      this.webContents = webContents;
      fake.windows.push({ options, url: '', webContents });
    }
    loadURL(url: string) {
      fake.windows[fake.windows.length - 1]!.url = url;
      return Promise.resolve();
    }
    show() {}
    isMinimized() {
      return false;
    }
  }
  fake.module = {
    app,
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, payload: unknown) => Promise<unknown>) =>
        fake.ipcHandlers.set(channel, handler),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        fake.protocolHandlers.set(scheme, handler),
    },
    Menu: {
      buildFromTemplate: (template: { label?: string; submenu?: { label?: string }[] }[]) => {
        for (const item of template) {
          fake.menuLabels.push(item.label ?? '');
          for (const sub of item.submenu ?? []) if (sub.label) fake.menuLabels.push(sub.label);
        }
        return { template };
      },
      setApplicationMenu: () => undefined,
    },
    dialog: {
      showErrorBox: (title: string, message: string) => fake.errors.push(`${title}: ${message}`),
      showMessageBox: () => Promise.resolve({ response: 1 }),
      showMessageBoxSync: (_window: unknown, options: { message?: string; buttons?: string[] }) => {
        fake.messageBoxes.push(options);
        return fake.messageBoxChoice;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: FakeElectron['permissionRequest']) => (fake.permissionRequest = handler),
        setPermissionCheckHandler: () => undefined,
      },
    },
    shell: { openExternal: () => Promise.resolve() },
  };
  return fake;
}
