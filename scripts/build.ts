/**
 * npm run build: writes build/Code.js (one Apps Script file) and build/appsscript.json.
 * Fails if the manifest is invalid or names a function the bundle does not declare.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundle } from './lib/bundle';
import { missingFunctions, parseManifest } from './lib/manifest-schema';

export const ROOT = path.resolve(__dirname, '..');
export const BUILD_DIR = path.join(ROOT, 'build');

export async function build(): Promise<{ bytes: number; globals: string[] }> {
  const manifestText = fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8');
  const manifest = parseManifest(JSON.parse(manifestText));
  const { code, globals, bytes } = await bundle(path.join(ROOT, 'src/index.ts'));

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
  return { bytes, globals };
}

if (require.main === module) {
  const started = Date.now();
  build()
    .then(({ bytes, globals }) => {
      console.log(
        `build/Code.js ${(bytes / 1024).toFixed(1)} KiB, ${globals.length} global functions (${globals.join(', ')}), ${Date.now() - started} ms`,
      );
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
