/**
 * SIGTERM on the real `cobrand serve` process: every request it accepted is finished, a
 * request that arrives while it drains gets 503 with `Connection: close` and
 * `Retry-After`, and then it stops (exit code 0). Issue 13 saw 16 of 30 draft saves reset.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { documentFor } from './harness.ts';

const CLI = fileURLToPath(new URL('../../server/bin/cobrand.js', import.meta.url));

interface Outcome { status?: number; headers?: Record<string, string | string[] | undefined>; error?: string }

/** One request on a connection of its own; resolves with the status or the socket error, never rejects. */
function send(base: URL, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: base.hostname, port: base.port, method, path, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end(body);
  });
}

const stores: Array<[string, NodeJS.ProcessEnv]> = [['pglite', { DATABASE_URL: '' }]];
if (process.env.TEST_DATABASE_URL) stores.push(['postgres', { DATABASE_URL: process.env.TEST_DATABASE_URL }]);

for (const [store, storeEnv] of stores) {
  describe(`cobrand serve on SIGTERM (${store})`, () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let server: ChildProcess | undefined;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'cobrand-shutdown-'));
      env = { ...process.env, ...storeEnv, COBRAND_DATA: join(dir, 'data'), PORT: '0', COBRAND_LOG_LEVEL: process.env.DEBUG_LOG ? 'info' : 'warn' };
    });
    after(async () => {
      if (server && server.exitCode === null) server.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    });

    const cobrand = (...args: string[]) => new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [CLI, ...args], { env }, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout.trim())));
    });

    it('finishes the requests in flight, answers new ones 503 with Connection: close, then exits 0', async () => {
      const partner = `shut-${randomBytes(4).toString('hex')}`;
      const token = await cobrand('token', 'create', '--role', 'partner', '--partner', partner);
      server = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let logs = '';
      server.stdout!.on('data', (chunk: Buffer) => { logs += chunk; });
      const base = await new Promise<URL>((resolve, reject) => {
        server!.stderr!.on('data', (chunk: Buffer) => {
          stderr += chunk;
          const match = /serving on (http:\/\/\S+)/.exec(stderr);
          if (match) resolve(new URL(match[1]!));
        });
        server!.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
      const body = JSON.stringify(documentFor(partner));
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': '"0"' };

      // A save whose body is still arriving: accepted, in flight for as long as we like.
      const slow = connect(Number(base.port), base.hostname);
      let slowAnswer = '';
      slow.on('data', (chunk) => { slowAnswer += chunk; });
      const slowDone = new Promise<void>((resolve) => { slow.on('close', () => resolve()); slow.on('error', () => resolve()); });
      slow.write(`PUT /v1/partners/${partner}/draft HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nIf-Match: "0"\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 100)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));

      // 30 draft saves at once; SIGTERM as soon as the first is answered.
      let signalled = false;
      const saves = Array.from({ length: 30 }, () => send(base, 'PUT', `/v1/partners/${partner}/draft`, headers, body).then((outcome) => {
        if (!signalled) { signalled = true; server!.kill('SIGTERM'); }
        return outcome;
      }));
      const outcomes = await Promise.all(saves);
      assert.deepEqual(outcomes.filter((outcome) => outcome.error), [], `no save is reset: ${JSON.stringify(outcomes)}`);
      for (const outcome of outcomes) assert.ok([200, 412, 503].includes(outcome.status!), JSON.stringify(outcome));
      for (const outcome of outcomes.filter((o) => o.status === 503)) assert.equal(outcome.headers!.connection, 'close');

      // Still draining (the slow save is not done): a new request is told to go elsewhere.
      const late = await send(base, 'GET', `/v1/partners/${partner}/customization`, {});
      assert.equal(late.status, 503, JSON.stringify(late));
      assert.equal(late.headers!.connection, 'close');
      assert.match(String(late.headers!['retry-after']), /^\d+$/);

      // The slow save completes and is answered; then the process stops by itself.
      slow.write(body.slice(100));
      await slowDone;
      assert.match(slowAnswer, /^HTTP\/1\.1 (200|412) /, slowAnswer + logs);
      assert.equal(await exited, 0, stderr);
      assert.match(logs, /SIGTERM: finishing the requests in flight/);
      assert.match(logs, /SIGTERM: stopped/);
    });
  });
}
