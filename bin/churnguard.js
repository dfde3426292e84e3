#!/usr/bin/env node
// `npx churnguard <command>`: runs the TypeScript CLI through tsx (installed with the project).
require('tsx/cjs');
const { runCliProcess } = require('../src/local/cli/main.ts');

runCliProcess(process.argv.slice(2));
