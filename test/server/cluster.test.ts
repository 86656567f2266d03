import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { documentFor, publish, readyWithin, type Harness } from './harness.ts';

const CLI = fileURLToPath(new URL('../../server/bin/cobrand.js', import.meta.url));
const WORKERS = 3;

interface Answer { statusCode: number; headers: Record<string, string | string[] | undefined>; body: string; json(): any }

/** One request on a connection of its own: the cluster hands each new connection to the next worker in turn. */
function call(base: string, { method, url, token, headers = {}, payload }: { method: string; url: string; token?: string; headers?: Record<string, string>; payload?: object }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = payload === undefined ? undefined : JSON.stringify(payload);
    const request = httpRequest(`${base}${url}`, {
      method,
      agent: false,
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { text += chunk; });
      response.on('end', () => resolve({ statusCode: response.statusCode!, headers: response.headers, body: text, json: () => JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** `cobrand serve` with public workers; resolves once it says where it serves. */
async function startCluster(env: NodeJS.ProcessEnv): Promise<{ server: ChildProcess; base: string }> {
  const server = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const base = await new Promise<string>((resolve, reject) => {
    let output = '';
    server.stderr!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /serving on (http:\/\/\S+) \(\d+ public workers\)/.exec(output);
      if (match) resolve(match[1]!);
    });
    server.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
  });
  return { server, base };
}

async function stopCluster(server: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  assert.equal(await exited, 0, 'the primary and its workers stop on SIGTERM');
}

describe(`COBRAND_WORKERS=${WORKERS}: the public path on several processes, one store`, () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  let h: Harness;
  const pid = 'cluster-acme';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cobrand-cluster-'));
    const env = { ...process.env, COBRAND_DATA: join(dir, 'data'), DATABASE_URL: '', PORT: '0', COBRAND_LOG_LEVEL: 'warn' };
    const cobrand = (...args: string[]) => new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [CLI, ...args], { env }, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout.trim())));
    });
    const reviewer = await cobrand('token', 'create', '--role', 'reviewer');
    const partner = await cobrand('token', 'create', '--role', 'partner', '--partner', pid);
    ({ server, base } = await startCluster({ ...env, COBRAND_WORKERS: String(WORKERS) }));
    h = { reviewer, partner: async () => partner, request: ({ method, url, token, headers, payload }: any) => call(base, { method, url, token, headers, payload }) } as unknown as Harness;
  });

  after(async () => {
    await stopCluster(server);
    await rm(dir, { recursive: true, force: true });
  });

  it('is ready (GET /readyz, through any worker) once every worker has warmed its cache', async () => {
    assert.equal(await readyWithin(base, 20_000), true);
    const answers = await Promise.all(Array.from({ length: WORKERS }, () => call(base, { method: 'GET', url: '/readyz' })));
    assert.deepEqual(answers.map((answer) => answer.json().status), Array(WORKERS).fill('ready'));
  });

  it('serves an approval made through one worker from every worker at once, and writes go to the one store', async () => {
    await publish(h, pid, documentFor(pid));
    const url = `/v1/partners/${pid}/customization`;
    // Every worker reads (and keeps) the first version.
    const first = await Promise.all(Array.from({ length: WORKERS * 3 }, () => call(base, { method: 'GET', url })));
    for (const answer of first) assert.equal(answer.statusCode, 200);
    assert.equal(new Set(first.map((answer) => answer.headers.etag)).size, 1);

    await publish(h, pid, { ...documentFor(pid), brand: { navBackground: '#7A1F1F' } });
    // No waiting: each worker's copy was dropped before the approval was answered.
    const second = await Promise.all(Array.from({ length: WORKERS * 3 }, () => call(base, { method: 'GET', url })));
    for (const answer of second) {
      assert.equal(answer.statusCode, 200);
      assert.equal(answer.json().brand.navBackground, '#7A1F1F');
      assert.notEqual(answer.headers.etag, first[0]!.headers.etag);
    }
    const gzip = await call(base, { method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.match(String(gzip.headers.vary), /Accept-Encoding/);
    assert.equal((await call(base, { method: 'GET', url, headers: { 'if-none-match': second[0]!.headers.etag as string } })).statusCode, 304);
    assert.equal((await call(base, { method: 'GET', url: '/v1/partners/nobody-here/customization' })).json().code, 'not_found');
  });

  it('does not let a client choose the origin a pre-rendered bar points its loader at (X-Forwarded-Host, X-Forwarded-Proto)', async () => {
    await publish(h, pid, documentFor(pid));
    const url = `/v1/partners/${pid}/bar.html?lang=en-US`;
    // Each call is a new connection, so these go through every worker to the primary, which trusts the workers.
    const answers = await Promise.all(Array.from({ length: WORKERS }, () => call(base, {
      method: 'GET', url, headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    })));
    for (const answer of answers) {
      assert.equal(answer.statusCode, 200);
      assert.doesNotMatch(answer.body, /evil\.example/);
      assert.match(answer.body, new RegExp(`api="${base.replaceAll('.', '\\.')}"`));
    }
  });
});

