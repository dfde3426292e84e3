/**
 * The name tables (scripts/lib/compact-names.ts) must give every function the name keepNames gives
 * it: checked on a small module bundled exactly as Code.js is, function by function, and on the real
 * bundle (every keepNames call is either still there or in a table, with the same name).
 */
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { compactNames, decodeNames, encodeNames, SET_NAMES } from '../../scripts/lib/compact-names';
import { esbuildOptions, minifyIdentifiers, NAMESPACE } from '../../scripts/lib/bundle';

async function minified(source: string): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: source, loader: 'ts', resolveDir: process.cwd() },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: NAMESPACE,
    platform: 'neutral',
    target: 'es2020',
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: true,
    keepNames: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Every function the module exports, by export name, with its `.name` after loading `code`. */
function exportedNames(code: string): Record<string, string> {
  const context = vm.createContext({});
  vm.runInContext(code, context);
  const ns = (context as Record<string, Record<string, (() => unknown) | unknown>>)[NAMESPACE]!;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(ns)) {
    if (typeof value === 'function') out[key] = value.name;
    else if (Array.isArray(value))
      value.forEach((v, i) => typeof v === 'function' && (out[`${key}[${i}]`] = (v as () => void).name));
  }
  return out;
}

const MODULE = `
  export function checkAction() { return 1; }
  export function checkButton() { return checkAction() + 1; }
  export const cellText = (v: unknown) => (v == null ? '' : String(v));
  export const cellTexture = function (v: unknown) { return v; };
  export class UserFacingError extends Error {}
  export function outer() {
    function innerHelper() { return 2; }
    const innerArrow = () => innerHelper();
    return [innerHelper, innerArrow];
  }
  export const nested = outer();
  let reassignedLater = () => 1;
  export function swap() { reassignedLater = () => 2; return reassignedLater; }
  export const current = () => reassignedLater;
  export const aVeryLongFunctionNameThatSharesMoreThanThirtyFiveCharactersA = () => 1;
  export const aVeryLongFunctionNameThatSharesMoreThanThirtyFiveCharactersB = () => 2;
  export const usedAtLoad = [checkButton(), cellText(3)];
`;

describe('compactNames', () => {
  it('gives every function of a bundled module the name keepNames gives it', async () => {
    const code = await minified(MODULE);
    const compacted = compactNames(code, NAMESPACE);
    expect(compacted.hoisted.map((e) => e.name)).toEqual(
      expect.arrayContaining(['checkAction', 'checkButton', 'outer', 'swap']),
    );
    expect(compacted.late.map((e) => e.name)).toEqual(
      expect.arrayContaining(['cellText', 'cellTexture', 'current']),
    );
    // Reassigned, nested and class names stay with esbuild's own call.
    expect(compacted.late.map((e) => e.name)).not.toContain('reassignedLater');
    const before = exportedNames(code);
    expect(before.checkButton).toBe('checkButton');
    expect(before['nested[0]']).toBe('innerHelper');
    expect(exportedNames(compacted.code)).toEqual(before);
  });

  it('keeps every name when local names are shortened after the tables, as the build does', async () => {
    const withLongNames = await esbuild.build({
      ...esbuildOptions('unused'),
      entryPoints: undefined,
      stdin: { contents: MODULE, loader: 'ts', resolveDir: process.cwd() },
      plugins: [],
      metafile: false,
    });
    const code = withLongNames.outputFiles[0]!.text;
    const compacted = compactNames(code, NAMESPACE);
    expect(compacted.hoisted.map((e) => e.name)).toContain('checkButton');
    const shipped = await minifyIdentifiers(compacted.code);
    expect(shipped).not.toContain('function checkButton');
    expect(exportedNames(shipped)).toEqual(exportedNames(await minified(MODULE)));
  });

  it('front-codes names so that decoding gives them back, in sorted order', () => {
    const names = [
      'checkAction',
      'checkButton',
      'check',
      'a',
      '$constructor',
      'x'.repeat(50) + 'a',
      'x'.repeat(50) + 'b',
      'checkAction2',
    ];
    const { text, ids } = encodeNames(names.map((name, i) => ({ id: `f${i}`, name })));
    expect(text).toContain('5Button');
    const decoded = decodeNames(text);
    expect(decoded).toEqual([...names].sort());
    expect(ids.map((id) => names[Number(id.slice(1))])).toEqual(decoded);
  });

  it('ships a decoder that reads the tables as decodeNames does', async () => {
    const code = await minified(MODULE);
    const decoder = /function __setNames\([^]*?\)\}\)\}/.exec(compactNames(code, NAMESPACE).code)![0];
    const names = ['parseQuery', 'parse', 'parseNumber', 'readRows', 'readRowsAgain'];
    const { text } = encodeNames(names.map((name, i) => ({ id: `f${i}`, name })));
    const context = vm.createContext({});
    vm.runInContext(
      `${decoder}; var fs=[0,1,2,3,4].map(()=>function(){}); ${SET_NAMES}(${JSON.stringify(text)},...fs); var got=fs.map(f=>f.name);`,
      context,
    );
    expect((context as { got: string[] }).got).toEqual(decodeNames(text));
  });

  it('accounts for every keepNames call of the real bundle', async () => {
    // The shipped esbuild options (plugins included), so the passes are checked on what they really get.
    const result = await esbuild.build(esbuildOptions(path.resolve(__dirname, '../../src/index.ts')));
    const code = result.outputFiles[0]!.text;
    const helper = /var ([\w$]+)=\(([\w$]+),([\w$]+)\)=>[\w$]+\(\2,"name"/.exec(code)![1]!;
    const escape = (s: string) => s.replace(/\$/g, '\\$');
    const calls = (text: string) => text.split(new RegExp(`(?<![\\w$.])${escape(helper)}\\(`)).length - 1;
    const { code: compacted, hoisted, late } = compactNames(code, NAMESPACE);
    expect(hoisted.length).toBeGreaterThan(500);
    expect(late.length).toBeGreaterThan(100);
    for (const { id, name } of hoisted) expect(code).toContain(`${helper}(${id},"${name}")`);
    for (const { id, name } of late)
      expect(code).toMatch(new RegExp(`[ ,]${escape(id)}=${escape(helper)}\\([^]*?,"${name}"\\)`));
    expect(calls(compacted)).toBe(calls(code) - hoisted.length - late.length);
  });
});
