// `npm run build` of the `cobrand` package: what it ships, from the repository's sources.
// 1. dist/service/: the service and CLI compiled by esbuild, one module per entry (the CLI,
//    and the image reader the image worker loads) plus shared chunks, so that each command
//    still loads only what it imports (`cobrand validate` never loads Fastify or PGlite).
//    npm packages stay imports; the contract's modules (../schema/*.ts) become imports of
//    the dependency @cobrand/schema, not a second copy (its JSON is inlined: Node 20 warns on JSON modules),
//    and the elements' (../components/*.ts) imports of @cobrand/elements.
// 2. dist/preview/: the prebuilt preview app (vite build with the repository's vite.config.ts).
// 3. docs/: the repository's guides (API and settings, embedding, review, scaling, schema) and
//    the tested nginx configuration, for those who install from npm and have no repository.
import { cp, readFile, rm } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const SCHEMA_DIR = here('../schema/');

/** schema/<name>.ts → the @cobrand/schema subpath whose compiled module it is, from its exports. */
async function schemaSubpaths() {
  const { exports } = JSON.parse(await readFile(`${SCHEMA_DIR}package.json`, 'utf8'));
  const subpaths = new Map();
  for (const [subpath, target] of Object.entries(exports)) {
    const file = typeof target === 'string' ? target : target.default;
    const name = /^\.\/dist\/([\w.-]+)\.js$/.exec(file)?.[1];
    if (name) subpaths.set(name, `@cobrand/schema${subpath.slice(1)}`);
  }
  return subpaths;
}

const subpaths = await schemaSubpaths();
const contractFromDependency = {
  name: 'contract-from-@cobrand/schema',
  setup(plugin) {
    plugin.onResolve({ filter: /\/schema\/[\w.-]+\.ts$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      if (dirname(path) + '/' !== SCHEMA_DIR) return undefined;
      const name = basename(path, '.ts');
      const external = subpaths.get(name);
      if (!external) return { errors: [{ text: `${args.importer} imports schema/${name}.ts, which @cobrand/schema does not export: add it to "exports" in schema/package.json` }] };
      return { path: external, external: true };
    });
  },
};

// The pre-rendered bar (bar-render.ts) renders with the elements as @cobrand/elements
// publishes them, so the service and the embed bundle always run the same elements.
const COMPONENTS_DIR = here('../components/');
const elementsFromDependency = {
  name: 'elements-from-@cobrand/elements',
  setup(plugin) {
    plugin.onResolve({ filter: /\/components\/[\w.-]+\.ts$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      if (dirname(path) + '/' !== COMPONENTS_DIR) return undefined;
      return { path: `@cobrand/elements/${basename(path, '.ts')}.js`, external: true };
    });
  },
};

await rm(here('./dist/service/'), { recursive: true, force: true });
await build({
  entryPoints: [here('./cli.ts'), here('./images.ts')],
  outdir: here('./dist/service/'),
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  plugins: [contractFromDependency, elementsFromDependency],
  logLevel: 'warning',
});

const { build: vite } = await import('vite');
await vite({ configFile: here('../vite.config.ts'), logLevel: 'warn' });

await rm(here('./docs/'), { recursive: true, force: true });
await cp(here('../docs/'), here('./docs/'), { recursive: true, filter: (source) => !source.includes('/screenshots') });
