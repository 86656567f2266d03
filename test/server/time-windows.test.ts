import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BACKENDS, documentFor, freshPartner, publish, saveDraft, startHarness, type Harness } from './harness.ts';

const START = Date.parse('2026-11-25T12:00:00Z');
const at = (ms: number) => new Date(START + ms).toISOString().replace('.000Z', 'Z');

for (const backend of BACKENDS) {
  describe(`time windows in the service (${backend})`, () => {
    let h: Harness;
    let clock = START;
    before(async () => { h = await startHarness(backend, undefined, { clock: () => clock }); });
    after(async () => { await h.close(); });

    it('refuses at submission a window that has ended by the service\'s clock; the draft is saved with the error', async () => {
      clock = START;
      const pid = freshPartner();
      const doc = documentFor(pid);
      doc.operations.announcement.activeUntil = at(-1000);
      const saved = await saveDraft(h, pid, doc);
      assert.equal(saved.statusCode, 200);
      assert.deepEqual(saved.json().validation.errors.map((e: any) => [e.path, e.code]), [['/operations/announcement/activeUntil', 'window.ended']]);
      const submitted = await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token: await h.partner(pid) });
      assert.equal(submitted.statusCode, 422);
      const [error] = submitted.json().errors;
      assert.equal(error.path, '/operations/announcement/activeUntil');
      assert.equal(error.code, 'window.ended');
      assert.match(error.message, /ended at .*activeUntil/);
      clock = START - 5000; // the same draft, submitted before the window ended
      assert.equal((await h.request({ method: 'POST', url: `/v1/partners/${pid}/submissions`, token: await h.partner(pid) })).statusCode, 201);
    });

    it('keeps max-age short of the next boundary and changes the ETag at every boundary', async () => {
      clock = START;
      const pid = freshPartner();
      const doc = documentFor(pid);
      doc.promotionMenu[0].activeFrom = at(45_000);
      doc.promotionMenu[0].activeUntil = at(600_000);
      doc.operations.announcement.activeUntil = at(3_600_000);
      await publish(h, pid, doc);
      const url = `/v1/partners/${pid}/customization`;
      const read = async (ifNoneMatch?: string) => h.request({ method: 'GET', url, headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {} });

      const before = await read();
      assert.equal(before.statusCode, 200);
      assert.equal(before.headers['cache-control'], 'public, max-age=30, stale-while-revalidate=15');
      assert.deepEqual(before.json(), doc, 'the document is served with its windows');
      const first = before.headers.etag as string;

      clock = START + 40_500;
      const near = await read(first);
      assert.equal(near.statusCode, 304, 'nothing changed yet');
      assert.equal(near.headers['cache-control'], 'public, max-age=4');

      const etags = [first];
      for (const boundary of [45_000, 600_000, 3_600_000]) {
        clock = START + boundary;
        const crossed = await read(etags.at(-1));
        assert.equal(crossed.statusCode, 200, `a new ETag at +${boundary} ms`);
        etags.push(crossed.headers.etag as string);
      }
      assert.equal(new Set(etags).size, 4, 'four window states, four ETags');
      assert.equal((await read()).headers['cache-control'], 'public, max-age=30, stale-while-revalidate=60', 'past the last boundary');
      clock = START + 590_000;
      assert.equal((await read()).headers['cache-control'], 'public, max-age=10', 'a CDN never holds it past the end of the promotion');
    });

    it('leaves documents without windows as they were', async () => {
      const pid = freshPartner();
      await publish(h, pid, documentFor(pid));
      const answer = await h.request({ method: 'GET', url: `/v1/partners/${pid}/customization` });
      assert.equal(answer.headers['cache-control'], 'public, max-age=30, stale-while-revalidate=60');
      assert.match(answer.headers.etag as string, /^"[\w-]+"$/);
    });
  });
}

describe('time windows in the reviewer\'s diff', () => {
  it('reports each bound at its own pointer, with the entry matched by id', async () => {
    const { diffDocuments } = await import('../../server/diff.ts');
    const entry = (window: object = {}) => ({ id: 'sale', label: { 'zh-CN': '促销', 'en-US': 'Sale' }, href: 'https://acme.example/sale', ...window });
    const before = { promotionMenu: [entry({ activeUntil: '2026-12-31T00:00:00+08:00' })] };
    const after = { promotionMenu: [entry({ activeFrom: '2026-12-01T00:00:00+08:00', activeUntil: '2027-01-15T00:00:00+08:00' })], operations: { announcement: { text: { 'zh-CN': '通知', 'en-US': 'Notice' }, activeUntil: '2027-01-01T00:00:00Z' } } };
    assert.deepEqual(diffDocuments(before, after), [
      { path: '/promotionMenu/0/activeUntil', op: 'changed', before: '2026-12-31T00:00:00+08:00', after: '2027-01-15T00:00:00+08:00' },
      { path: '/promotionMenu/0/activeFrom', op: 'added', after: '2026-12-01T00:00:00+08:00' },
      { path: '/operations', op: 'added', after: after.operations },
    ]);
  });
});
