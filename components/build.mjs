// After `tsc -p tsconfig.build.json` (run by `npm run build` of @cobrand/elements):
// 1. The elements import the contract by relative path in this repository
//    (../../schema/catalog.ts); tsc compiles those into dist/schema/. The published
//    package takes them from its dependency @cobrand/schema instead, so the imports are
//    rewritten to it and dist/schema/ goes.
// 2. TypeScript 7 leaves `./x.ts` in declarations: rewritten to `./x.js`.
// 3. dist/cobrand.js: the single-file bundle (Lit included) for script tags and CDNs (bundle.mjs).
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { buildBundle } from './bundle.mjs';

const dist = new URL('./dist/', import.meta.url);
const SCHEMA_EXPORTS = { 'types.generated': 'types', catalog: 'catalog', contrast: 'contrast', url: 'url', windows: 'windows' };

for (const entry of await readdir(new URL('components/', dist), { recursive: true })) {
  if (!/\.(js|d\.ts)$/.test(entry)) continue;
  const file = new URL(`components/${entry}`, dist);
  const text = await readFile(file, 'utf8');
  const fixed = text
    .replace(/(['"])(?:\.\.\/)+schema\/([\w.-]+)\.(?:js|ts)\1/g, (_match, quote, name) => {
      const subpath = SCHEMA_EXPORTS[name];
      if (!subpath) throw new Error(`${entry} imports schema/${name}, which @cobrand/schema does not export`);
      return `${quote}@cobrand/schema/${subpath}${quote}`;
    })
    .replace(/(['"])(\.{1,2}\/[^'"]+)\.ts\1/g, '$1$2.js$1');
  if (fixed !== text) await writeFile(file, fixed);
}
await rm(new URL('schema/', dist), { recursive: true, force: true });

await buildBundle();
