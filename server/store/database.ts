/**
 * The one store: PostgreSQL, either embedded (PGlite in a data directory) or a server
 * (`DATABASE_URL`). Both speak the same SQL; this module hides only how to connect.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { ApiError } from '../errors.ts';
import { PGLITE_WORKER } from '../paths.ts';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends Sql {
  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** Several statements at once (migrations). */
  exec(text: string): Promise<void>;
  /**
   * Calls `onPayload` for every NOTIFY on `channel`; resolves to a function that stops listening.
   * On a server the listening connection is re-made with backoff when it drops: `onLost` is
   * called when it drops (notifications may be missed from then on), `onRestored` once it
   * listens again.
   */
  listen(channel: string, onPayload: (payload: string) => void, events?: ListenEvents): Promise<() => Promise<void>>;
  close(): Promise<void>;
  readonly description: string;
}

export interface OpenOptions {
  /** A PostgreSQL server; when absent, PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PGlite's data directory, or `memory://` for a throwaway store. */
  dataDir?: string;
  /** PostgreSQL schema to work in (tests keep apart this way on a shared server). */
  schema?: string;
  /**
   * Run PGlite in a worker thread (the default), so that its statements never stall the
   * HTTP requests of the main thread; `false` runs it in this thread. The environment's
   * COBRAND_PGLITE_WORKER=0 does the same.
   */
  worker?: boolean;
}

export interface ListenEvents {
  onLost?: (error: Error) => void;
  onRestored?: (info: { downMs: number; attempts: number }) => void;
}

export class StoreLockedError extends Error {}

/** The store cannot be reached (a server restarting, a network cut): the API answers 503 with Retry-After. */
export class StoreUnavailableError extends ApiError {
  constructor(override readonly cause: unknown) {
    super(503, 'store_unavailable', 'The store cannot be reached right now: retry in a few seconds.');
  }
}

/** Connection-level failures of a PostgreSQL server, as opposed to errors of a statement. */
export function isConnectionError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (/^(08|57P)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code))) return true;
  return typeof message === 'string' && /Connection terminated|not queryable|timeout exceeded when trying to connect|the database system is (starting up|shutting down)/i.test(message);
}

async function reachable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isConnectionError(error) ? new StoreUnavailableError(error) : error;
  }
}

/** Delay before reconnect attempt `attempt` (0, 1, …): 100 ms doubling to 10 s, with jitter. */
export const reconnectDelay = (attempt: number): number => Math.min(10_000, 100 * 2 ** attempt) * (0.75 + Math.random() * 0.5);

export async function openDatabase({ databaseUrl, dataDir = './data', schema, worker = process.env.COBRAND_PGLITE_WORKER !== '0' }: OpenOptions): Promise<Database> {
  return databaseUrl ? openServer(databaseUrl, schema) : worker ? openEmbeddedWorker(dataDir) : openEmbedded(dataDir);
}

async function openServer(url: string, schema?: string): Promise<Database> {
  if (schema) {
    const setup = new pg.Client({ connectionString: url });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    } finally {
      await setup.end();
    }
  }
  const options = schema ? `-c search_path=${schema}` : undefined;
  const pool = new pg.Pool({ connectionString: url, options, max: 10 });
  pool.on('error', () => { /* an idle client failed; the pool replaces it */ });
  const stops = new Set<() => Promise<void>>();
  return {
    description: `PostgreSQL server${schema ? ` (schema ${schema})` : ''}`,
    query(text, params) {
      return reachable(async () => (await pool.query(text, params)).rows);
    },
    transaction(work) {
      return reachable(() => serverTransaction(pool, work));
    },
    async exec(text) {
      await reachable(() => pool.query(text));
    },
    async listen(channel, onPayload, events = {}) {
      let client: pg.Client | undefined;
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      let attempts = 0;
      let lostAt = 0;
      const connectOnce = async (): Promise<void> => {
        const candidate = new pg.Client({ connectionString: url, options });
        candidate.on('notification', (message) => { if (message.channel === channel) onPayload(message.payload ?? ''); });
        const drop = (error: Error) => {
          candidate.removeAllListeners('error');
          candidate.on('error', () => undefined);
          candidate.end().catch(() => undefined);
          if (stopped || client !== candidate) return;
          client = undefined;
          lostAt = Date.now();
          attempts = 0;
          events.onLost?.(error);
          retry();
        };
        candidate.on('error', drop);
        candidate.on('end', () => drop(new Error('the connection was closed')));
        try {
          await candidate.connect();
          await candidate.query(`LISTEN ${quoteIdentifier(channel)}`);
        } catch (error) {
          candidate.removeAllListeners('end');
          candidate.removeAllListeners('error');
          candidate.on('error', () => undefined);
          await candidate.end().catch(() => undefined);
          throw error;
        }
        client = candidate;
      };
      const retry = () => {
        timer = setTimeout(() => {
          timer = undefined;
          attempts++;
          connectOnce().then(() => {
            if (stopped) return void client?.end().catch(() => undefined);
            events.onRestored?.({ downMs: Date.now() - lostAt, attempts });
          }, () => { if (!stopped) retry(); });
        }, reconnectDelay(attempts));
        timer.unref();
      };
      await connectOnce();
      const stop = async () => {
        stops.delete(stop);
        stopped = true;
        clearTimeout(timer);
        const current = client;
        client = undefined;
        if (current) {
          current.removeAllListeners('end');
          await current.end().catch(() => undefined);
        }
      };
      stops.add(stop);
      return stop;
    },
    async close() {
      await Promise.all([...stops].map((stop) => stop()));
      await pool.end();
    },
  };
}

