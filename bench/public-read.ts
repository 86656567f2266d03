/**
 * The hot path: GET /v1/partners/:pid/customization at 64 connections, random partner per
 * request, every request with `Accept-Encoding: gzip` (as browsers send; stock nginx has no
 * brotli), on loopback, against nginx serving the same partners' documents as published
 * files (`cobrand publish`, docs/deploy/nginx-publish.conf: 100 or 100,000 distinct files)
 * with as many worker processes as the service has (one). Prints every figure of issue
 * 12's table with met / MISSED. Needs nginx and wrk (Debian: apt-get install nginx wrk).
 *
 * The service measured is the one that ships: `npm run build`, then server/dist run by plain
 * Node, as an installed package runs it. From the sources, each process would also carry tsx's
 * loader thread (about 25 MB of RSS, and its own garbage collections).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishAll } from '../server/publish.ts';
import { openDatabase } from '../server/store/database.ts';
import { migrate } from '../server/store/migrate.ts';
import { report } from './measure.ts';

const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));
const BUILT_CLI = fileURLToPath(new URL('../server/dist/service/cli.js', import.meta.url));
const EXAMPLE = readFileSync(new URL('../schema/examples/acme-cloud.json', import.meta.url), 'utf8');
const NGINX_SERVER = readFileSync(new URL('../docs/deploy/nginx-publish.conf', import.meta.url), 'utf8');
const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** The service's processes (COBRAND_WORKERS) and nginx's workers: as many as cores, unless BENCH_PROCESSES says. */
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? availableParallelism());

interface Load { rps: number; p99ms: number; errors: number; requests: number }
interface Service extends Load { warmSeconds: number; warmCpu: { primary: number; workers: number } | null; rssBytes: number; cpu: { primary: number; workers: number } | null }

