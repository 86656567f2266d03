/**
 * Public reads while one partner writes (issue 13, item 6): the latency of
 * GET /v1/partners/:pid/customization (100 live partners, all in memory) measured by a few
 * steady readers, first alone, then while one partner saves its draft over 64 connections,
 * then while it uploads 500 KB PNG images over 8, then 400 KB SVG images over 8. Target: p99 ≤ 20 ms under either load.
 * Runs the real `cobrand serve` on embedded PGlite (in a worker thread, and, for
 * comparison, with the store and image reading in the main thread: COBRAND_PGLITE_WORKER=0,
 * COBRAND_IMAGE_WORKER=0), and on the PostgreSQL
 * server in BENCH_DATABASE_URL or TEST_DATABASE_URL when one is set (in a schema of its
 * own, dropped afterwards). Loopback only; BENCH_SECONDS (default 5) per phase.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import pg from 'pg';
import { openDatabase, type Database } from '../server/store/database.ts';
import { migrate } from '../server/store/migrate.ts';
import { report } from './measure.ts';

const CLI = fileURLToPath(new URL('../server/bin/cobrand.js', import.meta.url));
const EXAMPLE = readFileSync(new URL('../schema/examples/acme-cloud.json', import.meta.url), 'utf8');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PARTNERS = 100;
const READERS = 4;
const WRITER_CONNECTIONS = 64;
const UPLOAD_CONNECTIONS = 8;
const TARGET_P99_MS = 20;

interface Store { name: string; env: NodeJS.ProcessEnv; seed: (db: Database) => Promise<void>; open: () => Promise<Database>; cleanup: () => Promise<void> }

export async function run(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'cobrand-write-load-'));
  const stores: Store[] = [];
  for (const [name, worker] of [['PGlite and images in worker threads', '1'], ['PGlite and images in the main thread, as before', '0']] as const) {
    const dataDir = join(work, `data-${worker}`);
    stores.push({ name, env: { COBRAND_DATA: dataDir, DATABASE_URL: '', COBRAND_PGLITE_WORKER: worker, COBRAND_IMAGE_WORKER: worker }, open: () => openDatabase({ dataDir }), seed, cleanup: async () => undefined });
  }
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const url = new URL(serverUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    stores.push({
      name: 'PostgreSQL server', env: { DATABASE_URL: url.toString() }, seed,
      open: () => openDatabase({ databaseUrl: serverUrl, schema }),
      cleanup: async () => {
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.end());
      },
    });
  }
  try {
    for (const store of stores) {
      try {
        await measure(store);
      } finally {
        await store.cleanup();
      }
    }
    if (!serverUrl) report('write-load: PostgreSQL server', { skipped: 'set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL database' });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function seed(db: Database): Promise<void> {
  await migrate(db);
  await db.query(`INSERT INTO submissions (id, partner_id, document, draft_revision, status, submitted_by, due_at, decided_at, decided_by)
    SELECT md5('s' || i)::uuid, 'bench-' || i, '{}'::jsonb, 1, 'approved', 'bench', now(), now(), 'bench' FROM generate_series(1, $1::int) AS i`, [PARTNERS]);
  await db.query(`INSERT INTO versions (id, partner_id, submission_id, document, approved_by)
    SELECT md5('v' || i)::uuid, 'bench-' || i, md5('s' || i)::uuid, jsonb_set($2::jsonb, '{partnerId}', to_jsonb('bench-' || i)), 'bench'
    FROM generate_series(1, $1::int) AS i`, [PARTNERS, EXAMPLE]);
  await db.query(`INSERT INTO live (partner_id, version_id) SELECT 'bench-' || i, md5('v' || i)::uuid FROM generate_series(1, $1::int) AS i`, [PARTNERS]);
}

async function measure(store: Store): Promise<void> {
  const { createToken } = await import('../server/tokens.ts');
  const db = await store.open();
  let token: string;
  try {
    await store.seed(db);
    token = (await createToken(db, { role: 'partner', partnerId: 'writer' })).token;
  } finally {
    await db.close();
  }
  const server = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, ...store.env, PORT: '0', HOST: '127.0.0.1', COBRAND_LOG_LEVEL: 'error', COBRAND_WRITES_PER_MINUTE: '0', COBRAND_ASSET_QUOTA_COUNT: '0', COBRAND_ASSET_QUOTA_MB: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const base = await new Promise<URL>((resolve, reject) => {
      let stderr = '';
      server.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk;
        const match = /serving on (http:\/\/\S+)/.exec(stderr);
        if (match) resolve(new URL(match[1]!));
      });
      server.once('exit', (code) => reject(new Error(`cobrand serve exited ${code}: ${stderr}`)));
    });
    const draft = JSON.stringify({ ...JSON.parse(EXAMPLE), partnerId: 'writer' });
    // Warm the public copies.
    const agent = new Agent({ keepAlive: true, maxSockets: 128 });
    for (let i = 1; i <= PARTNERS; i++) await call(agent, base, 'GET', `/v1/partners/bench-${i}/customization`);

    const phases: Record<string, string | number> = {};
    const phase = async (label: string, writer?: WriterSpec, connections = 0) => {
      const stop = Date.now() + SECONDS * 1000;
      const latencies: number[] = [];
      let writerRequests = 0;
      const readers = Array.from({ length: READERS }, async () => {
        while (Date.now() < stop) {
          const start = process.hrtime.bigint();
          const status = await call(agent, base, 'GET', `/v1/partners/bench-${1 + Math.floor(Math.random() * PARTNERS)}/customization`);
          if (status !== 200) throw new Error(`public read answered ${status}`);
          latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
      });
      // The writers run in a thread of their own, so that their answers do not delay the readers' here.
      const writers = writer ? [runWriters(writer, connections, stop).then((count) => { writerRequests = count; })] : [];
      await Promise.all([...readers, ...writers]);
      latencies.sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
      phases[`${label}: reads`] = latencies.length;
      phases[`${label}: p50 / p99 / max (ms)`] = `${at(0.5).toFixed(2)} / ${at(0.99).toFixed(2)} / ${latencies.at(-1)!.toFixed(1)}`;
      if (writer) phases[`${label}: writer requests/s`] = (writerRequests / SECONDS).toFixed(0);
      return at(0.99);
    };

    await phase('alone');
    const saves = await phase(`draft saves x${WRITER_CONNECTIONS}`, { kind: 'draft', base: base.toString(), token, body: draft }, WRITER_CONNECTIONS);
    const uploads = await phase(`500 KB uploads x${UPLOAD_CONNECTIONS}`, { kind: 'upload', base: base.toString(), token }, UPLOAD_CONNECTIONS);
    const svgs = await phase(`400 KB SVG uploads x${UPLOAD_CONNECTIONS}`, { kind: 'svg', base: base.toString(), token }, UPLOAD_CONNECTIONS);
    phases[`target p99 ≤ ${TARGET_P99_MS} ms under load`] = Math.max(saves, uploads, svgs) <= TARGET_P99_MS ? 'met' : 'MISSED';
    agent.destroy();
    report(`write-load (${store.name}): public-read latency, ${READERS} readers, ${SECONDS} s a phase`, phases);
  } finally {
    await stop(server);
  }
}

interface WriterSpec { kind: 'draft' | 'upload' | 'svg'; base: string; token: string; body?: string }

/** `connections` writers in a worker thread until `stop`; resolves to the number of requests they made. */
function runWriters(spec: WriterSpec, connections: number, stop: number): Promise<number> {
  // Plain JavaScript (a worker gets no TypeScript loader): the functions below, as source.
  const source = `const __name = (f) => f; // esbuild's keepNames helper, which the sources below call
    const { Agent, request } = require('node:http');
    const { randomBytes } = require('node:crypto');
    const { crc32, deflateSync } = require('node:zlib');
    const { parentPort, workerData } = require('node:worker_threads');
    let revision = 0;
    const call = ${call.toString()};
    const bigPng = ${bigPng.toString()};
    const bigSvg = ${bigSvg.toString()};
    (${writers.toString()})(workerData).then((count) => parentPort.postMessage(count));`;
  const worker = new Worker(source, { eval: true, workerData: { spec, connections, stop } });
  return new Promise((resolve, reject) => {
    worker.once('message', (count: number) => resolve(count));
    worker.once('error', reject);
  });
}

