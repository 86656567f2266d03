import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { configFromEnv } from '../../server/config.ts';
import { BACKENDS, documentFor, freshPartner, publish, startHarness, type Harness } from './harness.ts';

for (const backend of BACKENDS) {
  describe(`pre-rendered bar (${backend})`, () => {
    let h: Harness;
    before(async () => { h = await startHarness(backend); });
    after(async () => { await h.close(); });

    it('renders the live document as declarative shadow DOM, public, with CORS, ETag, Cache-Control and 304', async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      const url = `/v1/partners/${pid}/bar.html?lang=en-US`;
      const first = await h.request({ method: 'GET', url });
      assert.equal(first.statusCode, 200);
      assert.match(String(first.headers['content-type']), /^text\/html; charset=utf-8/);
      assert.equal(first.headers['access-control-allow-origin'], '*');
      assert.match(String(first.headers['cache-control']), /^public, max-age=\d+/);
      assert.match(first.body, new RegExp(`^<cobrand-console partner="${pid}" api="http://localhost(:\\d+)?" lang="en-US"`));
      assert.match(first.body, /<template shadowroot(mode)?="open"/);
      assert.match(first.body, /<script type="application\/json" data-cobrand-document>/);
      const etag = first.headers.etag as string;
      assert.match(etag, /^"[\w-]+"$/);
      const again = await h.request({ method: 'GET', url, headers: { 'if-none-match': etag } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      const chinese = await h.request({ method: 'GET', url: `/v1/partners/${pid}/bar.html?lang=zh-CN` });
      assert.match(chinese.body, /lang="zh-CN"/);
      assert.notEqual(chinese.headers.etag, etag, 'each language is its own representation');
      // With no proxy trusted (the default), a client's X-Forwarded-* cannot move the origin the loader and logos use.
      const forged = await h.request({ method: 'GET', url, headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } });
      assert.doesNotMatch(forged.body, /evil\.example/);
    });

    it('sends the bar compressed to a client that accepts it, each encoding with its ETag, 304 for any current one', async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      const url = `/v1/partners/${pid}/bar.html?lang=zh-CN`;
      const plain = await h.request({ method: 'GET', url });
      for (const [encoding, unpack] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
        const packed = await h.request({ method: 'GET', url, headers: { 'accept-encoding': encoding === 'br' ? 'gzip, deflate, br' : 'gzip' } });
        assert.equal(packed.statusCode, 200);
        assert.equal(packed.headers['content-encoding'], encoding);
        assert.match(String(packed.headers.vary), /Accept-Encoding/);
        assert.equal(unpack(packed.rawPayload).toString(), plain.body);
        assert.ok(packed.rawPayload.length < plain.body.length / 4, `${packed.rawPayload.length} bytes for ${plain.body.length}`);
        assert.notEqual(packed.headers.etag, plain.headers.etag);
        const again = await h.request({ method: 'GET', url, headers: { 'accept-encoding': encoding, 'if-none-match': plain.headers.etag as string } });
        assert.equal(again.statusCode, 304, 'the same bar in another encoding is still current');
      }
    });

    it('keeps a partner\'s text as text: a label with <script> is escaped in the markup and in the embedded document', async () => {
      const pid = freshPartner();
      const doc = documentFor(pid);
      doc.promotionMenu = [{ id: 'x', label: { 'zh-CN': '</script><script>a()', 'en-US': '<img src=x onerror=a()>' }, href: 'https://acme.example/x' }];
      await publish(h, pid, doc);
      const body = (await h.request({ method: 'GET', url: `/v1/partners/${pid}/bar.html?lang=en-US` })).body;
      assert.doesNotMatch(body, /<img src=x/);
      assert.doesNotMatch(body, /<\/script><script>a/);
      assert.match(body, /&lt;img src=x onerror=a\(\)&gt;/);
      assert.match(body, /\\u003c\/script>\\u003cscript>a\(\)/);
      assert.equal(body.match(/<script/g)?.length, 1, 'only the embedded document is a script element');
    });

    it('renders the new version once it is approved (the cached HTML follows the live ETag)', async () => {
      const pid = freshPartner();
      const doc = documentFor(pid);
      await publish(h, pid, doc);
      const url = `/v1/partners/${pid}/bar.html?lang=en-US`;
      const first = await h.request({ method: 'GET', url });
      assert.equal((await h.request({ method: 'GET', url })).body, first.body);
      await publish(h, pid, { ...doc, promotionMenu: [{ id: 'fresh', label: { 'zh-CN': '新服务', 'en-US': 'Fresh service' }, href: 'https://acme.example/fresh' }] });
      const second = await h.request({ method: 'GET', url, headers: { 'if-none-match': first.headers.etag as string } });
      assert.equal(second.statusCode, 200);
      assert.match(second.body, /Fresh service/);
    });

    it('answers 404 with the cloud\'s default bar for a partner with nothing live, so a page that includes it as it comes still has a bar', async () => {
      const nobody = freshPartner();
      const missing = await h.request({ method: 'GET', url: `/v1/partners/${nobody}/bar.html?lang=en-US` });
      assert.equal(missing.statusCode, 404);
      assert.match(String(missing.headers['content-type']), /^text\/html/);
      assert.equal(missing.headers['access-control-allow-origin'], '*');
      assert.match(missing.body, new RegExp(`^<cobrand-console [^>]*partner="${nobody}"`), 'the element, which loads the partner once it has a bar');
      assert.match(missing.body, /<template [^>]*shadowrootmode="open"/);
      assert.match(missing.body, /Cloud Console/, 'the default bar, painted before any script');
      assert.doesNotMatch(missing.body, /not_found|data-cobrand-document/, 'no JSON in the page, and no document to hydrate from');
      const other = await h.request({ method: 'GET', url: `/v1/partners/${freshPartner()}/bar.html?lang=en-US` });
      assert.notEqual(other.body, missing.body, 'each names its own partner');
    });

    it('takes the language in any case, or zh / en, and names the parameter when it is missing or unknown', async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      for (const [lang, expected] of [['zh-cn', 'zh-CN'], ['ZH-CN', 'zh-CN'], ['zh', 'zh-CN'], ['en', 'en-US'], ['EN-us', 'en-US']]) {
        const answer = await h.request({ method: 'GET', url: `/v1/partners/${pid}/bar.html?lang=${lang}` });
        assert.equal(answer.statusCode, 200, `${lang}: ${answer.body.slice(0, 200)}`);
        assert.match(answer.body, new RegExp(`lang="${expected}"`), lang);
      }
      // Included as it comes, a mistake in the address still gives the page a bar (the cloud's default one), and says what is wrong.
      for (const [path, said] of [[`${pid}/bar.html?lang=fr-FR`, /lang must be zh-CN or en-US/], [`${pid}/bar.html`, /lang/], ['Acme-Cloud/bar.html?lang=en', /the partner id &quot;Acme-Cloud&quot; in the address: a partner id/]] as const) {
        const wrong = await h.request({ method: 'GET', url: `/v1/partners/${path}`, headers: { 'accept-language': 'en-GB,en;q=0.9' } });
        assert.equal(wrong.statusCode, 400, path);
        assert.match(String(wrong.headers['content-type']), /^text\/html/, path);
        assert.equal(wrong.headers['access-control-allow-origin'], '*', `${path}: readable by the host page's script`);
        assert.equal(wrong.headers['cache-control'], 'no-store', path);
        const [, comment = ''] = /^<!-- Cobrand: 400 invalid_request: (.*?) -->\n<cobrand-console /s.exec(wrong.body) ?? [];
        assert.match(comment, said, `${path}: the reason, for the host page's developer`);
        assert.doesNotMatch(comment, /--|[<>]/, 'nothing in the reason can end the comment');
        assert.match(wrong.body, /<cobrand-console partner(?:="")? [^>]*lang="en-US"/, `${path}: the cloud's default bar, in the reader's language when the address has none`);
        assert.match(wrong.body, /Cloud Console/);
      }
      const injected = await h.request({ method: 'GET', url: `/v1/partners/a--%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E/bar.html?lang=zh` });
      assert.equal(injected.statusCode, 400);
      assert.ok(!injected.body.includes('<script>') && injected.body.indexOf('-->') === injected.body.indexOf(' -->\n<cobrand-console') + 1, 'a crafted id cannot close the comment');
    });

    it('answers the preflight of a browser that sends If-None-Match itself, as the JSON read does', async () => {
      const preflight = await h.request({ method: 'OPTIONS', url: `/v1/partners/${freshPartner()}/bar.html?lang=en`, headers: { origin: 'https://partner.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' } });
      assert.equal(preflight.statusCode, 204);
      assert.equal(preflight.headers['access-control-allow-origin'], '*');
      assert.match(String(preflight.headers['access-control-allow-headers']), /If-None-Match/i);
      assert.match(String(preflight.headers['access-control-allow-methods']), /GET/);
    });
  });
}

