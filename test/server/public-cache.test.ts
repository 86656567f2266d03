import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { encodedPages, encodeDocument, negotiateEncoding, publicAnswer, PublicCache, PublicDocument } from '../../server/public-cache.ts';

const ENCODINGS = ['identity', 'gzip', 'br'] as const;

/** A one-at-a-time loader as a batch loader. */
const many = (load: (id: string) => Promise<unknown>) => async (ids: string[]) => new Map(await Promise.all(ids.map(async (id) => [id, await load(id)] as [string, unknown])));

describe('public cache', () => {
  const counting = () => {
    const loads: string[] = [];
    let version = 1;
    return { loads, bump: () => { version++; }, load: async (pid: string) => { loads.push(pid); return { pid, version }; } };
  };

  it('holds each copy until that partner is invalidated, however old, and reads only that partner again', async () => {
    const source = counting();
    const cache = new PublicCache(many(source.load));
    const [a, b] = await Promise.all([cache.get('a'), cache.get('b')]);
    assert.equal(cache.get('a'), a, 'served from memory');
    source.bump();
    cache.invalidate('a');
    const again = await cache.get('a');
    assert.notEqual(again, a);
    assert.match(again!.body.toString(), /"version":2/);
    assert.equal(cache.get('b'), b, 'b untouched');
    assert.deepEqual(source.loads.sort(), ['a', 'a', 'b']);
  });
});

describe('public cache: misses', () => {
  it('looks up concurrent misses in one query, remembers partners with no live version apart, and forgets them on notification', async () => {
    const batches: string[][] = [];
    const cache = new PublicCache(async (ids) => { batches.push(ids); return new Map(ids.filter((id) => id.startsWith('live')).map((id) => [id, { id }])); }, { maxEntries: 2 });
    const reads = await Promise.all(['live-1', 'live-2', ...Array.from({ length: 50 }, (_, i) => `nobody-${i}`)].map((id) => cache.get(id)));
    assert.equal(batches.length, 1, 'one query for 52 concurrent misses');
    assert.equal(reads.filter((read) => read !== null).length, 2);
    // 50 misses did not push the two live partners out of a cache of two.
    assert.notEqual(cache.get('live-1'), null);
    assert.equal(cache.get('live-1') instanceof Promise, false);
    assert.equal(cache.get('nobody-7'), null);
    cache.invalidate('nobody-7');
    assert.equal(cache.get('nobody-7') instanceof Promise, true);
  });
});

describe('public cache: ready-to-send variants and warming', () => {
  it('keeps gzip and brotli variants of the same JSON, each with its own ETag, and reuses them for an unchanged body', async () => {
    const document = { schemaVersion: 1, partnerId: 'acme', text: 'x'.repeat(2000) };
    const encoded = encodeDocument(document);
    assert.deepEqual(JSON.parse(gunzipSync(encoded.gzip).toString()), document);
    assert.deepEqual(JSON.parse(brotliDecompressSync(encoded.br).toString()), document);
    assert.ok(encoded.br.length < encoded.body.length / 4);
    assert.equal(new Set(ENCODINGS.map((encoding) => encoded.etag(encoding))).size, 3);
    for (const etag of ENCODINGS.map((encoding) => encoded.etag(encoding))) assert.match(etag, /^"[0-9a-f]+-[0-9a-f]+"$/);
    assert.equal(encodeDocument(structuredClone(document), encoded), encoded);
    assert.notEqual((encodeDocument({ ...document, text: 'y' }, encoded)).etag('identity'), encoded.etag('identity'));
  });

  it('negotiates Accept-Encoding: brotli, then gzip, then none; q=0 refuses', () => {
    assert.equal(negotiateEncoding(undefined), 'identity');
    assert.equal(negotiateEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(negotiateEncoding('gzip'), 'gzip');
    assert.equal(negotiateEncoding('br;q=0, gzip;q=0.5'), 'gzip');
    assert.equal(negotiateEncoding('*'), 'br');
    assert.equal(negotiateEncoding('*;q=0, identity'), 'identity');
    assert.equal(negotiateEncoding('deflate'), 'identity');
  });

  it('revalidates a copy held in another encoding with 304 and that copy\'s ETag (bar.html embeds the plain one; browsers then ask with br)', () => {
    const entry = encodeDocument({ schemaVersion: 1, partnerId: 'acme', text: 'x'.repeat(2000) });
    const now = Date.now();
    for (const [held, asked] of [['identity', 'gzip, deflate, br'], ['gzip', 'br'], ['br', undefined]] as const) {
      const answer = publicAnswer('acme', entry, { 'if-none-match': entry.etag(held), 'accept-encoding': asked }, now);
      assert.equal(answer.status, 304, `${held} copy, Accept-Encoding ${asked}`);
      assert.equal(answer.headers.etag, entry.etag(held));
    }
    const other = encodeDocument({ schemaVersion: 1, partnerId: 'acme', text: 'y' });
    assert.equal(publicAnswer('acme', entry, { 'if-none-match': other.etag('identity'), 'accept-encoding': 'br' }, now).status, 200);
  });

  it('warms from pages of the store, then serves every partner without a cold read; an invalidation during a page wins', async () => {
    const loads: string[][] = [];
    const cache = new PublicCache(async (ids) => { loads.push(ids); return new Map(ids.map((id) => [id, { id, fresh: true }])); });
    async function* pages() {
      yield new Map([['a', { id: 'a' }], ['b', { id: 'b' }]]);
      cache.invalidate('c');
      yield new Map([['c', { id: 'c', stale: true }]]);
    }
    assert.equal(await cache.warm(encodedPages(pages())), 2);
    assert.equal(cache.get('a') instanceof Promise, false);
    assert.equal(cache.get('b') instanceof Promise, false);
    assert.deepEqual(loads, []);
    const c = await cache.get('c');
    assert.deepEqual(JSON.parse(c!.body.toString()), { id: 'c', fresh: true });
  });
});
