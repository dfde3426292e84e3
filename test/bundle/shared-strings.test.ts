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
    // Shorthands, in a literal and in destructuring with a default: \`{[v]: spreadsheetId}\`.
    const { spreadsheetId: first = 'none', customers = [] } = rows[1]!;
    const again = { spreadsheetId, customers, first };
    rows[1]!.spreadsheetId = rows[0]!.spreadsheetId + rows[1]!.spreadsheetId;
    delete (rows[0] as { customers?: number[] }).customers;
    return [
      rows.map((r) => r.spreadsheetId + (r.customers?.length ?? 'none')),
      named.spreadsheetId.name, named.customers.name, maybe?.spreadsheetId?.customers?.length,
      spreadsheetId, list, 'spreadsheetId' in rows[1]!, rows[0]!.customers, Object.keys(rows[1]!),
      [1, 2, 3].length + 'abc'.length + rows.length + list.length,
      again, (({ spreadsheetId = 'default' }: { spreadsheetId?: string }) => spreadsheetId)({}),
    ];
  }
`;

/** `names: false`: local names as written, as the build hands the bundle to shareStrings. */
async function minified(source: string, names = true): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: source, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: NAMESPACE,
    platform: 'neutral',
    target: 'es2020',
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: names,
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

  it('reads much-used built-ins and true/false/undefined through a variable, except where a variable would not mean the same', async () => {
    const code = await minified(
      `
      const round = (x: number) => Math.round(x) + Math.floor(x) + Math.ceil(x) + Math.abs(x) + Math.max(x, 1);
      function local() { const Set = (n: number) => n * 2; return Set(2) + Set(3) + Set(4); }
      const lists = () => [new Set([1]), new Set([2]), new Set([3]).size, new Set([4]).has(4), new Set().size];
      function yes(): boolean {
        return true;
      }
      function flags(x: number): unknown[] {
        if (x > 2) return [true, false, undefined, x === undefined];
        if (x > 1) return [false, true];
        for (const y of [x, x + 1]) if (y === 5) return [undefined];
        return [true, false, true, false, undefined, undefined, void 0];
      }
      export function run() {
        const labels = { Math: 'key', Object: 'key' };
        const shorthand = { Object };
        return JSON.stringify([
          round(2.5), round(-1.5), local(), lists(), labels.Math, typeof shorthand.Object,
          Object.keys(labels), Object.entries(labels).length, Object.values(labels), Object.freeze([1]),
          Object === shorthand.Object, Math.PI, typeof Math, Math instanceof Object,
          flags(3), flags(2), flags(4), flags(0), flags(1), yes(),
        ]);
      }
    `,
      false,
    );
    const shared = shareStrings(code, NAMESPACE, { builtIns: ['Math', 'Object', 'Set'], constants: true });
    expect(code).toMatch(/return!0/);
    expect(run(shared.code)).toBe(run(code));
    // Written once, where its variable is declared (!1 is too rare here to pay for one).
    for (const constant of ['!0', 'void 0']) expect(shared.code.split(constant).length).toBe(2);
    expect(shared.code).toMatch(/return [\w$]+/);
    expect(shared.code).toMatch(/var [^;]*\b[\w$]+=Math\b/);
    // esbuild renames a local `Set` (Set2) rather than shadow the global, so Set is shared too.
    expect(shared.code).toMatch(/[\w$]+=Set\b/);
    // The shorthand `{ Object }` needs the name itself: Object stays as written everywhere.
    expect(shared.code).not.toMatch(/[\w$]+=Object[,;]/);
    // What is left spelled Math is a property name, never a read of the global.
    expect(shared.code.match(/.Math\b/g)).toEqual(['=Math', '{Math', '.Math']);
  });

  it('writes shorthand properties with a shared key, as the build hands them over (local names as written)', async () => {
    const code = await minified(MODULE, false);
    const shared = shareStrings(code, NAMESPACE, { properties: true });
    expect(code).toMatch(/\{spreadsheetId,customers,first\}/);
    expect(shared.code).toMatch(/\{\[[\w$]+\]:spreadsheetId,\[[\w$]+\]:customers,first\}/);
    expect(shared.code).toMatch(/\(\{\[[\w$]+\]:(spreadsheetId\d?)="default"\}\)=>\1\)/);
    expect(run(shared.code)).toBe(run(code));
    expect(run(code)).toBe(run(await minified(MODULE)));
  });

  it('leaves a bundle alone when no string repeats enough to pay', async () => {
    const code = await minified(`export function run() { return JSON.stringify(['a', 'b']); }`);
    expect(shareStrings(code, NAMESPACE)).toEqual({ code, shared: 0, saved: 0 });
  });
});
