import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BACKENDS, documentFor, freshPartner, publish, saveDraft, startHarness, submitDocument, type Harness } from './harness.ts';

for (const backend of BACKENDS) {
  describe(`where things stand: status, directory, rollback preview (${backend})`, () => {
    let h: Harness;
    before(async () => { h = await startHarness(backend); });
    after(async () => { await h.close(); });

    it('tells the partner what is pending (with its snapshot), the latest decision, and what a rollback made live', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const status = async () => (await h.request({ method: 'GET', url: `/v1/partners/${pid}/status`, token })).json();
      assert.deepEqual(await status(), { pending: null, lastDecision: null, live: null, scheduled: null, cancelledSchedule: null });
      await publish(h, pid, documentFor(pid));
      const changed = documentFor(pid);
      changed.brand.navBackground = '#1F6F3F';
      const id = await submitDocument(h, pid, changed);
      let now = await status();
      assert.equal(now.pending.id, id);
      assert.deepEqual(now.pending.document, changed);
      assert.equal(now.pending.overdue, false);
      assert.equal(now.live.rolledBack, false);
      await h.request({ method: 'POST', url: `/v1/review/submissions/${id}/reject`, token: h.reviewer, payload: { reason: 'Keep the blue.' } });
      now = await status();
      assert.equal(now.pending, null);
      assert.equal(now.lastDecision.status, 'rejected');
      assert.equal(now.lastDecision.reason, 'Keep the blue.');
      assert.deepEqual(now.lastDecision.document, changed, 'the document rejected, to tell whether the draft changed since');
      await publish(h, pid, changed);
      const versions = (await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: h.reviewer })).json().items;
      const first = versions.at(-1);
      const preview = await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions/${first.id}`, token: h.reviewer });
      assert.equal(preview.statusCode, 200);
      assert.deepEqual(preview.json().diff, [{ path: '/brand/navBackground', op: 'changed', before: '#1F6F3F', after: '#0B3D91' }]);
      assert.equal((await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions/${first.id}`, token })).statusCode, 403, 'reviewers only');
      await h.request({ method: 'POST', url: `/v1/review/partners/${pid}/rollback`, token: h.reviewer, payload: { versionId: first.id, reason: 'Back to blue.' } });
      now = await status();
      assert.equal(now.live.versionId, first.id);
      assert.equal(now.live.rolledBack, true);
      assert.equal(now.live.rollbackReason, 'Back to blue.');
      const listed = (await h.request({ method: 'GET', url: `/v1/review/partners/${pid}`, token: h.reviewer })).json();
      assert.equal(listed.liveSince, now.live.since, 'live since the rollback, not since the version was first approved');
    });

    it('pages the directory by partner id and finds partners by part of their id, so tens of thousands stay one small answer', async () => {
      const stem = freshPartner('dir');
      const ids = ['c', 'a', 'e', 'b', 'g', 'd', 'f'].map((letter) => `${stem}-${letter}`);
      for (const id of ids) await saveDraft(h, id, documentFor(id));
      const list = (query: string) => h.request({ method: 'GET', url: `/v1/review/partners?${query}`, token: h.reviewer });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await list(`q=${stem.toUpperCase()}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        assert.equal(page.statusCode, 200, page.body);
        assert.ok(page.json().items.length <= 3);
        seen.push(...page.json().items.map((entry: { partnerId: string }) => entry.partnerId));
        cursor = page.json().nextCursor;
      } while (cursor);
      assert.deepEqual(seen, [...ids].sort(), 'every match once, by id, whatever the case typed');
      const first = (await list('limit=2')).json();
      assert.equal(first.items.length, 2, 'without q: every partner, a page at a time');
      assert.ok(first.items[0].partnerId < first.items[1].partnerId);
      assert.equal(typeof first.nextCursor, 'string');
      assert.deepEqual((await list('q=no-such-partner-anywhere')).json(), { items: [], nextCursor: null });
      assert.equal((await list('q=%20' + stem + '-d%20')).json().items[0].partnerId, `${stem}-d`, 'spaces around the query do not count');

      const one = await h.request({ method: 'GET', url: `/v1/review/partners/${stem}-b`, token: h.reviewer });
      assert.equal(one.statusCode, 200);
      assert.deepEqual(one.json(), (await list(`q=${stem}-b`)).json().items[0], 'one partner, as the list has it');
      assert.equal((await h.request({ method: 'GET', url: `/v1/review/partners/${stem}-z`, token: h.reviewer })).statusCode, 404);
      assert.equal((await h.request({ method: 'GET', url: `/v1/review/partners/${stem}-b`, token: await h.partner(`${stem}-b`) })).statusCode, 403);
      for (const [query, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], [`q=${'a'.repeat(65)}`, 'q'], ['cursor=Not_A_Partner!', 'cursor']] as const) {
        const refused = await list(query);
        assert.equal(refused.statusCode, 400, query);
        assert.match(refused.json().message, new RegExp(field), `${query}: the message names ${field}`);
      }
    });

    it('lists every partner for reviewers only, and a partner reads only its own status', async () => {
      const pid = freshPartner();
      await saveDraft(h, pid, documentFor(pid));
      const other = freshPartner();
      const id = await submitDocument(h, other, documentFor(other));
      const listed = await h.request({ method: 'GET', url: `/v1/review/partners?q=${pid.replace(/-\d+$/, '')}&limit=200`, token: h.reviewer });
      assert.equal(listed.statusCode, 200);
      const byId = Object.fromEntries(listed.json().items.map((entry: { partnerId: string }) => [entry.partnerId, entry]));
      assert.equal(byId[pid].pendingId, null);
      assert.equal(byId[other].pendingId, id);
      assert.equal(byId[other].overdue, false);
      assert.equal((await h.request({ method: 'GET', url: '/v1/review/partners', token: await h.partner(pid) })).statusCode, 403);
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${other}/status`, token: await h.partner(pid) })).statusCode, 403);
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${other}/status` })).statusCode, 401);
      assert.equal((await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions/not-a-uuid`, token: h.reviewer })).statusCode, 400);
    });
  });
}
