/**
 * npm run build [-- --with bigquery,email-service]: writes build/Code.js (one Apps Script file) and
 * build/appsscript.json. Fails if the manifest is invalid or names a function the bundle does not
 * declare. `--with` adds the opt-ins' scopes, allowlist and advanced service to build/appsscript.json
 * (scripts/lib/manifest-opt-ins.ts); appsscript.json itself never has them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundle } from './lib/bundle';
import { missingFunctions, parseManifest, type Manifest } from './lib/manifest-schema';
import { parseOptIns, withOptIns, type OptIn } from './lib/manifest-opt-ins';

export const ROOT = path.resolve(__dirname, '..');
export const BUILD_DIR = path.join(ROOT, 'build');

/** build/appsscript.json's manifest and text: the source as written, or with the opt-ins added. */
export function manifestFor(
  sourceText: string,
  optIns: readonly OptIn[],
): { manifest: Manifest; text: string } {
  const manifest = withOptIns(parseManifest(JSON.parse(sourceText)), optIns);
  // Without opt-ins the file is copied as written (its layout is the one people read and review).
  return { manifest, text: optIns.length ? `${JSON.stringify(manifest, null, 2)}\n` : sourceText };
}

export async function build(
  optIns: readonly OptIn[] = [],
): Promise<{ bytes: number; globals: string[]; optIns: readonly OptIn[] }> {
  const { manifest, text: manifestText } = manifestFor(
    fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8'),
    optIns,
  );
  const { code, globals, bytes } = await bundle(path.join(ROOT, 'src/index.ts'), optIns);

  const missing = missingFunctions(manifest, globals);
  if (missing.length > 0) {
    throw new Error(
      `appsscript.json names ${missing.join(', ')}, but src/index.ts does not export ${missing.length > 1 ? 'them' : 'it'}`,
    );
  }
  fs.rmSync(BUILD_DIR, { recursive: true, force: true });
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  fs.writeFileSync(path.join(BUILD_DIR, 'Code.js'), code);
  fs.writeFileSync(path.join(BUILD_DIR, 'appsscript.json'), manifestText);
  return { bytes, globals, optIns };
}

function withFlag(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--with' || a.startsWith('--with='));
  if (i < 0) return undefined;
  return argv[i]!.startsWith('--with=') ? argv[i]!.slice('--with='.length) : (argv[i + 1] ?? '');
}

if (require.main === module) {
  const started = Date.now();
  Promise.resolve()
    .then(() => build(parseOptIns(withFlag(process.argv.slice(2)))))
    .then(({ bytes, globals, optIns }) => {
      console.log(
        `build/Code.js ${(bytes / 1024).toFixed(1)} KiB, ${globals.length} global functions (${globals.join(', ')}), ${Date.now() - started} ms`,
      );
      if (optIns.length)
        console.log(
          `build/appsscript.json with ${optIns.join(', ')}: their scopes are asked of every user of this deployment`,
        );
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
