/** Where notifications go: endpoints registered by reviewers, and the deployment's own (COBRAND_WEBHOOK_URL). */
import { randomBytes } from 'node:crypto';
import type { Database, Sql } from '../store/database.ts';

export const MAX_WEBHOOK_URL_LENGTH = 2000;
export const MAX_ENDPOINTS = 20;
/** The id of the endpoint that COBRAND_WEBHOOK_URL configures. */
export const ENVIRONMENT_ENDPOINT = 'env';

export interface Endpoint {
  id: string;
  url: string;
  description: string | null;
  source: 'reviewer' | 'environment';
  createdAt: Date;
  createdBy: string;
}

const ENDPOINT_COLUMNS = 'id, url, description, source, created_at AS "createdAt", created_by AS "createdBy"';

/** Why `url` cannot be a webhook target, or null: an absolute http(s) URL without credentials, of bounded length. */
export function webhookUrlProblem(url: string): string | null {
  if (url.length > MAX_WEBHOOK_URL_LENGTH) return `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL, such as https://hooks.example.com/cobrand';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `must be an http: or https: URL, not ${parsed.protocol}`;
  if (parsed.username || parsed.password) return 'must not carry a user name or password: the signature authenticates the service';
  return null;
}

export const newSecret = (): string => `whsec_${randomBytes(24).toString('base64url')}`;

export async function createEndpoint(db: Database, { url, description, actor }: { url: string; description: string | null; actor: string }): Promise<Endpoint & { secret: string }> {
  const secret = newSecret();
  const [row] = await db.query<Endpoint>(`INSERT INTO webhook_endpoints (id, url, secret, description, source, created_by)
    VALUES ($1, $2, $3, $4, 'reviewer', $5) RETURNING ${ENDPOINT_COLUMNS}`, [`wh_${randomBytes(9).toString('base64url')}`, url, secret, description, actor]);
  return { ...row!, secret };
}

export async function countEndpoints(db: Sql): Promise<number> {
  const [row] = await db.query<{ count: number }>("SELECT count(*)::int AS count FROM webhook_endpoints WHERE deleted_at IS NULL AND source = 'reviewer'");
  return row!.count;
}

export function listEndpoints(db: Sql): Promise<Endpoint[]> {
  return db.query<Endpoint>(`SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id`);
}

/**
 * Deletes a registered endpoint (`deleted`), cancelling what was still to be sent to it; the
 * deployment's own is the environment's (`environment`); else `missing`.
 */
export function deleteEndpoint(db: Database, id: string): Promise<'deleted' | 'environment' | 'missing'> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ source: Endpoint['source'] }>('SELECT source FROM webhook_endpoints WHERE id = $1 AND deleted_at IS NULL FOR UPDATE', [id]);
    if (!row) return 'missing';
    if (row.source === 'environment') return 'environment';
    await tx.query('UPDATE webhook_endpoints SET deleted_at = now() WHERE id = $1', [id]);
    await tx.query("UPDATE webhook_deliveries SET state = 'cancelled', lease_until = NULL WHERE endpoint_id = $1 AND state = 'pending'", [id]);
    return 'deleted';
  });
}

/**
 * Makes the deployment's endpoint match the environment at start: COBRAND_WEBHOOK_URL set, the `env`
 * endpoint has that URL and secret; unset, it is gone (events from now on are not sent to it).
 */
export async function syncEnvironmentEndpoint(db: Database, target: { url: string; secret: string } | undefined): Promise<void> {
  if (!target) {
    await db.query('UPDATE webhook_endpoints SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL', [ENVIRONMENT_ENDPOINT]);
    return;
  }
  await db.query(`INSERT INTO webhook_endpoints (id, url, secret, description, source, created_by) VALUES ($1, $2, $3, 'COBRAND_WEBHOOK_URL', 'environment', 'environment')
    ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, deleted_at = NULL`, [ENVIRONMENT_ENDPOINT, target.url, target.secret]);
}
