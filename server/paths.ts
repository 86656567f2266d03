/**
 * Where the `cobrand` package's files are, from the running code: the TypeScript sources
 * (server/*.ts through tsx, in this repository) or the compiled service (dist/service/*.js,
 * in an installed package). esbuild writes every compiled module and chunk into
 * dist/service/, so this one module answers for all: the rest of the service asks here
 * instead of using its own import.meta.url, which names a different folder in each form.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const HERE = new URL('.', import.meta.url);

/** True when this is the compiled service (dist/service/), false for the TypeScript sources. */
export const COMPILED = HERE.pathname.endsWith('/dist/service/');

/** The `cobrand` package's folder: server/ in this repository, node_modules/cobrand/ when installed. */
export const PACKAGE_ROOT = COMPILED ? new URL('../../', HERE) : HERE;

/** The repository's root, when this runs from a clone (else a folder without the sources in it). */
export const REPOSITORY_ROOT = new URL('../', PACKAGE_ROOT);

/** The prebuilt preview app (partner editor, reviewer console, demo landing): `vite build` writes it. */
export const PREVIEW_DIR = new URL('dist/preview/', PACKAGE_ROOT);

/** Files the service reads at run time; they ship in the package at these paths, uncompiled. */
export const MIGRATIONS_DIR = new URL('store/migrations/', PACKAGE_ROOT);
export const PGLITE_WORKER = new URL('store/pglite-worker.mjs', PACKAGE_ROOT);
export const IMAGE_WORKER = new URL('image-worker.mjs', PACKAGE_ROOT);

/** The image reader the image worker loads: compiled beside the CLI, or the source through tsx. */
export const IMAGES_MODULE = COMPILED ? new URL('images.js', HERE) : new URL('images.ts', PACKAGE_ROOT);

const require = createRequire(import.meta.url);

/**
 * The single-file embed bundle, from the dependency @cobrand/elements (in this repository
 * the workspace components/, whose build writes it): one bundle, built in one place.
 */
export const EMBED_FILE = new URL('dist/cobrand.js', packageFolder('@cobrand/elements'));

/** The demo partner's customization: the complete example of @cobrand/schema. */
export const DEMO_EXAMPLE = new URL('examples/acme-cloud.json', packageFolder('@cobrand/schema'));

/** A dependency's folder, found by its package.json: what it builds need not exist yet in a fresh clone. */
function packageFolder(name: string): URL {
  return new URL('.', pathToFileURL(require.resolve(`${name}/package.json`)));
}
