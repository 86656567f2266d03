/**
 * The worst bodies a partner can send (issue 13): each is under the body limit and within
 * the structural limits, built to make validation as slow as possible (thousands of
 * errors, long texts on every pattern, long links). Reports the slowest body's validation
 * time, first call (after ordinary documents) and warm (target ≤ 100 ms), against the complete example in the same
 * run; then the latency of a public read sent while that body is being PUT to a service
 * on the embedded store (target ≤ 50 ms), against the same read with nothing else going on;
 * with BENCH_DATABASE_URL, on that PostgreSQL server too (in a schema of its own, dropped
 * after). The client runs in a worker thread, so its clock does not wait for the service's.
 * Last, what bar.html costs a client that sends a new Host header each time.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { InjectOptions } from 'fastify';
import { LIMITS } from '../schema/limits.ts';
import { validateCustomization } from '../schema/validate.ts';
import { MAX_DOCUMENT_BYTES } from '../schema/errors.ts';
import { buildApp } from '../server/app.ts';
import { openDatabase } from '../server/store/database.ts';
import { migrate } from '../server/store/migrate.ts';
import { createToken } from '../server/tokens.ts';
import { report } from './measure.ts';

const VALIDATION_TARGET_MS = 100;
const READ_TARGET_MS = 50;
const ROUNDS = 15;
const BAR_REQUESTS = 300;
/** A client that varies the Host header costs the service no more than one that asks for partners no one has, give or take. */
const BAR_HOST_TARGET_RATIO = 3;
const PARTNER = 'worst-case';

const example = (): Record<string, unknown> => JSON.parse(readFileSync(new URL('../schema/examples/acme-cloud.json', import.meta.url), 'utf8'));
const wrong = { schemaVersion: 2, partnerId: PARTNER };
const badEntry = (i: number) => ({ id: `E${i}`, label: { 'zh-CN': '', 'en-US': 'x'.repeat(30) }, href: 'javascript:x', target: '_top' });
const many = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));
const locales = (count: number, text: string) => Object.fromEntries(many(count, (j) => [`L${j}`, text]));

/** Bodies that stay within every structural limit, each aimed at a different cost. */
export function worstBodies(): Record<string, unknown> {
  const perList = Math.min(LIMITS.listLength, 100);
  return {
    'labels: many bad locales with bidi text': { ...wrong, promotionMenu: many(perList, () => ({ id: 'a', label: locales(Math.floor(LIMITS.values / perList) - 5, '\u202E' + 'x'.repeat(30)) })) },
    'entries: every field wrong': { ...wrong, promotionMenu: many(perList, (i) => ({ ...badEntry(i), children: many(5, badEntry) })) },
    'objects: unknown fields': { ...wrong, promotionMenu: many(Math.floor(LIMITS.values / LIMITS.fields) - 1, () => Object.fromEntries(many(LIMITS.fields - 1, (j) => [`f${j}`, j]))) },
    'texts: longest, ending in a control': { ...wrong, promotionMenu: many(29, () => ({ id: 'a', label: { 'zh-CN': `${'a'.repeat(LIMITS.textLength - 1)}\u0001`, 'en-US': `${'a'.repeat(LIMITS.textLength - 1)}\u0001` } })) },
    'links: long, with entities to decode': { ...wrong, promotionMenu: many(perList, () => ({ id: 'a', label: { 'zh-CN': 'a', 'en-US': 'a' }, href: '&#x25;'.repeat(340) })) },
    'cloud menu: duplicate and mandatory hidden ids': { ...wrong, cloudMenu: { info: { hidden: many(perList, (i) => `x${i % 50}`), custom: many(perList, badEntry) }, resource: { hidden: many(perList, () => 'sign-out') }, account: { hidden: many(perList, () => 'sign-out') }, custom: many(perList, badEntry) } },
  };
}

