import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { redactUrl } from '../../server/app.ts';
import { sweepAssets } from '../../server/limits.ts';
import { BACKENDS, documentFor, freshPartner, saveDraft, startHarness, submitDocument, type Harness } from './harness.ts';
import { png } from './images.ts';

for (const backend of BACKENDS) {
  describe(`share links (${backend})`, () => {
    let h: Harness;
    before(async () => { h = await startHarness(backend); });
    after(async () => { await h.close(); });

    const create = async (pid: string, token: string, payload: object = {}) =>
      h.request({ method: 'POST', url: `/v1/partners/${pid}/shares`, token, payload });
    const open = (secret: string) => h.request({ method: 'POST', url: '/v1/shares/open', payload: { secret } });

    it('shows the draft as it was when the link was made, never a later edit, to anyone with the secret', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const first = documentFor(pid);
      await saveDraft(h, pid, first);
      const made = await create(pid, token);
      assert.equal(made.statusCode, 201, made.body);
      const share = made.json();
      assert.match(share.secret, /^cbs_[\w-]{43}$/);
      assert.equal(share.url, `/demo#share=${share.secret}`);
      assert.equal(share.source, 'draft');
      assert.equal(share.draftRevision, 1);
      const days = (new Date(share.expiresAt).getTime() - new Date(share.createdAt).getTime()) / 86_400_000;
      assert.ok(Math.abs(days - 7) < 0.01, `default expiry is 7 days, got ${days}`);

      const later = documentFor(pid);
      later.brand.navBackground = '#1F6F3F';
      await saveDraft(h, pid, later);

      const opened = await open(share.secret);
      assert.equal(opened.statusCode, 200, opened.body);
      assert.equal(opened.headers['cache-control'], 'no-store');
      assert.deepEqual(opened.json().document, first, 'the snapshot, not the later draft');
      assert.equal(opened.json().partnerId, pid);

      const [stored] = await h.db.query<{ hash: string; document: unknown }>('SELECT hash, document FROM shares WHERE id = $1', [share.id]);
      assert.match(stored!.hash, /^[0-9a-f]{64}$/);
      assert.ok(!JSON.stringify(stored).includes(share.secret), 'only the hash is stored');

      const listed = await h.request({ method: 'GET', url: `/v1/partners/${pid}/shares`, token });
      const [item] = listed.json().items;
      assert.equal(item.id, share.id);
      assert.equal(item.opened, 1);
      assert.ok(item.lastOpenedAt, 'when it was last opened');
      assert.equal(item.active, true);
      assert.equal('secret' in item, false, 'the secret is shown once');
    });

    it('records who made and who revoked each link in the partner\'s audit trail, once', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      await saveDraft(h, pid, documentFor(pid));
      const share = (await create(pid, token)).json();
      for (let time = 0; time < 2; time++) {
        const revoked = await h.request({ method: 'DELETE', url: `/v1/partners/${pid}/shares/${share.id}`, token: h.reviewer });
        assert.equal(revoked.statusCode, 200, revoked.body);
        assert.equal(revoked.json().active, false);
      }
      const trail = (await h.request({ method: 'GET', url: `/v1/partners/${pid}/history`, token })).json().items;
      assert.deepEqual(trail.map((event: { action: string; from: string; to: string; actor: string }) => [event.action, event.from, event.to, event.actor.split('/')[0]]), [
        ['share', 'draft', share.id, `partner:${pid}`],
        ['revoke-share', 'draft', share.id, 'reviewer'],
      ], 'a second revocation changes nothing and records nothing');
      const missing = await h.request({ method: 'DELETE', url: `/v1/partners/${pid}/shares/000000000000`, token });
      assert.equal(missing.statusCode, 404);
    });

    it('answers 404 to a revoked link and to an expired one, and never shows the draft instead', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      await saveDraft(h, pid, documentFor(pid));
      const revoked = (await create(pid, token)).json();
      const expired = (await create(pid, token, { expiresInDays: 1 })).json();
      assert.equal((await open(revoked.secret)).statusCode, 200);

      const revoke = await h.request({ method: 'DELETE', url: `/v1/partners/${pid}/shares/${revoked.id}`, token });
      assert.equal(revoke.statusCode, 200, revoke.body);
      assert.ok(revoke.json().revokedAt);
      await h.db.query(`UPDATE shares SET created_at = now() - interval '2 days', expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);

      for (const secret of [revoked.secret, expired.secret, `cbs_${'A'.repeat(43)}`]) {
        const answer = await open(secret);
        assert.equal(answer.statusCode, 404, answer.body);
        assert.equal(answer.json().code, 'not_found');
        assert.match(answer.json().message, /expired or was revoked/);
        assert.equal('document' in answer.json(), false);
      }
      const items = (await h.request({ method: 'GET', url: `/v1/partners/${pid}/shares`, token })).json().items;
      assert.deepEqual(items.map((item: { active: boolean }) => item.active), [false, false]);
      // What no link shows any more is not kept: made and revoked in a loop, snapshots would fill the disk.
      const kept = async (id: string) => (await h.db.query<{ document: unknown }>('SELECT document FROM shares WHERE id = $1', [id]))[0]!.document;
      assert.equal(await kept(revoked.id), null, 'a revoked link\'s snapshot goes with it');
      const next = (await create(pid, token)).json();
      assert.equal(await kept(expired.id), null, 'an expired one\'s goes at the partner\'s next link');
      assert.notEqual(await kept(next.id), null);
    });

    it('keeps partners apart: no link for another partner, no reading or revoking its list', async () => {
      const mine = freshPartner();
      const theirs = freshPartner();
      await saveDraft(h, theirs, documentFor(theirs));
      const theirToken = await h.partner(theirs);
      const theirShare = (await create(theirs, theirToken)).json();
      const myToken = await h.partner(mine);

      const made = await create(theirs, myToken);
      assert.equal(made.statusCode, 403);
      assert.equal(made.json().code, 'forbidden');
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${theirs}/shares`, token: myToken })).statusCode, 403);
      assert.equal((await h.request({ method: 'DELETE', url: `/v1/partners/${theirs}/shares/${theirShare.id}`, token: myToken })).statusCode, 403);
      // Its id under my partner is not mine to revoke.
      assert.equal((await h.request({ method: 'DELETE', url: `/v1/partners/${mine}/shares/${theirShare.id}`, token: myToken })).statusCode, 404);
      assert.equal((await open(theirShare.secret)).statusCode, 200, 'still open');
      // A submission of another partner cannot be shared under mine.
      const theirSubmission = await submitDocument(h, theirs, documentFor(theirs));
      const borrowed = await create(mine, myToken, { submissionId: theirSubmission });
      assert.equal(borrowed.statusCode, 404);
      // Without a token there is nothing to make or list.
      assert.equal((await h.request({ method: 'POST', url: `/v1/partners/${mine}/shares`, payload: {} })).statusCode, 401);
    });

    it('lets a reviewer share a submission, and grants no write route', async () => {
      const pid = freshPartner();
      const doc = documentFor(pid);
      const sid = await submitDocument(h, pid, doc);
      const made = await create(pid, h.reviewer, { submissionId: sid, expiresInDays: 30 });
      assert.equal(made.statusCode, 201, made.body);
      assert.equal(made.json().source, 'submission');
      assert.equal(made.json().submissionId, sid);
      const opened = await open(made.json().secret);
      assert.deepEqual(opened.json().document, doc);
      // The secret is no bearer token.
      const write = await h.request({ method: 'PUT', url: `/v1/partners/${pid}/draft`, headers: { authorization: `Bearer ${made.json().secret}`, 'if-match': '"1"' }, payload: doc });
      assert.equal(write.statusCode, 401);
    });

    it('keeps a logo that only an active share link shows, until the link is revoked', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const uploaded = await h.request({ method: 'POST', url: `/v1/partners/${pid}/assets`, token, headers: { 'content-type': 'image/png' }, payload: png(40, 20) });
      assert.equal(uploaded.statusCode, 201, uploaded.body);
      const doc = documentFor(pid);
      doc.brand.logos['en-US'].src = uploaded.json().src;
      await saveDraft(h, pid, doc);
      const share = (await create(pid, token)).json();
      await saveDraft(h, pid, documentFor(pid));
      await h.db.query("UPDATE assets SET created_at = now() - interval '2 days' WHERE partner_id = $1", [pid]);
      assert.equal(await sweepAssets(h.db, { graceMs: 3600_000, partnerId: pid }), 0, 'the shared snapshot still shows it');
      await h.request({ method: 'DELETE', url: `/v1/partners/${pid}/shares/${share.id}`, token });
      assert.equal(await sweepAssets(h.db, { graceMs: 3600_000, partnerId: pid }), 1, 'revoked, nothing shows it');
    });

    it('refuses an expiry beyond 30 days, unknown fields, and more than 50 active links', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      for (const payload of [{ expiresInDays: 31 }, { expiresInDays: 0 }, { expiresInDays: 1.5 }, { source: 'live' }, { submissionId: 'nope' }]) {
        const answer = await create(pid, token, payload);
        assert.equal(answer.statusCode, 400, `${JSON.stringify(payload)}: ${answer.body}`);
        assert.equal(answer.json().code, 'invalid_request');
      }
      // A fraction is told apart from a word: the field takes whole days.
      assert.match((await create(pid, token, { expiresInDays: 1.5 })).json().message, /expiresInDays in the body: must be a whole number\./);
      assert.match((await create(pid, token, { expiresInDays: 'soon' })).json().message, /expiresInDays in the body: must be a number\./);
      const bad = await h.request({ method: 'POST', url: '/v1/shares/open', payload: { secret: 'x'.repeat(201) } });
      assert.equal(bad.statusCode, 400);
      await h.db.query(`INSERT INTO shares (id, hash, partner_id, source, document, created_by, expires_at)
        SELECT lpad(to_hex(n), 12, '0'), md5($1 || n::text), $1, 'draft', '{}', 'test', now() + interval '1 day' FROM generate_series(1, 50) AS n`, [pid]);
      const over = await create(pid, token);
      assert.equal(over.statusCode, 409);
      assert.equal(over.json().code, 'share_limit');
    });
  });
}

