/**
 * Validation of the complete example (target ≤ 50 µs), against structuredClone of the
 * same document as the same-run baseline, and the gzip size of the browser validator.
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { validateCustomization } from '../schema/validate.ts';
import { gzipBytes, nsPerCall, report } from './measure.ts';

const TARGET_US = 50;

export async function run(): Promise<void> {
  const doc = JSON.parse(readFileSync(new URL('../schema/examples/acme-cloud.json', import.meta.url), 'utf8'));
  if (!validateCustomization(doc).valid) throw new Error('the complete example must be valid');
  const validateNs = nsPerCall(() => validateCustomization(doc, { partnerId: 'acme-cloud' }));
  const cloneNs = nsPerCall(() => structuredClone(doc));
  const bundle = await build({
    entryPoints: [new URL('../schema/validate.ts', import.meta.url).pathname],
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false,
  });
  const bytes = bundle.outputFiles[0]!.contents;
  report('validate: the complete example document', {
    'validation (µs per document)': (validateNs / 1000).toFixed(2),
    'baseline: structuredClone (µs)': (cloneNs / 1000).toFixed(2),
    'ratio validation / baseline': (validateNs / cloneNs).toFixed(2),
    [`target ≤ ${TARGET_US} µs`]: validateNs / 1000 <= TARGET_US ? 'met' : 'MISSED',
    'browser validator (minified bytes)': bytes.length,
    'browser validator (gzip bytes)': gzipBytes(bytes),
  });
}
