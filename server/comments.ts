/**
 * Review comments anchored to fields: a reviewer attaches them to JSON Pointers of a submission
 * when approving or rejecting; the partner marks each resolved when submitting again. A comment
 * is never lost: it keeps the ids of the menu entries its pointer passes through (its anchor), so
 * the editor can follow an entry that moved, and lists one whose field is gone. Adding and
 * resolving are audit events (action `comment` / `resolve`, `to` the pointer).
 */
import { z } from 'zod';
import { ApiError } from './errors.ts';
import { reasonBody } from './routes/schemas.ts';
import type { Sql } from './store/database.ts';

export const MAX_COMMENTS = 100;
export const MAX_POINTER_LENGTH = 1000;

export interface ReviewComment {
  id: string;
  partnerId: string;
  submissionId: string;
  pointer: string;
  anchor: Array<{ at: number; id: string }>;
  text: string;
  author: string;
  decision: 'approved' | 'rejected';
  createdAt: Date;
  resolvedIn: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
}

/** What a reviewer sends with a decision. */
export const newCommentsBody = z.array(z.object({
  pointer: z.string().max(MAX_POINTER_LENGTH).describe('A JSON Pointer (RFC 6901) into the submitted document, such as /promotionMenu/0/href'),
  text: reasonBody.shape.reason,
}).strict()).max(MAX_COMMENTS);

export const commentBody = z.object({
  id: z.string(),
  partnerId: z.string(),
  submissionId: z.string(),
  pointer: z.string(),
  anchor: z.array(z.object({ at: z.number().int(), id: z.string() })),
  text: z.string(),
  author: z.string(),
  decision: z.enum(['approved', 'rejected']),
  createdAt: z.date(),
  resolvedIn: z.string().nullable(),
  resolvedAt: z.date().nullable(),
  resolvedBy: z.string().nullable(),
});

const COLUMNS = `id, partner_id AS "partnerId", submission_id AS "submissionId", pointer, anchor, text, author, decision,
  created_at AS "createdAt", resolved_in AS "resolvedIn", resolved_at AS "resolvedAt", resolved_by AS "resolvedBy"`;

/** The reference tokens of a JSON Pointer; undefined when it is not one (it must be empty or start with `/`, `~` only as `~0` or `~1`). */
export function pointerTokens(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/') || /~[^01]|~$/.test(pointer)) return undefined;
  return pointer.slice(1).split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer`, and the ids of the array entries passed on the way; undefined when it does not resolve. */
export function resolvePointer(document: unknown, pointer: string): { value: unknown; anchor: ReviewComment['anchor'] } | undefined {
  const tokens = pointerTokens(pointer);
  if (!tokens) return undefined;
  let node = document;
  const anchor: ReviewComment['anchor'] = [];
  for (const [at, token] of tokens.entries()) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= node.length) return undefined;
      node = node[Number(token)];
      const id = (node as { id?: unknown } | null)?.id;
      if (typeof id === 'string') anchor.push({ at, id });
    } else if (node !== null && typeof node === 'object' && Object.hasOwn(node, token)) {
      node = (node as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return { value: node, anchor };
}

/** 400 naming every comment whose pointer does not resolve in the submitted document. */
export function checkComments(document: unknown, comments: Array<{ pointer: string }>): void {
  const errors = comments.flatMap(({ pointer }, index) => resolvePointer(document, pointer) ? [] : [{
    path: `/comments/${index}/pointer`,
    message: pointerTokens(pointer) ? `${pointer} is not a place in the submitted document` : `${pointer} is not a JSON Pointer: start with / and write ~ as ~0, / inside a name as ~1`,
  }]);
  if (errors.length) {
    throw new ApiError(400, 'invalid_request', `The comments are not valid: ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}.`, { errors });
  }
}

/** Stores the comments of a decision, in its transaction, each with its audit event. */
export async function addComments(tx: Sql, submission: { id: string; partnerId: string }, document: unknown, comments: Array<{ pointer: string; text: string }>, author: string, decision: 'approved' | 'rejected'): Promise<void> {
  for (const { pointer, text } of comments) {
    const { anchor } = resolvePointer(document, pointer)!;
    await tx.query('INSERT INTO review_comments (partner_id, submission_id, pointer, anchor, text, author, decision) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [submission.partnerId, submission.id, pointer, JSON.stringify(anchor), text, author, decision]);
    await tx.query(`INSERT INTO audit_events (partner_id, submission_id, actor, action, from_status, to_status, reason) VALUES ($1, $2, $3, 'comment', NULL, $4, $5)`,
      [submission.partnerId, submission.id, author, pointer, text]);
  }
}

/** Ids a partner may mark resolved in a submission. */
export const resolvedCommentsBody = z.array(z.uuid('a comment id (UUID)')).max(MAX_COMMENTS);

/** Marks the partner's open comments `ids` resolved by submission `submissionId`; 400 naming any id that is not an open comment of the partner. */
export async function resolveComments(tx: Sql, partnerId: string, submissionId: string, ids: string[], actor: string): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const open = await tx.query<{ id: string; pointer: string }>('SELECT id, pointer FROM review_comments WHERE partner_id = $1 AND resolved_in IS NULL AND id = ANY($2::uuid[]) FOR UPDATE', [partnerId, unique]);
  const found = new Map(open.map((row) => [row.id, row.pointer]));
  const errors = ids.flatMap((id, index) => found.has(id) ? [] : [{ path: `/resolvedComments/${index}`, message: `${id} is not an open comment on your submissions (already resolved, or not yours)` }]);
  if (errors.length) throw new ApiError(400, 'invalid_request', `The resolved comments are not valid: ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}.`, { errors });
  await tx.query('UPDATE review_comments SET resolved_in = $2, resolved_at = now(), resolved_by = $3 WHERE id = ANY($1::uuid[])', [unique, submissionId, actor]);
  for (const id of unique) {
    await tx.query(`INSERT INTO audit_events (partner_id, submission_id, actor, action, from_status, to_status, reason) VALUES ($1, $2, $3, 'resolve', NULL, $4, NULL)`,
      [partnerId, submissionId, actor, found.get(id)]);
  }
}

/** A withdrawn submission resolved nothing: the comments it said it resolved are open again, for the next one to resolve. */
export async function reopenComments(tx: Sql, submissionId: string): Promise<void> {
  await tx.query('UPDATE review_comments SET resolved_in = NULL, resolved_at = NULL, resolved_by = NULL WHERE resolved_in = $1', [submissionId]);
}

/** Every comment on the partner's submissions, oldest first. */
export function partnerComments(db: Sql, partnerId: string): Promise<ReviewComment[]> {
  return db.query<ReviewComment>(`SELECT ${COLUMNS} FROM review_comments WHERE partner_id = $1 ORDER BY seq`, [partnerId]);
}

/**
 * The comments a reviewer sees with a submission: those made on it, those it resolved, and those
 * of earlier submissions still open when it was made.
 */
export function submissionComments(db: Sql, submission: { id: string; partnerId: string; submittedAt: Date }): Promise<ReviewComment[]> {
  return db.query<ReviewComment>(`SELECT ${COLUMNS} FROM review_comments WHERE partner_id = $1
      AND (submission_id = $2 OR resolved_in = $2 OR (created_at < $3 AND (resolved_in IS NULL OR resolved_at > $3)))
    ORDER BY seq`, [submission.partnerId, submission.id, submission.submittedAt]);
}
