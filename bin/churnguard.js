#!/usr/bin/env node
// `npx churnguard <command>`: runs the TypeScript CLI through tsx (installed with the project).
require('tsx/cjs');
const { runCli } = require('../src/local/cli/main.ts');

process.exitCode = runCli(process.argv.slice(2), {
  out: (s) => console.log(s),
  err: (s) => console.error(s),
  now: () => new Date(),
});
