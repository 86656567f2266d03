import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BACKENDS, documentFor, freshPartner, publish, saveDraft, startHarness, submitDocument, type Harness } from './harness.ts';

for (const backend of BACKENDS) {
  describe(`workflow (${backend})`, () => {
    let h: Harness;
    before(async () => { h = await startHarness(backend); });
    after(async () => { await h.close(); });

    it('takes a document from draft to public, and the partner reads the decision', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const first = await h.request({ method: 'GET', url: `/v1/partners/${pid}/draft`, token });
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers.etag, '"0"');
      assert.deepEqual(first.json().config, { schemaVersion: 1, partnerId: pid });

      const saved = await h.request({ method: 'PUT', url: `/v1/partners/${pid}/draft`, token, headers: { 'if-match': '"0"' }, payload: documentFor(pid) });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal(saved.headers.etag, '"1"');
      assert.deepEqual(saved.json().validation, { valid: true, errors: [] });

      const submitted = await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token });
      assert.equal(submitted.statusCode, 201, submitted.body);
      const { id, status, dueAt } = submitted.json();
      assert.equal(status, 'pending');
      assert.ok(new Date(dueAt).getTime() > Date.now() + 2 * 86_400_000);

      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` })).statusCode, 404, 'nothing public before approval');
      const approved = await h.request({ method: 'POST', url: `/v1/review/submissions/${id}/approve`, token: h.reviewer });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.equal(approved.json().status, 'approved');

      const live = await h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` });
      assert.equal(live.statusCode, 200);
      assert.deepEqual(live.json(), documentFor(pid));
      const history = await h.request({ method: 'GET', url: `/v1/partners/${pid}/submissions`, token });
      assert.deepEqual(history.json().items.map((item: { status: string }) => item.status), ['approved']);
    });

    it('saves an invalid draft with its errors, and refuses to submit it (422)', async () => {
      const pid = freshPartner();
      const doc = documentFor(pid);
      doc.promotionMenu[0].href = 'javascript:alert(1)';
      const saved = await saveDraft(h, pid, doc);
      assert.equal(saved.statusCode, 200);
      assert.equal(saved.json().validation.valid, false);
      assert.deepEqual(saved.json().validation.errors.map((error: { path: string }) => error.path), ['/promotionMenu/0/href']);
      const token = await h.partner(pid);
      const again = await h.request({ method: 'GET', url: `/v1/partners/${pid}/draft`, token });
      assert.deepEqual(again.json().config, doc, 'the invalid draft is kept as sent');
      const submitted = await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token });
      assert.equal(submitted.statusCode, 422);
      assert.equal(submitted.json().code, 'invalid_draft');
      assert.equal(submitted.json().errors[0].path, '/promotionMenu/0/href');
    });

    it('refuses a draft for another partner id as invalid', async () => {
      const pid = freshPartner();
      const saved = await saveDraft(h, pid, documentFor('someone-else'));
      assert.equal(saved.json().validation.errors[0].code, 'partner.mismatch');
    });

    it('needs If-Match to save (428) and refuses a stale revision (412) with the current one', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const url = `/v1/partners/${pid}/draft`;
      const missing = await h.request({ method: 'PUT', url, token, payload: documentFor(pid) });
      assert.equal(missing.statusCode, 428);
      assert.equal(missing.json().code, 'precondition_required');
      assert.equal((await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"0"' }, payload: documentFor(pid) })).statusCode, 200);
      const stale = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"0"' }, payload: { ...documentFor(pid), brand: {} } });
      assert.equal(stale.statusCode, 412);
      assert.equal(stale.json().revision, 1);
      const kept = await h.request({ method: 'GET', url, token });
      assert.deepEqual(kept.json().config, documentFor(pid), 'the stale save lost nothing');
      assert.equal((await h.request({ method: 'PUT', url, token, headers: { 'if-match': 'W/"1"' }, payload: documentFor(pid) })).statusCode, 200);
      assert.equal((await h.request({ method: 'PUT', url, token, headers: { 'if-match': 'soon' }, payload: documentFor(pid) })).statusCode, 400);
    });

    it("names the draft's current revision in the If-Match the 428, 400 and 412 answers show, never a made-up one", async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const url = `/v1/partners/${pid}/draft`;
      const before = await h.request({ method: 'PUT', url, token, payload: documentFor(pid) });
      assert.equal(before.statusCode, 428);
      assert.match(before.json().message, /If-Match: "0"/, 'before the first save');
      assert.equal(before.json().revision, 0);
      for (const revision of ['"0"', '"1"', '"2"', '"3"']) assert.equal((await h.request({ method: 'PUT', url, token, headers: { 'if-match': revision }, payload: documentFor(pid) })).statusCode, 200);
      const missing = await h.request({ method: 'PUT', url, token, payload: documentFor(pid) });
      assert.equal(missing.statusCode, 428);
      assert.match(missing.json().message, /If-Match: "4"/);
      assert.equal(missing.json().revision, 4);
      const malformed = await h.request({ method: 'PUT', url, token, headers: { 'if-match': 'soon' }, payload: documentFor(pid) });
      assert.equal(malformed.statusCode, 400);
      assert.match(malformed.json().message, /"4"/);
      assert.doesNotMatch(malformed.json().message, /"3"/);
      const stale = await h.request({ method: 'PUT', url, token, headers: { 'if-match': '"2"' }, payload: documentFor(pid) });
      assert.equal(stale.statusCode, 412);
      assert.match(stale.json().message, /revision 4/);
    });

    it('lets exactly one of several concurrent saves of one revision win', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const saves = await Promise.all(Array.from({ length: 6 }, (_, index) => h.request({
        method: 'PUT', url: `/v1/partners/${pid}/draft`, token, headers: { 'if-match': '"0"' },
        payload: { ...documentFor(pid), brand: { navBackground: `#0B3D9${index}` } },
      })));
      assert.deepEqual(saves.map((save) => save.statusCode).sort(), [200, 412, 412, 412, 412, 412]);
      const winner = saves.find((save) => save.statusCode === 200)!.json().config;
      assert.deepEqual((await h.request({ method: 'GET', url: `/v1/partners/${pid}/draft`, token })).json().config, winner);
    });

    it('allows one pending submission per partner (409), and none that changes nothing', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      await submitDocument(h, pid, documentFor(pid));
      const second = await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token });
      assert.equal(second.statusCode, 409);
      assert.equal(second.json().code, 'pending_exists');
      const other = freshPartner();
      await publish(h, other, documentFor(other));
      const unchanged = await h.request({ method: 'POST', url: `/v1/partners/${other}/submissions`, token: await h.partner(other) });
      assert.equal(unchanged.statusCode, 409);
      assert.equal(unchanged.json().code, 'no_change');
      const none = freshPartner();
      assert.equal((await h.request({ method: 'POST', url: `/v1/partners/${none}/submissions`, token: await h.partner(none) })).json().code, 'no_draft');
    });

    it('submits only the revision the partner saw, when told it with If-Match (412 once it changed elsewhere)', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const seen = (await saveDraft(h, pid, documentFor(pid))).json().revision;
      await saveDraft(h, pid, { ...documentFor(pid), brand: { navBackground: '#7A1F1F' } }); // another tab saves
      const submit = (ifMatch: string) => h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token, headers: { 'if-match': ifMatch } });
      const stale = await submit(`"${seen}"`);
      assert.equal(stale.statusCode, 412);
      assert.deepEqual(stale.json(), { code: 'revision_conflict', revision: seen + 1,
        message: `The draft changed since revision ${seen}: it is at revision ${seen + 1}. Reload it to see what would be submitted, then submit again.` });
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${pid}/submissions`, token })).json().items.length, 0, 'nothing submitted');
      assert.equal((await submit('"x1"')).statusCode, 400, 'an If-Match that is no revision');
      assert.equal((await submit(`"${seen + 1}"`)).statusCode, 201, 'the revision now');
    });

    it('keeps the submitted snapshot when the draft changes afterwards', async () => {
      const pid = freshPartner();
      const id = await submitDocument(h, pid, documentFor(pid));
      await saveDraft(h, pid, { ...documentFor(pid), brand: { navBackground: '#7A1F1F' } });
      const review = await h.request({ method: 'GET', url: `/v1/review/submissions/${id}`, token: h.reviewer });
      assert.deepEqual(review.json().document, documentFor(pid));
      await assert.rejects(h.db.query("UPDATE submissions SET document = '{}' WHERE id = $1", [id]), /immutable/);
    });

    it('shows a decided submission\'s changes against what was live when it was submitted, not against what is live now', async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      const changed = { ...documentFor(pid), brand: { ...documentFor(pid).brand, navBackground: '#7A1F1F' } };
      const id = await submitDocument(h, pid, changed);
      const read = async () => (await h.request({ method: 'GET', url: `/v1/review/submissions/${id}`, token: h.reviewer })).json();
      const pending = await read();
      assert.equal(pending.comparedWith.what, 'live');
      assert.deepEqual(pending.diff.map((change: { path: string }) => change.path), ['/brand/navBackground']);
      assert.equal((await h.request({ method: 'POST', url: `/v1/review/submissions/${id}/approve`, token: h.reviewer })).statusCode, 200);
      const approved = await read();
      assert.equal(approved.comparedWith.what, 'live-when-submitted');
      assert.deepEqual(approved.comparedWith.document, documentFor(pid));
      assert.deepEqual(approved.diff.map((change: { path: string }) => change.path), ['/brand/navBackground'], 'what the approval changed, still');
      assert.deepEqual(approved.live, changed, 'and what is live now, beside it');
    });

    it('takes "what was live when it was submitted" from what was live, after a rollback or before a scheduled go-live', async () => {
      const pid = freshPartner();
      const colour = (navBackground: string) => ({ ...documentFor(pid), brand: { ...documentFor(pid).brand, navBackground } });
      await publish(h, pid, colour('#111111'));
      await publish(h, pid, colour('#222222'));
      const versions = (await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: h.reviewer })).json().items;
      const first = versions.at(-1).id;
      const rolledBack = await h.request({ method: 'POST', url: `/v1/review/partners/${pid}/rollback`, token: h.reviewer, payload: { versionId: first, reason: 'The red was wrong.' } });
      assert.equal(rolledBack.statusCode, 200, rolledBack.body);
      const third = await submitDocument(h, pid, colour('#333333'));
      const later = new Date(Date.now() + 86_400_000).toISOString();
      const scheduled = await h.request({ method: 'POST', url: `/v1/review/submissions/${third}/approve`, token: h.reviewer, payload: { effectiveAt: later } });
      assert.equal(scheduled.statusCode, 200, scheduled.body);
      const fourth = await submitDocument(h, pid, colour('#444444'));
      const compared = async (id: string) => (await h.request({ method: 'GET', url: `/v1/review/submissions/${id}`, token: h.reviewer })).json().comparedWith;
      assert.equal((await compared(third)).document.brand.navBackground, '#111111', 'live then: the version rolled back to, not the last approved');
      assert.equal((await compared(third)).what, 'live-when-submitted');
      assert.equal((await h.request({ method: 'POST', url: `/v1/review/submissions/${fourth}/approve`, token: h.reviewer })).statusCode, 200);
      assert.equal((await compared(fourth)).document.brand.navBackground, '#111111', 'live then: the scheduled version had not gone live');
    });

    it('lets exactly one of two concurrent approvals win; the other gets 409', async () => {
      const pid = freshPartner();
      const id = await submitDocument(h, pid, documentFor(pid));
      const answers = await Promise.all([1, 2].map(() => h.request({ method: 'POST', url: `/v1/review/submissions/${id}/approve`, token: h.reviewer })));
      assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [200, 409]);
      const versions = await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: h.reviewer });
      assert.equal(versions.json().items.length, 1);
    });

    it('rejects only with a reason, which the partner reads; a decided submission stays decided', async () => {
      const pid = freshPartner();
      const id = await submitDocument(h, pid, documentFor(pid));
      for (const payload of [{}, { reason: '   ' }]) {
        const refused = await h.request({ method: 'POST', url: `/v1/review/submissions/${id}/reject`, token: h.reviewer, payload });
        assert.equal(refused.statusCode, 400);
        assert.equal(refused.json().errors[0].path, '/reason');
      }
      const rejected = await h.request({ method: 'POST', url: `/v1/review/submissions/${id}/reject`, token: h.reviewer, payload: { reason: 'The logo link goes to a parked domain.' } });
      assert.equal(rejected.statusCode, 200);
      assert.equal(rejected.json().status, 'rejected');
      const mine = await h.request({ method: 'GET', url: `/v1/partners/${pid}/submissions`, token: await h.partner(pid) });
      assert.equal(mine.json().items[0].reason, 'The logo link goes to a parked domain.');
      for (const [action, payload] of [['approve', {}], ['reject', { reason: 'x' }]] as const) {
        const late = await h.request({ method: 'POST', url: `/v1/review/submissions/${id}/${action}`, token: h.reviewer, payload });
        assert.equal(late.statusCode, 409, action);
      }
      const resubmitted = await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token: await h.partner(pid) });
      assert.equal(resubmitted.statusCode, 201, 'a rejected draft may be resubmitted');
    });

    it('lets the partner withdraw a pending submission, once', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const id = await submitDocument(h, pid, documentFor(pid));
      const url = `/v1/partners/${pid}/submissions/${id}/withdraw`;
      assert.equal((await h.request({ method: 'POST', url, token })).json().status, 'withdrawn');
      assert.equal((await h.request({ method: 'POST', url, token })).statusCode, 409);
      assert.equal((await h.request({ method: 'POST', url: `/v1/review/submissions/${id}/approve`, token: h.reviewer })).statusCode, 409);
    });

    it('rolls back to an earlier approved version, with a reason', async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      const second = { ...documentFor(pid), brand: { navBackground: '#7A1F1F' } };
      await publish(h, pid, second);
      assert.deepEqual((await h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` })).json(), second);
      const versions = (await h.request({ method: 'GET', url: `/v1/review/partners/${pid}/versions`, token: h.reviewer })).json().items;
      assert.deepEqual(versions.map((version: { live: boolean }) => version.live), [true, false]);
      const url = `/v1/review/partners/${pid}/rollback`;
      assert.equal((await h.request({ method: 'POST', url, token: h.reviewer, payload: { versionId: versions[1].id } })).statusCode, 400, 'reason required');
      const rolled = await h.request({ method: 'POST', url, token: h.reviewer, payload: { versionId: versions[1].id, reason: 'The red bar confused customers.' } });
      assert.equal(rolled.statusCode, 200, rolled.body);
      assert.equal(rolled.json().live, true);
      assert.deepEqual((await h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` })).json(), documentFor(pid));
      assert.equal((await h.request({ method: 'POST', url, token: h.reviewer, payload: { versionId: versions[1].id, reason: 'again' } })).statusCode, 409);
      const otherPartner = freshPartner();
      assert.equal((await h.request({ method: 'POST', url: `/v1/review/partners/${otherPartner}/rollback`, token: h.reviewer, payload: { versionId: versions[0].id, reason: 'x' } })).statusCode, 404);
    });

    it('records every transition in an append-only audit trail', async () => {
      const pid = freshPartner();
      const first = await submitDocument(h, pid, documentFor(pid));
      await h.request({ method: 'POST', url: `/v1/review/submissions/${first}/reject`, token: h.reviewer, payload: { reason: 'Fix the logo.' } });
      const second = await submitDocument(h, pid, { ...documentFor(pid), brand: { navBackground: '#0B3D91' } });
      await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions/${second}/withdraw`, token: await h.partner(pid) });
      const third = await submitDocument(h, pid, { ...documentFor(pid), brand: { navBackground: '#0B3D92' } });
      await h.request({ method: 'POST', url: `/v1/review/submissions/${third}/approve`, token: h.reviewer });
      const events = (await h.request({ method: 'GET', url: `/v1/partners/${pid}/history`, token: await h.partner(pid) })).json().items;
      assert.deepEqual(events.map((event: { action: string; from: string; to: string }) => `${event.action}:${event.from}->${event.to}`), [
        'submit:draft->pending', 'reject:pending->rejected', 'submit:draft->pending', 'withdraw:pending->withdrawn', 'submit:draft->pending', 'approve:pending->approved',
      ]);
      assert.equal(events[1].reason, 'Fix the logo.');
      assert.match(events[0].actor, new RegExp(`^partner:${pid}/`));
      assert.match(events[1].actor, /^reviewer\//);
      assert.ok(events.every((event: { at: string }) => !Number.isNaN(Date.parse(event.at))));
      const perSubmission = (await h.request({ method: 'GET', url: `/v1/review/submissions/${first}`, token: h.reviewer })).json().history;
      assert.deepEqual(perSubmission.map((event: { action: string }) => event.action), ['submit', 'reject']);
      await assert.rejects(h.db.query('DELETE FROM audit_events WHERE partner_id = $1', [pid]), /append-only/);
    });

    it('shows a reviewer the diff against what is live and the link hosts it introduces', async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      const changed = documentFor(pid);
      changed.brand.navBackground = '#1F6F3F';
      changed.promotionMenu[0].href = 'https://backup.new-partner.example/';
      delete changed.operations.announcement;
      changed.cloudMenu.info.hidden = ['filing'];
      const id = await submitDocument(h, pid, changed);
      const review = (await h.request({ method: 'GET', url: `/v1/review/submissions/${id}`, token: h.reviewer })).json();
      assert.deepEqual(review.live, documentFor(pid));
      assert.deepEqual(review.document, changed);
      const byPath = Object.fromEntries(review.diff.map((change: { path: string }) => [change.path, change]));
      assert.deepEqual(byPath['/brand/navBackground'], { path: '/brand/navBackground', op: 'changed', before: '#0B3D91', after: '#1F6F3F' });
      assert.equal(byPath['/operations/announcement'].op, 'removed');
      // The hidden catalog entries are a set: unhiding one reads as "now shown", by its id (issue 14, item 12).
      assert.deepEqual(byPath['/cloudMenu/info/hidden'], { path: '/cloudMenu/info/hidden', op: 'shown', id: 'enterprise' });
      assert.equal(review.diff.length, 4);
      assert.deepEqual(review.introducedHosts, ['backup.new-partner.example']);
    });

    it('orders the queue by due date, marks the overdue, and pages by cursor', async () => {
      const partners = [freshPartner('q'), freshPartner('q'), freshPartner('q')];
      for (const pid of partners) await submitDocument(h, pid, documentFor(pid));
      const [overdue] = partners;
      await h.db.query("UPDATE submissions SET due_at = now() - interval '1 day' WHERE partner_id = $1", [overdue]);
      const seen: Array<{ partnerId: string; dueAt: string; overdue: boolean }> = [];
      let cursor: string | null = null;
      do {
        const page = await h.request({ method: 'GET', url: `/v1/review/queue?limit=2${cursor ? `&cursor=${cursor}` : ''}`, token: h.reviewer });
        assert.equal(page.statusCode, 200, page.body);
        assert.ok(page.json().items.length <= 2);
        seen.push(...page.json().items);
        cursor = page.json().nextCursor;
      } while (cursor);
      const mine = seen.filter((item) => partners.includes(item.partnerId));
      assert.equal(mine.length, 3);
      assert.equal(mine[0]!.partnerId, overdue);
      assert.equal(mine[0]!.overdue, true);
      assert.ok(mine.slice(1).every((item) => !item.overdue));
      const dueDates = seen.map((item) => Date.parse(item.dueAt));
      assert.deepEqual(dueDates, [...dueDates].sort((a, b) => a - b));
      assert.equal(new Set(seen.map((item) => JSON.stringify(item))).size, seen.length, 'no item twice across pages');
      assert.equal((await h.request({ method: 'GET', url: '/v1/review/queue?cursor=bogus', token: h.reviewer })).statusCode, 400);
    });
  });
}
