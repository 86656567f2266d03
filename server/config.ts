/** The service's settings, from the environment, checked once at start. */
import { availableParallelism } from 'node:os';
import { compile as compileTrust } from '@fastify/proxy-addr';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import { DEFAULT_DELIVERY, type DeliverySettings } from './webhooks/delivery.ts';
import { webhookUrlProblem } from './webhooks/endpoints.ts';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from './working-days.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  timeZone: string;
  /** Fastify's log level: `info` logs every request. */
  logLevel: 'info' | 'warn' | 'error';
  /** On SIGTERM/SIGINT, how long to wait for requests in flight before closing anyway. */
  shutdownTimeoutSeconds: number;
  /** How long a public document is served from memory at most before it is read again. */
  cacheMaxAgeSeconds: number;
  /** Rate limits and quotas; 0 turns one off. */
  limits: Limits;
  /** Processes serving the public read path (COBRAND_WORKERS, server/cluster.ts); 1: this process alone. */
  workers: number;
  /** Where live documents are published as static files (COBRAND_PUBLISH_DIR); none when absent. */
  publishDir?: string;
  /** Whose X-Forwarded-For to believe (Fastify's trustProxy): false, true, a hop count or addresses. */
  trustProxy: boolean | number | string;
  /** The deployment's webhook endpoint (COBRAND_WEBHOOK_URL and COBRAND_WEBHOOK_SECRET), and how deliveries are retried. */
  webhooks: { target?: { url: string; secret: string }; delivery: DeliverySettings };
  /** How often the scheduler sweeps for due schedules and overdue submissions besides its timers. */
  schedulerSweepMs: number;
  /** The service's public origin (COBRAND_PUBLIC_URL), which pre-rendered bars point their loader and logos at; absent: the request's. */
  publicUrl?: string;
}

type Env = NodeJS.ProcessEnv;

/** A setting's value; an empty one (`PORT=` in an env file) counts as unset, as everywhere here. */
const setting = (env: Env, name: string): string | undefined => env[name] || undefined;

function webhooksFromEnv(env: Env): Config['webhooks'] {
  const url = setting(env, 'COBRAND_WEBHOOK_URL');
  const secret = setting(env, 'COBRAND_WEBHOOK_SECRET');
  if (url) {
    const problem = webhookUrlProblem(url);
    if (problem) throw new Error(`COBRAND_WEBHOOK_URL ${problem}.`);
    if (!secret || secret.length < 16) throw new Error('COBRAND_WEBHOOK_SECRET must be set, at least 16 characters, when COBRAND_WEBHOOK_URL is: receivers check the signature with it.');
  }
  const delivery: DeliverySettings = {
    ...DEFAULT_DELIVERY,
    timeoutMs: positiveSeconds(env, 'COBRAND_WEBHOOK_TIMEOUT', DEFAULT_DELIVERY.timeoutMs / 1000) * 1000,
    maxAttempts: Math.max(1, count(env, 'COBRAND_WEBHOOK_MAX_ATTEMPTS', DEFAULT_DELIVERY.maxAttempts)),
    backoffMs: amount(env, 'COBRAND_WEBHOOK_BACKOFF', DEFAULT_DELIVERY.backoffMs / 1000) * 1000,
    pollMs: Math.max(100, amount(env, 'COBRAND_WEBHOOK_POLL', DEFAULT_DELIVERY.pollMs / 1000) * 1000),
  };
  return { target: url ? { url, secret: secret! } : undefined, delivery };
}

function databaseUrlFromEnv(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL | undefined;
  try { url = new URL(raw); } catch { /* said below */ }
  if (url?.protocol !== 'postgres:' && url?.protocol !== 'postgresql:') {
    throw new Error('DATABASE_URL must be a PostgreSQL URL, postgres://user:password@host:port/database (unset, the embedded store in COBRAND_DATA is used).');
  }
  return raw;
}

function publicUrlFromEnv(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const problem = `COBRAND_PUBLIC_URL must be the service's public origin, such as https://cobrand.example.com (http: or https:, no path or query), not "${raw}".`;
  let url: URL;
  try { url = new URL(raw); } catch { throw new Error(problem); }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username || url.password) throw new Error(problem);
  return url.origin;
}

function trustProxyFromEnv(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  // Checked by the parser Fastify itself uses for it, so the check and the use cannot disagree.
  try {
    compileTrust(trustList(raw));
  } catch (error) {
    throw new Error(`COBRAND_TRUST_PROXY must be true, a number of proxies, or their addresses (IPs, CIDR ranges, loopback, linklocal, uniquelocal) separated by commas, not "${raw}" (${(error as Error).message}).`);
  }
  return raw;
}

const trustList = (raw: string): string[] => raw.split(',').map((part) => part.trim());

/**
 * Whether a peer that connects directly is a proxy `trustProxy` trusts, judged as Fastify judges
 * it: for the public workers, which pass requests on to a primary that trusts them in turn.
 */
export function trustsPeer(trustProxy: Config['trustProxy']): (address: string | undefined) => boolean {
  if (typeof trustProxy === 'boolean') return () => trustProxy;
  if (typeof trustProxy === 'number') return () => trustProxy >= 1;
  const trust = compileTrust(trustList(trustProxy));
  return (address) => address !== undefined && trust(address, 0);
}

