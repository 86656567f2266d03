/** Public routes: the schema, health, the approved customization every landing reads, and uploaded assets. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import schema from '../../schema/customization.schema.json' with { type: 'json' };
import type { FastifyReply } from 'fastify';
import { matchesEtag, publicAnswer, type PublicDocument } from '../public-cache.ts';
import { customizationDocument, errorBody, imageBytes, partnerParams, tokenErrors } from './schemas.ts';

function answer(partnerId: string, entry: PublicDocument | null, headers: { 'if-none-match'?: string; 'accept-encoding'?: string }, reply: FastifyReply, now: () => number): FastifyReply {
  const { status, headers: answerHeaders, body } = publicAnswer(partnerId, entry, headers, now());
  return reply.code(status).headers(answerHeaders).send(body ?? undefined);
}

export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', { schema: { operationId: 'getHealth', summary: 'Liveness and storage check', security: [], response: { 200: z.object({ status: z.literal('ok') }), ...tokenErrors } } }, async () => {
    await app.db.query('SELECT 1');
    return { status: 'ok' as const };
  });

  app.get('/readyz', {
    schema: {
      operationId: 'getReadiness',
      summary: 'Readiness for landings: 200 once every process that answers them holds the live documents, 503 while they load (at start, or when a public worker is replaced)',
      security: [],
      response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.literal('warming') }).describe('{"status":"warming"}: the processes that answer landings are still loading the live documents.'), ...tokenErrors },
    },
  }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    // A warm-up takes seconds: a probe or a client may ask again after one.
    return app.readiness.ready ? { status: 'ready' as const } : reply.code(503).header('retry-after', '1').send({ status: 'warming' as const });
  });

  app.get('/v1/schema', { schema: { operationId: 'getSchema', summary: 'The customization document JSON Schema', security: [], response: { 200: z.unknown(), ...tokenErrors } } }, async (_request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*').header('Cache-Control', 'public, max-age=300').type('application/schema+json');
    return schema;
  });

  app.options('/v1/partners/:pid/customization', { schema: { hide: true } }, async (_request, reply) => {
    reply.code(204).header('Access-Control-Allow-Origin', '*').header('Access-Control-Allow-Methods', 'GET, HEAD')
      .header('Access-Control-Allow-Headers', 'If-None-Match').header('Access-Control-Max-Age', '86400');
  });

  app.get('/v1/partners/:pid/customization', {
    // Its errors (a malformed id's 400) reach the host page's script too; answers set the header themselves.
    errorHandler: (error, request, reply) => {
      reply.header('Access-Control-Allow-Origin', '*');
      return app.errorHandler(error, request, reply);
    },
    schema: {
      operationId: 'getCustomization',
      summary: "The partner's approved customization (public; ETag and 304)",
      security: [],
      params: partnerParams,
      response: { 200: customizationDocument, 404: errorBody, ...tokenErrors },
    },
  }, (request, reply) => {
    // The hot path: a cached answer is sent without awaiting anything.
    const cached = app.publicCache.get(request.params.pid);
    if (!(cached instanceof Promise)) return answer(request.params.pid, cached, request.headers, reply, app.clock);
    return cached.then((entry) => answer(request.params.pid, entry, request.headers, reply, app.clock));
  });

  app.get('/assets/:sha256', {
    schema: {
      operationId: 'getAsset',
      summary: 'An uploaded image (public, immutable)',
      security: [],
      params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
      // The bytes as stored, under their own type (never serialized: the body is a Buffer).
      response: { 200: { description: 'The image', content: { 'image/*': { schema: imageBytes } } }, 404: errorBody, ...tokenErrors },
    },
  }, async (request, reply) => {
    const [asset] = await app.db.query<{ content_type: string; bytes: Uint8Array }>('SELECT content_type, bytes FROM assets WHERE sha256 = $1', [request.params.sha256]);
    if (!asset) return reply.code(404).send({ code: 'not_found', message: 'No such asset.' });
    const etag = `"${request.params.sha256}"`;
    reply.header('Cache-Control', 'public, max-age=31536000, immutable').header('ETag', etag)
      .header('X-Content-Type-Options', 'nosniff').header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type(asset.content_type).send(Buffer.from(asset.bytes));
  });
};
