// Jest transformer: TypeScript → CommonJS with esbuild (type checking is `npm run typecheck`'s job).
// esbuild rather than swc or ts-jest: its platform binaries are all on the registry CI installs from,
// so `npm ci` works on a fresh machine, and it is the compiler the bundle is built with anyway.
const esbuild = require('esbuild');

module.exports = {
  process(source, filename) {
    const result = esbuild.transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code: result.code };
  },
};
