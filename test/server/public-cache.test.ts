import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PublicCache } from '../../server/public-cache.ts';

/** A one-at-a-time loader as a batch loader. */
const many = (load: (id: string) => Promise<unknown>) => async (ids: string[]) => new Map(await Promise.all(ids.map(async (id) => [id, await load(id)] as [string, unknown])));

describe('public cache', () => {
  const counting = () => {
    const loads: string[] = [];
    let version = 1;
    return { loads, bump: () => { version++; }, load: async (pid: string) => { loads.push(pid); return { pid, version }; } };
  };

  it('reads a copy again once it is older than maxAgeMs (the safety net behind NOTIFY)', async () => {
    let now = 1_000;
    const source = counting();
    const cache = new PublicCache(many(source.load), { maxAgeMs: 60_000, now: () => now });
    const first = await cache.get('acme');
    assert.equal(cache.get('acme'), first, 'served from memory');
    source.bump();
    now += 59_999;
    assert.equal(cache.get('acme'), first, 'still fresh');
    now += 1;
    const second = await cache.get('acme');
    assert.notEqual(second, first);
    assert.match(second!.body.toString(), /"version":2/);
    assert.deepEqual(source.loads, ['acme', 'acme']);
  });

  it('while suspended serves what it has but keeps nothing new, and drops everything on resuming', async () => {
    const source = counting();
    const cache = new PublicCache(many(source.load));
    await cache.get('a');
    cache.suspend(true);
    assert.equal(cache.get('a') instanceof Promise, false, 'a copy in memory is still served');
    await cache.get('b');
    await cache.get('b');
    assert.equal(cache.size, 1);
    cache.suspend(false);
    assert.equal(cache.size, 0);
    await cache.get('a');
    assert.equal(cache.get('a') instanceof Promise, false);
    assert.deepEqual(source.loads, ['a', 'b', 'b', 'a']);
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
