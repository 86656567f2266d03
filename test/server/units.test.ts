import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffDocuments, introducedHosts, sameJson } from '../../server/diff.ts';
import { matchesEtag } from '../../server/public-cache.ts';
import { addWorkingDays } from '../../server/working-days.ts';

describe('due dates: 3 working days in the reviewers\' time zone', () => {
  const due = (iso: string, zone = 'Asia/Shanghai') => addWorkingDays(new Date(iso), 3, zone).toISOString();

  it('counts Monday to Friday and keeps the local time of day', () => {
    assert.equal(due('2026-11-23T02:00:00Z'), '2026-11-26T02:00:00.000Z'); // Mon 10:00 → Thu 10:00 Shanghai
    assert.equal(due('2026-11-27T02:00:00Z'), '2026-12-02T02:00:00.000Z'); // Fri → Wed
    assert.equal(due('2026-11-28T02:00:00Z'), '2026-12-02T02:00:00.000Z'); // Sat → Wed
    assert.equal(due('2026-11-29T02:00:00Z'), '2026-12-02T02:00:00.000Z'); // Sun → Wed
  });

  it('uses the local date, not UTC\'s', () => {
    // Friday 23:00 UTC is already Saturday 07:00 in Shanghai: due Wednesday 07:00 there, Tuesday 23:00 UTC.
    assert.equal(due('2026-11-27T23:00:00Z'), '2026-12-01T23:00:00.000Z');
    assert.equal(due('2026-11-27T23:00:00Z', 'UTC'), '2026-12-02T23:00:00.000Z');
    assert.equal(due('2026-11-26T23:00:00Z', 'UTC'), '2026-12-01T23:00:00.000Z'); // Thu UTC → Tue
  });

  it('keeps the wall-clock time across a DST change', () => {
    assert.equal(due('2026-03-06T15:00:00Z', 'America/New_York'), '2026-03-11T14:00:00.000Z'); // Fri 10:00 EST → Wed 10:00 EDT
  });
});

describe('field-level diff', () => {
  it('names additions, removals and changes by JSON Pointer, whatever the key order', () => {
    const before = { a: 1, b: { c: [1, 2], 'x/y': 'old' }, gone: true };
    const after = { b: { 'x/y': 'new', c: [1, 3, 4] }, a: 1, added: { d: 1 } };
    assert.deepEqual(diffDocuments(before, after), [
      { path: '/b/c/1', op: 'changed', before: 2, after: 3 },
      { path: '/b/c/2', op: 'added', after: 4 },
      { path: '/b/x~1y', op: 'changed', before: 'old', after: 'new' },
      { path: '/gone', op: 'removed', before: true },
      { path: '/added', op: 'added', after: { d: 1 } },
    ]);
    assert.deepEqual(diffDocuments({ a: [1] }, { a: { 0: 1 } }), [{ path: '/a', op: 'changed', before: [1], after: { 0: 1 } }]);
    assert.ok(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }));
    assert.ok(!sameJson({ a: 1 }, { a: 1, b: undefined }));
  });

  it('lists only the hosts a document introduces, from links and images', () => {
    const live = { brand: { logos: { 'en-US': { src: 'https://cdn.acme.example/a.svg', href: 'https://acme.example/' } } } };
    const next = { promotionMenu: [{ href: 'https://NEW.example/x' }, { href: '/billing' }, { href: 'javascript:alert(1)' }], brand: live.brand, logo: { src: 'https://img.other.example/l.png' } };
    assert.deepEqual(introducedHosts(live, next), ['img.other.example', 'new.example']);
    assert.deepEqual(introducedHosts(undefined, live), ['acme.example', 'cdn.acme.example']);
  });
});

describe('If-None-Match', () => {
  it('matches the ETag alone, weakly, in a list, or *', () => {
    for (const header of ['"abc"', 'W/"abc"', '"x", "abc"', '*']) assert.ok(matchesEtag(header, '"abc"'), header);
    for (const header of [undefined, '', '"abcd"', 'abc']) assert.ok(!matchesEtag(header, '"abc"'), String(header));
  });
});
