// A stand-in for the review service's public read path, served by the test runner's own
// HTTP server, so that the loader is tested over real HTTP: ETag, 304, delays, failures.
import { readFileSync } from 'node:fs';

const example = JSON.parse(readFileSync(new URL('../../schema/examples/acme-cloud.json', import.meta.url), 'utf8'));
const requests = new Map();
/** CORS preflights, by partner: a page on another origin asking with a header of its own sends one first. */
const preflights = new Map();

const documents = {
  'acme-cloud': { body: example, etag: '"acme-v1"' },
  slow: { body: { ...example, partnerId: 'slow' }, etag: '"slow-v1"', delay: 1500 },
  missing: { status: 404, body: { code: 'not_found', message: 'No approved customization' } },
  broken: { status: 500, body: { code: 'internal', message: 'Boom' } },
  garbage: { raw: 'this is not json' },
  impostor: { body: { ...example, partnerId: 'someone-else' } },
  /** Its envelope is right, its parts are of the wrong kind: no approved document looks like this. */
  misshapen: { body: { schemaVersion: 1, partnerId: 'misshapen', brand: 42, promotionMenu: {} } },
  /** A proxy's or a wrong address's 404: not the service saying the partner has nothing approved. */
  'proxy-404': { status: 404, raw: '<html><body>404 Not Found</body></html>', type: 'text/html' },
};

/** A logo the test pages can load, as the service serves an uploaded asset. */
export const LOGO_SHA256 = 'a'.repeat(64);
const LOGO_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="28" viewBox="0 0 160 28"><rect width="160" height="28" rx="4" fill="#f5a623"/></svg>';
/** Wider logos: 240×48, and the widest the upload rules allow (4096 px wide, 8:1). */
export const WIDE_LOGO_SHA256 = 'd'.repeat(64);
export const WIDEST_LOGO_SHA256 = 'e'.repeat(64);
const logoSvg = (width, height) => `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="#f5a623"/></svg>`;
const LOGOS = { [LOGO_SHA256]: LOGO_SVG, [WIDE_LOGO_SHA256]: logoSvg(240, 48), [WIDEST_LOGO_SHA256]: logoSvg(4096, 512) };

/** Under `/test-api/slow/<any-name>`, logos arrive this late (ms): long enough to see the bar before they do (a new name each time escapes the page's image cache). */
export const SLOW_LOGO_DELAY = 700;

export async function testApi(ctx, next) {
  const asset = /^\/test-api(\/slow\/[\w-]+)?\/assets\/([0-9a-f]{64})$/.exec(ctx.path);
  if (asset && LOGOS[asset[2]]) {
    if (asset[1]) await new Promise((resolve) => setTimeout(resolve, SLOW_LOGO_DELAY));
    ctx.type = 'image/svg+xml';
    ctx.body = LOGOS[asset[2]];
    return;
  }
  if (ctx.path === '/test-api/requests') {
    ctx.body = Object.fromEntries(requests);
    return;
  }
  if (ctx.path === '/test-api/preflights') {
    ctx.body = Object.fromEntries(preflights);
    return;
  }
  if (ctx.path === '/test-api/reset') {
    requests.clear();
    preflights.clear();
    ctx.body = {};
    return;
  }
  const match = /^\/test-api\/v1\/partners\/([^/]+)\/customization$/.exec(ctx.path);
  if (!match) return next();
  const partner = decodeURIComponent(match[1]);
  // As the service answers a page on another origin (server/routes/public.ts).
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.set('Access-Control-Expose-Headers', 'ETag');
  if (ctx.method === 'OPTIONS') {
    preflights.set(partner, (preflights.get(partner) ?? 0) + 1);
    ctx.set('Access-Control-Allow-Headers', 'If-None-Match');
    ctx.status = 204;
    return;
  }
  const seen = requests.get(partner) ?? [];
  seen.push({ ifNoneMatch: ctx.get('If-None-Match') || null });
  requests.set(partner, seen);
  const answer = documents[partner] ?? { status: 404, body: { code: 'not_found' } };
  if (answer.delay) await new Promise((resolve) => setTimeout(resolve, answer.delay));
  ctx.set('Cache-Control', 'no-cache');
  if (answer.etag) ctx.set('ETag', answer.etag);
  if (answer.etag && ctx.get('If-None-Match') === answer.etag) {
    ctx.status = 304;
    return;
  }
  ctx.status = answer.status ?? 200;
  ctx.type = answer.type ?? 'application/json';
  ctx.body = answer.raw ?? JSON.stringify(answer.body);
}
