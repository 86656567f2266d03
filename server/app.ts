/** The review service, built by a factory so that tests and `cobrand serve` start the same app. */
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { MAX_DOCUMENT_BYTES } from '../schema/errors.ts';
import { ApiError } from './errors.ts';
import { PublicCache } from './public-cache.ts';
import { assetRoutes } from './routes/assets.ts';
import { authenticate } from './routes/auth.ts';
import { directoryRoutes } from './routes/directory.ts';
import { meRoutes } from './routes/me.ts';
import { partnerRoutes } from './routes/partner.ts';
import { publicRoutes } from './routes/public.ts';
import { reviewRoutes } from './routes/review.ts';
import type { Database } from './store/database.ts';
import { DEFAULT_TIME_ZONE } from './working-days.ts';
import { LIVE_CHANNEL, Workflow } from './workflow.ts';

export interface AppOptions {
  db: Database;
  /** Reviewers' time zone for due dates. */
  timeZone?: string;
  /** `false` for silence (tests), or Fastify's JSON logs at a level. */
  logger?: false | { level: 'info' | 'warn' | 'error' };
  /** Extra routes of the host process (the preview app's static files). */
  extend?: (app: FastifyInstance) => Promise<void> | void;
}

declare module 'fastify' {
  interface FastifyInstance {
    workflow: Workflow;
    db: Database;
    publicCache: PublicCache;
  }
}

export async function buildApp({ db, timeZone = DEFAULT_TIME_ZONE, logger = false, extend }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    bodyLimit: MAX_DOCUMENT_BYTES,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // The API speaks JSON (and images, for uploads): a text body is refused with 415, never stored as a draft.
  app.removeContentTypeParser('text/plain');
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` }));

  const workflow = new Workflow(db, timeZone);
  const publicCache = new PublicCache((partnerId) => workflow.liveDocument(db, partnerId));
  app.decorate('db', db).decorate('workflow', workflow).decorate('publicCache', publicCache);
  const stopListening = await db.listen(LIVE_CHANNEL, (partnerId) => publicCache.invalidate(partnerId));
  app.addHook('onClose', async () => { await stopListening(); });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Cobrand review service', version: '1.0.0', description: 'Partner customizations from draft through review to the approved version every landing reads.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  app.addHook('onRequest', authenticate);
  await app.register(publicRoutes);
  await app.register(meRoutes);
  await app.register(partnerRoutes);
  await app.register(assetRoutes);
  await app.register(reviewRoutes);
  await app.register(directoryRoutes);
  app.get('/docs/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await extend?.(app);
  return app;
}

/** Every error leaves as `{ code, message }`, with the status it deserves; a 5xx never shows internals. */
function errorHandler(this: FastifyInstance, error: FastifyError, request: { log: FastifyBaseLogger }, reply: { code: (status: number) => { send: (body: unknown) => unknown } }) {
  if (error instanceof ApiError) return reply.code(error.status).send(error.body());
  if (error.validation) {
    const where = error.validationContext ?? 'request';
    const errors = error.validation.map((issue) => ({ path: issue.instancePath || '/', message: issue.message ?? 'is not valid' }));
    return reply.code(400).send({ code: 'invalid_request', message: `The ${where} is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.`, errors });
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error(error);
    return reply.code(500).send({ code: 'internal', message: 'Something went wrong on our side; it has been logged. Try again.' });
  }
  const known: Record<string, [string, string]> = {
    FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', `The request body is too large.`],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Send JSON (Content-Type: application/json), or an image for uploads.'],
    FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid_json', 'The body is empty: send a JSON document, or no Content-Type.'],
    FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_json', `The body is not valid JSON: ${error.message}`],
  };
  const [code, message] = known[error.code] ?? [error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' ? 'invalid_request' : 'bad_request', error.message];
  return reply.code(status).send({ code, message: error instanceof SyntaxError ? `The body is not valid JSON: ${error.message}` : message });
}
