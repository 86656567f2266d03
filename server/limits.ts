/**
 * Limits that keep one caller from wearing the service down (docs/api.md, "Limits"):
 * - failed authentication per client address (a token guesser gets 429, not more 401s);
 * - writes (POST, PUT, PATCH, DELETE) per token;
 * - a per-partner asset quota (count and bytes), and removal of uploaded assets that no
 *   draft, submission, approved version or live share link refers to (after a grace period, on a schedule
 *   and when a partner reaches its quota).
 * Rate limits use @fastify/rate-limit's in-memory store: they are per instance.
 */
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';
import type { Sql } from './store/database.ts';

export interface Limits {
  /** Failed authentications (401) per client address per minute before 429; 0 for none. */
  authFailuresPerMinute: number;
  /** Writes per token per minute; 0 for none. */
  writesPerMinute: number;
  /** Assets a partner may keep; 0 for no quota. */
  assetQuotaCount: number;
  /** Bytes of assets a partner may keep; 0 for no quota. */
  assetQuotaBytes: number;
  /** An upload no document refers to is kept at least this long (the editor uploads, then saves). */
  assetGraceMs: number;
  /** How often unreferenced assets are removed; 0 for never (on quota only). */
  assetSweepMs: number;
  /** Share links opened (POST /v1/shares/open) per client address per minute; 0 for none. */
  shareOpensPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  authFailuresPerMinute: 20,
  writesPerMinute: 120,
  assetQuotaCount: 50,
  assetQuotaBytes: 20 * 1024 * 1024,
  assetGraceMs: 24 * 3600_000,
  assetSweepMs: 3600_000,
  shareOpensPerMinute: 60,
};

/** None of the above: what the in-process test harness runs with unless a test asks. */
export const NO_LIMITS: Limits = { authFailuresPerMinute: 0, writesPerMinute: 0, assetQuotaCount: 0, assetQuotaBytes: 0, assetGraceMs: 24 * 3600_000, assetSweepMs: 0, shareOpensPerMinute: 0 };

declare module 'fastify' {
  interface FastifyInstance {
    limits: Limits;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function tooMany(what: string, seconds: number): ApiError {
  return new ApiError(429, 'rate_limited', `${what}: retry in ${seconds} s.`, { retryAfter: seconds });
}

/**
 * Registers the rate limits. `beforeAuth` runs before authentication (it refuses an address
 * that failed too often, without a token lookup); `afterAuth` after it (writes per token).
 */
export async function installLimits(app: FastifyInstance, limits: Limits): Promise<{ beforeAuth: (request: FastifyRequest, reply: FastifyReply) => Promise<void>; afterAuth: (request: FastifyRequest, reply: FastifyReply) => Promise<void> }> {
  app.decorate('limits', limits);
  await app.register(rateLimit, { global: false });
  const failures = limits.authFailuresPerMinute > 0 ? app.createRateLimit({ max: limits.authFailuresPerMinute, timeWindow: 60_000, keyGenerator: (request) => `auth:${request.ip}` }) : undefined;
  const writes = limits.writesPerMinute > 0 ? app.createRateLimit({ max: limits.writesPerMinute, timeWindow: 60_000, keyGenerator: (request) => `write:${request.principal?.tokenId}` }) : undefined;

  const signedIn = new RecentSignIns();
  if (failures) {
    // Only failures count: every 401 to a request that carried credentials.
    app.addHook('onResponse', async (request, reply) => {
      if (reply.statusCode === 401 && request.headers.authorization) await failures(request);
      else if (request.principal) signedIn.add(request.ip, request.headers.authorization!);
    });
  }

  return {
    async beforeAuth(request, reply) {
      if (!failures || !request.headers.authorization) return;
      const status = await failures(request, { increment: false });
      // Someone else's guesses from a shared address (an office's NAT) do not lock out who already signed in from it.
      if (!status.isAllowed && status.remaining <= 0 && !signedIn.has(request.ip, request.headers.authorization)) {
        reply.header('retry-after', String(Math.max(1, status.ttlInSeconds)));
        throw tooMany('Too many failed sign-ins from this address', Math.max(1, status.ttlInSeconds));
      }
    },
    async afterAuth(request, reply) {
      if (!writes || !request.principal || !WRITES.has(request.method)) return;
      const status = await writes(request);
      if (!status.isAllowed && status.isExceeded) {
        reply.header('retry-after', String(Math.max(1, status.ttlInSeconds)));
        throw tooMany(`This token made more than ${limits.writesPerMinute} changes in a minute`, Math.max(1, status.ttlInSeconds));
      }
    },
  };
}

/**
 * The credentials that signed in from each address lately (an hour), as digests: with them
 * an address over its failure limit is still served, without a lookup for anyone else's
 * guesses. Bounded: the oldest go first.
 */
class RecentSignIns {
  private static readonly MAX = 10_000;
  private static readonly TTL_MS = 3600_000;
  private readonly seen = new Map<string, number>();