describe('COBRAND_WORKERS behind a proxy (COBRAND_TRUST_PROXY=1)', () => {
  it('counts failed sign-ins by the client the proxy names, not by the proxy or the worker', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cobrand-cluster-proxy-'));
    const { server, base } = await startCluster({
      ...process.env, COBRAND_DATA: join(dir, 'data'), DATABASE_URL: '', PORT: '0', COBRAND_LOG_LEVEL: 'warn',
      COBRAND_WORKERS: '2', COBRAND_TRUST_PROXY: '1', COBRAND_AUTH_FAILURES_PER_MINUTE: '2',
    });
    try {
      // As the proxy in front would send them: X-Forwarded-For names the client.
      const guess = async (client: string) => (await call(base, { method: 'GET', url: '/v1/review/queue', token: 'cbt_nope', headers: { 'x-forwarded-for': client } })).statusCode;
      assert.deepEqual([await guess('198.51.100.1'), await guess('198.51.100.1'), await guess('198.51.100.1')], [401, 401, 429]);
      assert.equal(await guess('198.51.100.2'), 401, 'another client behind the same proxy is not locked out');
    } finally {
      await stopCluster(server);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('COBRAND_WORKERS behind proxies named by address (COBRAND_TRUST_PROXY=ADDRESS,…)', () => {
  /** bar.html as a client at 127.0.0.1 gets it, with its own X-Forwarded-Host and -Proto, from a cluster that trusts `trusted`. */
  async function barFrom(trusted: string): Promise<{ body: string; base: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'cobrand-cluster-trust-'));
    const env = { ...process.env, COBRAND_DATA: join(dir, 'data'), DATABASE_URL: '', PORT: '0', COBRAND_LOG_LEVEL: 'warn' };
    const token = (...args: string[]) => new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [CLI, 'token', 'create', ...args], { env }, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout.trim())));
    });
    // Before the cluster opens the embedded store, which one process holds at a time.
    const reviewer = await token('--role', 'reviewer');
    const partner = await token('--role', 'partner', '--partner', 'trust-acme');
    const { server, base } = await startCluster({ ...env, COBRAND_WORKERS: '2', COBRAND_TRUST_PROXY: trusted });
    try {
      const h = { reviewer, partner: async () => partner, request: ({ method, url, token, headers, payload }: any) => call(base, { method, url, token, headers, payload }) } as unknown as Harness;
      await publish(h, 'trust-acme', documentFor('trust-acme'));
      const answers = await Promise.all(Array.from({ length: 2 }, () => call(base, {
        method: 'GET', url: '/v1/partners/trust-acme/bar.html?lang=en-US', headers: { 'x-forwarded-host': 'proxied.example', 'x-forwarded-proto': 'https' },
      })));
      for (const answer of answers) assert.equal(answer.statusCode, 200);
      assert.equal(answers[0]!.body, answers[1]!.body, 'both workers alike');
      return { body: answers[0]!.body, base };
    } finally {
      await stopCluster(server);
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('takes X-Forwarded-Host and -Proto only from a trusted proxy, not from a client that reaches a worker directly', async () => {
    const direct = await barFrom('10.1.2.3');
    assert.doesNotMatch(direct.body, /proxied\.example/, 'a client that is not the trusted proxy cannot choose the origin');
    assert.match(direct.body, new RegExp(`api="${direct.base.replaceAll('.', '\\.')}"`));
    const proxied = await barFrom('127.0.0.1');
    assert.match(proxied.body, /api="https:\/\/proxied\.example"/, 'the trusted proxy names the origin');
  });
});
