import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffDocuments } from '../../server/diff.ts';

const entry = (id: string, en = id) => ({ id, label: { 'zh-CN': id, 'en-US': en }, href: `https://acme.example/${id}` });

describe('the diff a reviewer reads', () => {
  it('reads two swapped entries as one move, not every field changed', () => {
    const before = { promotionMenu: [entry('a'), entry('b'), entry('c')] };
    const after = { promotionMenu: [entry('b'), entry('a'), entry('c')] };
    assert.deepEqual(diffDocuments(before, after), [{ path: '/promotionMenu/1', op: 'moved', from: 0, to: 1 }]);
  });

  it('keeps an entry\'s edits with it by id, and names added and removed entries whole', () => {
    const before = { promotionMenu: [entry('a'), entry('b'), entry('c')] };
    const after = { promotionMenu: [entry('b', 'Bee'), entry('c'), entry('d')] };
    assert.deepEqual(diffDocuments(before, after), [
      { path: '/promotionMenu/0', op: 'removed', before: entry('a') },
      { path: '/promotionMenu/0/label/en-US', op: 'changed', before: 'b', after: 'Bee' },
      { path: '/promotionMenu/2', op: 'added', after: entry('d') },
    ]);
  });

  it('reads an entry whose id alone changed as that change, not as one removed and another added', () => {
    const before = { promotionMenu: [entry('a'), entry('ai-studio', 'AI Studio'), entry('c')] };
    const renamed = { ...entry('ai-studio', 'AI Studio'), id: 'ai-lab' };
    assert.deepEqual(diffDocuments(before, { promotionMenu: [entry('a'), renamed, entry('c')] }), [
      { path: '/promotionMenu/1/id', op: 'changed', before: 'ai-studio', after: 'ai-lab' },
    ]);
    // Renamed and swapped with its neighbour: the rename, and the swap as one move (as for any two swapped entries).
    assert.deepEqual(diffDocuments(before, { promotionMenu: [renamed, entry('a'), entry('c')] }), [
      { path: '/promotionMenu/0/id', op: 'changed', before: 'ai-studio', after: 'ai-lab' },
      { path: '/promotionMenu/1', op: 'moved', from: 0, to: 1 },
    ]);
    // Another entry with other contents is still one removed and one added.
    assert.deepEqual(diffDocuments(before, { promotionMenu: [entry('a'), entry('ai-lab', 'AI Lab'), entry('c')] }).map((change) => change.op), ['removed', 'added']);
  });

  it('reads the hidden catalog entries as a set: now shown, now hidden', () => {
    const before = { cloudMenu: { info: { hidden: ['filing', 'enterprise'] }, resource: { hidden: ['tag-management'] } } };
    const after = { cloudMenu: { info: { hidden: ['tools', 'filing'] }, resource: {} } };
    assert.deepEqual(diffDocuments(before, after), [
      { path: '/cloudMenu/info/hidden', op: 'shown', id: 'enterprise' },
      { path: '/cloudMenu/info/hidden', op: 'hidden', id: 'tools' },
      { path: '/cloudMenu/resource/hidden', op: 'shown', id: 'tag-management' },
    ]);
  });
});
