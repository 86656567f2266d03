/** Bearer tokens: shown once when made, stored as SHA-256 hashes, each a reviewer's or one partner's. */
import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from './store/database.ts';

export type Role = 'partner' | 'reviewer';

export interface Principal {
  tokenId: string;
  role: Role;
  /** The partner a partner token is bound to. */
  partnerId: string | null;
  /** How the audit trail names this caller. */
  actor: string;
}

export interface TokenInfo {
  id: string;
  role: Role;
  partnerId: string | null;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

const PARTNER_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createToken(db: Sql, { role, partnerId, label }: { role: Role; partnerId?: string; label?: string }): Promise<{ id: string; token: string }> {
  if (role === 'partner' && !partnerId) throw new Error('A partner token needs --partner ID: lowercase letters, digits and inner hyphens.');
  if (role === 'partner' && !PARTNER_ID.test(partnerId!)) {
    throw new Error(`"${partnerId}" is not a partner id: use lowercase letters, digits and inner hyphens (such as acme-cloud), at most 64.`);
  }
  if (role === 'reviewer' && partnerId) throw new Error('A reviewer token is not bound to a partner: leave out --partner.');
  const id = randomBytes(6).toString('hex');
  const token = `cbt_${randomBytes(32).toString('base64url')}`;
  await db.query('INSERT INTO tokens (id, hash, role, partner_id, label) VALUES ($1, $2, $3, $4, $5)',
    [id, hashToken(token), role, role === 'partner' ? partnerId : null, label ?? null]);
  return { id, token };
}

export async function listTokens(db: Sql): Promise<TokenInfo[]> {
  return db.query<TokenInfo>(`SELECT id, role, partner_id AS "partnerId", label, created_at AS "createdAt", revoked_at AS "revokedAt"
    FROM tokens ORDER BY created_at, id`);
}

/** Whether a token with that id was live and is now revoked. */
export async function revokeToken(db: Sql, id: string): Promise<boolean> {
  return (await db.query('UPDATE tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id])).length === 1;
}

export async function principalFor(db: Sql, token: string): Promise<Principal | undefined> {
  const [row] = await db.query<{ id: string; role: Role; partner_id: string | null; label: string | null }>(
    'SELECT id, role, partner_id, label FROM tokens WHERE hash = $1 AND revoked_at IS NULL', [hashToken(token)]);
  if (!row) return undefined;
  const who = row.role === 'partner' ? `partner:${row.partner_id}` : 'reviewer';
  return { tokenId: row.id, role: row.role, partnerId: row.partner_id, actor: `${who}/${row.label ?? row.id}` };
}
