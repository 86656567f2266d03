/**
 * Share links: a read-only preview of one snapshot (the draft as it was when the link was made,
 * or a submission's document) for colleagues without a token. The secret is shown once and
 * stored only as its SHA-256 (as tokens are, server/tokens.ts); a link expires (at most 30
 * days) and can be revoked, and then answers 404 like one that never existed.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, notFound } from './errors.ts';
import type { Sql } from './store/database.ts';
import { hashToken } from './tokens.ts';
import { isUuid, type Workflow } from './workflow.ts';

export const SHARE_DEFAULT_DAYS = 7;
export const SHARE_MAX_DAYS = 30;
/** Links a partner may have that are neither revoked nor expired. */
export const SHARE_MAX_ACTIVE = 50;
/** Recognisable in logs and scanners, like tokens' `cbt_`. */
export const SHARE_PREFIX = 'cbs_';

export interface ShareInfo {
  id: string;
  partnerId: string;
  source: 'draft' | 'submission';
  submissionId: string | null;
  draftRevision: number | null;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastOpenedAt: Date | null;
  opened: number;
  active: boolean;
}

const INFO_COLUMNS = `id, partner_id AS "partnerId", source, submission_id AS "submissionId", draft_revision AS "draftRevision",
  created_by AS "createdBy", created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt",
  last_opened_at AS "lastOpenedAt", opened, (revoked_at IS NULL AND expires_at > now()) AS active`;

export interface CreateShare {
  partnerId: string;
  /** A submission of the partner; absent, the partner's current draft. */
  submissionId?: string;
  expiresInDays?: number;
  actor: string;
}

/** Makes a link: snapshots the document now; returns the secret once. */
export async function createShare(db: Sql, workflow: Workflow, { partnerId, submissionId, expiresInDays = SHARE_DEFAULT_DAYS, actor }: CreateShare): Promise<ShareInfo & { secret: string }> {
  // The snapshots of the partner's links that have expired since its last link: no one can open them.
  await db.query('UPDATE shares SET document = NULL WHERE partner_id = $1 AND document IS NOT NULL AND expires_at <= now()', [partnerId]);
  const [{ active } = { active: 0 }] = await db.query<{ active: number }>(
    'SELECT count(*)::int AS active FROM shares WHERE partner_id = $1 AND revoked_at IS NULL AND expires_at > now()', [partnerId]);
  if (active >= SHARE_MAX_ACTIVE) {
    throw new ApiError(409, 'share_limit', `Partner ${partnerId} has ${active} active share links, the most there can be: revoke one first.`, { limit: SHARE_MAX_ACTIVE });
  }
  let document: unknown;
  let draftRevision: number | null = null;
  if (submissionId !== undefined) {
    const submission = isUuid(submissionId) ? await workflow.submission(submissionId) : undefined;
    if (!submission || submission.partnerId !== partnerId) throw notFound(`Submission ${submissionId} of partner ${partnerId}`);
    document = submission.document;
  } else {
    const draft = await workflow.draft(partnerId);
    document = draft.config;
    draftRevision = draft.revision;
  }
  const id = randomBytes(6).toString('hex');
  const secret = `${SHARE_PREFIX}${randomBytes(32).toString('base64url')}`;
  // One statement, so the link and its audit event are stored together or not at all.
  const [row] = await db.query<ShareInfo>(`WITH made AS (INSERT INTO shares (id, hash, partner_id, source, submission_id, draft_revision, document, created_by, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + ($9::int * interval '1 day')) RETURNING *),
    audit AS (${auditShare('made', 'share', 'created_by')})
    SELECT ${INFO_COLUMNS} FROM made`,
  [id, hashToken(secret), partnerId, submissionId === undefined ? 'draft' : 'submission', submissionId ?? null, draftRevision, JSON.stringify(document), actor, expiresInDays]);
  return { ...row!, secret };
}

/** The audit event of a link made or revoked (`rows`: a CTE of shares rows): what it showed (`from`) and which link (`to`). */
const auditShare = (rows: string, action: 'share' | 'revoke-share', actor: string) =>
  `INSERT INTO audit_events (partner_id, submission_id, actor, action, from_status, to_status) SELECT partner_id, submission_id, ${actor}, '${action}', source, id FROM ${rows}`;

export function listShares(db: Sql, partnerId: string): Promise<ShareInfo[]> {
  return db.query<ShareInfo>(`SELECT ${INFO_COLUMNS} FROM shares WHERE partner_id = $1 ORDER BY created_at DESC, id`, [partnerId]);
}

/** Revokes a link of the partner, recording who did; 404 when it has no such link. Revoking twice is harmless and recorded once. */
export async function revokeShare(db: Sql, partnerId: string, id: string, actor: string): Promise<ShareInfo> {
  const [row] = await db.query<ShareInfo>(`WITH revoked AS (UPDATE shares SET revoked_at = now(), document = NULL WHERE id = $1 AND partner_id = $2 AND revoked_at IS NULL RETURNING *),
    audit AS (${auditShare('revoked', 'revoke-share', '$3')})
    SELECT ${INFO_COLUMNS} FROM revoked
    UNION ALL SELECT ${INFO_COLUMNS} FROM shares WHERE id = $1 AND partner_id = $2 AND NOT EXISTS (SELECT 1 FROM revoked)`, [id, partnerId, actor]);
  if (!row) throw notFound(`Share link ${id} of partner ${partnerId}`);
  return row;
}

/** The snapshot a live link shows, counting the visit; 404 alike for an unknown, revoked or expired link. */
export async function openShare(db: Sql, secret: string): Promise<{ partnerId: string; source: 'draft' | 'submission'; document: unknown; createdAt: Date; expiresAt: Date }> {
  const [row] = await db.query<{ partnerId: string; source: 'draft' | 'submission'; document: unknown; createdAt: Date; expiresAt: Date }>(`UPDATE shares
    SET last_opened_at = now(), opened = opened + 1
    WHERE hash = $1 AND revoked_at IS NULL AND expires_at > now()
    RETURNING partner_id AS "partnerId", source, document, created_at AS "createdAt", expires_at AS "expiresAt"`, [hashToken(secret)]);
  if (!row) throw new ApiError(404, 'not_found', 'This share link does not exist, has expired or was revoked: ask for a new one.');
  return row;
}
