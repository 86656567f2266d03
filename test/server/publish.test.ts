import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Publisher, publishAll, publishedPath } from '../../server/publish.ts';
import { BACKENDS, documentFor, freshPartner, publish, startHarness, type Harness } from './harness.ts';

const NGINX_CONFIG = readFileSync(new URL('../../docs/deploy/nginx-publish.conf', import.meta.url), 'utf8');
const hasNginx = spawnSync('sh', ['-c', 'command -v nginx']).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** nginx with docs/deploy/nginx-publish.conf, its root pointed at `root`, on 127.0.0.1. */
async function startNginx(root: string, work: string, servicePort: number): Promise<{ base: string; process: ChildProcess }> {
  const port = await freePort();
  const server = NGINX_CONFIG.replaceAll('/var/lib/cobrand/public', root).replace('listen 8081;', `listen 127.0.0.1:${port};`)
    .replace('proxy_pass http://127.0.0.1:8080;', `proxy_pass http://127.0.0.1:${servicePort};`);
  const config = join(work, 'nginx.conf');
  writeFileSync(config, `worker_processes 1; daemon off; pid ${join(work, 'nginx.pid')}; error_log ${join(work, 'error.log')} warn;
events { worker_connections 64; }
http { access_log off; client_body_temp_path ${work}; proxy_temp_path ${work}; fastcgi_temp_path ${work}; uwsgi_temp_path ${work}; scgi_temp_path ${work};
${server}
}`);
  const child = spawn('nginx', ['-c', config, '-p', work], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk; });
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return { base: `http://127.0.0.1:${port}`, process: child };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`nginx did not start: ${stderr}`);
}

async function eventually(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !check(); attempt++) await new Promise((resolve) => setTimeout(resolve, 25));
  assert.ok(check(), 'in time');
}

