/**
 * Cold load of build/Code.js: Apps Script evaluates the whole file on every trigger and action, so
 * its load time is paid on every sidebar open. Measured in a fresh VM context per run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { timeRuns } from './stats';

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
