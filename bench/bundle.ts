/**
 * Size of the embed bundle dist/cobrand.js, Lit included (target ≤ 20 KB gzip), built the
 * way `npm run build:embed` builds it, against Lit alone as the same-run baseline.
 */
import { build } from 'esbuild';
import { gzipBytes, report } from './measure.ts';

const TARGET_BYTES = 20 * 1024;

async function bundle(entry: { path: string } | { contents: string }): Promise<Uint8Array> {
  const input = 'path' in entry
    ? { entryPoints: [new URL(entry.path, import.meta.url).pathname] }
    : { stdin: { contents: entry.contents, resolveDir: new URL('..', import.meta.url).pathname } };
  const result = await build({ ...input, bundle: true, minify: true, format: 'esm', target: 'es2021', legalComments: 'eof', write: false });
  return result.outputFiles[0]!.contents;
}

export async function run(): Promise<void> {
  const embed = await bundle({ path: '../components/index.ts' });
  const lit = await bundle({ contents: "export { LitElement, html, css, nothing } from 'lit';" });
  const embedGzip = gzipBytes(embed);
  const litGzip = gzipBytes(lit);
  report('bundle: dist/cobrand.js, every element, Lit included', {
    'embed (minified bytes)': embed.length,
    'embed (gzip bytes)': embedGzip,
    'baseline: Lit alone (gzip bytes)': litGzip,
    'ratio embed / Lit': (embedGzip / litGzip).toFixed(2),
    [`target ≤ ${TARGET_BYTES / 1024} KB gzip`]: embedGzip <= TARGET_BYTES ? 'met' : 'MISSED',
  });
}