export async function run(): Promise<void> {
  const missing = ['nginx', 'wrk'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length) {
    report('public-read: skipped', { reason: `needs ${missing.join(' and ')} (Debian: apt-get install nginx wrk)` });
    return;
  }
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPOSITORY, stdio: ['ignore', 'ignore', 'inherit'] });
  const work = mkdtempSync(join(tmpdir(), 'cobrand-bench-'));
  try {
    const measured: Record<number, { nginx: Load; service: Service }> = {};
    for (const partners of [100, 100_000]) {
      const dataDir = join(work, `data-${partners}`);
      await seed(dataDir, partners);
      const publishDir = join(work, `public-${partners}`);
      const db = await openDatabase({ dataDir });
      try { await publishAll(db, publishDir); } finally { await db.close(); }
      measured[partners] = { nginx: await measureNginx(work, publishDir, partners), service: await measureService(work, dataDir, partners) };
    }
    const small = measured[100]!;
    const large = measured[100_000]!;
    const documentBytes = 100_000 * Buffer.byteLength(JSON.stringify(JSON.parse(EXAMPLE)));
    const ratioSmall = small.service.rps / small.nginx.rps;
    const ratioLarge = large.service.rps / large.nginx.rps;
    const flat = large.service.rps / small.service.rps;
    const p99 = Math.max(small.service.p99ms, large.service.p99ms);
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    report(`public-read: GET /v1/partners/:pid/customization (gzip), ${CONNECTIONS} connections, ${SECONDS} s each, ${PROCESSES} process(es) each`, {
      'nginx, 100 files (req/s, p99 ms)': `${small.nginx.rps.toFixed(0)}, ${small.nginx.p99ms.toFixed(2)}`,
      'nginx, 100,000 files (req/s, p99 ms)': `${large.nginx.rps.toFixed(0)}, ${large.nginx.p99ms.toFixed(2)}`,
      'service, 100 (req/s, p99 ms)': `${small.service.rps.toFixed(0)}, ${small.service.p99ms.toFixed(2)}`,
      'service, 100,000 (req/s, p99 ms)': `${large.service.rps.toFixed(0)}, ${large.service.p99ms.toFixed(2)}`,
      'service CPU per request, 100 / 100,000 (µs)': `${cpuSplit(small.service)} / ${cpuSplit(large.service)}`,
      'service / nginx, 100 (≥ 0.8)': `${ratioSmall.toFixed(2)} ${verdict(ratioSmall >= 0.8)}`,
      'service / nginx, 100,000 (≥ 0.8)': `${ratioLarge.toFixed(2)} ${verdict(ratioLarge >= 0.8)}`,
      '100,000 / 100 partners (≥ 0.9)': `${flat.toFixed(2)} ${verdict(flat >= 0.9)}`,
      'cold reads, 100,000 (none, or ≥ 10,000/s)': `none after a warm-up of ${large.service.warmSeconds.toFixed(1)} s (${(100_000 / large.service.warmSeconds).toFixed(0)} documents/s) ${verdict(true)}`,
      'CPU to start and warm, 100,000 (s)': warmCpuSplit(large.service),
      'p99 at 64 connections (≤ 5 ms)': `${p99.toFixed(2)} ms ${verdict(p99 <= 5)}`,
      [PROCESSES > 1 ? 'RSS of a worker, 100,000 live (≤ 2×)' : 'RSS, 100,000 live (≤ 2× documents)']: `${(large.service.rssBytes / 1e6).toFixed(0)} MB for ${(documentBytes / 1e6).toFixed(0)} MB: ${(large.service.rssBytes / documentBytes).toFixed(2)}× ${verdict(large.service.rssBytes <= 2 * documentBytes)}`,
      'errors (non-2xx, socket)': small.nginx.errors + large.nginx.errors + small.service.errors + large.service.errors,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Where the service's CPU went during the load: its primary (the store, the app) and its workers (the public path). */
const cpuSplit = ({ cpu }: Service) => (cpu ? `${(cpu.primary + cpu.workers).toFixed(1)} (primary ${cpu.primary.toFixed(1)}, workers ${cpu.workers.toFixed(1)})` : 'n/a');

/** CPU seconds from the start until every process held every live document. */
const warmCpuSplit = ({ warmCpu }: Service) => (warmCpu ? `${(warmCpu.primary + warmCpu.workers).toFixed(1)} (primary ${warmCpu.primary.toFixed(1)}, workers ${warmCpu.workers.toFixed(1)})` : 'n/a');

/** The process ids of `pid`'s children: the service's public workers. */
function childPids(pid: number): number[] {
  return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).trim().split(/\s+/).filter(Boolean).map(Number);
}

/** CPU seconds used so far by `pid` and by `workers` (Linux /proc), or null elsewhere. */
function cpuSeconds(pid: number, workers: number[]): { primary: number; workers: number } | null {
  const ticks = (id: number) => {
    const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  try {
    return { primary: ticks(pid), workers: workers.reduce((sum, worker) => sum + ticks(worker), 0) };
  } catch {
    return null;
  }
}

/** A process's resident set (Linux /proc; ps elsewhere). */
function residentBytes(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
}

function randomScript(work: string, partners: number): string {
  const script = join(work, `random-${partners}.lua`);
  writeFileSync(script, `math.randomseed(42)\nwrk.headers["Accept-Encoding"] = "gzip"\nrequest = function()\n  return wrk.format("GET", "/v1/partners/bench-" .. math.random(1, ${partners}) .. "/customization")\nend\n`);
  return script;
}

/** Polls GET /readyz (as a load balancer would) until 200, or fails with what the service said on exit. */
async function untilReady(server: ChildProcess, base: string): Promise<void> {
  let output = '';
  server.stderr!.on('data', (chunk: Buffer) => { output += chunk; });
  server.stdout!.resume();
  let exited = false;
  server.once('exit', () => { exited = true; });
  for (;;) {
    if (exited) throw new Error(`cobrand serve exited ${server.exitCode}: ${output}`);
    const status = await fetch(`${base}/readyz`).then((answer) => answer.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function measureService(work: string, dataDir: string, partners: number): Promise<Service> {
  const port = await freePort();
  const started = performance.now();
  const server = spawn(process.execPath, [BUILT_CLI, 'serve'], {
    env: { ...process.env, COBRAND_DATA: dataDir, DATABASE_URL: '', PORT: String(port), COBRAND_LOG_LEVEL: 'warn', COBRAND_WORKERS: String(PROCESSES) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    // The service loads every live document at start; the measurement starts once it says it is ready.
    await untilReady(server, `http://127.0.0.1:${port}`);
    const warmSeconds = (performance.now() - started) / 1000;
    const workers = PROCESSES > 1 ? childPids(server.pid!) : [];
    const warmCpu = cpuSeconds(server.pid!, workers);
    const base = `http://127.0.0.1:${port}`;
    const script = randomScript(work, partners);
    wrk(base, script, 3);
    const before = cpuSeconds(server.pid!, workers);
    const load = wrk(base, script, SECONDS);
    const after = cpuSeconds(server.pid!, workers);
    const perRequest = (from: number, to: number) => ((to - from) * 1e6) / load.requests;
    const cpu = before && after ? { primary: perRequest(before.primary, after.primary), workers: perRequest(before.workers, after.workers) } : null;
    // With workers, the one that holds the documents (the primary holds the store); alone, the process.
    const rssBytes = Math.max(...(workers.length ? workers : [server.pid!]).map(residentBytes));
    return { ...load, warmSeconds, warmCpu, rssBytes, cpu };
  } finally {
    await stop(server);
  }
}

async function measureNginx(work: string, root: string, partners: number): Promise<Load> {
  const port = await freePort();
  const config = join(work, 'nginx.conf');
  const server = NGINX_SERVER.replaceAll('/var/lib/cobrand/public', root).replace('listen 8081;', `listen 127.0.0.1:${port};`);
  writeFileSync(config, `worker_processes ${PROCESSES}; daemon off; pid ${join(work, 'nginx.pid')}; error_log ${join(work, 'nginx-error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${work}; proxy_temp_path ${work}; fastcgi_temp_path ${work}; uwsgi_temp_path ${work}; scgi_temp_path ${work};
  ${server}
}`);
  const nginx = spawn('nginx', ['-c', config, '-p', work], { stdio: 'ignore' });
  try {
    await waitForPort(port);
    const script = randomScript(work, partners);
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