describe('share links: secrets stay out of logs', () => {
  it('redacts a share secret wherever it appears in a logged URL', () => {
    assert.equal(redactUrl('/demo/cbs_abcDEF-123?x=1'), '/demo/cbs_[REDACTED]?x=1');
    assert.equal(redactUrl('/v1/shares/open?s=cbs_abc'), '/v1/shares/open?s=cbs_[REDACTED]');
    // However it is spelled: percent-encoded, in any case, under a name like bearer.
    assert.equal(redactUrl('/v1/me?x=cbt%5FSECRET1'), '/v1/me?x=[REDACTED]');
    assert.equal(redactUrl('/v1/me?x=CBT_SECRET2&y=1'), '/v1/me?x=[REDACTED]&y=1');
    assert.equal(redactUrl('/v1/me?bearer=SECRET4'), '/v1/me?bearer=[REDACTED]');
    assert.equal(redactUrl('/v1/me/cbt%5fSECRET5'), '/v1/me/[REDACTED]');
  });
});

describe('share links: opening is rate limited per address', () => {
  it('answers 429 with Retry-After past the limit', async () => {
    const h = await startHarness('pglite', undefined, { limits: { shareOpensPerMinute: 3 } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await h.request({ method: 'POST', url: '/v1/shares/open', payload: { secret: 'cbs_nope' } })).statusCode);
      assert.deepEqual(statuses, [404, 404, 404, 429]);
    } finally {
      await h.close();
    }
  });
});
