// @ts-check
/**
 * Packaging for Windows (NSIS installer) and Linux (deb, AppImage): `npm run dist`, which runs
 * `npm run build` and then `electron-builder --config electron-builder.config.cjs`.
 * Output goes to dist/. tests/main/packaging/config.test.ts loads this file and checks it, since
 * the build machines cannot download Electron to run it.
 *
 * better-sqlite3 is a native module: `npmRebuild` rebuilds it for Electron's ABI at packaging
 * time (tests run it built for Node), and its .node file is unpacked from the asar archive
 * because the OS cannot load a shared library from inside one.
 *
 * @type {Record<string, unknown>} electron-builder's Configuration (the package is a devDependency of dist only)
 */
const config = {
  appId: 'cn.gov.luoshi',
  productName: '落实通',
  // ASCII names for the executable and the artifacts: some file shares and USB sticks mangle Chinese names.
  executableName: 'luoshi',
  artifactName: 'luoshi-${version}-${os}-${arch}.${ext}',
  copyright: '落实通 Luoshi',
  directories: {
    buildResources: 'resources/build',
    output: 'dist',
  },
  // electron-builder adds package.json and the production node_modules itself.
  files: ['out/**', '!out/**/*.map', 'resources/seed/**'],
  // The shipped plan, outside the asar: the main process reads it from
  // join(process.resourcesPath, 'resources') (src/main/electron/index.ts).
  extraResources: [{ from: 'resources/seed', to: 'resources/seed' }],
  asar: true,
  asarUnpack: ['**/node_modules/better-sqlite3/**/*.node'],
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  icon: 'resources/build/icon.png',
  // Only the interface languages we ship; drops ~40 MB of Chromium locales.
  electronLanguages: ['zh-CN', 'en-US'],
  // Electron security checklist item 19, flipped by electron-builder's @electron/fuses integration.
  // The `luoshi` command line runs on the system Node (bin/luoshi.mjs), so RunAsNode can go.
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'resources/build/icon.png',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: '落实通',
    // Simplified Chinese installer (LCID 2052).
    installerLanguages: ['zh_CN'],
    language: '2052',
    multiLanguageInstaller: false,
    unicode: true,
    // The data folder (%APPDATA%\Luoshi) holds the records and backups: never delete it on uninstall.
    deleteAppDataOnUninstall: false,
    artifactName: 'luoshi-setup-${version}-${arch}.${ext}',
  },
  linux: {
    target: [
      { target: 'deb', arch: ['x64'] },
      { target: 'AppImage', arch: ['x64'] },
    ],
    category: 'Office',
    icon: 'resources/build/icon.png',
    executableName: 'luoshi',
    maintainer: '落实通 Luoshi <luoshi@localhost>',
    synopsis: '工作方案任务落实跟踪、季度进展填报审核与公文台账生成',
    description: '落实通：把工作方案转为可跟踪的任务，按季度填报、审核进展，生成公文报告和台账。',
  },
  deb: {
    // The data folder lives in each user's home and is not removed with the package.
    priority: 'optional',
  },
};

module.exports = config;
