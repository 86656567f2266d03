/**
 * At least once, across a crash: the real `cobrand serve` is killed (SIGKILL) while it is
 * sending a webhook, and started again. The receiver on 127.0.0.1 gets every event of the
 * transitions made before the kill, each with a valid signature, and after de-duplication by
 * event id each exactly once: none is lost, between the transition and the send or mid-send.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { documentFor } from './harness.ts';
import { startReceiver, type Receiver } from './webhook-receiver.ts';

const CLI = fileURLToPath(new URL('../../server/bin/cobrand.js', import.meta.url));

const stores: Array<[string, NodeJS.ProcessEnv]> = [['pglite', { DATABASE_URL: '' }]];
if (process.env.TEST_DATABASE_URL) stores.push(['postgres', { DATABASE_URL: process.env.TEST_DATABASE_URL }]);

for (const [store, storeEnv] of stores) {
  describe(`webhooks across SIGKILL (${store})`, () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let receiver: Receiver;
    let server: ChildProcess | undefined;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'cobrand-webhooks-'));
      receiver = await startReceiver();
      receiver.secret = `whsec_${randomBytes(16).toString('hex')}`;
      env = {
        ...process.env, ...storeEnv, COBRAND_DATA: join(dir, 'data'), PORT: '0', COBRAND_LOG_LEVEL: process.env.DEBUG_LOG ? 'info' : 'error',
        COBRAND_WEBHOOK_URL: receiver.url, COBRAND_WEBHOOK_SECRET: receiver.secret, COBRAND_WEBHOOK_TIMEOUT: '2', COBRAND_WEBHOOK_BACKOFF: '0.2', COBRAND_WEBHOOK_POLL: '0.2',
      };
    });
    after(async () => {
      if (server && server.exitCode === null) server.kill('SIGKILL');
      await receiver.close();
      await rm(dir, { recursive: true, force: true });
    });

    const cobrand = (...args: string[]) => new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [CLI, ...args], { env }, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout.trim())));
    });

    async function start(): Promise<URL> {
      const child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      server = child;
      let stderr = '';
      return new Promise<URL>((resolve, reject) => {
        child.stderr!.on('data', (chunk: Buffer) => {
          stderr += chunk;
          const match = /serving on (http:\/\/\S+)/.exec(stderr);
          if (match) resolve(new URL(match[1]!));
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
    }

    it('delivers every event exactly once after de-duplication, each signed, when killed mid-delivery and restarted', async () => {
      const partner = `kill-${randomBytes(4).toString('hex')}`;
      const partnerToken = await cobrand('token', 'create', '--role', 'partner', '--partner', partner);
      const reviewerToken = await cobrand('token', 'create', '--role', 'reviewer');
      // Before the kill, the receiver takes every request and never answers.
      receiver.respond = () => 'hang';
      const base = await start();
      const call = async (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) => {
        const response = await fetch(new URL(path, base), { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
        assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
        return response.json();
      };
      await call('PUT', `/v1/partners/${partner}/draft`, partnerToken, documentFor(partner), { 'if-match': '"0"' });
      const first = await call('POST', `/v1/partners/${partner}/submissions`, partnerToken);
      await call('POST', `/v1/review/submissions/${first.id}/approve`, reviewerToken);
      await call('PUT', `/v1/partners/${partner}/draft`, partnerToken, { ...documentFor(partner), promotionMenu: [] }, { 'if-match': '"1"' });
      const second = await call('POST', `/v1/partners/${partner}/submissions`, partnerToken);
      await call('POST', `/v1/review/submissions/${second.id}/reject`, reviewerToken, { reason: 'Keep the menu' });

      const mine = () => receiver.received.filter((item) => item.event.partnerId === partner);
      while (mine().length === 0) await sleep(10);
      server!.kill('SIGKILL');
      await new Promise((resolve) => server!.once('exit', resolve));
      const beforeKill = mine().length;
      const cut = mine().map((item) => item.event.id);

      receiver.respond = () => 200;
      await start();
      const expected = [['submission.created', first.id], ['submission.approved', first.id], ['version.live', first.id], ['submission.created', second.id], ['submission.rejected', second.id]];
      const deadline = Date.now() + 30_000;
      // Every event, and again each one whose delivery the kill cut (once its lease has expired).
      const sends = (id: string) => mine().filter((item) => item.event.id === id).length;
      while (new Map(mine().map((item) => [item.event.id, item])).size < expected.length || cut.some((id) => sends(id) < 2)) {
        assert.ok(Date.now() < deadline, `only ${mine().length} of the events arrived: ${mine().map((item) => item.event.type)}`);
        await sleep(100);
      }
      await sleep(500);
      server!.kill('SIGTERM');
      await new Promise((resolve) => server!.once('exit', resolve));

      const unique = [...new Map(mine().map((item) => [item.event.id, item])).values()].sort((a, b) => a.event.createdAt.localeCompare(b.event.createdAt));
      assert.deepEqual(unique.map((item) => [item.event.type, item.event.data.submissionId]), expected);
      for (const item of mine()) assert.ok(item.verified, `the signature of ${item.event.type} (${item.headers['cobrand-signature']})`);
      assert.ok(beforeKill >= 1, 'a delivery was under way when the process was killed');
      assert.ok(mine().length > unique.length, `the delivery cut by the kill was sent again (${mine().length} requests for ${unique.length} events)`);
    });
  });
}