function timeOnce(doc: unknown): number {
  const start = performance.now();
  validateCustomization(doc, { partnerId: PARTNER });
  return performance.now() - start;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(): Promise<void> {
  const bodies = worstBodies();
  // "First call" means the first of this body in a validator that has already served ordinary documents, as in a running service.
  for (let i = 0; i < 200; i++) timeOnce(example());
  const measured = Object.entries(bodies).map(([name, doc]) => {
    const bytes = Buffer.byteLength(JSON.stringify(doc));
    if (bytes > MAX_DOCUMENT_BYTES) throw new Error(`${name}: ${bytes} bytes is over the body limit`);
    const first = timeOnce(doc);
    const warm = median(many(ROUNDS, () => timeOnce(doc)));
    return { name, doc, bytes, first, warm, errors: validateCustomization(doc).errors.length };
  });
  const worst = measured.reduce((a, b) => (b.warm > a.warm ? b : a));
  const exampleMs = median(many(ROUNDS, () => timeOnce(example())));
  const worstFirst = Math.max(...measured.map((m) => m.first));
  report('worst-case: validation of the slowest body within the limits', {
    ...Object.fromEntries(measured.map((m) => [`${m.name.slice(0, 28)} (ms)`, `${m.warm.toFixed(1)} warm, ${m.first.toFixed(1)} first, ${(m.bytes / 1024).toFixed(0)} KB`])),
    'slowest body': worst.name,
    'slowest, warm (ms)': worst.warm.toFixed(1),
    'slowest first call (ms)': worstFirst.toFixed(1),
    'baseline: complete example (ms)': exampleMs.toFixed(3),
    'errors reported (capped)': worst.errors,
    [`target ≤ ${VALIDATION_TARGET_MS} ms`]: Math.max(worst.warm, worstFirst) <= VALIDATION_TARGET_MS ? 'met' : 'MISSED',
  });

  const stores: Array<[string, string | undefined]> = [['embedded PGlite', undefined]];
  if (process.env.BENCH_DATABASE_URL) stores.push(['PostgreSQL', process.env.BENCH_DATABASE_URL]);
  for (const [store, databaseUrl] of stores) {
    const reads = await concurrentReads(worst.doc, databaseUrl);
    report(`worst-case: public read while the slowest body is PUT (${store})`, {
      'public read alone, median (ms)': reads.alone.toFixed(2),
      'during the PUT, median (ms)': reads.during.toFixed(2),
      'during the PUT, max (ms)': reads.duringMax.toFixed(2),
      'the PUT itself, median (ms)': reads.put.toFixed(2),
      [`target ≤ ${READ_TARGET_MS} ms (median; max)`]: `${reads.during <= READ_TARGET_MS ? 'met' : 'MISSED'}; ${reads.duringMax <= READ_TARGET_MS ? 'met' : 'MISSED'}`,
    });
  }
  report('worst-case: an anonymous client varying the Host header of bar.html (no COBRAND_PUBLIC_URL), per request, in process', await barByNewHosts());
}

/**
 * What an anonymous client can make the service do per request without COBRAND_PUBLIC_URL: ask for
 * bar.html by a new Host header each time (each a new origin to compress for), against the same bar
 * asked by one Host (kept) and a read of a partner id no one has (a query of the store each time).
 */
async function barByNewHosts(): Promise<Record<string, string>> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  const app = await buildApp({ db });
  try {
    const token = (await createToken(db, { role: 'partner', partnerId: PARTNER })).token;
    const reviewer = (await createToken(db, { role: 'reviewer' })).token;
    await app.inject({ method: 'PUT', url: `/v1/partners/${PARTNER}/draft`, headers: { authorization: `Bearer ${token}`, 'if-match': '"0"' }, payload: { ...example(), partnerId: PARTNER } });
    const submitted = await app.inject({ method: 'POST', url: `/v1/partners/${PARTNER}/submissions`, headers: { authorization: `Bearer ${token}` } });
    await app.inject({ method: 'POST', url: `/v1/review/submissions/${submitted.json().id}/approve`, headers: { authorization: `Bearer ${reviewer}` } });
    const bar = `/v1/partners/${PARTNER}/bar.html?lang=zh-CN`;
    const perRequest = async (request: (i: number) => InjectOptions): Promise<number> => {
      for (let i = 0; i < 20; i++) await app.inject(request(-1 - i));
      const started = performance.now();
      for (let i = 0; i < BAR_REQUESTS; i++) {
        const answer = await app.inject(request(i));
        if (answer.statusCode >= 500 || answer.statusCode === 400) throw new Error(`${answer.statusCode} ${answer.body.slice(0, 200)}`);
      }
      return (performance.now() - started) / BAR_REQUESTS;
    };
    const accept = { 'accept-encoding': 'br, gzip' };
    const newHost = await perRequest((i) => ({ method: 'GET' as const, url: bar, headers: { ...accept, host: `h${i}.example` } }));
    const sameHost = await perRequest(() => ({ method: 'GET' as const, url: bar, headers: { ...accept, host: 'cobrand.example' } }));
    const unknownPartner = await perRequest((i) => ({ method: 'GET' as const, url: `/v1/partners/nobody-${i + 100}/customization`, headers: accept }));
    return {
      'bar.html, a new Host each request (ms)': newHost.toFixed(3),
      'bar.html, one Host (ms)': sameHost.toFixed(3),
      'baseline: a partner id no one has, each request new (ms)': unknownPartner.toFixed(3),
      'ratio new Host / unknown partner': (newHost / unknownPartner).toFixed(2),
      [`target ≤ ${BAR_HOST_TARGET_RATIO}`]: newHost / unknownPartner <= BAR_HOST_TARGET_RATIO ? 'met' : 'MISSED',
    };
  } finally {
    await app.close();
    await db.close();
  }
}

