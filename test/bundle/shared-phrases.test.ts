/**
 * sharePhrases (scripts/lib/shared-phrases.ts) writes strings that share a phrase as templates reading
 * one variable: the module below, bundled as Code.js is, must compute exactly the same strings before
 * and after, with every character a string can hold and in every place a string can sit.
 */
import * as esbuild from 'esbuild';
import * as vm from 'node:vm';
import { NAMESPACE } from '../../scripts/lib/bundle';
import { choosePhrases, sharePhrases } from '../../scripts/lib/shared-phrases';

const MODULE = `
  const REPEATED = 'ChurnGuard could not read the customer sheet ';
  // Each holds the phrase, so each is rewritten as a template.
  const ODD = ['back\\\\slash ChurnGuard could not read the customer sheet', 'back\`tick ChurnGuard could not read the customer sheet',
    '\${not a substitution} ChurnGuard could not read the customer sheet', 'dollar $ ChurnGuard could not read the customer sheet',
    'line\\nbreak ChurnGuard could not read the customer sheet', 'carriage\\rreturn ChurnGuard could not read the customer sheet',
    'tab\\there ChurnGuard could not read the customer sheet', 'lone \\ud83d ChurnGuard could not read the customer sheet',
    'emoji 😀 ChurnGuard could not read the customer sheet', 'separator \\u2028 ChurnGuard could not read the customer sheet',
    'Кириллица ChurnGuard could not read the customer sheet'];
  function message(kind: string, n: number): string {
    switch (kind) {
      case 'ChurnGuard could not read the customer sheet twice': return 'case label';
      case 'missing': return \`ChurnGuard could not read the customer sheet: \${n} columns are missing\`;
      case 'nested': return \`ChurnGuard could not read the customer sheet \${n > 1 ? \`(\${n} times, ChurnGuard could not read the customer sheet)\` : 'ChurnGuard could not read the customer sheet once'}\`;
      default: return 'ChurnGuard could not read the customer sheet because ' + kind;
    }
  }
  export function run() {
    const keyed: Record<string, string> = { 'ChurnGuard could not read the customer sheet': 'key stays a key' };
    const pattern = new RegExp('^ChurnGuard could not read the customer sheet (\\\\w+)$');
    return JSON.stringify([
      REPEATED, ODD, ODD.map((s) => s + ' ChurnGuard could not read the customer sheet ' + s),
      message('missing', 3), message('nested', 2), message('nested', 1), message('other', 0),
      message('ChurnGuard could not read the customer sheet twice', 0),
      Object.keys(keyed), 'ChurnGuard could not read the customer sheet' in keyed,
      pattern.exec('ChurnGuard could not read the customer sheet today')?.[1],
      String.raw\`ChurnGuard could not read the customer sheet \\n raw\`,
    ]);
  }
`;

async function bundled(source: string): Promise<string> {
  const result = await esbuild.build({
    stdin: { contents: source, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    globalName: NAMESPACE,
    platform: 'neutral',
    target: 'es2020',
    charset: 'utf8',
    minifyWhitespace: true,
    minifySyntax: true,
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

describe('sharePhrases', () => {
  it('computes the same strings with the repeated phrase declared once', async () => {
    const code = await bundled(MODULE);
    const shared = sharePhrases(code, NAMESPACE);
    expect(shared.phrases[0]).toMatch(/^ChurnGuard could not read the customer /);
    expect(shared.saved).toBeGreaterThan(0);
    expect(Buffer.byteLength(shared.code)).toBe(Buffer.byteLength(code) - shared.saved);
    expect(run(shared.code)).toBe(run(code));
    // The key, and the tagged template's raw text, keep their own spelling.
    expect(shared.code).toContain('"ChurnGuard could not read the customer sheet":');
    expect(shared.code).toMatch(/String\.raw`ChurnGuard could not read the customer sheet \\n raw`/);
  });

  it('chooses a phrase only where it saves bytes, longest saving first', () => {
    expect(choosePhrases(['a b', 'a b'])).toEqual([]);
    const phrases = choosePhrases([
      'must be a string ',
      'must be a string, got ',
      'the sheet must be a string here',
      'must be a string',
    ]);
    expect(phrases).toEqual(['must be a string']);
    // Never part of a word: 'subscribed' inside 'unsubscribed' is not the same word.
    expect(
      choosePhrases(['unsubscribed today', 'unsubscribed now', 'subscribed'].map((t) => t.repeat(3))),
    ).not.toContain('subscribed');
  });

  it('leaves a bundle alone when nothing repeats enough to pay', async () => {
    const code = await bundled(
      `export function run() { return ['one sentence here', 'another one there'].join(); }`,
    );
    expect(sharePhrases(code, NAMESPACE)).toEqual({ code, phrases: [], saved: 0 });
  });
});
