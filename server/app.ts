/** The review service, built by a factory so that tests and `cobrand serve` start the same app. */
import fastifySwagger from '@fastify/swagger';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifySchema as FastifyRouteSchema } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_DOCUMENT_BYTES } from '../schema/errors.ts';
import { installDrain } from './drain.ts';
import { DEFAULT_LIMITS, installLimits, NO_LIMITS, scheduleAssetSweep, type Limits } from './limits.ts';
import { jsonBodies } from './json-body.ts';
import { recordRouteMethods } from './methods.ts';
import { errorAnswer, type FailedRequest } from './errors.ts';
import { DEFAULT_SWEEP_INTERVAL_MS, LiveSweep } from './live-sweep.ts';
import { PublicCache } from './public-cache.ts';
import { Readiness } from './readiness.ts';
import { Publisher } from './publish.ts';
import { assetRoutes } from './routes/assets.ts';
import { authenticate } from './routes/auth.ts';
import { directoryRoutes } from './routes/directory.ts';
import { meRoutes } from './routes/me.ts';
import { partnerRoutes } from './routes/partner.ts';
import { barRoutes } from './routes/bar.ts';
import { publicRoutes } from './routes/public.ts';
import { reviewRoutes } from './routes/review.ts';
import { shareRoutes } from './routes/shares.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import { Scheduler } from './scheduler.ts';
import { DEFAULT_DELIVERY, DeliveryLoop, type DeliverySettings } from './webhooks/delivery.ts';
import { syncEnvironmentEndpoint } from './webhooks/endpoints.ts';
import { customizationComponent, errorBody, rateLimitedBody, unavailableBody } from './routes/schemas.ts';
import { StoreUnavailableError, type Database } from './store/database.ts';
import { DEFAULT_TIME_ZONE } from './working-days.ts';
import { LIVE_CHANNEL, Workflow } from './workflow.ts';

export interface AppOptions {
  db: Database;
  /** Reviewers' time zone for due dates. */
  timeZone?: string;
  /** `false` for silence (tests), or Fastify's JSON logs at a level (to standard output, or `stream`). */
  logger?: false | { level: 'info' | 'warn' | 'error'; stream?: { write(line: string): unknown } };
  /** How often to look for live changes whose NOTIFY was missed (server/live-sweep.ts): the longest a stale public copy can be served. */
  cacheMaxAgeMs?: number;
  /** Fastify's trustProxy: whose X-Forwarded-For to believe for the client address (rate limits key on it). */
  trustProxy?: boolean | number | string;
  /** Rate limits and quotas (server/limits.ts): absent, none; given, the defaults overridden by what is given. */
  limits?: Partial<Limits>;
  /** The service's clock in epoch milliseconds (default `Date.now`): when a submission happens, and which time window the public read path is in. */
  clock?: () => number;
  /** The deployment's webhook endpoint (COBRAND_WEBHOOK_URL), and delivery timing. */
  webhooks?: { target?: { url: string; secret: string }; delivery?: Partial<DeliverySettings> };
  /** How often the scheduler sweeps besides its timers (server/scheduler.ts). */
  schedulerSweepMs?: number;
  /** Where to publish the live documents as static files (server/publish.ts); none when absent. */
  publishDir?: string;
  /** The service's public origin, for pre-rendered bars (server/routes/bar.ts); absent: each request's own. */
  publicUrl?: string;
  /**
   * The longest a request may take to arrive, headers and body (default 60 s: a 512 KB logo over a
   * slow mobile link): one whose body trickles in is answered 408 and closed, not held open.
   */
  requestTimeoutMs?: number;
  /** The longest one uploaded image may take to read (server/image-pool.ts; default 10 s): past it, 422 image.too-complex. */
  imageReadLimitMs?: number;
  /** Extra routes of the host process (the preview app's static files). */
  extend?: (app: FastifyInstance) => Promise<void> | void;
}

declare module 'fastify' {
  interface FastifyInstance {
    workflow: Workflow;
    db: Database;
    publicCache: PublicCache;
    /** Whether the processes that answer landings are warm (GET /readyz); begun by `cobrand serve`. */
    readiness: Readiness;
    liveSweep: LiveSweep;
    publisher: Publisher | null;
    clock: () => number;
    scheduler: Scheduler;
    deliveryLoop: DeliveryLoop;
  }
}

