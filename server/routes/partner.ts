/** The partner's routes: the draft (optimistic concurrency by revision), submissions, withdrawal and history. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storageErrors } from '../../schema/limits.ts';
import { commentBody, partnerComments, resolveComments, resolvedCommentsBody } from '../comments.ts';
import { ApiError, invalidDocument } from '../errors.ts';
import { bearerSecurity, privateReply, refuseUnknownPartner, requirePartner } from './auth.ts';
import { accessErrors, auditEventBody, draftBody, draftDocument, errorBody, partnerParams, partnerSubmissionParams, submissionBody } from './schemas.ts';

const etagOf = (revision: number) => `"${revision}"`;

/**
 * The revision an `If-Match` header names; 428 without one, 400 for one that names none. Either answer
 * shows the draft's current revision (`current`, read only then) as the If-Match to send, and carries it
 * as `revision`, as a 412 does.
 */
async function expectedRevision(header: string | undefined, current: () => Promise<number>): Promise<number> {
  const match = header ? /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header) : null;
  if (match) return Number(match[1]);
  const revision = await current();
  if (!header) {
    throw new ApiError(428, 'precondition_required', `Send If-Match with the revision you edited (the ETag of GET …/draft; the draft is at revision ${revision} now: If-Match: "${revision}"), so that no one else's change is overwritten.`, { revision });
  }
  throw new ApiError(400, 'invalid_request', `If-Match must be the draft's ETag, such as "${revision}" (its revision now); got ${header.slice(0, 80)}.`, { revision });
}

/** Why a body is no customization document at all (a draft may be invalid, but never this); undefined for an object. */
function notADocument(body: unknown): string | undefined {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return undefined;
  const sent = body === null ? 'null' : Array.isArray(body) ? 'a list' : typeof body === 'string' ? 'a text' : typeof body === 'number' ? 'a number' : 'true or false';
  return `a customization document is a JSON object ({ "schemaVersion": 1, … }), not ${sent}. Nothing was saved.`;
}

