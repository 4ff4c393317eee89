// Bundles the server (and, as pages get live, client scripts) with esbuild.
// npm packages stay external: native ones (better-sqlite3, argon2) cannot be bundled.
import { build } from 'esbuild';

const quiet = process.argv.includes('--quiet');
const t0 = performance.now();
await build({
  entryPoints: ['src/main.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});
if (!quiet) console.log(`built dist/ in ${Math.round(performance.now() - t0)} ms`);
