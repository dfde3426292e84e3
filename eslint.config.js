// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');

const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp',
  'MailApp',
  'GmailApp',
  'CardService',
  'PropertiesService',
  'CacheService',
  'LockService',
  'ScriptApp',
  'Session',
  'Utilities',
  'Logger',
  'DriveApp',
  'UrlFetchApp',
];
const NODE_GLOBALS = [
  'process',
  'Buffer',
  'require',
  'module',
  '__dirname',
  '__filename',
  'setTimeout',
  'setInterval',
];

/** Bundled code uses zod/mini through src/core/zod.ts: one classic-zod import once added 135 KB to Code.js. */
const CLASSIC_ZOD = {
  name: 'zod',
  message:
    "Use `import * as z from '…/core/zod'` (zod/mini, tree-shaken): classic zod puts every schema method in the bundle.",
};

module.exports = tseslint.config(
  { ignores: ['build/', 'coverage/', 'node_modules/', 'sample/', '.local/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Pure layers: no Apps Script services, no Node. Only src/gas touches services.
    files: ['src/core/**/*.ts', 'src/ui/**/*.ts', 'src/ports/**/*.ts', 'src/app/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...APPS_SCRIPT_GLOBALS, ...NODE_GLOBALS],
      'no-restricted-imports': [
        'error',
        {
          paths: [CLASSIC_ZOD],
          patterns: ['node:*', 'fs', 'path', 'os', 'child_process', '**/gas/**', '**/local/**'],
        },
      ],
    },
  },
  {
    files: ['src/gas/**/*.ts', 'src/index.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [CLASSIC_ZOD] }] },
  },
  {
    // The workbench page's own script runs in the browser.
    files: ['src/local/workbench/static/**/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'script' },
  },
  {
    // Tests poke at malformed inputs on purpose.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