export const partnerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/v1/partners/:pid/draft', {
    schema: { operationId: 'getDraft', summary: "The partner's draft, its revision (ETag) and validation", security: bearerSecurity, params: partnerParams, response: { 200: draftBody, ...accessErrors, 404: errorBody } },
  }, async (request, reply) => {
    requirePartner(request, request.params.pid, { reviewerMayRead: true });
    const draft = await app.workflow.draft(request.params.pid);
    // A partner exists once a token is made for it, or once anything is saved for it (docs/api.md): before its
    // first save it reads a draft at revision 0. A reviewer asking for an id that is none of these mistyped it.
    await refuseUnknownPartner(request, request.params.pid, draft.updatedAt === null);
    privateReply(reply).header('ETag', etagOf(draft.revision));
    return draft;
  });

  app.put('/v1/partners/:pid/draft', {
    schema: {
      operationId: 'saveDraft',
      summary: 'Save the draft (saved even when invalid); needs If-Match',
      description: 'The body is the customization document itself, checked by the published JSON Schema and the semantic rules; the result is stored with the draft.',
      security: bearerSecurity,
      params: partnerParams,
      headers: z.object({ 'if-match': z.string().describe('The ETag of the draft you edited (GET …/draft), such as "3"; "0" before the first save. Without it: 428') }),
      body: draftDocument,
      response: { 200: draftBody, 400: errorBody, ...accessErrors, 412: errorBody, 428: errorBody },
    },
    // If-Match is required, and documented so; its absence is answered 428 (not a 400), after the access check.
    attachValidation: true,
  }, async (request, reply) => {
    if (request.validationError && request.validationError.validationContext !== 'headers') throw request.validationError;
    const principal = requirePartner(request, request.params.pid);
    if (request.body === undefined) throw new ApiError(400, 'invalid_request', 'Send the customization document as the JSON body.');
    const notObject = notADocument(request.body);
    if (notObject) throw invalidDocument([{ path: '', code: 'type', message: notObject }]);
    // Beyond the structural limits, or text no store keeps: refused whole, before anything is validated or stored.
    const problems = storageErrors(request.body);
    if (problems.length) throw invalidDocument(problems);
    const expected = await expectedRevision(request.headers['if-match'], async () => (await app.workflow.draft(request.params.pid)).revision);
    const draft = await app.workflow.saveDraft(request.params.pid, request.body, expected, principal.actor, new Date(app.clock()));
    privateReply(reply).header('ETag', etagOf(draft.revision));
    return draft;
  });

  app.post('/v1/partners/:pid/submissions', {
    schema: {
      operationId: 'submitDraft',
      summary: 'Submit the draft for review',
      security: bearerSecurity,
      params: partnerParams,
      body: z.object({ resolvedComments: resolvedCommentsBody.optional().describe("Ids of the reviewers' open comments this submission resolves") }).strict().nullish(),
      headers: z.object({ 'if-match': z.string().max(100).optional().describe('The revision the partner saw (the ETag of GET …/draft): 412 if the draft changed since') }),
      response: { 201: submissionBody.pick({ id: true, status: true, dueAt: true, submittedAt: true, partnerId: true }), 400: errorBody, ...accessErrors, 409: errorBody, 412: errorBody, 422: errorBody },
    },
  }, async (request, reply) => {
    const principal = requirePartner(request, request.params.pid);
    const resolved = request.body?.resolvedComments ?? [];
    const ifMatch = request.headers['if-match'];
    const expected = ifMatch === undefined ? undefined : await expectedRevision(ifMatch, async () => (await app.workflow.draft(request.params.pid)).revision);
    const submission = await app.workflow.submit(request.params.pid, principal.actor, {
      now: new Date(app.clock()), expectedRevision: expected,
      within: (tx, created) => resolveComments(tx, request.params.pid, created.id, resolved, principal.actor),
    });
    return privateReply(reply).code(201).send(submission);
  });

  app.get('/v1/partners/:pid/submissions', {
    schema: { operationId: 'listSubmissions', summary: "The partner's submissions, newest first, with status, due date and reasons", security: bearerSecurity, params: partnerParams, response: { 200: z.object({ items: z.array(submissionBody) }), ...accessErrors, 404: errorBody } },
  }, async (request, reply) => {
    requirePartner(request, request.params.pid, { reviewerMayRead: true });
    privateReply(reply);
    const items = await app.workflow.submissions(request.params.pid);
    await refuseUnknownPartner(request, request.params.pid, items.length === 0);
    return { items };
  });

  app.post('/v1/partners/:pid/submissions/:sid/withdraw', {
    schema: { operationId: 'withdrawSubmission', summary: 'Withdraw a pending submission', security: bearerSecurity, params: partnerSubmissionParams, response: { 200: submissionBody, ...accessErrors, 404: errorBody, 409: errorBody } },
  }, async (request, reply) => {
    const principal = requirePartner(request, request.params.pid);
    privateReply(reply);
    return app.workflow.withdraw(request.params.pid, request.params.sid, principal.actor);
  });

  app.get('/v1/partners/:pid/comments', {
    schema: { operationId: 'listComments', summary: "Reviewers' comments on the partner's submissions, oldest first, each with its pointer and whether (and by which submission) it was resolved", security: bearerSecurity, params: partnerParams, response: { 200: z.object({ items: z.array(commentBody) }), ...accessErrors, 404: errorBody } },
  }, async (request, reply) => {
    requirePartner(request, request.params.pid, { reviewerMayRead: true });
    privateReply(reply);
    const items = await partnerComments(app.db, request.params.pid);
    await refuseUnknownPartner(request, request.params.pid, items.length === 0);
    return { items };
  });

  app.get('/v1/partners/:pid/history', {
    schema: { operationId: 'getHistory', summary: "The partner's audit trail, oldest first", security: bearerSecurity, params: partnerParams, response: { 200: z.object({ items: z.array(auditEventBody) }), ...accessErrors, 404: errorBody } },
  }, async (request, reply) => {
    requirePartner(request, request.params.pid, { reviewerMayRead: true });
    privateReply(reply);
    const items = await app.workflow.history({ partnerId: request.params.pid });
    await refuseUnknownPartner(request, request.params.pid, items.length === 0);
    return { items };
  });
};