async function serverTransaction<T>(pool: pg.Pool, work: (tx: Sql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work({ query: async (text, params) => (await client.query(text, params)).rows });
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (isConnectionError(error)) broken = error as Error;
    else await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // A client whose connection failed is destroyed, not handed to the next caller.
    client.release(broken);
  }
}

/** PGlite in a worker thread (store/pglite-worker.mjs), spoken to by messages. */
async function openEmbeddedWorker(dataDir: string): Promise<Database> {
  const memory = dataDir.startsWith('memory://');
  const releaseLock = memory ? () => undefined : lockDataDir(dataDir);
  const worker = new Worker(PGLITE_WORKER, { workerData: { dataDir } });
  const pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>();
  const notify = new Map<number, (payload: string) => void>();
  let next = 0;
  let failure: Error | undefined;
  // The thread keeps the process alive only while an answer is awaited (as a socket would).
  const hold = () => { if (pending.size === 1) worker.ref(); };
  const release = () => { if (pending.size === 0) worker.unref(); };
  const call = (message: Record<string, unknown>): Promise<any> => {
    if (failure) return Promise.reject(failure);
    const id = ++next;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      hold();
      worker.postMessage({ ...message, id });
    });
  };
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    release();
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: { type: string; id: number; value?: unknown; error?: Record<string, unknown>; listener?: number; payload?: string }) => {
      if (message.type === 'ready') return message.error ? reject(revive(message.error)) : resolve();
      if (message.type === 'notify') return notify.get(message.listener!)?.(message.payload ?? '');
      const waiting = pending.get(message.id);
      if (!waiting) return undefined;
      pending.delete(message.id);
      release();
      return message.error ? waiting.reject(revive(message.error)) : waiting.resolve(message.value);
    });
    worker.on('error', (error) => { fail(error); reject(error); });
    worker.on('exit', (code) => { const error = new Error(`the PGlite worker stopped (exit code ${code})`); fail(error); reject(error); });
  });
  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    releaseLock();
    throw error;
  }
  worker.unref();
  let transactions = 0;
  return {
    description: memory ? 'embedded PGlite (in memory)' : `embedded PGlite in ${dataDir}`,
    query: (text, params) => call({ op: 'query', text, params }),
    async transaction(work) {
      const tx = ++transactions;
      await call({ op: 'begin', tx });
      let result;
      try {
        result = await work({ query: (text, params) => call({ op: 'txQuery', tx, text, params }) });
      } catch (error) {
        await call({ op: 'rollback', tx }).catch(() => undefined);
        throw error;
      }
      await call({ op: 'commit', tx });
      return result;
    },
    async exec(text) {
      await call({ op: 'exec', text });
    },
    async listen(channel, onPayload) {
      const listener = ++next;
      notify.set(listener, onPayload);
      await call({ op: 'listen', channel, listener });
      return async () => {
        notify.delete(listener);
        await call({ op: 'unlisten', listener }).catch(() => undefined);
      };
    },
    async close() {
      try {
        await call({ op: 'close' }).catch(() => undefined);
        await worker.terminate();
      } finally {
        releaseLock();
      }
    },
  };
}

/** An error from the worker, as an Error again with its fields (code, detail, …). */
function revive(plain: Record<string, unknown>): Error {
  const error = new Error(String(plain.message));
  Object.assign(error, plain);
  return error;
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const memory = dataDir.startsWith('memory://');
  const releaseLock = memory ? () => undefined : lockDataDir(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    releaseLock();
    throw error;
  }
  return {
    description: memory ? 'embedded PGlite (in memory)' : `embedded PGlite in ${dataDir}`,
    async query(text, params) {
      return (await db.query(text, params)).rows as never[];
    },
    transaction(work) {
      return db.transaction((tx) => work({ query: async (text, params) => (await tx.query(text, params)).rows as never[] }));
    },
    async exec(text) {
      await db.exec(text);
    },
    listen(channel, onPayload) {
      return db.listen(channel, onPayload);
    },
    async close() {
      try {
        await db.close();
      } finally {
        releaseLock();
      }
    },
  };
}

/**
 * PGlite is one process's database: a second process opening the same directory would
 * corrupt it. A lock file with the owner's pid keeps the second one out; a lock left by a
 * process that no longer runs is taken over.
 */
const openHere = new Set<string>();

function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(resolve(dataDir), 'cobrand.lock');
  if (openHere.has(lockFile)) throw new StoreLockedError(`The data directory ${dataDir} is already open in this process.`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      openHere.add(lockFile);
      return () => {
        openHere.delete(lockFile);
        rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      // Our own pid on a lock we do not hold is a leftover of an earlier process that had this pid.
      if (owner && owner !== process.pid && isRunning(owner)) {
        throw new StoreLockedError(`The data directory ${dataDir} is in use by another cobrand process (pid ${owner}). ` +
          'Stop it first, or set DATABASE_URL to share a PostgreSQL server between processes.');
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new StoreLockedError(`Could not lock the data directory ${dataDir}.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain identifier: ${name}`);
  return `"${name}"`;
}
