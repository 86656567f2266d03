import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BACKENDS, documentFor, freshPartner, saveDraft, startHarness, submitDocument, type Harness } from './harness.ts';

for (const backend of BACKENDS) {
  describe(`review comments (${backend})`, () => {
    let h: Harness;
    before(async () => { h = await startHarness(backend); });
    after(async () => { await h.close(); });

    const reject = (sid: string, payload: object) => h.request({ method: 'POST', url: `/v1/review/submissions/${sid}/reject`, token: h.reviewer, payload });
    const comments = async (pid: string) => (await h.request({ method: 'GET', url: `/v1/partners/${pid}/comments`, token: await h.partner(pid) })).json().items;

    it('survives resubmission with its resolved state, and the reviewer sees it in the next submission', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const doc = documentFor(pid);
      const first = await submitDocument(h, pid, doc);
      const rejected = await reject(first, {
        reason: 'Two links to fix.',
        comments: [{ pointer: '/promotionMenu/0/href', text: 'Use www.acme.example.' }, { pointer: '/brand/navBackground', text: 'Darker, please.' }],
      });
      assert.equal(rejected.statusCode, 200, rejected.body);
      const [href, colour] = await comments(pid);
      assert.equal(href.pointer, '/promotionMenu/0/href');
      assert.deepEqual(href.anchor, [{ at: 1, id: doc.promotionMenu[0].id }], 'the entry id it is anchored to');
      assert.equal(href.submissionId, first);
      assert.equal(href.decision, 'rejected');
      assert.equal(href.resolvedIn, null);

      doc.promotionMenu[0].href = 'https://www.acme.example/backup';
      await saveDraft(h, pid, doc);
      const submitted = await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token, payload: { resolvedComments: [href.id] } });
      assert.equal(submitted.statusCode, 201, submitted.body);
      const second = submitted.json().id;

      const after = await comments(pid);
      assert.equal(after.length, 2, 'no comment is lost');
      assert.equal(after[0].resolvedIn, second);
      assert.ok(after[0].resolvedAt);
      assert.match(after[0].resolvedBy, new RegExp(`^partner:${pid}/`));
      assert.equal(after[1].resolvedIn, null, 'the other stays open');

      const review = (await h.request({ method: 'GET', url: `/v1/review/submissions/${second}`, token: h.reviewer })).json();
      assert.deepEqual(review.comments.map((comment: { id: string; resolvedIn: string | null }) => [comment.id, comment.resolvedIn]), [[href.id, second], [colour.id, null]]);
      const actions = review.history.map((event: { action: string; to: string }) => `${event.action} ${event.to}`);
      assert.deepEqual(actions, ['submit pending', 'resolve /promotionMenu/0/href']);
      const trail = (await h.request({ method: 'GET', url: `/v1/partners/${pid}/history`, token })).json().items;
      assert.deepEqual(trail.map((event: { action: string; to: string | null; reason: string | null }) => [event.action, event.to, event.reason]), [
        ['submit', 'pending', null], ['reject', 'rejected', 'Two links to fix.'],
        ['comment', '/promotionMenu/0/href', 'Use www.acme.example.'], ['comment', '/brand/navBackground', 'Darker, please.'],
        ['submit', 'pending', null], ['resolve', '/promotionMenu/0/href', null],
      ]);

      // A comment once resolved cannot be resolved again; comments on approval are kept too.
      const approved = await h.request({ method: 'POST', url: `/v1/review/submissions/${second}/approve`, token: h.reviewer, payload: { comments: [{ pointer: '/operations/contact/email', text: 'Fine, but consider a shared inbox.' }] } });
      assert.equal(approved.statusCode, 200, approved.body);
      assert.deepEqual((await comments(pid)).map((comment: { decision: string }) => comment.decision), ['rejected', 'rejected', 'approved']);
    });

    it('opens again the comments a withdrawn submission had resolved: the reviewer sees them open with the next one', async () => {
      const pid = freshPartner();
      const token = await h.partner(pid);
      const doc = documentFor(pid);
      const first = await submitDocument(h, pid, doc);
      assert.equal((await reject(first, { reason: 'See the comment.', comments: [{ pointer: '/brand/navBackground', text: 'Darker, please.' }] })).statusCode, 200);
      const [comment] = await comments(pid);
      doc.brand.navBackground = '#0A2A66';
      await saveDraft(h, pid, doc);
      const second = (await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token, payload: { resolvedComments: [comment.id] } })).json().id;
      assert.equal((await comments(pid))[0].resolvedIn, second);
      const withdrawn = await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions/${second}/withdraw`, token });
      assert.equal(withdrawn.statusCode, 200, withdrawn.body);
      const reopened = (await comments(pid))[0];
      assert.deepEqual([reopened.resolvedIn, reopened.resolvedAt, reopened.resolvedBy], [null, null, null], 'a withdrawn submission resolved nothing');
      doc.brand.navBackground = '#0A2A55';
      await saveDraft(h, pid, doc);
      const third = (await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token })).json().id;
      const review = (await h.request({ method: 'GET', url: `/v1/review/submissions/${third}`, token: h.reviewer })).json();
      assert.deepEqual(review.comments.map((item: { id: string; resolvedIn: string | null }) => [item.id, item.resolvedIn]), [[comment.id, null]], 'open, with the next submission');
    });

    it('refuses comments whose pointer does not resolve, naming each, and decides nothing', async () => {
      const pid = freshPartner();
      const sid = await submitDocument(h, pid, documentFor(pid));
      const answer = await reject(sid, {
        reason: 'No.',
        comments: [{ pointer: '/promotionMenu/0/href', text: 'ok' }, { pointer: '/promotionMenu/99/href', text: 'gone' }, { pointer: 'promotionMenu', text: 'no slash' }, { pointer: '/promotionMenu/01', text: 'leading zero' }],
      });
      assert.equal(answer.statusCode, 400, answer.body);
      assert.deepEqual(answer.json().errors.map((error: { path: string }) => error.path), ['/comments/1/pointer', '/comments/2/pointer', '/comments/3/pointer']);
      assert.match(answer.json().message, /\/comments\/1\/pointer: \/promotionMenu\/99\/href is not a place in the submitted document/);
      const still = (await h.request({ method: 'GET', url: `/v1/review/submissions/${sid}`, token: h.reviewer })).json();
      assert.equal(still.submission.status, 'pending', 'nothing decided');
      assert.deepEqual(still.comments, []);
    });

    it('bounds comments: text 1 to 2,000 characters, at most 100, no unknown fields', async () => {
      const pid = freshPartner();
      const sid = await submitDocument(h, pid, documentFor(pid));
      const cases = [
        [{ pointer: '/brand', text: 'x'.repeat(2001) }],
        [{ pointer: '/brand', text: '   ' }],
        [{ pointer: '/brand', text: 'a\u0000b' }],
        Array.from({ length: 101 }, () => ({ pointer: '/brand', text: 'x' })),
        [{ pointer: '/brand', text: 'x', extra: true }],
      ];
      for (const list of cases) {
        const answer = await reject(sid, { reason: 'No.', comments: list });
        assert.equal(answer.statusCode, 400, answer.body.slice(0, 200));
        assert.match(answer.json().errors[0].path, /^\/comments/);
      }
      assert.equal((await reject(sid, { reason: 'No.', comments: Array.from({ length: 100 }, () => ({ pointer: '/brand', text: 'x'.repeat(2000) })) })).statusCode, 200);
    });

    it("lets a partner resolve only its own open comments", async () => {
      const mine = freshPartner();
      const theirs = freshPartner();
      const theirSid = await submitDocument(h, theirs, documentFor(theirs));
      await reject(theirSid, { reason: 'No.', comments: [{ pointer: '/brand', text: 'theirs' }] });
      const [theirComment] = await comments(theirs);
      const doc = documentFor(mine);
      await saveDraft(h, mine, doc);
      const token = await h.partner(mine);
      const answer = await h.request({ method: 'POST', url: `/v1/partners/${mine}/submissions`, token, payload: { resolvedComments: [theirComment.id] } });
      assert.equal(answer.statusCode, 400, answer.body);
      assert.equal(answer.json().errors[0].path, '/resolvedComments/0');
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${mine}/submissions`, token })).json().items.length, 0, 'nothing submitted');
      assert.equal((await comments(theirs))[0].resolvedIn, null);
      assert.equal((await h.request({ method: 'GET', url: `/v1/partners/${theirs}/comments`, token })).statusCode, 403);
    });
  });
}

