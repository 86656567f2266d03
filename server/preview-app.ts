/** The built preview app and the embed bundle, served by the service on its own port. */
import { existsSync, readFileSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { EMBED_FILE, PREVIEW_DIR } from './paths.ts';
import { compress, sendCompressed } from './compressed.ts';

/** The app's own pages run no inline script and reach only this origin (logos may come from https: hosts). */
const PAGE_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' https: data: blob:",
  "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'",
].join('; ');

const PAGES: Record<string, string> = { '/': 'index.html', '/review': 'review.html', '/demo': 'demo.html' };

export async function servePreviewApp(app: FastifyInstance): Promise<void> {
  // Vite names the app's files by content (app/*-<hash>.js), so they may be cached for good.
  await app.register(fastifyStatic, { root: new URL('app/', PREVIEW_DIR).pathname, prefix: '/app/', index: false, immutable: true, maxAge: '365d' });
  const page = (reply: FastifyReply, file: string) => reply
    .header('Content-Security-Policy', PAGE_POLICY).header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'no-referrer').header('Cache-Control', 'no-cache').sendFile(file, PREVIEW_DIR.pathname, { cacheControl: false });
  for (const [path, file] of Object.entries(PAGES)) app.get(path, { schema: { hide: true } }, (_request, reply) => page(reply, file));
  serveEmbed(app);
}

/**
 * `/cobrand.js`: the embed bundle of @cobrand/elements, for host pages' script tags (`cobrand serve`
 * and `cobrand start`). Every landing of a script-tag host loads it: sent compressed (a third of
 * its bytes with gzip, less with brotli), revalidated by ETag, and usable stale for a day while
 * the browser revalidates it, so a repeat landing never waits for it (a new release reaches a
 * browser one landing later).
 */
export function serveEmbed(app: FastifyInstance, file: string | URL = EMBED_FILE): void {
  // Read once; in a clone where components/ is not built yet, the route says so instead of failing the start.
  const variants = existsSync(file) ? compress(readFileSync(file)) : undefined;
  app.get('/cobrand.js', { schema: { hide: true } }, async (request, reply) => {
    if (!variants) {
      return reply.code(404).send({ code: 'not_built', message: 'The embed bundle is not built: run `npm run build` in the repository (an installed cobrand has it from @cobrand/elements).' });
    }
    reply.type('text/javascript; charset=utf-8').header('Access-Control-Allow-Origin', '*').header('Cache-Control', EMBED_CACHE_CONTROL)
      .header('X-Content-Type-Options', 'nosniff');
    return sendCompressed(request, reply, await variants);
  });
}

export const EMBED_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400';
