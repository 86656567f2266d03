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
      const listed = (await h.request({ method: 'GET', url: '/v1/review/partners', token: h.reviewer })).json().items.find((entry: { partnerId: string }) => entry.partnerId === pid);
      assert.equal(listed.liveSince, now.live.since, 'live since the rollback, not since the version was first approved');
    });

    it('lists every partner for reviewers only, and a partner reads only its own status', async () => {
      const pid = freshPartner();
      await saveDraft(h, pid, documentFor(pid));
      const other = freshPartner();
      const id = await submitDocument(h, other, documentFor(other));
      const listed = await h.request({ method: 'GET', url: '/v1/review/partners', token: h.reviewer });
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
