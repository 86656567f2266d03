import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { BACKENDS, documentFor, freshPartner, publish, startHarness, testDatabase, type Harness } from './harness.ts';

for (const backend of BACKENDS) {
  describe(`public read path (${backend})`, () => {
    let h: Harness;
    before(async () => { h = await startHarness(backend); });
    after(async () => { await h.close(); });

    it('says ready (GET /readyz) only once every process that answers landings has warmed its cache', async () => {
      const ready = async () => {
        const answer = await h.request({ method: 'GET', url: '/readyz' });
        assert.equal(answer.headers['cache-control'], 'no-store');
        // As every 503 of the service does, and as its OpenAPI document says.
        if (answer.statusCode === 503) assert.match(String(answer.headers['retry-after']), /^[1-9]\d*$/, 'Retry-After while warming');
        return [answer.statusCode, answer.json().status];
      };
      assert.deepEqual(await ready(), [503, 'warming'], 'no warm-up has begun');
      const [first, replacement] = [{}, {}];
      h.app.readiness.begin(first);
      assert.deepEqual(await ready(), [503, 'warming']);
      h.app.readiness.end(first);
      assert.deepEqual(await ready(), [200, 'ready']);
      h.app.readiness.begin(replacement); // a public worker that replaces one that exited
      assert.deepEqual(await ready(), [503, 'warming']);
      h.app.readiness.end(replacement);
      assert.deepEqual(await ready(), [200, 'ready']);
    });

    it('says which part of the address is wrong, in words (a malformed partner id, a wrong lang)', async () => {
      const id = await h.request({ method: 'GET', url: '/v1/partners/Acme-Cloud/customization' });
      assert.equal(id.statusCode, 400);
      assert.equal(id.json().message, 'Not valid: the partner id "Acme-Cloud" in the address: a partner id: 1 to 64 lowercase letters, digits and inner hyphens.');
      const lang = await h.request({ method: 'GET', url: '/v1/partners/acme-cloud/bar.html?lang=fr' });
      assert.match(lang.body, /^<!-- Cobrand: 400 invalid_request: Not valid: lang in the query: lang must be zh-CN or en-US/, 'in a comment before the default bar');
    });

    it('serves the approved document with CORS, ETag and Cache-Control, and 304 on If-None-Match', async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      const url = `/v1/partners/${pid}/customization`;
      const first = await h.request({ method: 'GET', url });
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['access-control-allow-origin'], '*');
      assert.match(String(first.headers['access-control-expose-headers']), /ETag/i);
      assert.match(String(first.headers['cache-control']), /^public, max-age=\d+/);
      assert.match(String(first.headers['content-type']), /^application\/json/);
      const etag = first.headers.etag as string;
      assert.match(etag, /^"[\w-]+"$/);
      for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const again = await h.request({ method: 'GET', url, headers: { 'if-none-match': header } });
        assert.equal(again.statusCode, 304, header);
        assert.equal(again.body, '');
        assert.equal(again.headers.etag, etag);
      }
      assert.equal((await h.request({ method: 'GET', url, headers: { 'if-none-match': '"stale"' } })).statusCode, 200);
      const preflight = await h.request({ method: 'OPTIONS', url, headers: { origin: 'https://console.example', 'access-control-request-headers': 'if-none-match' } });
      assert.equal(preflight.statusCode, 204);
      assert.match(String(preflight.headers['access-control-allow-headers']), /If-None-Match/i);
    });

    it('sends brotli or gzip when accepted, with Vary and an ETag per encoding, and 304 per encoding', async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      const url = `/v1/partners/${pid}/customization`;
      const plain = await h.request({ method: 'GET', url });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.match(String(plain.headers.vary), /Accept-Encoding/i);
      const etags = new Set([plain.headers.etag]);
      for (const [accept, encoding, decode] of [['gzip, deflate, br', 'br', brotliDecompressSync], ['gzip', 'gzip', gunzipSync]] as const) {
        const answer = await h.request({ method: 'GET', url, headers: { 'accept-encoding': accept } });
        assert.equal(answer.statusCode, 200);
        assert.equal(answer.headers['content-encoding'], encoding);
        assert.match(String(answer.headers.vary), /Accept-Encoding/i);
        assert.equal(decode(answer.rawPayload).toString(), plain.body);
        assert.ok(answer.rawPayload.length < plain.rawPayload.length / 2);
        etags.add(answer.headers.etag);
        const again = await h.request({ method: 'GET', url, headers: { 'accept-encoding': accept, 'if-none-match': answer.headers.etag as string } });
        assert.equal(again.statusCode, 304);
      }
      assert.equal(etags.size, 3, 'one ETag per encoding');
    });

    it('answers 404 with a code for a partner with no approved version, and serves no draft or pending document', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      await h.request({ method: 'PUT', url: `/v1/partners/${pid}/draft`, token, headers: { 'if-match': '"0"' }, payload: documentFor(pid) });
      await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token });
      const answer = await h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` });
      assert.equal(answer.statusCode, 404);
      assert.equal(answer.json().code, 'not_found');
      assert.equal(answer.headers['access-control-allow-origin'], '*');
    });

    it('answers a malformed partner id with a 400 a browser may read (CORS), so the element can say what is wrong', async () => {
      for (const pid of ['Acme-Cloud', 'acme_cloud', '-acme']) {
        const answer = await h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` });
        assert.equal(answer.statusCode, 400, pid);
        assert.equal(answer.headers['access-control-allow-origin'], '*', pid);
        assert.match(answer.json().message, /pid|partner/i);
      }
    });

    it('changes the ETag when a new version is approved, and back on rollback', async () => {
      const pid = freshPartner();
      const url = `/v1/partners/${pid}/customization`;
      await publish(h, pid, documentFor(pid));
      const first = (await h.request({ method: 'GET', url })).headers.etag;
      await publish(h, pid, { ...documentFor(pid), brand: { navBackground: '#7A1F1F' } });
      const second = await h.request({ method: 'GET', url, headers: { 'if-none-match': first as string } });
      assert.equal(second.statusCode, 200);
      assert.notEqual(second.headers.etag, first);
      const versions = (await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: h.reviewer })).json().items;
      await h.request({ method: 'POST', url: `/v1/review/partners/${pid}/rollback`, token: h.reviewer, payload: { versionId: versions[1].id, reason: 'back' } });
      assert.equal((await h.request({ method: 'GET', url })).headers.etag, first);
    });
  });

  describe(`invalidation across two instances on one store (${backend})`, () => {
    let a: Harness;
    let b: Harness;
    before(async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const first = await testDatabase(backend, schema);
      // PGlite lives in one process, so both apps share it; on a server each app has its own pool.
      const second = backend === 'postgres' ? await testDatabase(backend, schema) : first;
      a = await startHarness(backend, first);
      b = await startHarness(backend, second);
      Object.assign(b, { close: async () => { await b.app.close(); if (second !== first) await second.close(); await first.close(); } });
    });
    after(async () => {
      await a.app.close();
      await b.close();
    });

    async function eventually(check: () => Promise<boolean>): Promise<void> {
      for (let attempt = 0; attempt < 100; attempt++) {
        if (await check()) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.fail('the other instance kept its stale copy');
    }

    it('drops the stale copy on the other instance when a version is approved there, and on rollback', async () => {
      const pid = freshPartner();
      const url = `/v1/partners/${pid}/customization`;
      await publish(a, pid, documentFor(pid));
      assert.deepEqual((await b.request({ method: 'GET', url })).json(), documentFor(pid), 'b caches the first version');
      const red = { ...documentFor(pid), brand: { navBackground: '#7A1F1F' } };
      await publish(a, pid, red);
      await eventually(async () => (await b.request({ method: 'GET', url })).json().brand.navBackground === '#7A1F1F');
      const versions = (await a.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: a.reviewer })).json().items;
      await a.request({ method: 'POST', url: `/v1/review/partners/${pid}/rollback`, token: a.reviewer, payload: { versionId: versions[1].id, reason: 'back' } });
      await eventually(async () => (await b.request({ method: 'GET', url })).json().brand.navBackground === '#0B3D91');
    });

    it('serves a partner that went live on the other instance after a 404 was cached', async () => {
      const pid = freshPartner();
      const url = `/v1/partners/${pid}/customization`;
      assert.equal((await b.request({ method: 'GET', url })).statusCode, 404);
      await publish(a, pid, documentFor(pid));
      await eventually(async () => (await b.request({ method: 'GET', url })).statusCode === 200);
    });
  });
}
