// The single-file embed bundle dist/cobrand.js (Lit included) for script tags and CDNs: the
// only place it is built. `npm run build` of @cobrand/elements calls this, and so does
// `cobrand start` in a clone of the repository when the components are newer than the bundle.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const BUNDLE_FILE = fileURLToPath(new URL('./dist/cobrand.js', import.meta.url));
export const BUNDLE_ENTRY = fileURLToPath(new URL('./embed.ts', import.meta.url));
/** How it is bundled (the benchmark measures with the same options). */
export const BUNDLE_OPTIONS = { bundle: true, format: 'esm', minify: true, target: 'es2021', legalComments: 'eof' };

export async function buildBundle() {
  await build({ ...BUNDLE_OPTIONS, entryPoints: [BUNDLE_ENTRY], outfile: BUNDLE_FILE, logLevel: 'warning' });
}