/** The public workers: a whole number from 1 to four per core (more only share the same cores, each holding every document). */
function workersFromEnv(raw: string | undefined): number {
  if (raw === undefined) return 1;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) throw new Error(`COBRAND_WORKERS must be a whole number of processes, 1 or more, not "${raw}".`);
  const most = 4 * availableParallelism();
  if (Number(raw) > most) throw new Error(`COBRAND_WORKERS can be at most ${most} (four per core on this machine), not ${raw}: each worker holds every live document, and more than the cores only share them.`);
  return Number(raw);
}

/** A non-negative number from the environment, or the default. */
function amount(env: Env, name: string, fallback: number): number {
  const raw = setting(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of 0 or more, not "${raw}".`);
  return value;
}

/** A whole number of 0 or more (requests, files, attempts), or the default. */
function count(env: Env, name: string, fallback: number): number {
  const value = amount(env, name, fallback);
  if (!Number.isInteger(value)) throw new Error(`${name} must be a whole number of 0 or more, not "${env[name]}".`);
  return value;
}

/** A wait that must be above 0: at 0 every attempt would give up before it began. */
function positiveSeconds(env: Env, name: string, fallback: number): number {
  const value = amount(env, name, fallback);
  if (value === 0) throw new Error(`${name} must be a number of seconds above 0, not "${env[name]}".`);
  return value;
}

/** A switch read where it is used (`0` turns it off); checked here so that a typo is not taken as on. */
function checkSwitch(env: Env, name: string): void {
  const raw = setting(env, name);
  if (raw !== undefined && raw !== '0' && raw !== '1') throw new Error(`${name} must be 0 or 1, not "${raw}".`);
}

function limitsFromEnv(env: Env): Limits {
  return {
    authFailuresPerMinute: count(env, 'COBRAND_AUTH_FAILURES_PER_MINUTE', DEFAULT_LIMITS.authFailuresPerMinute),
    writesPerMinute: count(env, 'COBRAND_WRITES_PER_MINUTE', DEFAULT_LIMITS.writesPerMinute),
    assetQuotaCount: count(env, 'COBRAND_ASSET_QUOTA_COUNT', DEFAULT_LIMITS.assetQuotaCount),
    assetQuotaBytes: amount(env, 'COBRAND_ASSET_QUOTA_MB', DEFAULT_LIMITS.assetQuotaBytes / 1048576) * 1048576,
    assetGraceMs: amount(env, 'COBRAND_ASSET_GRACE_HOURS', DEFAULT_LIMITS.assetGraceMs / 3600_000) * 3600_000,
    assetSweepMs: amount(env, 'COBRAND_ASSET_SWEEP_MINUTES', DEFAULT_LIMITS.assetSweepMs / 60_000) * 60_000,
    shareOpensPerMinute: count(env, 'COBRAND_SHARE_OPENS_PER_MINUTE', DEFAULT_LIMITS.shareOpensPerMinute),
  };
}

export function configFromEnv(env: Env = process.env): Config {
  const rawPort = setting(env, 'PORT');
  const port = Number(rawPort ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${rawPort}".`);
  const timeZone = setting(env, 'COBRAND_TIME_ZONE') ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) throw new Error(`COBRAND_TIME_ZONE must be an IANA time zone such as Asia/Shanghai, not "${timeZone}".`);
  const logLevel = setting(env, 'COBRAND_LOG_LEVEL') ?? 'info';
  if (logLevel !== 'info' && logLevel !== 'warn' && logLevel !== 'error') throw new Error(`COBRAND_LOG_LEVEL must be info, warn or error, not "${logLevel}".`);
  const shutdownTimeoutSeconds = amount(env, 'COBRAND_SHUTDOWN_TIMEOUT', 30);
  const cacheMaxAgeSeconds = amount(env, 'COBRAND_CACHE_MAX_AGE', 60);
  const workers = workersFromEnv(setting(env, 'COBRAND_WORKERS'));
  const schedulerSweepMs = Math.max(1000, amount(env, 'COBRAND_SCHEDULER_SWEEP', 30) * 1000);
  checkSwitch(env, 'COBRAND_PGLITE_WORKER');
  checkSwitch(env, 'COBRAND_IMAGE_WORKER');
  return {
    workers, publicUrl: publicUrlFromEnv(setting(env, 'COBRAND_PUBLIC_URL')), publishDir: setting(env, 'COBRAND_PUBLISH_DIR'), webhooks: webhooksFromEnv(env),
    schedulerSweepMs, cacheMaxAgeSeconds, limits: limitsFromEnv(env), trustProxy: trustProxyFromEnv(setting(env, 'COBRAND_TRUST_PROXY')), port,
    host: setting(env, 'HOST') ?? '127.0.0.1', dataDir: setting(env, 'COBRAND_DATA') ?? './data', databaseUrl: databaseUrlFromEnv(setting(env, 'DATABASE_URL')),
    timeZone, logLevel, shutdownTimeoutSeconds,
  };
}
