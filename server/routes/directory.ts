/** The reviewers' partner directory: every partner, what is live and pending, and a preview of any approved version before rolling back to it. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bearerSecurity, privateReply, requireReviewer } from './auth.ts';
import { errorBody, partnerParams, versionBody } from './schemas.ts';

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
});

export const directoryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/review/partners', {
    schema: {
      summary: 'Every partner: its live version, its pending submission (overdue marked) and its last activity',
      security: bearerSecurity,
      response: { 200: z.object({ items: z.array(directoryEntry) }) },
    },
  }, async (request, reply) => {
    requireReviewer(request);
    privateReply(reply);
    return { items: await app.workflow.directory() };
  });

  app.get('/v1/review/partners/:pid/versions/:vid', {
    schema: {
      summary: 'An approved version beside what is live, with the diff a rollback to it would make',
      security: bearerSecurity,
      params: partnerParams.extend({ vid: z.uuid('a version id (UUID)') }),
      response: {
        200: z.object({ version: versionBody, document: z.unknown(), live: z.unknown(), diff: z.array(changeBody), introducedHosts: z.array(z.string()) }),
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