describe('pre-rendered bar without COBRAND_PUBLIC_URL', () => {
  let h: Harness;
  before(async () => { h = await startHarness('pglite'); });
  after(async () => { await h.close(); });

  it('points each answer at the origin it was asked by, the same bar otherwise, for a live partner and one with nothing live', async () => {
    const pid = freshPartner();
    await publish(h, pid, documentFor(pid));
    for (const partner of [pid, freshPartner()]) {
      const hosts = ['cobrand.example:8443', 'localhost', '[::1]:3000', '192.0.2.7:80', 'Cobrand.Example.'];
      const bodies: string[] = [];
      for (const host of hosts) {
        const bar = await h.request({ method: 'GET', url: `/v1/partners/${partner}/bar.html?lang=en-US`, headers: { host } });
        assert.equal(bar.statusCode, partner === pid ? 200 : 404, host);
        assert.match(bar.body, new RegExp(`^<cobrand-console partner="${partner}" api="http://${host.replace(/[.[\]]/g, '\\$&')}" lang="en-US"`), host);
        bodies.push(bar.body.replaceAll(`http://${host}`, 'ORIGIN'));
      }
      assert.ok(bodies.every((body) => body === bodies[0]), 'one bar, whichever origin');
      if (partner === pid) assert.equal(bodies[0]!.split('ORIGIN').length - 1 >= 2, true, 'the loader and the logos point at the origin');
    }
  });

  it('refuses a Host header that is not a host name or address, without putting it in any page', async () => {
    const pid = freshPartner();
    await publish(h, pid, documentFor(pid));
    for (const host of ['evil.example"><script>alert(1)</script>', 'a b', 'cobrand.example:port', 'cobrand.example/path', "o'hara.example"]) {
      for (const partner of [pid, freshPartner()]) {
        const bar = await h.request({ method: 'GET', url: `/v1/partners/${partner}/bar.html?lang=zh-CN`, headers: { host } });
        assert.equal(bar.statusCode, 400, `${JSON.stringify(host)}: ${bar.statusCode}`);
        assert.equal(bar.json().code, 'bad_host');
        assert.match(bar.json().message, /Host header .* COBRAND_PUBLIC_URL/);
        assert.ok(!bar.body.includes('<script>'), 'not reflected');
      }
    }
  });
});

