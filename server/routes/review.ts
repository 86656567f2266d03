/** The reviewers' routes: the queue, a submission against what is live, decisions (now or effective at a time), rollback. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addComments, checkComments, commentBody, newCommentsBody, submissionComments } from '../comments.ts';
import { ApiError, foreignCursor, notFound } from '../errors.ts';
import { parseInstant } from '../../schema/windows.ts';
import type { Sql } from '../store/database.ts';
import { isUuid } from '../workflow.ts';
import { bearerSecurity, privateReply, refuseUnknownPartner, requireReviewer } from './auth.ts';
import { changeBody } from './directory.ts';
import { accessErrors, auditEventBody, customizationDocument, errorBody, partnerParams, reasonBody, scheduleBody, submissionBody, submissionParams, versionBody } from './schemas.ts';

const queueItem = submissionBody.extend({ overdue: z.boolean() });

/** Comments on fields, optional with either decision (server/comments.ts). */
const decisionComments = { comments: newCommentsBody.optional().describe('Comments anchored to JSON Pointers of the submitted document: at most 100, each text 1 to 2,000 characters') };

/** Checks the comments against the submission's snapshot, then returns the work that stores them with the decision. */
async function commentsWork(app: { workflow: { submission(id: string): Promise<{ document: unknown } | undefined> } }, submissionId: string, comments: Array<{ pointer: string; text: string }> | undefined, author: string, decision: 'approved' | 'rejected') {
  if (!comments?.length) return undefined;
  const row = await app.workflow.submission(submissionId);
  if (!row) throw notFound('The submission');
  checkComments(row.document, comments);
  return (tx: Sql, submission: { id: string; partnerId: string }) => addComments(tx, submission, row.document, comments, author, decision);
}

const encodeCursor = (item: { dueAt: Date; id: string }) => Buffer.from(`${item.dueAt.toISOString()}|${item.id}`).toString('base64url');

/** A cursor this service gave out: an ISO date of years 0000–9999 (what toISOString writes, and PostgreSQL can hold) and a UUID. */
function decodeCursor(cursor: string): { dueAt: Date; id: string } {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [dueAt = '', id = ''] = parts;
  const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(dueAt) ? new Date(dueAt) : new Date(Number.NaN);
  if (parts.length !== 2 || Number.isNaN(date.getTime()) || date.toISOString() !== dueAt || !isUuid(id)) {
    throw foreignCursor();
  }
  return { dueAt: date, id };
}

/** How far ahead an approval may be scheduled. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;
/** An RFC 3339 time with an offset, in the future and at most MAX_SCHEDULE_AHEAD_DAYS ahead; 400 naming /effectiveAt otherwise. */
export function parseEffectiveAt(value: string, now = new Date()): Date {
  // As the documents' time windows are read: a 30 February is refused, not moved to March.
  const at = new Date(parseInstant(value) ?? Number.NaN);
  const problem = Number.isNaN(at.getTime()) ? 'must be an RFC 3339 time with an offset, such as 2030-05-01T09:00:00+08:00'
    : at.getTime() <= now.getTime() ? `must be in the future (it is ${now.toISOString()} now): approve without effectiveAt to make it live at once`
      : at.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_DAYS * 86_400_000 ? `must be at most ${MAX_SCHEDULE_AHEAD_DAYS} days ahead` : null;
  if (problem) throw new ApiError(400, 'invalid_request', `effectiveAt ${problem}; got ${JSON.stringify(value)}.`, { errors: [{ path: '/effectiveAt', message: problem }] });
  return at;
}

