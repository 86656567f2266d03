/**
 * Size of the embed bundle @cobrand/elements/cobrand.js, Lit included (target ≤ 16 KB gzip, issue 12),
 * built the way components/bundle.mjs builds it, against Lit alone as the same-run baseline; and
 * how much of it is Lit's hydration support (for the pre-rendered bar).
 */
import { build, type BuildOptions } from 'esbuild';
// @ts-expect-error plain JavaScript of the elements' build, without declarations
import { BUNDLE_ENTRY, BUNDLE_OPTIONS } from '../components/bundle.mjs';
import { gzipBytes, report } from './measure.ts';

const TARGET_BYTES = 16 * 1024;

async function bundle(entry: { path: string } | { contents: string }): Promise<Uint8Array> {
  const input = 'path' in entry
    ? { entryPoints: [entry.path] }
    : { stdin: { contents: entry.contents, resolveDir: new URL('..', import.meta.url).pathname } };
  const result = await build({ ...(BUNDLE_OPTIONS as BuildOptions), ...input, write: false });
  return result.outputFiles[0]!.contents;
}

export async function run(): Promise<void> {
  const embed = await bundle({ path: BUNDLE_ENTRY as string });
  const lit = await bundle({ contents: "export { LitElement, html, css, nothing } from 'lit';" });
  const withoutHydration = await bundle({ path: new URL('../components/index.ts', import.meta.url).pathname });
  const embedGzip = gzipBytes(embed);
  const litGzip = gzipBytes(lit);
  report('bundle: @cobrand/elements/cobrand.js, every element, Lit included', {
    'embed (minified bytes)': embed.length,
    'embed (gzip bytes)': embedGzip,
    'of it, hydration support (gzip bytes)': embedGzip - gzipBytes(withoutHydration),
    'baseline: Lit alone (gzip bytes)': litGzip,
    'ratio embed / Lit': (embedGzip / litGzip).toFixed(2),
    [`target ≤ ${TARGET_BYTES / 1024} KB gzip`]: embedGzip <= TARGET_BYTES ? 'met' : 'MISSED',
  });
}
