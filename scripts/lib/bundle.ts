/**
 * Turns src/index.ts into the single Code.js Apps Script runs.
 *
 * Apps Script finds trigger and action functions by name among the file's top-level function
 * declarations; an esbuild IIFE hides everything inside a closure. So the bundle assigns the entry's
 * exports to one namespace variable, and we append one forwarding `function name(e)` per export.
 * The list of names is read from the bundle itself, never written down twice.
 */
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { ruleSpecs } from '../../src/core/intent/rules/specs';
import { compactNames } from './compact-names';
import { pack } from './pack';
import { sharePhrases } from './shared-phrases';
import { sourceAt, type SourceMapJson } from './source-map';
import { shareStrings } from './shared-strings';
import type { OptIn } from './manifest-opt-ins';

export const NAMESPACE = '__ChurnGuard';

/**
 * zod re-exports every locale's error messages as a namespace, which defeats tree-shaking and would
 * add ~400 KB that Apps Script parses on every call. ChurnGuard writes its own messages and uses
 * zod's English defaults only, so the locale index resolves to English alone.
 */
const zodEnglishOnly: esbuild.Plugin = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/zod/`)
        ? { path: 'zod-locales-en', namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(require.resolve('zod/v4/locales/en.js'))};`,
      loader: 'js',
      resolveDir: process.cwd(),
    }));
  },
};

/**
 * The intent rules' specs (~100 KB of regex text, a quarter of the bundle) ship packed: the module
 * src/core/intent/rules/specs.ts is replaced by one that unpacks the same table, as JSON, on first
 * use. test/core/intent/packed-rules.test.ts proves the packed table compiles to the same rules.
 */
export function packedRuleSpecsSource(): string {
  const unpackPath = path.resolve(__dirname, '../../src/core/text/pack.ts');
  return (
    `import { unpack } from ${JSON.stringify(unpackPath)};\n` +
    `export function ruleSpecs() {\n  return JSON.parse(unpack(${JSON.stringify(pack(JSON.stringify(ruleSpecs())))}));\n}\n`
  );
}

const packedIntentRules: esbuild.Plugin = {
  name: 'packed-intent-rules',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]core[\\/]intent[\\/]rules[\\/]specs\.ts$/ }, () => ({
      contents: packedRuleSpecsSource(),
      loader: 'js',
    }));
  },
};

/**
 * Built-ins the bundle may read through a variable (shareStrings' `builtIns`): ECMAScript's own, which
 * every V8 context has before the bundle runs. Not `Date`: the workbench and benches give the bundle
 * a Date of their own clock, and one day a test may swap it after load.
 */
export const SHARED_BUILT_INS = [
  'Math',
  'Object',
  'String',
  'Number',
  'Array',
  'JSON',
  'Error',
  'TypeError',
  'RangeError',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Promise',
  'Boolean',
  'RegExp',
  'Symbol',
  'Reflect',
  'Float64Array',
  'Int32Array',
  'Int16Array',
  'Uint8Array',
  'Uint16Array',
] as const;

/**
 * What each opt-in adds to the bundle: the module src/gas/runtime.ts builds that capability from. A
 * build without the opt-in resolves it to src/gas/opt-in-absent/<same name>, which has the same exports
 * and says how to deploy with it. Without its scope in the manifest (scripts/lib/manifest-opt-ins.ts)
 * the capability could never run, so the default deployment does not parse its code on every click:
 * the SQL compiler and the BigQuery store (about 30 KB), the email-service client.
 */
const OPT_IN_MODULES: Record<OptIn, string> = {
  bigquery: 'warehouse-choice',
  'email-service': 'sender-choice',
};

/**
 * The add-on's own side of an opt-in, in src/app: every warehouse card, campaign and job the
 * handlers call, gathered in one module (src/app/warehouse-features.ts) so a build without BigQuery
 * swaps it for src/app/opt-in-absent/warehouse-features.ts.
 */
const OPT_IN_APP_MODULES: Partial<Record<OptIn, string>> = { bigquery: 'warehouse-features' };
const APP_DIR = path.resolve(__dirname, '../../src/app');

function leaveOutOptIns(optIns: readonly OptIn[]): esbuild.Plugin {
  const absent = (Object.keys(OPT_IN_MODULES) as OptIn[])
    .filter((o) => !optIns.includes(o))
    .map((o) => OPT_IN_MODULES[o]);
  return {
    name: 'leave-out-opt-ins',
    setup(build) {
      build.onResolve({ filter: /^\.\/(warehouse-choice|sender-choice)$/ }, (args) => {
        const name = args.path.slice(2);
        const inGas = path.basename(args.resolveDir) === 'gas';
        if (!inGas || !absent.includes(name)) return undefined;
        return { path: path.join(args.resolveDir, 'opt-in-absent', `${name}.ts`) };
      });
      const appAbsent = (Object.keys(OPT_IN_APP_MODULES) as OptIn[])
        .filter((o) => !optIns.includes(o))
        .map((o) => OPT_IN_APP_MODULES[o]!);
      build.onResolve({ filter: /(^|\/)warehouse-features$/ }, (args) => {
        const target = path.resolve(args.resolveDir, args.path);
        const name = path.basename(target);
        if (path.dirname(target) !== APP_DIR || !appAbsent.includes(name)) return undefined;
        return { path: path.join(APP_DIR, 'opt-in-absent', `${name}.ts`) };
      });
    },
  };
}

