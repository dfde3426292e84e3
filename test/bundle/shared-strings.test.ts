/**
 * shareStrings (scripts/lib/shared-strings.ts) replaces repeated string literals of the bundle by
 * variables: the module below, bundled as Code.js is, must compute exactly the same before and after,
 * in every syntactic place a string can sit.
 */
import * as esbuild from 'esbuild';
import * as vm from 'node:vm';
import { NAMESPACE } from '../../scripts/lib/bundle';
import { shareStrings } from '../../scripts/lib/shared-strings';

const MODULE = `
  const KINDS = ['textParagraph', 'decoratedText', 'textParagraph', 'decoratedText', 'textParagraph'];
  function kindOf(k: string) {
    switch (k) {
      case 'textParagraph': return 'textParagraph';
      case 'decoratedText': return 'decoratedText';
      default: return 'textParagraph' in { textParagraph: 1 } ? 'unknown kind, decoratedText' : 'decoratedText';
    }
  }
  class Widget {
    'textParagraph'() { return 'decoratedText'; }
    static decoratedText = 'textParagraph';
    ['decoratedText' + 'textParagraph']() { return 'textParagraph'; }
  }
  export function run() {
    const o: Record<string, unknown> = { 'textParagraph': 'decoratedText', ['decoratedText']: 'textParagraph', '__proto__': { inherited: 'decoratedText' } };
    const { 'textParagraph': a, ...rest } = o;
    const w = new Widget() as unknown as Record<string, () => string>;
    return JSON.stringify([
      KINDS.map(kindOf), kindOf('other'), typeof a === 'string' ? a : 'decoratedText', rest,
      (o as { inherited?: string }).inherited, w.textParagraph!(), (Widget as unknown as { decoratedText: string }).decoratedText,
      w['decoratedTexttextParagraph']!(), \`\${'textParagraph'}:\${'decoratedText'}\`, 'textParagraph'.length,
      properties(),
    ]);
  }
  // Property names written often enough to share: accesses, optional chains, keys, function values.
  function properties() {
    const rows = [{ spreadsheetId: 'a', customers: [1, 2] }, { spreadsheetId: 'b', customers: [3] }];
    const named = { spreadsheetId: () => 'x', customers: function () { return 'y'; } };
    const maybe = rows[5] as { spreadsheetId?: { customers?: number[] } } | undefined;
    const { spreadsheetId, customers: list } = rows[0]!;
    rows[1]!.spreadsheetId = rows[0]!.spreadsheetId + rows[1]!.spreadsheetId;
    delete (rows[0] as { customers?: number[] }).customers;
    return [
      rows.map((r) => r.spreadsheetId + (r.customers?.length ?? 'none')),
      named.spreadsheetId.name, named.customers.name, maybe?.spreadsheetId?.customers?.length,
      spreadsheetId, list, 'spreadsheetId' in rows[1]!, rows[0]!.customers, Object.keys(rows[1]!),
      [1, 2, 3].length + 'abc'.length + rows.length + list.length,
    ];
  }
`;

async function minified(source: string): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: source, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: NAMESPACE,
    platform: 'neutral',
    target: 'es2020',
    minify: true,
    keepNames: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function run(code: string): string {
  const context = vm.createContext({});
  vm.runInContext(code, context);
  return (context as Record<string, { run: () => string }>)[NAMESPACE]!.run();
}

describe('shareStrings', () => {
  it('shares repeated strings and computes the same in every place a string can sit', async () => {
    const code = await minified(MODULE);
    const shared = shareStrings(code, NAMESPACE, { properties: true });
    expect(shared.shared).toBeGreaterThanOrEqual(4);
    expect(shared.code).not.toMatch(/\.spreadsheetId\b/);
    expect(shared.code).toMatch(/\?\.\[\w+\]/);
    expect(shared.code.length).toBe(code.length - shared.saved);
    expect(shareStrings(code, NAMESPACE).code).toMatch(/\.spreadsheetId\b/);
    expect(shared.code.split('"decoratedText"').length).toBeLessThan(code.split('"decoratedText"').length);
    expect(run(shared.code)).toBe(run(code));
    expect(JSON.parse(run(code))[0]).toEqual([
      'textParagraph',
      'decoratedText',
      'textParagraph',
      'decoratedText',
      'textParagraph',
    ]);
    expect(JSON.parse(run(code))[10].slice(0, 3)).toEqual([['anone', 'ab1'], 'spreadsheetId', 'customers']);
  });

  it('leaves a bundle alone when no string repeats enough to pay', async () => {
    const code = await minified(`export function run() { return JSON.stringify(['a', 'b']); }`);
    expect(shareStrings(code, NAMESPACE)).toEqual({ code, shared: 0, saved: 0 });
  });
});
