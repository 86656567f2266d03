/**
 * The hot path: GET /v1/partners/:pid/customization at 64 connections, against nginx serving
 * the same JSON as a static file in the same run (target: ≥ 50 % of its requests per second,
 * p99 ≤ 10 ms, flat from 100 to 100,000 partners). One Node process against one nginx
 * worker; wrk, on loopback, picks a random partner per request. Needs nginx and wrk
 * (Debian: apt-get install nginx wrk).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../server/store/database.ts';
import { migrate } from '../server/store/migrate.ts';
import { report } from './measure.ts';

const CLI = fileURLToPath(new URL('../server/bin/cobrand.js', import.meta.url));
const EXAMPLE = readFileSync(new URL('../schema/examples/acme-cloud.json', import.meta.url), 'utf8');
const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

interface Load { rps: number; p99ms: number; errors: number; requests: number; coldRps?: number }

export async function run(): Promise<void> {
  const missing = ['nginx', 'wrk'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length) {
    report('public-read: skipped', { reason: `needs ${missing.join(' and ')} (Debian: apt-get install nginx wrk)` });
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'cobrand-bench-'));
  try {
    const nginx = await measureNginx(work);
    const small = await measureService(work, 100);
    const large = await measureService(work, 100_000);
    report(`public-read: GET /v1/partners/:pid/customization, ${CONNECTIONS} connections, ${SECONDS} s each`, {
      'nginx, static file (req/s)': nginx.rps.toFixed(0),
      'nginx p99 (ms)': nginx.p99ms.toFixed(2),
      'service, 100 partners (req/s)': small.rps.toFixed(0),
      'service, 100 partners p99 (ms)': small.p99ms.toFixed(2),
      'service, 100,000 partners (req/s)': large.rps.toFixed(0),
      'service, 100,000 partners p99 (ms)': large.p99ms.toFixed(2),
      'first reads, 100,000 partners (req/s)': large.coldRps!.toFixed(0),
      'ratio service / nginx (100)': (small.rps / nginx.rps).toFixed(2),
      'ratio service / nginx (100,000)': (large.rps / nginx.rps).toFixed(2),
      'ratio 100,000 / 100 partners': (large.rps / small.rps).toFixed(2),
      'errors (non-2xx, socket)': nginx.errors + small.errors + large.errors,
      'target ≥ 0.50 of nginx, p99 ≤ 10 ms': large.rps / nginx.rps >= 0.5 && Math.max(small.p99ms, large.p99ms) <= 10 ? 'met' : 'MISSED',
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measureService(work: string, partners: number): Promise<Load> {
  const dataDir = join(work, `data-${partners}`);
  await seed(dataDir, partners);
  const port = await freePort();
  const server = spawn(process.execPath, [CLI, 'serve'], {
    env: { ...process.env, COBRAND_DATA: dataDir, DATABASE_URL: '', PORT: String(port), COBRAND_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stderr!.on('data', (chunk: Buffer) => { if (chunk.toString().includes('serving on')) resolve(); });
      server.on('exit', (code) => reject(new Error(`cobrand serve exited ${code}`)));
    });
    const script = join(work, `random-${partners}.lua`);
    writeFileSync(script, `math.randomseed(42)\nrequest = function()\n  return wrk.format("GET", "/v1/partners/bench-" .. math.random(1, ${partners}) .. "/customization")\nend\n`);
    const base = `http://127.0.0.1:${port}`;
    // Warm-up: every partner read once, in order, however long the first reads take, so
    // that the measurement sees the steady state (cold reads are timed here too).
    const warm = join(work, `warm-${partners}.lua`);
    let read = 0;
    let coldSeconds = 0;
    while (read < partners) {
      writeFileSync(warm, `local i = ${read}\nrequest = function()\n  i = i % ${partners} + 1\n  return wrk.format("GET", "/v1/partners/bench-" .. i .. "/customization")\nend\n`);
      const pass = wrk(base, warm, 5);
      read += pass.requests;
      coldSeconds += 5;
    }
    return { ...wrk(base, script, SECONDS), coldRps: read / coldSeconds };
  } finally {
    await stop(server);
  }
}

async function measureNginx(work: string): Promise<Load> {
  const root = join(work, 'nginx');
  mkdirSync(join(root, 'v1/partners/bench-1'), { recursive: true });
  writeFileSync(join(root, 'v1/partners/bench-1/customization'), JSON.stringify(JSON.parse(EXAMPLE)));
  const port = await freePort();
  const config = join(work, 'nginx.conf');
  writeFileSync(config, `worker_processes 1; daemon off; pid ${join(work, 'nginx.pid')}; error_log ${join(work, 'nginx-error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off; etag on; default_type application/json;
  client_body_temp_path ${work}; proxy_temp_path ${work}; fastcgi_temp_path ${work}; uwsgi_temp_path ${work}; scgi_temp_path ${work};
  server { listen 127.0.0.1:${port}; root ${root};
    location / { add_header Access-Control-Allow-Origin *; add_header Cache-Control "public, max-age=30"; } }
}`);
  const nginx = spawn('nginx', ['-c', config, '-p', work], { stdio: 'ignore' });
  try {
    await waitForPort(port);
    const script = join(work, 'static.lua');
    writeFileSync(script, 'request = function()\n  return wrk.format("GET", "/v1/partners/bench-1/customization")\nend\n');
    wrk(`http://127.0.0.1:${port}`, script, 3);
    return wrk(`http://127.0.0.1:${port}`, script, SECONDS);
  } finally {
    await stop(nginx);
  }
}

/** N partners, each with an approved, live copy of the example document. */
async function seed(dataDir: string, partners: number): Promise<void> {
  const db = await openDatabase({ dataDir });
  try {
    await migrate(db);
    await db.query(`INSERT INTO submissions (id, partner_id, document, draft_revision, status, submitted_by, due_at, decided_at, decided_by)
      SELECT md5('s' || i)::uuid, 'bench-' || i, '{}'::jsonb, 1, 'approved', 'bench', now(), now(), 'bench' FROM generate_series(1, $1::int) AS i`, [partners]);
    await db.query(`INSERT INTO versions (id, partner_id, submission_id, document, approved_by)
      SELECT md5('v' || i)::uuid, 'bench-' || i, md5('s' || i)::uuid, jsonb_set($2::jsonb, '{partnerId}', to_jsonb('bench-' || i)), 'bench'
      FROM generate_series(1, $1::int) AS i`, [partners, EXAMPLE]);
    await db.query(`INSERT INTO live (partner_id, version_id) SELECT 'bench-' || i, md5('v' || i)::uuid FROM generate_series(1, $1::int) AS i`, [partners]);
  } finally {
    await db.close();
  }
}

function wrk(base: string, script: string, seconds: number): Load {
  const result = spawnSync('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', '-s', script, base], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`wrk failed: ${result.stderr}`);
  const out = result.stdout;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const [, value, unit] = /99%\s+([\d.]+)(us|ms|s)/.exec(out) ?? [];
  const p99ms = Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
  const errors = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0)
    + [...out.matchAll(/(connect|read|write|timeout) (\d+)/g)].reduce((sum, match) => sum + Number(match[2]), 0);
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  return { rps, p99ms, errors, requests };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`nothing listens on ${port}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