export interface BundleResult {
  code: string;
  globals: string[];
  bytes: number;
  /** Minified bytes each source file or package file contributes (esbuild's metafile). */
  inputBytes: Record<string, number>;
}

/** esbuild's options for Code.js, before the two passes over its output (the tests build with them too). */
export function esbuildOptions(entry: string, optIns: readonly OptIn[] = []) {
  return {
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife' as const,
    globalName: NAMESPACE,
    // Apps Script's V8 runtime; no Node built-ins exist there, so resolve like a neutral platform.
    platform: 'neutral' as const,
    mainFields: ['module', 'main'],
    target: 'es2020',
    charset: 'utf8' as const,
    legalComments: 'none' as const,
    treeShaking: true,
    // Apps Script parses the whole file on every card click, so it ships minified: whitespace and
    // shorter syntax here, local names at the very end (minifyIdentifiers below). keepNames sets each
    // function's `name` back to its source name, and V8 prints that name in stack traces, so an error
    // logged from Apps Script still reads "at historyShortfall", not "at Mm"
    // (test/bundle/bundle-size.test.ts checks both). Two passes over esbuild's output then shorten
    // what the minifier cannot: compactNames gathers the top-level naming calls into two front-coded
    // tables, and shareStrings writes each repeated string (literal, `.property` or `key:`) and each
    // much-used built-in (`Math`, `Object`…) once. Both cost a little load time; see the README's Bundle size.
    minifyWhitespace: true,
    minifySyntax: true,
    // Names are shortened after the passes (minifyIdentifiers), so that the variables shareStrings
    // declares get the shortest names by how often they are used, like every other name.
    minifyIdentifiers: false,
    keepNames: true,
    logLevel: 'silent' as const,
    metafile: true,
    plugins: [zodEnglishOnly, packedIntentRules, leaveOutOptIns(optIns)],
  } satisfies esbuild.BuildOptions;
}

export async function bundle(entry: string, optIns: readonly OptIn[] = []): Promise<BundleResult> {
  // With its source map, to tell zod's functions from ChurnGuard's (compactNames' `unnamed`).
  // The per-file table is measured on a build with short names, as the files ship (the passes' input
  // keeps esbuild's long names until the end, which would inflate every file's share).
  const [result, sized] = await Promise.all([
    esbuild.build({ ...esbuildOptions(entry, optIns), sourcemap: 'external', outfile: 'Code.js' }),
    esbuild.build({ ...esbuildOptions(entry, optIns), minifyIdentifiers: true }),
  ]);
  const out = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const map = result.outputFiles.find((f) => f.path.endsWith('.js.map'));
  if (!out || !map) throw new Error('esbuild produced no output');
  const source = sourceAt(out.text, JSON.parse(map.text) as SourceMapJson);
  const named = compactNames(out.text, NAMESPACE, (at) => /node_modules/.test(source(at) ?? '')).code;
  const shared = shareStrings(named, NAMESPACE, {
    properties: true,
    builtIns: SHARED_BUILT_INS,
    constants: true,
  }).code;
  const body = await minifyIdentifiers(sharePhrases(shared, NAMESPACE).code);
  const globals = exportedFunctionNames(body);
  const stubs = globals
    .map((name) => `function ${name}(e) {\n  return ${NAMESPACE}.${name}(e);\n}`)
    .join('\n');
  const code =
    `// ChurnGuard, generated by scripts/build.ts from src/. Do not edit: edit the TypeScript and rebuild.\n` +
    body +
    `\n// Top-level functions Apps Script calls by name (manifest triggers, the action dispatcher, time triggers).\n` +
    stubs +
    '\n';
  const inputBytes: Record<string, number> = {};
  for (const output of Object.values(sized.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      inputBytes[input] = (inputBytes[input] ?? 0) + bytesInOutput;
    }
  }
  return { code, globals, bytes: Buffer.byteLength(code, 'utf8'), inputBytes };
}

/**
 * The last step: esbuild's minifier over the whole file, for local names only (whitespace and syntax
 * were minified by the build). It renames by how often a name is used, in every scope at once, so a
 * string variable of shareStrings written 500 times gets one of the one-letter names. Top-level
 * names (the namespace, the forwarding functions) are never renamed: they may be globals. Function
 * names are already pinned by the name tables and esbuild's own naming calls, so renaming a
 * function's binding does not change its `name`.
 */
export async function minifyIdentifiers(code: string): Promise<string> {
  const result = await esbuild.transform(code, {
    minifyIdentifiers: true,
    minifyWhitespace: true,
    // Without it the printer writes `true`/`false` for the build's `!0`/`!1`.
    minifySyntax: true,
    charset: 'utf8',
    legalComments: 'none',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.code.replace(/\n$/, '');
}

/**
 * Loads the bundle in a context with no globals at all: this proves it does nothing at load time
 * that needs a service (Apps Script loads the file on every call), and yields the export names.
 */
export function exportedFunctionNames(code: string): string[] {
  const context = vm.createContext({});
  vm.runInContext(code, context, { filename: 'Code.js', timeout: 5000 });
  const ns = (context as Record<string, unknown>)[NAMESPACE];
  if (!ns || typeof ns !== 'object') throw new Error(`the bundle did not define ${NAMESPACE}`);
  const names = Object.keys(ns);
  for (const name of names) {
    if (typeof (ns as Record<string, unknown>)[name] !== 'function') {
      throw new Error(
        `src/index.ts exports '${name}', which is not a function; the entry may export only functions`,
      );
    }
  }
  return names.sort();
}