describe('a comment follows its entry (preview/src/shared/comment-anchor.ts)', () => {
  const comment = (pointer: string, anchor: Array<{ at: number; id: string }>) => ({ pointer, anchor });
  const doc = { promotionMenu: [{ id: 'a', href: 'x', children: [{ id: 'a1', href: 'y' }] }, { id: 'b', href: 'z' }], brand: { navBackground: '#000000' } };

  it('stays where it was while nothing moved, and follows moved entries by id', async () => {
    const { locateComment } = await import('../../preview/src/shared/comment-anchor.ts');
    assert.equal(locateComment(comment('/brand/navBackground', []), doc), '/brand/navBackground');
    assert.equal(locateComment(comment('/promotionMenu/1/href', [{ at: 1, id: 'b' }]), doc), '/promotionMenu/1/href');
    const moved = { ...doc, promotionMenu: [doc.promotionMenu[1], { ...doc.promotionMenu[0], children: [{ id: 'a0', href: 'w' }, { id: 'a1', href: 'y' }] }] };
    assert.equal(locateComment(comment('/promotionMenu/1/href', [{ at: 1, id: 'b' }]), moved), '/promotionMenu/0/href');
    assert.equal(locateComment(comment('/promotionMenu/0/children/0/href', [{ at: 1, id: 'a' }, { at: 3, id: 'a1' }]), moved), '/promotionMenu/1/children/1/href');
  });

  it('says null when the entry or the field is gone', async () => {
    const { locateComment, placeComments } = await import('../../preview/src/shared/comment-anchor.ts');
    const without = { ...doc, promotionMenu: [doc.promotionMenu[0]] };
    assert.equal(locateComment(comment('/promotionMenu/1/href', [{ at: 1, id: 'b' }]), without), null);
    assert.equal(locateComment(comment('/operations/contact/email', []), doc), null);
    const placed = placeComments([{ ...comment('/promotionMenu/1/href', [{ at: 1, id: 'b' }]), id: '1' }, { ...comment('/brand/navBackground', []), id: '2' }] as never, without);
    assert.deepEqual([...placed.byPath.keys()], ['/brand/navBackground']);
    assert.deepEqual(placed.lost.map((lost) => lost.id), ['1']);
  });
});
