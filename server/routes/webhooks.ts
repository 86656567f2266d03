/** The reviewers' webhook routes: endpoints (the secret shown once, at creation) and the delivery log. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { countEndpoints, createEndpoint, deleteEndpoint, listEndpoints, MAX_ENDPOINTS, MAX_WEBHOOK_URL_LENGTH, webhookUrlProblem } from '../webhooks/endpoints.ts';
import { EVENT_TYPES } from '../webhooks/outbox.ts';
import { bearerSecurity, privateReply, requireReviewer } from './auth.ts';
import { accessErrors, errorBody, freeTextOf } from './schemas.ts';

const endpointBody = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  source: z.enum(['reviewer', 'environment']),
  createdAt: z.date(),
  createdBy: z.string(),
});

const deliveryBody = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.enum(EVENT_TYPES),
  partnerId: z.string(),
  endpointId: z.string(),
  url: z.string(),
  state: z.enum(['pending', 'delivered', 'failed', 'cancelled']),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.date().nullable(),
  nextAttemptAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  createdAt: z.date(),
});

/** Characters in a registered endpoint's description. */
const MAX_WEBHOOK_DESCRIPTION_LENGTH = 200;

const endpointInput = z.object({
  url: z.string().max(MAX_WEBHOOK_URL_LENGTH),
  // Free text, as a reviewer's reason is checked (server/routes/schemas.ts); blank is none.
  description: freeTextOf(MAX_WEBHOOK_DESCRIPTION_LENGTH).optional(),
}).strict();

export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/review/webhooks', {
    schema: { operationId: 'listWebhooks', summary: 'Webhook endpoints: the registered ones and the deployment\'s own (COBRAND_WEBHOOK_URL); secrets are never shown again', security: bearerSecurity, response: { 200: z.object({ items: z.array(endpointBody) }), ...accessErrors } },
  }, async (request, reply) => {
    requireReviewer(request);
    privateReply(reply);
    return { items: await listEndpoints(app.db) };
  });

  app.post('/v1/review/webhooks', {
    schema: {
      operationId: 'createWebhook',
      summary: 'Register a webhook endpoint; the answer carries its signing secret, shown this once',
      security: bearerSecurity,
      body: endpointInput,
      response: { 201: endpointBody.extend({ secret: z.string() }), 400: errorBody, ...accessErrors, 409: errorBody },
    },
  }, async (request, reply) => {
    const principal = requireReviewer(request);
    const problem = webhookUrlProblem(request.body.url);
    if (problem) throw new ApiError(400, 'invalid_request', `url ${problem}.`, { errors: [{ path: '/url', message: problem }] });
    if (await countEndpoints(app.db) >= MAX_ENDPOINTS) throw new ApiError(409, 'too_many_webhooks', `At most ${MAX_ENDPOINTS} webhook endpoints can be registered: delete one first.`);
    const endpoint = await createEndpoint(app.db, { url: request.body.url, description: request.body.description || null, actor: principal.actor });
    return privateReply(reply).code(201).send(endpoint);
  });

  app.delete('/v1/review/webhooks/:id', {
    schema: {
      operationId: 'deleteWebhook',
      summary: 'Delete a registered endpoint; what was still to be sent to it is cancelled',
      security: bearerSecurity,
      params: z.object({ id: z.string().max(40) }),
      response: { 204: z.null().describe('Deleted'), ...accessErrors, 404: errorBody, 409: errorBody.describe('environment_webhook: the deployment\'s own endpoint (COBRAND_WEBHOOK_URL), changed in the environment') },
    },
  }, async (request, reply) => {
    requireReviewer(request);
    const { id } = request.params;
    const outcome = await deleteEndpoint(app.db, id);
    if (outcome === 'missing') throw new ApiError(404, 'not_found', `Webhook endpoint ${id} was not found (or was deleted already): GET /v1/review/webhooks lists them.`);
    if (outcome === 'environment') {
      throw new ApiError(409, 'environment_webhook', `Webhook endpoint ${id} is the deployment's own (COBRAND_WEBHOOK_URL): change or unset that setting and restart the service to change or remove it.`);
    }
    return privateReply(reply).code(204).send(null);
  });

  app.get('/v1/review/webhook-deliveries', {
    schema: {
      operationId: 'listWebhookDeliveries',
      summary: 'The delivery log, newest first: event, target, attempts, last status and next retry',
      security: bearerSecurity,
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(200).default(50),
        state: z.enum(['pending', 'delivered', 'failed', 'cancelled']).optional(),
        before: z.coerce.number().int().min(1).optional().describe('The id of the last delivery seen: the page after it'),
      }),
      response: { 200: z.object({ items: z.array(deliveryBody) }), 400: errorBody, ...accessErrors },
    },
  }, async (request, reply) => {
    requireReviewer(request);
    privateReply(reply);
    const { limit, state, before } = request.query;
    const items = await app.db.query<z.infer<typeof deliveryBody>>(`SELECT d.id::text AS id, d.event_id AS "eventId", ev.type AS "eventType", ev.partner_id AS "partnerId",
        d.endpoint_id AS "endpointId", e.url, d.state, d.attempts, d.last_status AS "lastStatus", d.last_error AS "lastError",
        d.last_attempt_at AS "lastAttemptAt", CASE WHEN d.state = 'pending' THEN greatest(d.next_attempt_at, d.lease_until) END AS "nextAttemptAt",
        d.delivered_at AS "deliveredAt", d.created_at AS "createdAt"
      FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE ($1::text IS NULL OR d.state = $1) AND ($2::bigint IS NULL OR d.id < $2) ORDER BY d.id DESC LIMIT $3`, [state ?? null, before ?? null, limit]);
    return { items };
  });
};
