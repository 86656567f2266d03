/**
 * The one store: PostgreSQL, either embedded (PGlite in a data directory) or a server
 * (`DATABASE_URL`). Both speak the same SQL; this module hides only how to connect.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Database extends Sql {
  /** Runs `work` in one transaction; it commits when `work` resolves and rolls back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** Several statements at once (migrations). */
  exec(text: string): Promise<void>;
  /** Calls `onPayload` for every NOTIFY on `channel`; resolves to a function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
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
}

export class StoreLockedError extends Error {}

export async function openDatabase({ databaseUrl, dataDir = './data', schema }: OpenOptions): Promise<Database> {
  return databaseUrl ? openServer(databaseUrl, schema) : openEmbedded(dataDir);
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
  const listeners: pg.Client[] = [];
  return {
    description: `PostgreSQL server${schema ? ` (schema ${schema})` : ''}`,
    async query(text, params) {
      return (await pool.query(text, params)).rows;
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: async (text, params) => (await client.query(text, params)).rows });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(text) {
      await pool.query(text);
    },
    async listen(channel, onPayload) {
      const client = new pg.Client({ connectionString: url, options });
      await client.connect();
      client.on('notification', (message) => { if (message.channel === channel) onPayload(message.payload ?? ''); });
      client.on('error', () => { /* the connection dropped: invalidation stops until restart */ });
      await client.query(`LISTEN ${quoteIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        listeners.splice(listeners.indexOf(client), 1);
        await client.end();
      };
    },
    async close() {
      await Promise.all(listeners.splice(0).map((client) => client.end()));
      await pool.end();
    },
  };
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