export const STORE_RETRY_AFTER_SECONDS = 5;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export async function buildApp({ db, timeZone = DEFAULT_TIME_ZONE, logger = false, cacheMaxAgeMs = DEFAULT_SWEEP_INTERVAL_MS, limits, trustProxy = false, clock = Date.now, webhooks = {}, schedulerSweepMs, publishDir, publicUrl, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, imageReadLimitMs, extend }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger && { ...logger, serializers: { req: requestForLog } },
    // Errors the router raises before any route (a URL that is not valid percent-encoding, an over-long
    // path parameter) get our error shape, not Fastify's.
    frameworkErrors: (error, _request, reply) => {
      const [status, code, message] = error.code === 'FST_ERR_BAD_URL'
        ? [400, 'bad_url', 'The URL is not valid: every % must start an escape of two hex digits, such as %20.']
        : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? [414, 'uri_too_long', 'A part of the URL path is too long.']
          : [500, 'internal', 'Something went wrong on our side; it has been logged. Try again.'];
      if (status >= 500) reply.log.error(error);
      (reply as FastifyReply).code(status).send({ code, message });
    },
    clientErrorHandler: answerClientError,
    bodyLimit: MAX_DOCUMENT_BYTES,
    requestTimeout: requestTimeoutMs,
    // Node looks for requests past their time every this often (30 s by default).
    http: { connectionsCheckingInterval: Math.min(30_000, Math.max(100, requestTimeoutMs / 4)) },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // The API speaks JSON (and images, for uploads): a text body is refused with 415, never stored as a draft.
  app.removeContentTypeParser('text/plain');
  jsonBodies(app);
  // `no_route`, not `not_found` (which says a partner has nothing approved, and makes the bar forget its
  // stored copy); readable cross-origin, so that an element whose `api` is wrong can say so. An address
  // that exists, asked with a method it does not take, is 405 with the methods it takes.
  const methods = recordRouteMethods(app);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = methods.allowed(path);
    reply.header('Access-Control-Allow-Origin', '*');
    if (allowed.length === 0) {
      return reply.code(404).send({ code: 'no_route', message: `No route ${request.method} ${path}: check the address (an element's api is the service's origin, without /v1).` });
    }
    const list = allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(', ')} and ${allowed.at(-1)}`;
    return reply.code(405).header('Allow', allowed.join(', '))
      .send({ code: 'method_not_allowed', message: `${request.method} is not a method of ${path}: it takes ${list}.` });
  });

  const workflow = new Workflow(db, timeZone);
  const publicCache = new PublicCache(async (partnerIds) => {
    // Workflow.liveDocument for many partners at once: misses of concurrent reads share one query.
    const rows = await db.query<{ partner_id: string; document: unknown }>(
      'SELECT l.partner_id, v.document FROM live l JOIN versions v ON v.id = l.version_id WHERE l.partner_id = ANY($1::text[])', [partnerIds]);
    return new Map(rows.map((row) => [row.partner_id, row.document]));
  });
  const publisher = publishDir ? new Publisher({ dir: publishDir, db, now: clock, onError: (partnerId, error) => app.log.error(`Could not publish ${partnerId} to ${publishDir}: ${error.message}`) }) : null;
  app.decorate('db', db).decorate('workflow', workflow).decorate('publicCache', publicCache).decorate('publisher', publisher).decorate('clock', clock)
    .decorate('readiness', new Readiness());
  // Every change of what is live (approval, rollback, scheduled go-live) arrives here, by NOTIFY, on every instance.
  const liveChanged = (partnerId: string) => {
    publicCache.invalidate(partnerId);
    void publisher?.publishPartner(partnerId);
  };
  // Approvals elsewhere arrive by NOTIFY. While the listening connection is down (a server
  // restart) they may be missed: the sweep finds them, at once when it listens again.
  const sweep = new LiveSweep(db, liveChanged, cacheMaxAgeMs);
  await sweep.start();
  app.decorate('liveSweep', sweep);
  const stopListening = await db.listen(LIVE_CHANNEL, liveChanged, {
    onLost: (error) => {
      app.log.error(`Lost the store's notification connection (${error.message}); reconnecting. Meanwhile public documents in memory are served, and changes are found by the sweep once it is back.`);
    },
    onRestored: ({ downMs, attempts }) => {
      const back = `The store's notification connection is back after ${(downMs / 1000).toFixed(1)} s (${attempts} attempt${attempts === 1 ? '' : 's'})`;
      sweep.run().then(
        (changed) => app.log.warn(`${back}; ${changed} partner(s) changed meanwhile, read again.`),
        (error: Error) => app.log.warn(`${back}; the sweep for changes meanwhile failed (${error.message}) and runs again within ${cacheMaxAgeMs / 1000} s.`),
      );
    },
  });
  app.addHook('onClose', async () => {
    await stopListening();
    await sweep.stop();
    publisher?.close();
    await publisher?.idle();
  });
  // The store is unreachable (restarting): 503 from the error handler, and when to retry.
  app.addHook('onError', (_request, reply, error, done) => {
    if (error instanceof StoreUnavailableError) reply.header('retry-after', String(STORE_RETRY_AFTER_SECONDS));
    done();
  });

  await app.register(fastifySwagger, {
    openapi: {
      // 3.1: its Schema Object is JSON Schema 2020-12, the dialect of the customization schema.
      openapi: '3.1.0',
      info: {
        title: 'Cobrand review service',
        version: '1.0.0',
        description: 'Partner customizations from draft through review to the approved version every landing reads.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // Relative: the service that serves this document, wherever it is deployed.
      servers: [{ url: '/', description: 'This service' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    // The customization schema goes in as it is, after @fastify/swagger's conversion of route schemas (which
    // would drop a property named `$schema`): the routes' documents `$ref` it (server/routes/schemas.ts).
    transformObject: (document) => {
      if (!('openapiObject' in document)) throw new Error('The review service documents itself as OpenAPI 3, not Swagger 2.');
      const { openapiObject } = document;
      const schemas = { ...openapiObject.components?.schemas, Customization: customizationComponent() };
      declareRetryAfter(openapiObject.paths ?? {});
      declareOptionalBodies(openapiObject.paths ?? {});
      return { ...openapiObject, components: { ...openapiObject.components, schemas } } as typeof openapiObject;
    },
  });
  documentCommonErrors(app);
  // First hook: while stopping, new requests get 503 before any other work (server/drain.ts).
  installDrain(app);
  const limitHooks = await installLimits(app, limits ? { ...DEFAULT_LIMITS, ...limits } : NO_LIMITS);
  app.addHook('onRequest', limitHooks.beforeAuth);
  app.addHook('onRequest', authenticate);
  app.addHook('onRequest', limitHooks.afterAuth);
  scheduleAssetSweep(app, db, app.limits);
  await app.register(publicRoutes);
  await app.register(barRoutes, { publicUrl });
  await app.register(meRoutes);
  await app.register(partnerRoutes);
  await app.register(assetRoutes, { readLimitMs: imageReadLimitMs });
  await app.register(reviewRoutes);
  await app.register(directoryRoutes);
  await app.register(webhookRoutes);
  await app.register(shareRoutes);
  await startBackgroundWork(app, webhooks, schedulerSweepMs);
  app.get('/docs/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await extend?.(app);
  return app;
}

/** Methods whose requests Fastify reads a body of: each may be answered 400 (invalid_json), 413 or 415 before its handler runs. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The answers documentCommonErrors made of a route's own and a common one. */
const besides = new WeakSet<object>();

/**
 * The answers Fastify and this app give before a route's handler, listed in every route's OpenAPI responses
 * where they can happen, so that no route can forget them: 400 for a parameter, query or header the route's
 * schema checks, and for a body that is not JSON; 413 for a body over the limit; 415 for one of a type no
 * parser takes. A route that documents one itself keeps its own. And on every route, from the hooks that run
 * before any: 429 (a request with a token, from an address that failed to sign in too often: server/limits.ts)
 * and 503 (this instance stopping, server/drain.ts; the store unreachable, for a token's lookup if nothing
 * else); a route's own 429 or 503 (GET /readyz's `warming`) is listed beside them, as either can be answered.
 */
function documentCommonErrors(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as (FastifyRouteSchema & { hide?: boolean }) | undefined;
    if (!schema || schema.hide) return;
    const takesBody = [route.method].flat().some((method) => BODY_METHODS.has(method));
    const response = { ...(schema.response as Record<string, unknown> | undefined) };
    const add = (status: number) => { if (!(status in response)) response[status] = errorBody; };
    const beside = (status: number, common: z.ZodType) => {
      const own = response[status];
      // A GET route's HEAD twin comes here with the same schema, already done.
      if (own === common || besides.has(own as object)) return;
      if (own === undefined || own === errorBody) {
        response[status] = common;
        return;
      }
      const ownDescription = (own as z.ZodType).description;
      const both = z.union([own as z.ZodType, common]).describe(ownDescription ? `${ownDescription} Or ${common.description}` : common.description ?? '');
      besides.add(both);
      response[status] = both;
    };
    if (takesBody || schema.params || schema.querystring || schema.headers) add(400);
    if (takesBody) {
      add(413);
      add(415);
    }
    beside(429, rateLimitedBody);
    beside(503, unavailableBody);
    schema.response = response;
  });
}

const RETRY_AFTER = { description: 'The seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } };

/** Every 429 and 503 this service answers carries Retry-After (server/limits.ts, server/drain.ts, the store's 503, /readyz): said in each. */
function declareRetryAfter(paths: OpenApiPaths): void {
  for (const { responses = {} } of operationsOf(paths)) {
    for (const response of [responses['429'], responses['503']]) {
      if (response) response.headers = { ...response.headers, 'Retry-After': RETRY_AFTER };
    }
  }
}

/**
 * @fastify/swagger says every body is required; a route whose body schema also takes null
 * (`.nullish()`) is answered without one, so there it is not.
 */
function declareOptionalBodies(paths: OpenApiPaths): void {
  for (const { requestBody } of operationsOf(paths)) {
    const schema = requestBody?.content?.['application/json']?.schema;
    if (requestBody && schema?.anyOf?.some((option) => option.type === 'null')) requestBody.required = false;
  }
}

type OpenApiPaths = Record<string, Record<string, unknown> | undefined>;
interface OpenApiOperation {
  responses?: Record<string, { headers?: object }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: { anyOf?: Array<{ type?: string }> } }> };
}

const operationsOf = (paths: OpenApiPaths): OpenApiOperation[] =>
  Object.values(paths).flatMap((item) => Object.values(item ?? {})).filter((operation): operation is OpenApiOperation => typeof operation === 'object' && operation !== null);

/** What each instance does without a request: scheduled go-lives, overdue notices, webhook deliveries. */
async function startBackgroundWork(app: FastifyInstance, webhooks: NonNullable<AppOptions['webhooks']>, sweepMs: number | undefined): Promise<void> {
  await syncEnvironmentEndpoint(app.db, webhooks.target);
  const scheduler = new Scheduler(app.db, app.workflow, app.log, { sweepMs, onLive: (schedule) => app.publicCache.invalidate(schedule.partnerId) });
  const delivery = new DeliveryLoop(app.db, app.log, { ...DEFAULT_DELIVERY, ...webhooks.delivery });
  app.decorate('scheduler', scheduler).decorate('deliveryLoop', delivery);
  await scheduler.start();
  await delivery.start();
  app.addHook('onClose', async () => { await Promise.all([scheduler.stop(), delivery.stop()]); });
}

/** Query parameters that may carry a secret; their values never reach the log. */
const SECRET_PARAM = /token|auth|bearer|key|secret|password|passwd|signature|sig$|session|credential/i;

/** The request as logged: Fastify's fields, with secrets in the query string redacted (a token sent as ?token=… is still a token). */
export function requestForLog(request: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return { method: request.method, url: redactUrl(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}

/**
 * The URL with its secrets redacted: parameters named like one, and tokens and share-link secrets
 * wherever they are, however spelled (`cbt%5F…`, `CBT_…`: redacted whole when not spelled plainly).
 */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  const path = (query === -1 ? url : url.slice(0, query)).split('/').map((segment) => (disguisedSecret(segment) ? '[REDACTED]' : segment)).join('/');
  if (query === -1) return redactSecrets(path);
  const params = url.slice(query + 1).split('&').map((pair) => {
    const equals = pair.indexOf('=');
    if (equals === -1) return pair;
    const name = pair.slice(0, equals);
    return SECRET_PARAM.test(decoded(name)) || disguisedSecret(pair.slice(equals + 1)) ? `${name}=[REDACTED]` : pair;
  });
  return redactSecrets(`${path}?${params.join('&')}`);
}

/** Tokens (`cbt_…`) and share-link secrets (`cbs_…`) wherever they appear in a URL. */
const redactSecrets = (url: string): string => url.replace(/(cb[ts]_)[^/?#&]+/g, '$1[REDACTED]');
/** A token or share secret spelled other than plainly (which redactSecrets finds). */
const disguisedSecret = (text: string): boolean => !/cb[ts]_/.test(text) && /cb[ts]_/i.test(decoded(text));

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (headers over the limit, bytes
 * that are not HTTP, a request too slow) is answered in the API's `{ code, message }` too.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] = error.code === 'HPE_HEADER_OVERFLOW'
    ? [431, 'headers_too_large', 'The request\'s URL and headers are too large: together at most 16 KB (check the URL and the cookies sent with it).']
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request_timeout', 'The request took too long to arrive: send it again, whole.']
      : [400, 'bad_request', 'The request is not valid HTTP/1.1.'];
  const body = JSON.stringify({ code, message });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/** Every error leaves as `{ code, message }`, with the status it deserves; a 5xx never shows internals. */
function errorHandler(this: FastifyInstance, error: FastifyError, request: FailedRequest & { headers: { authorization?: string } }, reply: { code: (status: number) => { send: (body: unknown) => unknown }; header: (name: string, value: string) => unknown }) {
  // An answer to a token is that token's, a refusal too: no cache keeps it.
  if (request.headers.authorization) reply.header('cache-control', 'no-store');
  const { status, body } = errorAnswer(error, request, this.initialConfig.bodyLimit ?? 0);
  return reply.code(status).send(body);
}
