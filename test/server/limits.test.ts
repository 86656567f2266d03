/**
 * Limits (issue 13, item 9): failed sign-ins per address, writes per token, a per-partner
 * asset quota with removal of assets nothing refers to, and a negative cache for unknown
 * partners on the public read.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sweepAssets } from '../../server/limits.ts';
import { BACKENDS, documentFor, freshPartner, publish, saveDraft, startHarness, type Harness } from './harness.ts';
import { png } from './images.ts';

for (const backend of BACKENDS) {
  describe(`limits (${backend})`, () => {
    let h: Harness;
    before(async () => {
      h = await startHarness(backend, undefined, { limits: { authFailuresPerMinute: 5, writesPerMinute: 10, assetQuotaCount: 3, assetQuotaBytes: 1024 * 1024, assetGraceMs: 3600_000 } });
    });
    after(async () => { await h.close(); });

    it('answers 429 with Retry-After after 5 failed sign-ins from one address, before looking the token up', async () => {
      const pid = freshPartner('nat');
      const signedIn = await h.partner(pid);
      // Someone behind the same address (an office's NAT) is already signed in.
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${pid}/draft`, token: signedIn, remoteAddress: '10.0.0.7' })).statusCode, 200);
      const guess = () => h.request({ method: 'GET', url: '/v1/review/queue', headers: { authorization: `Bearer cbt_${randomBytes(32).toString('base64url')}` }, remoteAddress: '10.0.0.7' });
      for (let i = 0; i < 5; i++) assert.equal((await guess()).statusCode, 401);
      const blocked = await guess();
      assert.equal(blocked.statusCode, 429, blocked.body);
      assert.equal(blocked.json().code, 'rate_limited');
      assert.match(String(blocked.headers['retry-after']), /^\d+$/);
      // A token not seen signing in from that address waits; other addresses and anonymous reads do not.
      assert.equal((await h.request({ method: 'GET', url: '/v1/review/queue', token: h.reviewer, remoteAddress: '10.0.0.7' })).statusCode, 429);
      assert.equal((await h.request({ method: 'GET', url: '/v1/review/queue', token: h.reviewer, remoteAddress: '10.0.0.8' })).statusCode, 200);
      assert.equal((await h.request({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.7' })).statusCode, 200);
      // Whoever signed in from there before goes on working: the guesses of another do not lock them out.
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${pid}/draft`, token: signedIn, remoteAddress: '10.0.0.7' })).statusCode, 200);
    });

    it('answers 429 to the 11th write of a token in a minute, and not to reads or other tokens', async () => {
      const pid = freshPartner('rl');
      const token = await h.partner(pid);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const current = await h.request({ method: 'GET', url: `/v1/partners/${pid}/draft`, token });
        statuses.push((await h.request({ method: 'PUT', url: `/v1/partners/${pid}/draft`, token, headers: { 'if-match': current.headers.etag as string }, payload: documentFor(pid) })).statusCode);
      }
      assert.deepEqual(statuses, [...Array(10).fill(200), 429]);
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${pid}/draft`, token })).statusCode, 200);
      const other = freshPartner('rl');
      assert.equal((await saveDraft(h, other, documentFor(other))).statusCode, 200);
    });

    it('keeps a partner within its asset quota, and removes assets no document refers to', async () => {
      const pid = freshPartner('quota');
      const token = await h.partner(pid);
      const upload = (side: number) => h.request({ method: 'POST', url: `/v1/partners/${pid}/assets`, token, headers: { 'content-type': 'image/png' }, payload: png(side, side) });
      const srcs: string[] = [];
      for (const side of [20, 21, 22]) {
        const answer = await upload(side);
        assert.equal(answer.statusCode, 201, answer.body);
        srcs.push(answer.json().src);
      }
      assert.equal((await upload(20)).statusCode, 201, 'the same image again takes no more room');
      const over = await upload(23);
      assert.equal(over.statusCode, 409, over.body);
      assert.equal(over.json().code, 'asset_quota');
      assert.match(over.json().message, /quota is 3 images/);

      // The draft uses the first; nothing uses the other two. Within the grace period all stay.
      const document = documentFor(pid);
      document.brand.logos['en-US'].src = srcs[0];
      assert.equal((await saveDraft(h, pid, document)).statusCode, 200);
      assert.equal(await sweepAssets(h.db, { graceMs: 3600_000 }), 0);
      // Past it, the two unused ones go, the used one stays, and there is room again.
      await h.db.query("UPDATE assets SET created_at = now() - interval '2 hours' WHERE partner_id = $1", [pid]);
      assert.equal((await upload(23)).statusCode, 201, 'reaching the quota removes what nothing uses');
      const kept = (await h.db.query<{ sha256: string }>('SELECT sha256 FROM assets WHERE partner_id = $1 ORDER BY created_at', [pid])).map((row) => `/assets/${row.sha256}`);
      assert.equal(kept.length, 2);
      assert.ok(kept.includes(srcs[0]!));
      assert.equal((await h.request({ method: 'GET', url: srcs[1]! })).statusCode, 404);
      assert.equal((await h.request({ method: 'GET', url: srcs[0]! })).statusCode, 200);
    });

    it('looks up concurrent reads of unknown partners together, remembers them apart, and still serves a partner as soon as it goes live', async () => {
      const live = freshPartner('neg');
      await publish(h, live, documentFor(live));
      // Its NOTIFY comes back asynchronously (on a server) and drops the copy: let it arrive first.
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${live}/customization` })).statusCode, 200);
      let queries = 0;
      const query = h.db.query.bind(h.db);
      h.db.query = ((text: string, params?: unknown[]) => { queries++; return query(text, params); }) as typeof h.db.query;
      const unknown = Array.from({ length: 200 }, () => `nobody-${randomBytes(6).toString('hex')}`);
      const read = (pid: string) => h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` });
      try {
        assert.deepEqual(new Set((await Promise.all(unknown.map(read))).map((answer) => answer.statusCode)), new Set([404]));
        assert.ok(queries <= 10, `200 unknown partners read at once took ${queries} store queries`);
        queries = 0;
        assert.deepEqual(new Set((await Promise.all([...unknown, live].map(read))).map((answer) => answer.statusCode)), new Set([404, 200]));
        assert.equal(queries, 0, 'a second read of the same unknown partners, and of the live one, comes from memory');
      } finally {
        h.db.query = query;
      }
      // Remembering a miss does not hide a partner that goes live.
      const pid = freshPartner('neg');
      assert.equal((await read(pid)).statusCode, 404);
      await publish(h, pid, documentFor(pid));
      for (let attempt = 0; attempt < 100; attempt++) {
        if ((await read(pid)).statusCode === 200) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.fail('the partner that went live is still answered 404');
    });
  });
}

describe('limits behind a proxy (COBRAND_TRUST_PROXY)', () => {
  it('counts failed sign-ins by the X-Forwarded-For client, not by the proxy', async () => {
    const h = await startHarness('pglite', undefined, { trustProxy: 1, limits: { authFailuresPerMinute: 2 } });
    try {
      const guess = (client: string) => h.request({ method: 'GET', url: '/v1/review/queue', headers: { authorization: 'Bearer cbt_nope', 'x-forwarded-for': client }, remoteAddress: '10.9.9.9' });
      assert.deepEqual([(await guess('198.51.100.1')).statusCode, (await guess('198.51.100.1')).statusCode, (await guess('198.51.100.1')).statusCode], [401, 401, 429]);
      assert.equal((await guess('198.51.100.2')).statusCode, 401, 'another client behind the same proxy is not locked out');
    } finally {
      await h.close();
    }
  });
});