const approveBody = z.object({
  effectiveAt: z.string().max(40).optional().describe('RFC 3339 with an offset: the approved version goes live then instead of now (at most 366 days ahead).'),
  ...decisionComments,
}).strict().nullish();

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/review/queue', {
    schema: {
      operationId: 'getReviewQueue',
      summary: 'Pending submissions by due date, overdue marked; paginated by cursor',
      security: bearerSecurity,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional() }),
      response: { 200: z.object({ items: z.array(queueItem), nextCursor: z.string().nullable() }), 400: errorBody, ...accessErrors },
    },
  }, async (request, reply) => {
    requireReviewer(request);
    const { limit, cursor } = request.query;
    const items = await app.workflow.queue(limit + 1, cursor ? decodeCursor(cursor) : undefined);
    const page = items.slice(0, limit);
    privateReply(reply);
    return { items: page, nextCursor: items.length > limit ? encodeCursor(page.at(-1)!) : null };
  });

  app.get('/v1/review/submissions/:sid', {
    schema: {
      operationId: 'getReviewSubmission',
      summary: 'A submission: its snapshot, what is live, the field-level diff and the link hosts it introduces',
      security: bearerSecurity,
      params: submissionParams,
      response: {
        200: z.object({
          submission: submissionBody,
          document: customizationDocument,
          live: customizationDocument.nullable(),
          comparedWith: z.object({
            what: z.enum(['live', 'live-when-submitted']).describe('live: a pending submission, against what its approval would replace; live-when-submitted: a decided one, against what was live when it was submitted'),
            document: customizationDocument.nullable(),
          }).describe('What `diff` and `introducedHosts` compare the submission with'),
          diff: z.array(changeBody),
          introducedHosts: z.array(z.string()),
          history: z.array(auditEventBody),
          schedule: scheduleBody.nullable(),
          comments: z.array(commentBody),
        }),
        ...accessErrors,
        404: errorBody,
      },
    },
  }, async (request, reply) => {
    requireReviewer(request);
    privateReply(reply);
    const review = await app.workflow.review(request.params.sid);
    return { ...review, live: review.live ?? null, comments: await submissionComments(app.db, review.submission) };
  });

  app.post('/v1/review/submissions/:sid/approve', {
    schema: {
      operationId: 'approveSubmission',
      summary: "Approve: the snapshot becomes the partner's live version, now or at effectiveAt",
      description: 'A new approval (now or scheduled) cancels the partner\'s pending schedule, if any.',
      security: bearerSecurity,
      params: submissionParams,
      // Not strict: before comments and effectiveAt, approve took no body, and a stray one was ignored.
      body: approveBody,
      response: { 200: submissionBody.extend({ schedule: scheduleBody.nullable() }), 400: errorBody, ...accessErrors, 404: errorBody, 409: errorBody },
    },
  }, async (request, reply) => {
    const principal = requireReviewer(request);
    const raw = request.body?.effectiveAt;
    const effectiveAt = raw === undefined ? undefined : parseEffectiveAt(raw);
    const within = await commentsWork(app, request.params.sid, request.body?.comments, principal.actor, 'approved');
    const submission = await app.workflow.approve(request.params.sid, principal.actor, { effectiveAt, within });
    app.publicCache.invalidate(submission.partnerId);
    privateReply(reply);
    return submission;
  });

  app.get('/v1/review/schedules', {
    schema: { operationId: 'listSchedules', summary: 'Approvals waiting to go live, soonest first', security: bearerSecurity, response: { 200: z.object({ items: z.array(scheduleBody) }), ...accessErrors } },
  }, async (request, reply) => {
    requireReviewer(request);
    privateReply(reply);
    return { items: await app.workflow.pendingSchedules() };
  });

  app.post('/v1/review/schedules/:id/cancel', {
    schema: {
      operationId: 'cancelSchedule',
      summary: 'Cancel a scheduled go-live before its time (the version stays approved, not live)',
      security: bearerSecurity,
      params: z.object({ id: z.uuid('a schedule id (UUID)') }),
      body: reasonBody.partial().nullish(),
      response: { 200: scheduleBody, 400: errorBody, ...accessErrors, 404: errorBody, 409: errorBody },
    },
  }, async (request, reply) => {
    const principal = requireReviewer(request);
    privateReply(reply);
    return app.workflow.cancelSchedule(request.params.id, principal.actor, request.body?.reason ?? null);
  });

  app.post('/v1/review/submissions/:sid/reject', {
    schema: { operationId: 'rejectSubmission', summary: 'Reject, with the reason the partner will read', security: bearerSecurity, params: submissionParams, body: reasonBody.extend(decisionComments), response: { 200: submissionBody, 400: errorBody, ...accessErrors, 404: errorBody, 409: errorBody } },
  }, async (request, reply) => {
    const principal = requireReviewer(request);
    const comments = await commentsWork(app, request.params.sid, request.body.comments, principal.actor, 'rejected');
    privateReply(reply);
    return app.workflow.reject(request.params.sid, principal.actor, request.body.reason, comments);
  });

  app.get('/v1/review/partners/:pid/versions', {
    schema: { operationId: 'listVersions', summary: "A partner's approved versions, newest first, the live one marked", security: bearerSecurity, params: partnerParams, response: { 200: z.object({ items: z.array(versionBody) }), ...accessErrors, 404: errorBody } },
  }, async (request, reply) => {
    requireReviewer(request);
    privateReply(reply);
    const items = await app.workflow.versions(app.db, request.params.pid);
    await refuseUnknownPartner(request, request.params.pid, items.length === 0);
    return { items };
  });

  app.post('/v1/review/partners/:pid/rollback', {
    schema: {
      operationId: 'rollback',
      summary: 'Make an earlier approved version live again',
      security: bearerSecurity,
      params: partnerParams,
      body: reasonBody.extend({ versionId: z.uuid() }),
      response: {
        200: versionBody.extend({
          cancelledSchedule: z.object({ submissionId: z.string(), effectiveAt: z.date() }).nullable()
            .describe('The scheduled go-live the rollback cancelled (the newest decision wins), or null'),
        }),
        400: errorBody, ...accessErrors, 404: errorBody, 409: errorBody,
      },
    },
  }, async (request, reply) => {
    const principal = requireReviewer(request);
    const version = await app.workflow.rollback(request.params.pid, request.body.versionId, principal.actor, request.body.reason);
    app.publicCache.invalidate(request.params.pid);
    privateReply(reply);
    return version;
  });
};