  add(ip: string, authorization: string): void {
    const key = RecentSignIns.key(ip, authorization);
    this.seen.delete(key);
    if (this.seen.size >= RecentSignIns.MAX) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(key, Date.now() + RecentSignIns.TTL_MS);
  }

  has(ip: string, authorization: string): boolean {
    return (this.seen.get(RecentSignIns.key(ip, authorization)) ?? 0) > Date.now();
  }

  private static key(ip: string, authorization: string): string {
    return createHash('sha256').update(ip).update('\0').update(authorization).digest('base64');
  }
}

/** SQL that lists every asset hash a stored document refers to. */
const REFERENCED = `SELECT (regexp_matches(document::text, '/assets/([0-9a-f]{64})', 'g'))[1] AS sha256 FROM drafts
  UNION SELECT (regexp_matches(document::text, '/assets/([0-9a-f]{64})', 'g'))[1] FROM submissions
  UNION SELECT (regexp_matches(document::text, '/assets/([0-9a-f]{64})', 'g'))[1] FROM versions
  UNION SELECT (regexp_matches(document::text, '/assets/([0-9a-f]{64})', 'g'))[1] FROM shares WHERE revoked_at IS NULL AND expires_at > now()`;

/**
 * Removes uploaded assets older than `graceMs` that no draft, submission or approved
 * version refers to (of one partner, or all); returns how many.
 */
export async function sweepAssets(db: Sql, { graceMs, partnerId }: { graceMs: number; partnerId?: string }): Promise<number> {
  const params: unknown[] = [graceMs];
  let where = `created_at < now() - ($1::bigint * interval '1 millisecond')`;
  if (partnerId !== undefined) {
    params.push(partnerId);
    where += ' AND partner_id = $2';
  }
  const removed = await db.query(`DELETE FROM assets WHERE ${where} AND sha256 NOT IN (SELECT sha256 FROM (${REFERENCED}) AS referenced WHERE sha256 IS NOT NULL) RETURNING sha256`, params);
  return removed.length;
}

/** Throws 409 asset_quota when one more image of `bytes` would take the partner over its quota (after removing what nothing refers to). */
export async function checkAssetQuota(db: Sql, limits: Limits, partnerId: string, bytes: number): Promise<void> {
  if (!limits.assetQuotaCount && !limits.assetQuotaBytes) return;
  const over = async () => {
    const [usage] = await db.query<{ count: number; bytes: string }>('SELECT count(*)::int AS count, coalesce(sum(octet_length(bytes)), 0)::bigint AS bytes FROM assets WHERE partner_id = $1', [partnerId]);
    const used = { count: usage!.count, bytes: Number(usage!.bytes) };
    return (limits.assetQuotaCount && used.count + 1 > limits.assetQuotaCount) || (limits.assetQuotaBytes && used.bytes + bytes > limits.assetQuotaBytes) ? used : undefined;
  };
  if (!(await over())) return;
  await sweepAssets(db, { graceMs: limits.assetGraceMs, partnerId });
  const used = await over();
  if (used) {
    throw new ApiError(409, 'asset_quota', `Partner ${partnerId} keeps ${used.count} images (${(used.bytes / 1048576).toFixed(1)} MB); the quota is ${limits.assetQuotaCount} images and ${(limits.assetQuotaBytes / 1048576).toFixed(0)} MB. `
      + `Images no draft or version uses are removed ${Math.round(limits.assetGraceMs / 3600_000)} h after upload; remove unused logos from your draft, or wait.`, { quota: { count: limits.assetQuotaCount, bytes: limits.assetQuotaBytes }, used });
  }
}

/** Runs `sweepAssets` every `limits.assetSweepMs` until the app closes; failures are logged, never thrown. */
export function scheduleAssetSweep(app: FastifyInstance, db: Sql, limits: Limits): void {
  if (!limits.assetSweepMs) return;
  const timer = setInterval(() => {
    sweepAssets(db, { graceMs: limits.assetGraceMs }).then(
      (removed) => { if (removed) app.log.info(`removed ${removed} uploaded image(s) that no draft or version uses`); },
      (error: Error) => app.log.warn(`asset sweep failed: ${error.message}`),
    );
  }, limits.assetSweepMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
