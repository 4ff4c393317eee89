import path from 'node:path';
import { build } from 'esbuild';

/**
 * The few client scripts (live pages) are TypeScript in src/web, bundled
 * once when the app starts and served from memory: no build step to
 * forget, and tests and `npm start` run the same code.
 */
export async function bundleClientScripts(root: string, names: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const result = await build({
    entryPoints: names.map((n) => path.join(root, 'src', 'web', `${n}.ts`)),
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    outdir: 'out',
    logLevel: 'silent',
  });
  for (const f of result.outputFiles) out.set(path.basename(f.path, '.js'), f.text);
  return out;
}
