/**
 * Where things stand: the reviewers' partner directory (every partner, what is live and
 * pending), a preview of an approved version before rolling back to it, and the partner's own
 * status (pending with its snapshot, the latest decision, what is live and how it got there).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { foreignCursor, notFound } from '../errors.ts';
import { bearerSecurity, privateReply, refuseUnknownPartner, requirePartner, requireReviewer } from './auth.ts';
import { accessErrors, customizationDocument, errorBody, PARTNER_ID, partnerParams, scheduleBody, submissionBody, versionBody } from './schemas.ts';

/** One change of the field-level diff (server/diff.ts). */
export const changeBody = z.object({
  path: z.string(),
  op: z.enum(['added', 'removed', 'changed', 'moved', 'shown', 'hidden']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  id: z.string().optional(),
});

const directoryEntry = z.object({
  partnerId: z.string(),
  liveVersionId: z.string().nullable(),
  liveSince: z.date().nullable(),
  pendingId: z.string().nullable(),
  pendingSubmittedAt: z.date().nullable(),
  pendingDueAt: z.date().nullable(),
  overdue: z.boolean(),
  lastActivity: z.date().nullable(),
  scheduledAt: z.date().nullable(),
});

/** A directory cursor: the last partner id of the page before. */
function partnerAfter(cursor: string): string {
  if (!PARTNER_ID.test(cursor)) throw foreignCursor();
  return cursor;
}

const partnerStatus = z.object({
  pending: submissionBody.extend({ document: customizationDocument, overdue: z.boolean() }).nullable(),
  lastDecision: submissionBody.extend({ document: customizationDocument.describe('The document decided on: a draft equal to a rejected one has not changed since') }).nullable(),
  live: z.object({ versionId: z.string(), approvedAt: z.date(), submittedAt: z.date(), since: z.date(), rolledBack: z.boolean(), rollbackReason: z.string().nullable() }).nullable(),
  scheduled: scheduleBody.nullable(),
  cancelledSchedule: z.object({ submissionId: z.string(), effectiveAt: z.date(), cancelledAt: z.date(), reason: z.string().nullable() }).nullable()
    .describe('A scheduled go-live a reviewer cancelled, with the reason, when nothing has been decided or made live since'),
});

export const directoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/partners/:pid/status', {
    schema: {
      operationId: 'getPartnerStatus',
      summary: "Where the partner stands: the pending submission with its snapshot and due date, the latest decision, what is live and whether a rollback put it there, and a scheduled go-live (or a cancelled one)",
      security: bearerSecurity,
      params: partnerParams,
      response: { 200: partnerStatus, ...accessErrors, 404: errorBody },
    },
  }, async (request, reply) => {
    requirePartner(request, request.params.pid, { reviewerMayRead: true });
    privateReply(reply);
    const status = await app.workflow.partnerStatus(request.params.pid);
    await refuseUnknownPartner(request, request.params.pid, Object.values(status).every((part) => part === null));
    return status;
  });

  app.get('/v1/review/partners', {
    schema: {
      operationId: 'listPartners',
      summary: 'The partners, a page at a time by id, or those whose id contains q: each with its live version, its pending submission (overdue marked), a scheduled go-live and its last activity',
      security: bearerSecurity,
      querystring: z.object({
        q: z.string().max(64).default('').describe('Part of a partner id, in any case; spaces around it do not count'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().max(200).optional().describe('The nextCursor of the previous page'),
      }),
      response: { 200: z.object({ items: z.array(directoryEntry), nextCursor: z.string().nullable() }), 400: errorBody, ...accessErrors },
    },
  }, async (request, reply) => {
    requireReviewer(request);
    const { q, limit, cursor } = request.query;
    const items = await app.workflow.directory({ query: q.trim().toLowerCase(), after: cursor === undefined ? '' : partnerAfter(cursor), limit: limit + 1 });
    const page = items.slice(0, limit);
    privateReply(reply);
    return { items: page, nextCursor: items.length > limit ? page.at(-1)!.partnerId : null };
  });

  app.get('/v1/review/partners/:pid', {
    schema: {
      operationId: 'getPartner',
      summary: 'One partner as the directory lists it; 404 when the service knows nothing of it',
      security: bearerSecurity,
      params: partnerParams,
      response: { 200: directoryEntry, 400: errorBody, ...accessErrors, 404: errorBody },
    },
  }, async (request, reply) => {
    requireReviewer(request);
    const entry = await app.workflow.directoryEntry(request.params.pid);
    if (!entry) throw notFound(`Partner ${request.params.pid}`);
    privateReply(reply);
    return entry;
  });

  app.get('/v1/review/partners/:pid/versions/:vid', {
    schema: {
      operationId: 'getVersionPreview',
      summary: 'An approved version beside what is live, with the diff a rollback to it would make',
      security: bearerSecurity,
      params: partnerParams.extend({ vid: z.uuid('a version id (UUID)') }),
      response: {
        200: z.object({ version: versionBody, document: customizationDocument, live: customizationDocument.nullable(), diff: z.array(changeBody), introducedHosts: z.array(z.string()) }),
        ...accessErrors,
        404: errorBody,
      },
    },
  }, async (request, reply) => {
    requireReviewer(request);
    privateReply(reply);
    const preview = await app.workflow.versionPreview(request.params.pid, request.params.vid);
    return { ...preview, live: preview.live ?? null };
  });
};
