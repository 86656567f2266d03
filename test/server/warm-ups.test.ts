import assert from 'node:assert/strict';
import type { Worker } from 'node:cluster';
import { describe, it } from 'node:test';
import { WarmUps } from '../../server/cluster.ts';
import { encodedPages, PublicDocument, type PackedPage } from '../../server/public-cache.ts';

/** Workers stand for themselves here: WarmUps only tells them apart. */
const worker = (name: string) => ({ name }) as unknown as Worker;

/** A store of `pages` pages of two documents each, counting the pages it is asked for. */
function store(pages: number) {
  const asked: number[] = [];
  async function* read() {
    for (let page = 0; page < pages; page++) {
      asked.push(page);
      yield new Map([[`p-${page}-a`, { page, text: 'a'.repeat(500 + page) }], [`p-${page}-b`, { page, promotionMenu: [{ id: 'sale', activeFrom: '2030-01-01T00:00:00Z' }] }]]);
    }
  }
  return { asked, source: () => encodedPages(read()) };
}

async function drain(warmUps: WarmUps, from: Worker): Promise<PackedPage[]> {
  const pages: PackedPage[] = [];
  for (let page = await warmUps.next(from); page; page = await warmUps.next(from)) pages.push(page);
  return pages;
}

describe('the workers\' warm-up, encoded once in the primary', () => {
  it('reads and compresses each page once for all the workers alive, who get the same bytes', async () => {
    const { asked, source } = store(5);
    const workers = [worker('a'), worker('b'), worker('c')];
    const warmUps = new WarmUps(source, () => workers);
    const [a, b, c] = await Promise.all(workers.map((each) => drain(warmUps, each)));
    assert.deepEqual(asked, [0, 1, 2, 3, 4], 'one pass over the store');
    assert.equal(a!.length, 5);
    assert.deepEqual(b, a);
    assert.deepEqual(c, a);
  });

  it('gives a worker started after the pass began a pass of its own, and does not wait for one that left', async () => {
    const { asked, source } = store(3);
    const first = worker('first');
    const gone = worker('gone');
    const workers = [first, gone];
    const warmUps = new WarmUps(source, () => workers);
    assert.equal((await drain(warmUps, first)).length, 3);
    warmUps.leave(gone);
    const replacement = worker('replacement');
    workers.push(replacement);
    assert.equal((await drain(warmUps, replacement)).length, 3);
    assert.deepEqual(asked, [0, 1, 2, 0, 1, 2], 'the replacement\'s own pass');
  });

  it('passes a store error to every worker of the pass', async () => {
    async function* failing(): AsyncGenerator<Map<string, unknown>> {
      yield new Map([['p', { ok: true }]]);
      throw new Error('connection lost');
    }
    const workers = [worker('a'), worker('b')];
    const warmUps = new WarmUps(() => encodedPages(failing()), () => workers);
    for (const each of workers) {
      assert.ok(await warmUps.next(each));
      await assert.rejects(warmUps.next(each), /connection lost/);
    }
  });

  it('packs a page into one message and unpacks documents that answer as the originals do', async () => {
    const { source } = store(1);
    const page = (await source().next()).value as Map<string, PublicDocument>;
    const packed = PublicDocument.pack(page);
    assert.equal(packed.bytes.length, [...page.values()].reduce((sum, document) => sum + document.size('gzip') + document.size('br') + 32, 0), 'only the documents\' own bytes');
    const unpacked = PublicDocument.unpack(structuredClone(packed));
    assert.deepEqual([...unpacked.keys()], [...page.keys()]);
    for (const [partnerId, original] of page) {
      const copy = unpacked.get(partnerId)!;
      for (const encoding of ['identity', 'gzip', 'br'] as const) {
        assert.deepEqual(copy.variant(encoding), original.variant(encoding), `${partnerId} ${encoding}`);
        assert.equal(copy.etag(encoding), original.etag(encoding));
      }
      assert.deepEqual(copy.boundaries, original.boundaries);
    }
    assert.equal(unpacked.get('p-0-b')!.boundaries.length, 1, 'time windows travel too');
  });
});
