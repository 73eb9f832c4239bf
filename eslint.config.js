// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Policy: the dependency direction is a lint error. shared → nothing; main, preload and
 * renderer → shared. Node built-ins, Electron and the heavy file libraries live in main only,
 * and the core (src/main/core) knows nothing of Electron, so the CLI, the HTTP server and the
 * tests drive it directly.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const mainOnlyPackages = ['better-sqlite3', 'pg', 'docx', 'exceljs', 'mammoth', 'iconv-lite', 'jszip'];

/** @param {string[]} names @param {string} why */
const banPaths = (names, why) => names.map((name) => ({ name, message: why }));

/**
 * The layering as resolved paths, so no spelling of a relative path, re-export or dynamic
 * `import()` steps over it (tests/main/lint/fence.test.ts proves each zone fails).
 * `target` is the importing folder, `from` the folders it must not reach.
 * @type {{ target: string, from: string[], except?: string[], message: string }[]}
 */
const fenceZones = [
  {
    target: './src/shared',
    from: ['./src/main', './src/renderer', './src/preload'],
    message: 'src/shared depends on nothing outside shared.',
  },
  {
    target: './src/main/core',
    from: [
      './src/main/electron',
      './src/main/server',
      './src/main/cli',
      './src/main/bench',
      './src/renderer',
      './src/preload',
    ],
    message: 'The core knows no host: the Electron app, the HTTP server, the CLI and the bench sit on top of it.',
  },
  {
    target: './src/main/bench',
    from: ['./src/main/electron', './src/main/server', './src/main/cli', './src/renderer', './src/preload'],
    message: 'The bench drives the core only.',
  },
  {
    target: './src/main/server',
    from: ['./src/main/electron', './src/main/cli', './src/main/bench', './src/renderer', './src/preload'],
    message: 'The HTTP server is a host of the core: it imports core and shared only.',
  },
  {
    target: './src/main/cli',
    from: ['./src/main/electron', './src/renderer', './src/preload'],
    message: 'The CLI runs under plain Node: no Electron, renderer or preload.',
  },
  {
    target: './src/main/electron',
    from: ['./src/main/cli', './src/main/bench', './src/renderer', './src/preload'],
    message: 'The Electron host imports core and shared; the renderer is loaded, never imported.',
  },
  {
    target: './src/main/electron',
    from: ['./src/main/server'],
    except: ['./staticFiles.ts'],
    message: 'The Electron host shares only the static-file reader with the HTTP server.',
  },
  {
    target: './src/renderer',
    from: ['./src/main', './src/preload'],
    message: 'The renderer speaks only the contract in src/shared.',
  },
  {
    target: './src/preload',
    from: ['./src/main', './src/renderer'],
    message: 'The preload only bridges the contract.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'bench/results/**',
      'test-results/**',
      'bin/**',
      'scripts/*.mjs',
      'tests/fixtures/**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: fenceZones }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['electron-builder.config.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: globals.node,
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banPaths(
            [...nodeBuiltins, 'electron', ...mainOnlyPackages, 'react', 'antd'],
            'src/shared is pure TypeScript: only zod, xstate and shared modules.',
          ),
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared depends on nothing outside shared.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // useLoad(load, deps) is checked like useEffect at every call site.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useLoad$' }],
      // React event props may start promises (antd's onConfirm and onOk await them); floating ones are still caught.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'no-restricted-imports': [
        'error',
        {
          paths: banPaths(
            [...nodeBuiltins, 'electron', ...mainOnlyPackages],
            'The renderer talks only to the API contract.',
          ),
          patterns: [{ group: ['**/main/**', '**/preload/**'], message: 'The renderer imports only src/shared.' }],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banPaths([...nodeBuiltins, ...mainOnlyPackages], 'The preload only bridges the contract.'),
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'The preload imports only electron and src/shared.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/core/**/*.ts', 'src/main/server/**/*.ts', 'src/main/cli/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: banPaths(['electron'], 'The core, server and CLI run under plain Node: no Electron here.'),
          patterns: [{ group: ['**/renderer/**', '**/preload/**'], message: 'main imports only main and shared.' }],
        },
      ],
    },
  },
  {
    files: ['src/main/*.ts', 'src/main/electron/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
);
