// After `tsc`: TypeScript 7 rewrites `./x.ts` to `./x.js` in the JavaScript it emits
// (rewriteRelativeImportExtensions) but not in the declarations; consumers resolve `./x.js`.
import { readdir, readFile, writeFile } from 'node:fs/promises';

const dist = new URL('./dist/', import.meta.url);
for (const name of await readdir(dist)) {
  if (!name.endsWith('.d.ts')) continue;
  const file = new URL(name, dist);
  const text = await readFile(file, 'utf8');
  const fixed = text.replace(/(['"])(\.{1,2}\/[^'"]+)\.ts\1/g, '$1$2.js$1');
  if (fixed !== text) await writeFile(file, fixed);
}