describe('pre-rendered bar with COBRAND_PUBLIC_URL', () => {
  it('points its loader and logos at the public origin, whatever address the host page fetched it by', async () => {
    const h = await startHarness('pglite', undefined, { publicUrl: configFromEnv({ COBRAND_PUBLIC_URL: 'https://cobrand.example.com/' }).publicUrl });
    try {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      for (const host of ['cobrand.internal:8080', 'localhost']) {
        const bar = await h.request({ method: 'GET', url: `/v1/partners/${pid}/bar.html?lang=zh-CN`, headers: { host } });
        assert.equal(bar.statusCode, 200);
        assert.match(bar.body, new RegExp(`^<cobrand-console partner="${pid}" api="https://cobrand\\.example\\.com" lang="zh-CN"`));
        assert.doesNotMatch(bar.body, /cobrand\.internal|localhost/);
      }
    } finally {
      await h.close();
    }
  });

  it('refuses a COBRAND_PUBLIC_URL that is not an http(s) origin, saying what it must be', () => {
    for (const value of ['cobrand.example.com', 'ftp://cobrand.example.com', 'https://cobrand.example.com/api', 'https://cobrand.example.com/?x=1']) {
      assert.throws(() => configFromEnv({ COBRAND_PUBLIC_URL: value }), /COBRAND_PUBLIC_URL must be the service's public origin/, value);
    }
    assert.equal(configFromEnv({}).publicUrl, undefined);
  });
});

