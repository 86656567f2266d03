import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PublicCache } from '../../server/public-cache.ts';

describe('public cache', () => {
  const counting = () => {
    const loads: string[] = [];
    let version = 1;
    return { loads, bump: () => { version++; }, load: async (pid: string) => { loads.push(pid); return { pid, version }; } };
  };

  it('reads a copy again once it is older than maxAgeMs (the safety net behind NOTIFY)', async () => {
    let now = 1_000;
    const source = counting();
    const cache = new PublicCache(source.load, { maxAgeMs: 60_000, now: () => now });
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

  it('keeps nothing while suspended, and drops everything on both edges', async () => {
    const source = counting();
    const cache = new PublicCache(source.load);
    await cache.get('a');
    await cache.get('b');
    assert.equal(cache.size, 2);
    cache.suspend(true);
    assert.equal(cache.size, 0);
    await cache.get('a');
    await cache.get('a');
    assert.equal(cache.size, 0);
    cache.suspend(false);
    await cache.get('a');
    assert.equal(cache.get('a') instanceof Promise, false);
    assert.deepEqual(source.loads, ['a', 'b', 'a', 'a', 'a']);
  });
});
