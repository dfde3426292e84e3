/**
 * Cold load of build/Code.js: Apps Script evaluates the whole file on every trigger and action, so
 * its load time is paid on every sidebar open. Measured in a fresh VM context per run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as esbuild from 'esbuild';
import { bundle, packedRuleSpecsSource } from '../scripts/lib/bundle';
import { median, round, timeRuns } from './stats';

const bundlePath = () =>
  path.resolve(process.env.CHURNGUARD_BUNDLE ?? path.resolve(__dirname, '../build/Code.js'));

/** `file`: another build to compare (CHURNGUARD_BUNDLE=path for `npm run bench -- bundle`). */
export function bundleBench(runs = 30, file = bundlePath()) {
  const code = fs.readFileSync(file, 'utf8');
  const script = new vm.Script(code, { filename: 'Code.js' });
  const cold = timeRuns(runs, () => {
    // A new context and a fresh compile each time, as a new Apps Script execution has.
    vm.runInContext(code, vm.createContext({}), { filename: 'Code.js' });
  });
  const warmCompile = timeRuns(runs, () => script.runInContext(vm.createContext({})));
  return {
    bytes: Buffer.byteLength(code),
    kib: Math.round(Buffer.byteLength(code) / 102.4) / 10,
    coldLoadMedianMs: cold.medianMs,
    coldLoadMinMs: cold.minMs,
    cachedCompileLoadMedianMs: warmCompile.medianMs,
    runs,
  };
}

/**
 * A homepage open end to end in the VM: load Code.js and call onHomepage on the stand-ins, as a fresh
 * Apps Script execution does. Reports wall time and the service calls made.
 */
export function firstCardBench(runs = 20, file = bundlePath()) {
  // Imported lazily so `npm run bench -- bundle` works even before other groups' modules exist.
  const { AppsScriptWorld, createCardService } =
    require('../src/local/standins') as typeof import('../src/local/standins');
  const code = fs.readFileSync(file, 'utf8');
  let calls = 0;
  const timing = timeRuns(runs, () => {
    const world = new AppsScriptWorld({ latency: 'none' });
    const execution = world.startExecution();
    const context = vm.createContext({ Date, ...execution.globals, CardService: createCardService() });
    vm.runInContext(code, context);
    (context as unknown as { onHomepage(e: unknown): unknown }).onHomepage({
      commonEventObject: { hostApp: 'GMAIL' },
    });
    calls = world.calls.total();
  });
  return { loadPlusHomepageMedianMs: timing.medianMs, serviceCalls: calls, runs };
}

/** A source file's group: its package, or its folder two levels under src/ (src/core/intent). */
function groupOf(input: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (inPackage) return `package ${inPackage[1]}`;
  return input.split('/').slice(0, 3).join('/');
}

/**
 * What the bundle is made of: minified bytes per group and per file, from esbuild's metafile, so a
 * size regression names its source. `top` rows of each.
 */
export async function bundleCompositionBench(top = 12) {
  const { bytes, inputBytes } = await bundle(path.resolve(__dirname, '../src/index.ts'));
  const share = (n: number) => `${((100 * n) / bytes).toFixed(1)}%`;
  const groups = new Map<string, number>();
  for (const [input, n] of Object.entries(inputBytes))
    groups.set(groupOf(input), (groups.get(groupOf(input)) ?? 0) + n);
  const rows = (entries: Iterable<[string, number]>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({ name, bytes: n, share: share(n) }));
  return { bytes, groups: rows(groups), files: rows(Object.entries(inputBytes)) };
}

/**
 * The intent rules ship packed (scripts/lib/bundle.ts): the first email an execution reads pays for
 * unpacking them. Measured as Apps Script would pay it: the packed module compiled in a fresh
 * context each run, then its table unpacked and parsed.
 */
export function intentTableBench(runs = 20) {
  const code = esbuild.buildSync({
    stdin: { contents: packedRuleSpecsSource(), loader: 'js', resolveDir: __dirname },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'packed',
    minify: true,
    logLevel: 'silent',
  }).outputFiles[0]!.text;
  const unpacked = timeRuns(runs, () => {
    vm.runInContext(`${code};packed.ruleSpecs()`, vm.createContext({}));
  });
  return {
    moduleBytes: Buffer.byteLength(code),
    firstUnpackMedianMs: unpacked.medianMs,
    firstUnpackMinMs: unpacked.minMs,
    runs,
  };
}

/**
 * A sidebar open on an email that says "cancel": the first email read of an execution, so it pays
 * for compiling the intent rules (and, packed, for unpacking them). Wall time of the call alone, in a
 * fresh VM each run; `saysCancel` checks the card did read the intent.
 */
export function emailOpenBench(runs = 15, file = bundlePath()) {
  // Imported lazily, as in firstCardBench.
  const { measuredCall } = require('./sidebar.bench') as typeof import('./sidebar.bench');
  const { AppsScriptWorld } = require('../src/local/standins') as typeof import('../src/local/standins');
  const { gmailEvent } = require('../src/local/gmail-events') as typeof import('../src/local/gmail-events');
  const { SETTINGS_KEY } = require('../src/app/settings-store') as typeof import('../src/app/settings-store');
  const code = fs.readFileSync(file, 'utf8');
  const world = new AppsScriptWorld({ latency: 'none' });
  const ss = world.spreadsheets.create({
    name: 'Bench',
    sheets: [
      {
        name: 'Customers',
        values: [
          ['Email', 'Name', 'MRR'],
          ['ann@co.example', 'Ann', 300],
        ],
      },
    ],
  });
  world.userProperties.put(SETTINGS_KEY, JSON.stringify({ spreadsheetId: ss.id }));
  world.gmail.seed([
    {
      id: 'm',
      from: 'Ann <ann@co.example>',
      to: 'am@nimbus.example',
      subject: 'Our plan',
      date: '2026-11-20',
      plainBody: 'Hello, we would like to cancel our subscription at the end of the month. Regards, Ann',
    },
  ]);
  let saysCancel = false;
  const callMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { value, wallMs } = measuredCall(world, code, 'onGmailMessage', gmailEvent({ messageId: 'm' }));
    callMs.push(wallMs);
    saysCancel = /cancel/i.test(JSON.stringify(value));
  }
  return { callMedianMs: round(median(callMs)), callMinMs: round(Math.min(...callMs)), saysCancel, runs };
}