for (const backend of BACKENDS) {
  describe(`static publication (${backend})`, () => {
    let h: Harness;
    let dir: string;
    let work: string;
    let nginx: { base: string; process: ChildProcess } | undefined;
    before(async () => {
      work = mkdtempSync(join(tmpdir(), 'cobrand-publish-'));
      dir = join(work, 'public');
      h = await startHarness(backend, undefined, { publishDir: dir });
      if (hasNginx) {
        await h.app.listen({ port: 0, host: '127.0.0.1' });
        nginx = await startNginx(dir, work, (h.app.server.address() as { port: number }).port);
      }
    });
    after(async () => {
      nginx?.process.kill('SIGTERM');
      await h.close();
      rmSync(work, { recursive: true, force: true });
    });

    /** The partner's published file as it stands once the publisher is done. */
    async function published(pid: string, windowed = false): Promise<Buffer> {
      await eventually(() => existsSync(publishedPath(dir, pid, windowed)));
      await h.app.publisher!.idle();
      return readFileSync(publishedPath(dir, pid, windowed));
    }

    it('writes the live document on approval and again on rollback, the same bytes as the service, atomically, with .gz and .br', async () => {
      const pid = freshPartner();
      const url = `/v1/partners/${pid}/customization`;
      await publish(h, pid, documentFor(pid));
      const first = await published(pid);
      assert.deepEqual(first, (await h.request({ method: 'GET', url })).rawPayload);
      assert.deepEqual(gunzipSync(readFileSync(`${publishedPath(dir, pid)}.gz`)), first);
      assert.ok(existsSync(`${publishedPath(dir, pid)}.br`));
      await publish(h, pid, { ...documentFor(pid), brand: { navBackground: '#7A1F1F' } });
      await eventually(() => !readFileSync(publishedPath(dir, pid)).equals(first));
      const versions = (await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: h.reviewer })).json().items;
      await h.request({ method: 'POST', url: `/v1/review/partners/${pid}/rollback`, token: h.reviewer, payload: { versionId: versions[1].id, reason: 'back' } });
      await eventually(() => readFileSync(publishedPath(dir, pid)).equals(first));
      await h.app.publisher!.idle();
      assert.deepEqual(readFileSync(publishedPath(dir, pid)), (await h.request({ method: 'GET', url })).rawPayload);
    });

    it('publishes again after a failed write, once the directory can be written (no approval lost to a full disk)', async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      const retried = join(work, 'retried');
      mkdirSync(retried);
      writeFileSync(join(retried, 'v1'), 'in the way'); // v1/ cannot be made: ENOTDIR
      const errors: string[] = [];
      const publisher = new Publisher({ dir: retried, db: h.db, now: Date.now, onError: (partnerId, error) => errors.push(`${partnerId}: ${error.message}`), retryMs: 50 });
      try {
        await publisher.publishPartner(pid);
        assert.equal(errors.length, 1, 'the failure is reported');
        rmSync(join(retried, 'v1'));
        await eventually(() => existsSync(publishedPath(retried, pid)));
        await publisher.idle();
        assert.deepEqual(readFileSync(publishedPath(retried, pid)), await published(pid));
      } finally {
        publisher.close();
      }
    });

    it('cobrand publish rebuilds the directory from the store', async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      const before = await published(pid);
      const rebuilt = join(work, 'rebuilt');
      assert.ok(await publishAll(h.db, rebuilt) >= 1);
      assert.deepEqual(readFileSync(publishedPath(rebuilt, pid)), before);
      assert.equal(statSync(publishedPath(rebuilt, pid)).mtimeMs, statSync(publishedPath(dir, pid)).mtimeMs, 'the same validator');
      // After a restore, a partner that is not live in the store is not served from an old file either.
      for (const windowed of [false, true]) {
        const ghost = publishedPath(rebuilt, `ghost-${windowed ? 'windowed' : 'plain'}`, windowed);
        mkdirSync(join(ghost, '..'), { recursive: true });
        for (const suffix of ['', '.gz', '.br']) writeFileSync(`${ghost}${suffix}`, '{}');
      }
      await publishAll(h.db, rebuilt);
      for (const windowed of [false, true]) assert.equal(existsSync(publishedPath(rebuilt, `ghost-${windowed ? 'windowed' : 'plain'}`, windowed)), false);
      assert.ok(existsSync(publishedPath(rebuilt, pid)), 'the live partner stays');
    });

    it('nginx with docs/deploy/nginx-publish.conf answers the same bodies and ETags as the service, gzip and 304 included', { skip: hasNginx ? false : 'nginx is not installed (apt-get install nginx; .ci/run installs it)' }, async () => {
      const pid = freshPartner();
      const url = `/v1/partners/${pid}/customization`;
      await publish(h, pid, documentFor(pid));
      await published(pid);
      for (const accept of [undefined, 'gzip']) {
        const headers: Record<string, string> = accept ? { 'accept-encoding': accept } : {};
        const service = await h.request({ method: 'GET', url, headers });
        const response = await fetch(`${nginx!.base}${url}`, { headers: { ...headers, 'accept-encoding': accept ?? 'identity' } });
        assert.equal(response.status, 200);
        const body = Buffer.from(await response.arrayBuffer());
        // fetch decodes gzip: compare the JSON, and the ETag of the encoded file.
        assert.deepEqual(body, accept ? gunzipSync(service.rawPayload) : service.rawPayload, `body (${accept ?? 'identity'})`);
        assert.equal(response.headers.get('etag'), service.headers.etag, `ETag (${accept ?? 'identity'})`);
        assert.equal(response.headers.get('content-encoding'), service.headers['content-encoding'] ?? null);
        assert.equal(response.headers.get('access-control-allow-origin'), '*');
        assert.match(response.headers.get('access-control-expose-headers') ?? '', /ETag/);
        assert.equal(response.headers.get('cache-control'), service.headers['cache-control']);
        assert.match(response.headers.get('vary') ?? '', /Accept-Encoding/);
        assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
        assert.equal(response.headers.get('last-modified'), null);
        const again = await fetch(`${nginx!.base}${url}`, { headers: { ...headers, 'accept-encoding': accept ?? 'identity', 'if-none-match': service.headers.etag as string } });
        assert.equal(again.status, 304);
      }
      const preflight = await fetch(`${nginx!.base}${url}`, { method: 'OPTIONS' });
      assert.equal(preflight.status, 204);
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /If-None-Match/);
    });

    it('nginx passes everything but published landings to the service: one origin for browsers, host pages and partners', { skip: hasNginx ? false : 'nginx is not installed' }, async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      const health = await fetch(`${nginx!.base}/healthz`);
      assert.equal(health.status, 200);
      assert.equal(((await health.json()) as { status: string }).status, 'ok');
      const bar = await fetch(`${nginx!.base}/v1/partners/${pid}/bar.html?lang=en-US`);
      assert.equal(bar.status, 200);
      assert.match(await bar.text(), new RegExp(`api="${nginx!.base.replaceAll('.', '\\.')}"`), 'the bar points at the origin it was asked through');
      const unauthorized = await fetch(`${nginx!.base}/v1/review/queue`);
      assert.equal(unauthorized.status, 401, 'the API answers through it, with its own errors');
      const missing = await fetch(`${nginx!.base}/v1/partners/nobody-here/customization`);
      assert.equal(missing.status, 404, 'landings stay nginx\'s');
      const serviceMissing = await h.request({ method: 'GET', url: '/v1/partners/nobody-here/customization' });
      assert.equal(await missing.text(), serviceMissing.body, 'an unknown partner gets the service\'s JSON error, not nginx\'s page');
      for (const header of ['content-type', 'cache-control', 'access-control-allow-origin']) {
        assert.equal(missing.headers.get(header), serviceMissing.headers[header], header);
      }
    });

    it('publishes a document with time windows apart, with the ETag of the window it is in, served by nginx for revalidation every time', async () => {
      const pid = freshPartner();
      const doc = documentFor(pid);
      doc.operations.announcement.activeUntil = new Date(Date.now() + 3_600_000).toISOString();
      await publish(h, pid, doc);
      await published(pid, true);
      assert.equal(existsSync(publishedPath(dir, pid)), false);
      if (!nginx) return;
      const url = `/v1/partners/${pid}/customization`;
      const service = await h.request({ method: 'GET', url });
      const response = await fetch(`${nginx.base}${url}`, { headers: { 'accept-encoding': 'identity' } });
      assert.equal(response.status, 200);
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), service.rawPayload);
      assert.equal(response.headers.get('etag'), service.headers.etag);
      assert.equal(response.headers.get('cache-control'), 'public, max-age=0, must-revalidate');
    });
  });
}
