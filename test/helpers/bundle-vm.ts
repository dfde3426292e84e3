/**
 * Loads build/Code.js the way Apps Script does: a fresh V8 context whose only globals are the
 * Apps Script services, here the call-counting stand-ins. No require, no process, no Buffer: a bundle
 * that reaches for Node fails to load or to run here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

export const BUNDLE_PATH = path.resolve(__dirname, '../../build/Code.js');

export function readBundle(): string {
  if (!fs.existsSync(BUNDLE_PATH)) {
    throw new Error(`${BUNDLE_PATH} is missing: run \`npm run build\` (npm test does it first).`);
  }
  return fs.readFileSync(BUNDLE_PATH, 'utf8');
}

export type BundleGlobals = Record<string, unknown>;

/** Evaluates the bundle in a context holding exactly `globals`; returns the context to call functions on. */
export function loadBundle(globals: BundleGlobals, code = readBundle()): Record<string, unknown> {
  // Apps Script's services hand the script Dates of the script's own realm; the stand-ins live in
  // Node's realm, so the context shares Node's Date to keep `instanceof Date` true, as in production.
  const context = vm.createContext({ Date, ...globals });
  vm.runInContext(code, context, { filename: 'Code.js' });
  return context as Record<string, unknown>;
}

/** Calls a top-level function of the loaded bundle by name, as Apps Script does. */
export function callGlobal(context: Record<string, unknown>, name: string, event: unknown): unknown {
  const fn = context[name];
  if (typeof fn !== 'function') throw new Error(`Code.js has no top-level function ${name}`);
  return (fn as (e: unknown) => unknown)(event);
}
