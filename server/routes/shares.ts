/**
 * Share links (server/shares.ts): the partner (for itself) or a reviewer makes, lists and
 * revokes them; anyone with a link's secret opens its snapshot.
 *
 * Opening is `POST /v1/shares/open` with the secret in the body, not `GET /v1/shares/{secret}`:
 * the demo page reads the secret from its URL fragment (`/demo#share=…`, which no server and no
 * Referer sees) and a body keeps it out of access logs, proxies and HTTP caches too. A POST
 * also suits what opening does: it records when the link was last opened.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tooMany } from '../limits.ts';
import { createShare, listShares, openShare, revokeShare, SHARE_DEFAULT_DAYS, SHARE_MAX_DAYS } from '../shares.ts';
import { bearerSecurity, privateReply, refuseUnknownPartner, requirePartner } from './auth.ts';
import { accessErrors, draftDocument, errorBody, partnerParams, tokenErrors } from './schemas.ts';

const shareInfo = z.object({
  id: z.string(),
  partnerId: z.string(),
  source: z.enum(['draft', 'submission']),
  submissionId: z.string().nullable(),
  draftRevision: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  lastOpenedAt: z.date().nullable(),
  opened: z.number().int(),
  active: z.boolean(),
});

const createBody = z.object({
  submissionId: z.uuid('a submission id (UUID)').optional().describe('A submission of the partner to show; absent, the current draft as it is now.'),
  expiresInDays: z.number().int().min(1).max(SHARE_MAX_DAYS).default(SHARE_DEFAULT_DAYS).describe(`Days until the link expires: 1 to ${SHARE_MAX_DAYS}, ${SHARE_DEFAULT_DAYS} if absent.`),
}).strict();

/** The address the secret opens: the demo landing, the secret in the fragment. */
export const shareUrl = (secret: string) => `/demo#share=${secret}`;

export const shareRoutes: FastifyPluginAsyncZod = async (app) => {
  // Per client address, as failed sign-ins are: a secret has 256 random bits, but no one gets to try them fast.
  const perMinute = app.limits.shareOpensPerMinute;
  const opens = perMinute > 0 ? app.createRateLimit({ max: perMinute, timeWindow: 60_000, keyGenerator: (request) => `share:${request.ip}` }) : undefined;
  const limitOpens = async (request: FastifyRequest, reply: FastifyReply) => {
    const status = await opens?.(request);
    if (status && !status.isAllowed && status.isExceeded) {
      reply.header('retry-after', String(Math.max(1, status.ttlInSeconds)));
      throw tooMany(`More than ${perMinute} share links were opened from this address in a minute`, Math.max(1, status.ttlInSeconds));
    }
  };

  app.post('/v1/partners/:pid/shares', {
    schema: {
      operationId: 'createShare',
      summary: 'Make a share link for the current draft (as it is now) or a submission; the secret is in this answer only',
      security: bearerSecurity,
      params: partnerParams,
      body: createBody.nullish(),
      response: { 201: shareInfo.extend({ secret: z.string(), url: z.string() }), 400: errorBody, ...accessErrors, 404: errorBody, 409: errorBody },
    },
  }, async (request, reply) => {
    // The partner for itself, or any reviewer (who may share a submission with colleagues too).
    const principal = requirePartner(request, request.params.pid, { reviewerMayRead: true });
    await refuseUnknownPartner(request, request.params.pid, true);
    const { submissionId, expiresInDays } = request.body ?? createBody.parse({});
    const share = await createShare(app.db, app.workflow, { partnerId: request.params.pid, submissionId, expiresInDays, actor: principal.actor });
    return privateReply(reply).code(201).send({ ...share, url: shareUrl(share.secret) });
  });

  app.get('/v1/partners/:pid/shares', {
    schema: {
      operationId: 'listShares',
      summary: "The partner's share links, newest first: what each shows, when it expires, whether revoked, when last opened",
      security: bearerSecurity,
      params: partnerParams,
      response: { 200: z.object({ items: z.array(shareInfo) }), ...accessErrors, 404: errorBody },
    },
  }, async (request, reply) => {
    requirePartner(request, request.params.pid, { reviewerMayRead: true });
    privateReply(reply);
    const items = await listShares(app.db, request.params.pid);
    await refuseUnknownPartner(request, request.params.pid, items.length === 0);
    return { items };
  });

  app.delete('/v1/partners/:pid/shares/:id', {
    schema: {
      operationId: 'revokeShare',
      summary: 'Revoke a share link: from now on it answers 404 (recorded in the audit trail as revoke-share)',
      security: bearerSecurity,
      params: partnerParams.extend({ id: z.string().regex(/^[0-9a-f]{12}$/, 'a share link id') }),
      response: { 200: shareInfo, ...accessErrors, 404: errorBody },
    },
  }, async (request, reply) => {
    const principal = requirePartner(request, request.params.pid, { reviewerMayRead: true });
    privateReply(reply);
    return revokeShare(app.db, request.params.pid, request.params.id, principal.actor);
  });

  app.post('/v1/shares/open', {
    onRequest: limitOpens,
    schema: {
      operationId: 'openShare',
      summary: "Open a share link: the snapshot it shows (public: the secret is the credential); 404 once revoked or expired",
      security: [],
      body: z.object({ secret: z.string().min(1).max(200) }).strict(),
      response: {
        200: z.object({ partnerId: z.string(), source: z.enum(['draft', 'submission']), document: draftDocument, createdAt: z.date(), expiresAt: z.date() }),
        400: errorBody, ...tokenErrors, 404: errorBody, // and 429 (opened too often from one address), as every route (server/app.ts)
      },
    },
  }, async (request, reply) => {
    const opened = await openShare(app.db, request.body.secret);
    // Never cached: a revoked link must stop working at once.
    privateReply(reply).header('Referrer-Policy', 'no-referrer');
    return opened;
  });
};
