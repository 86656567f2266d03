/**
 * A PostgreSQL server restart under two service instances on one database (issue 13, item
 * 3): while it is down the API answers 503 with Retry-After (not 500); afterwards each
 * instance listens again, and an approval on one is served by the other. This stops and
 * starts the machine's PostgreSQL cluster (CI has one), so it runs only where
 * TEST_DATABASE_URL is set and pg_ctlcluster is present, and is skipped elsewhere.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../server/app.ts';
import { createToken } from '../../server/tokens.ts';
import { documentFor, testDatabase } from './harness.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../server/store/database.ts';

const url = process.env.TEST_DATABASE_URL;
const hasCtl = spawnSync('sh', ['-c', 'command -v pg_ctlcluster && command -v pg_lsclusters']).status === 0;

/** The cluster (version, name) that listens on TEST_DATABASE_URL's port. */
function cluster(): [string, string] | undefined {
  if (!url || !hasCtl) return undefined;
  const port = new URL(url).port || '5432';
  const lines = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' }).trim().split('\n');
  const line = lines.map((l) => l.trim().split(/\s+/)).find((fields) => fields[2] === port);
  return line ? [line[0]!, line[1]!] : undefined;
}

const target = cluster();
const ctl = (action: 'stop' | 'start' | 'restart') => execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', target![0], target![1], action], { stdio: 'pipe' });

interface Instance { app: FastifyInstance; db: Database; base: string; logs: string[] }

async function instance(schema: string, shared?: Database): Promise<Instance> {
  const db = shared ?? (await testDatabase('postgres', schema));
  const logs: string[] = [];
  const app = await buildApp({ db, logger: { level: 'warn' } });
  // Keep what the app logs about the store for the assertions (instead of JSON on stdout).
  app.log.warn = ((message: string) => { logs.push(String(message)); }) as never;
  app.log.error = ((message: unknown) => { logs.push(String(message)); }) as never;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { app, db, base: `http://127.0.0.1:${port}`, logs };
}

async function eventually<T>(what: string, check: () => Promise<T | undefined>, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what} did not happen within ${seconds} s${last ? ` (${String(last)})` : ''}`);
}

describe('a PostgreSQL restart under two instances', { skip: target ? false : 'needs TEST_DATABASE_URL and pg_ctlcluster (the machine\'s PostgreSQL cluster)' }, () => {
  let a: Instance;
  let b: Instance;
  let partnerToken: string;
  let reviewerToken: string;
  const pid = `restart-${randomBytes(4).toString('hex')}`;
  before(async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    a = await instance(schema);
    b = await instance(schema);
    partnerToken = (await createToken(a.db, { role: 'partner', partnerId: pid })).token;
    reviewerToken = (await createToken(a.db, { role: 'reviewer' })).token;
  });
  after(async () => {
    try { ctl('start'); } catch { /* it is running */ }
    await a?.app.close();
    await b?.app.close();
    await b?.db.close().catch(() => undefined);
    await a?.db.close().catch(() => undefined);
  });

  const call = async (base: string, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, json: await response.json().catch(() => undefined) as any };
  };

  /** Draft → submit → approve on `on`; undefined (to retry) while the store is not back. */
  async function publish(on: Instance, navBackground: string): Promise<true | undefined> {
    const draft = await call(on.base, 'GET', `/v1/partners/${pid}/draft`, partnerToken);
    if (draft.status !== 200) return undefined;
    const saved = await call(on.base, 'PUT', `/v1/partners/${pid}/draft`, partnerToken, { ...documentFor(pid), brand: { ...documentFor(pid).brand, navBackground } }, { 'if-match': draft.headers.get('etag')! });
    if (saved.status !== 200) return undefined;
    const submitted = await call(on.base, 'POST', `/v1/partners/${pid}/submissions`, partnerToken);
    if (submitted.status !== 201) return undefined;
    const approved = await call(on.base, 'POST', `/v1/review/submissions/${submitted.json.id}/approve`, reviewerToken);
    assert.equal(approved.status, 200, JSON.stringify(approved.json));
    return true;
  }

  const served = async (on: Instance) => (await call(on.base, 'GET', `/v1/partners/${pid}/customization`)).json?.brand?.navBackground;

  it('answers 503 with Retry-After while the server is down, and hears approvals again once it is back', async () => {
    // b hears the approval by NOTIFY, which may arrive after b has read the new version: wait for it,
    // or it drops its copy while the store is down (as it should) and the landing below misses.
    const heard = new Promise<void>((resolve) => {
      const invalidate = b.app.publicCache.invalidate.bind(b.app.publicCache);
      b.app.publicCache.invalidate = (partnerId) => { invalidate(partnerId); if (partnerId === pid) resolve(); };
    });
    await publish(a, '#0B3D91');
    await Promise.race([heard, new Promise((_, reject) => setTimeout(() => reject(new Error('b did not hear the approval on a within 10 s')), 10_000).unref())]);
    assert.equal(await served(b), '#0B3D91', 'b caches the first version');

    ctl('stop');
    try {
      // What needs the store answers 503 with Retry-After, never 500.
      for (const [on, method, path, token] of [[a, 'GET', `/v1/partners/${pid}/draft`, partnerToken], [a, 'GET', '/healthz'], [b, 'GET', '/v1/review/queue', reviewerToken], [a, 'GET', '/v1/partners/nobody-here/customization']] as const) {
        const answer = await call(on.base, method, path, token);
        assert.equal(answer.status, 503, `${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
        assert.equal(answer.json.code, 'store_unavailable');
        assert.match(answer.headers.get('retry-after') ?? '', /^\d+$/);
      }
      // Landings go on: b still serves the copy it has in memory.
      assert.equal(await served(b), '#0B3D91');
    } finally {
      ctl('start');
    }

    // Both instances log the outage and listen again.
    await eventually('both instances to listen again', async () => (a.logs.some((l) => /notification connection is back/.test(l)) && b.logs.some((l) => /notification connection is back/.test(l)) ? true : undefined));
    assert.ok(b.logs.some((l) => /Lost the store's notification connection/.test(l)), b.logs.join('\n'));

    // An approval on a is served by b (first through the dropped cache, then by NOTIFY).
    await eventually('an approval on a after the restart', () => publish(a, '#7A1F1F'));
    await eventually('b to serve the approval made on a', async () => ((await served(b)) === '#7A1F1F' ? true : undefined), 10);
    await publish(a, '#1F5F3A');
    await eventually('b to hear the next approval on a', async () => ((await served(b)) === '#1F5F3A' ? true : undefined), 5);
    // And the other way round.
    await publish(b, '#3A1F5F');
    await eventually('a to hear an approval on b', async () => ((await served(a)) === '#3A1F5F' ? true : undefined), 5);
  });
});