async function writers({ spec, connections, stop }: { spec: WriterSpec; connections: number; stop: number }): Promise<number> {
  const base = new URL(spec.base);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const image = bigPng();
  let count = 0;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < stop) {
      const status = spec.kind === 'draft'
        ? await call(agent, base, 'PUT', '/v1/partners/writer/draft', Buffer.from(spec.body!), { authorization: `Bearer ${spec.token}`, 'content-type': 'application/json', 'if-match': `"${revision}"` })
        : spec.kind === 'svg'
          ? await call(agent, base, 'POST', '/v1/partners/writer/assets', bigSvg(), { authorization: `Bearer ${spec.token}`, 'content-type': 'image/svg+xml' })
          : await call(agent, base, 'POST', '/v1/partners/writer/assets', image(), { authorization: `Bearer ${spec.token}`, 'content-type': 'image/png' });
      if (spec.kind === 'draft' ? status !== 200 && status !== 412 : status !== 201) throw new Error(`${spec.kind} answered ${status}`);
      count++;
    }
  }));
  agent.destroy();
  return count;
}

let revision = 0;

function call(agent: Agent, base: URL, method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: base.hostname, port: base.port, method, path, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      res.resume();
      if (method === 'PUT' && res.statusCode === 200) revision = Math.max(revision, Number(String(res.headers.etag).replaceAll('"', '')));
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A different SVG of about 400 KB each call: 4,000 paths (what the allow-list parses and writes out again). */
function bigSvg(): Buffer {
  const seed = Math.floor(Math.random() * 1e9);
  const paths = Array.from({ length: 4000 }, (_, i) => `<path d="M${i} 0 L${i} 10 C 1 2 3 4 5 ${seed % 97} Z" fill="#${(i % 4096).toString(16).padStart(3, '0')}" stroke-width="1.5" transform="translate(${i} 1)"/>`).join('');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="240" height="56" viewBox="0 0 240 56"><g id="s${seed}">${paths}</g></svg>`);
}

/** A different 500 KB PNG each call: noise pixels in a 600×300 RGBA image, stored (deflate level 0). */
function bigPng(): () => Buffer {
  const width = 600;
  const height = 210;
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return () => {
    const raw = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), randomBytes(width * 4)])));
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

