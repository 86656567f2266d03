/**
 * The embed bundle's entry (dist/cobrand.js): every element, able to hydrate the pre-rendered
 * bar (GET /v1/partners/:pid/bar.html) rather than render a second bar beside it. Lit's
 * hydration support must run before Lit's element class is defined, so it is imported first.
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';

export * from './index.ts';
