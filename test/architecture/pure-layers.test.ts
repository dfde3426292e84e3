/**
 * src/core, src/ui, src/ports and src/app run inside Apps Script as well as on Node, so they may use
 * only the ECMAScript library. Compiling them with no Node, DOM or Apps Script types makes any use of
 * `process`, `Buffer`, `setTimeout`, `SpreadsheetApp`, `node:fs` … a compile error, which fails here.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const PURE_DIRS = ['src/core', 'src/ui', 'src/ports', 'src/app'];

function pureProgramDiagnostics(extraFiles: Record<string, string> = {}): string[] {
  const configPath = path.join(ROOT, 'tsconfig.pure.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('cannot read tsconfig.pure.json');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => extraFiles[path.resolve(f)] ?? readFile(f);
  host.fileExists = (f) => path.resolve(f) in extraFiles || fileExists(f);
  const program = ts.createProgram([...config.fileNames, ...Object.keys(extraFiles)], config.options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? path.relative(ROOT, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    );
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

describe('pure layers', () => {
  it('compile with the ECMAScript library alone', () => {
    expect(pureProgramDiagnostics()).toEqual([]);
  }, 60_000);

  it('reject a Node API or an Apps Script service used in src/core', () => {
    const probe = path.join(ROOT, 'src/core/__architecture_probe__.ts');
    const diagnostics = pureProgramDiagnostics({
      [probe]: [
        "import { readFileSync } from 'node:fs';",
        'export const a = readFileSync;',
        'export const b = process.env;',
        'export const c = SpreadsheetApp;',
        'export const d = setTimeout;',
      ].join('\n'),
    });
    const probeErrors = diagnostics.filter((d) => d.includes('__architecture_probe__'));
    expect(probeErrors.some((d) => d.includes("'node:fs'"))).toBe(true);
    expect(probeErrors.some((d) => d.includes("'process'"))).toBe(true);
    expect(probeErrors.some((d) => d.includes("'SpreadsheetApp'"))).toBe(true);
    expect(probeErrors.some((d) => d.includes("'setTimeout'"))).toBe(true);
  }, 60_000);

  it('never import from src/gas or src/local', () => {
    const offenders: string[] = [];
    for (const dir of PURE_DIRS) {
      const abs = path.join(ROOT, dir);
      if (!fs.existsSync(abs)) continue;
      for (const file of sourceFiles(abs)) {
        const text = fs.readFileSync(file, 'utf8');
        for (const m of text.matchAll(/from\s+'([^']+)'/g)) {
          const spec = m[1] ?? '';
          if (spec.startsWith('.')) {
            const target = path.relative(ROOT, path.resolve(path.dirname(file), spec));
            if (target.startsWith('src/gas') || target.startsWith('src/local')) {
              offenders.push(`${path.relative(ROOT, file)} imports ${spec}`);
            }
          }
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
