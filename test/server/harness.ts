/**
 * A review service for tests: the real app on a real store, in-process. Every suite runs
 * on embedded PGlite, and on the PostgreSQL server in TEST_DATABASE_URL when it is set,
 * each app in a schema of its own.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp, type AppOptions } from '../../server/app.ts';
import { openDatabase, type Database } from '../../server/store/database.ts';
import { migrate } from '../../server/store/migrate.ts';
import { createToken } from '../../server/tokens.ts';
import example from '../../schema/examples/acme-cloud.json' with { type: 'json' };

export type Backend = 'pglite' | 'postgres';

export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface Harness {
  app: FastifyInstance;
  db: Database;
  reviewer: string;
  /** A partner token for `partnerId` (made once per partner). */
  partner(partnerId: string): Promise<string>;
  request(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A store of `backend`; on PostgreSQL, a fresh schema (or the one given, to share it). */
export async function testDatabase(backend: Backend, schema = `t_${randomBytes(6).toString('hex')}`): Promise<Database> {
  const db = backend === 'postgres'
    ? await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, schema })
    : await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  if (backend === 'postgres') dropOnClose(db, schema);
  return db;
}

function dropOnClose(db: Database, schema: string): void {
  const close = db.close.bind(db);
  Object.assign(db, {
    async close() {
      await close();
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.end());
    },
  });
}

/** `options`: more for buildApp (limits, cache lifetime), for the tests of those. */
export async function startHarness(backend: Backend, db?: Database, options: Omit<AppOptions, 'db'> = {}): Promise<Harness> {
  const store = db ?? (await testDatabase(backend));
  const app = await buildApp({ ...options, db: store });
  const reviewer = (await createToken(store, { role: 'reviewer', label: 'test' })).token;
  const partners = new Map<string, string>();
  return {
    app,
    db: store,
    reviewer,
    async partner(partnerId) {
      if (!partners.has(partnerId)) partners.set(partnerId, (await createToken(store, { role: 'partner', partnerId })).token);
      return partners.get(partnerId)!;
    },
    request({ token, headers, ...options }) {
      return app.inject({ ...options, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    },
    async close() {
      await app.close();
      if (!db) await store.close();
    },
  };
}

/** The complete example as a document of `partnerId`. */
export function documentFor(partnerId: string): Record<string, any> {
  return { ...structuredClone(example), partnerId };
}

let counter = 0;
/** A partner id no other test uses. */
export const freshPartner = (prefix = 'p') => `${prefix}-${process.pid}-${++counter}`;

/** Saves `document` over whatever draft the partner has. */
export async function saveDraft(h: Harness, partnerId: string, document: unknown): Promise<LightMyRequestResponse> {
  const token = await h.partner(partnerId);
  const current = await h.request({ method: 'GET', url: `/v1/partners/${partnerId}/draft`, token });
  return h.request({ method: 'PUT', url: `/v1/partners/${partnerId}/draft`, token, headers: { 'if-match': current.headers.etag as string }, payload: document as object });
}

/** Draft → submit; returns the submission id. */
export async function submitDocument(h: Harness, partnerId: string, document: unknown): Promise<string> {
  const saved = await saveDraft(h, partnerId, document);
  if (saved.statusCode !== 200) throw new Error(`save: ${saved.statusCode} ${saved.body}`);
  const submitted = await h.request({ method: 'POST', url: `/v1/partners/${partnerId}/submissions`, token: await h.partner(partnerId) });
  if (submitted.statusCode !== 201) throw new Error(`submit: ${submitted.statusCode} ${submitted.body}`);
  return submitted.json().id;
}

/** Draft → submit → approve. */
export async function publish(h: Harness, partnerId: string, document: unknown): Promise<string> {
  const id = await submitDocument(h, partnerId, document);
  const approved = await h.request({ method: 'POST', url: `/v1/review/submissions/${id}/approve`, token: h.reviewer });
  if (approved.statusCode !== 200) throw new Error(`approve: ${approved.statusCode} ${approved.body}`);
  return id;
}

/** Whether `GET /readyz` answers 200 within `ms`. */
export async function readyWithin(base: string, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
    if ((await fetch(`${base}/readyz`)).status === 200) return true;
  }
  return false;
}