/** The worker: PUTs the body and, 2 ms later, reads the public customization; reports both times. */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, token, body } = workerData;
const read = async () => { const t = performance.now(); const r = await fetch(base + '/v1/partners/${PARTNER}/customization'); await r.arrayBuffer(); if (r.status !== 200) throw new Error('read ' + r.status); return performance.now() - t; };
(async () => {
  const alone = [], during = [], put = [];
  for (let i = 0; i < 3; i++) await read();
  for (let i = 0; i < ${ROUNDS}; i++) alone.push(await read());
  for (let i = 0; i < ${ROUNDS}; i++) {
    const etag = (await fetch(base + '/v1/partners/${PARTNER}/draft', { headers: { authorization: 'Bearer ' + token } })).headers.get('etag');
    const t = performance.now();
    const saving = fetch(base + '/v1/partners/${PARTNER}/draft', { method: 'PUT', body, headers: { authorization: 'Bearer ' + token, 'if-match': etag, 'content-type': 'application/json' } })
      .then(async (r) => { await r.arrayBuffer(); if (r.status !== 200) throw new Error('put ' + r.status); return performance.now() - t; });
    await new Promise((resolve) => setTimeout(resolve, 2));
    during.push(await read());
    put.push(await saving);
  }
  parentPort.postMessage({ alone, during, put });
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

async function concurrentReads(worst: unknown, databaseUrl?: string): Promise<{ alone: number; during: number; duringMax: number; put: number }> {
  const schema = `bench_${process.pid}`;
  const db = databaseUrl ? await openDatabase({ databaseUrl, schema }) : await openDatabase({ dataDir: 'memory://' });
  await migrate(db);
  const app = await buildApp({ db });
  try {
    const token = (await createToken(db, { role: 'partner', partnerId: PARTNER })).token;
    const reviewer = (await createToken(db, { role: 'reviewer' })).token;
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    const doc = { ...example(), partnerId: PARTNER };
    const saved = await app.inject({ method: 'PUT', url: `/v1/partners/${PARTNER}/draft`, headers: { ...auth(token), 'if-match': '"0"' }, payload: doc });
    if (saved.statusCode !== 200) throw new Error(`save: ${saved.body}`);
    const submitted = await app.inject({ method: 'POST', url: `/v1/partners/${PARTNER}/submissions`, headers: auth(token) });
    await app.inject({ method: 'POST', url: `/v1/review/submissions/${submitted.json().id}/approve`, headers: auth(reviewer) });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const body = JSON.stringify({ ...(worst as object), partnerId: PARTNER });
    const result = await new Promise<{ alone: number[]; during: number[]; put: number[]; error?: string }>((resolve, reject) => {
      const worker = new Worker(CLIENT, { eval: true, workerData: { base, token, body } });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (result.error) throw new Error(result.error);
    return { alone: median(result.alone), during: median(result.during), duringMax: Math.max(...result.during), put: median(result.put) };
  } finally {
    await app.close();
    await db.close();
    if (databaseUrl) {
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.end());
    }
  }
}
