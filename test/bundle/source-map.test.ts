/**
 * The build tells a package's functions from ChurnGuard's by esbuild's source map (scripts/lib/source-map.ts)
 * and gives only ChurnGuard's their names back (compactNames' `unnamed`): checked on a bundle of one
 * module of ours and one package, built with the shipped options.
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { esbuildOptions, minifyIdentifiers, NAMESPACE } from '../../scripts/lib/bundle';
import { compactNames } from '../../scripts/lib/compact-names';
import { sourceAt, type SourceMapJson } from '../../scripts/lib/source-map';

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'churnguard-map-'));
  fs.mkdirSync(path.join(dir, 'node_modules/fakepkg'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'node_modules/fakepkg/index.js'),
    'export function packageHelper(x) { return x + 1; }\nexport const packageArrow = (x) => packageHelper(x) * 2;\n',
  );
  fs.writeFileSync(
    path.join(dir, 'entry.ts'),
    "import { packageArrow, packageHelper } from 'fakepkg';\n" +
      'export function ourFunction(x: number) { return packageArrow(x) + packageHelper(x); }\n' +
      'export const ourArrow = (x: number) => ourFunction(x);\n' +
      'export const functions = [packageHelper, packageArrow];\n',
  );
  return path.join(dir, 'entry.ts');
}

describe('source map and package names', () => {
  it('names the source of each position, and only our functions keep their names', async () => {
    const entry = project();
    const result = await esbuild.build({
      ...esbuildOptions(entry),
      plugins: [],
      sourcemap: 'external',
      outfile: 'Code.js',
    });
    const code = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
    const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.js.map'))!.text) as SourceMapJson;
    const source = sourceAt(code, map);
    expect(source(code.indexOf('function packageHelper'))).toMatch(/node_modules\/fakepkg\/index\.js$/);
    expect(source(code.indexOf('function ourFunction'))).toMatch(/entry\.ts$/);

    const compacted = compactNames(code, NAMESPACE, (at) => /node_modules/.test(source(at) ?? ''));
    expect([...compacted.hoisted, ...compacted.late].map((e) => e.name).sort()).toEqual([
      'ourArrow',
      'ourFunction',
    ]);
    const context = vm.createContext({});
    vm.runInContext(await minifyIdentifiers(compacted.code), context);
    const ns = (context as Record<string, Record<string, unknown>>)[NAMESPACE]!;
    expect((ns.ourFunction as () => void).name).toBe('ourFunction');
    expect((ns.ourArrow as () => void).name).toBe('ourArrow');
    const [helper, arrow] = ns.functions as [(x: number) => number, (x: number) => number];
    expect(helper.name).not.toBe('packageHelper');
    expect(arrow.name).not.toBe('packageArrow');
    expect((ns.ourFunction as (x: number) => number)(1)).toBe(6);
  });
});
