/** The editor's merge of two edits of one draft (preview/src/editor/merge.ts): the two-tab and two-colleague case. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeDrafts } from '../../preview/src/editor/merge.ts';
import { completeDocument } from '../helpers/documents.ts';

const edit = (doc: Record<string, any>, change: (doc: Record<string, any>) => void) => {
  const copy = structuredClone(doc);
  change(copy);
  return copy;
};

describe('merging two edits of one draft', () => {
  const base = completeDocument();

  it('keeps both when they changed different fields, in one entry or in two', () => {
    const mine = edit(base, (doc) => { doc.promotionMenu[1].label['en-US'] = 'Migrate, mine'; doc.operations.contact.email = 'help@acme.example'; });
    const theirs = edit(base, (doc) => { doc.promotionMenu[0].label['en-US'] = 'Backup, theirs'; doc.promotionMenu[1].label['zh-CN'] = '迁移（他们）'; });
    const { doc, clashes } = mergeDrafts(base, mine, theirs);
    assert.deepEqual(clashes, []);
    assert.deepEqual(doc, edit(base, (expected) => {
      expected.promotionMenu[1].label['en-US'] = 'Migrate, mine';
      expected.operations.contact.email = 'help@acme.example';
      expected.promotionMenu[0].label['en-US'] = 'Backup, theirs';
      expected.promotionMenu[1].label['zh-CN'] = '迁移（他们）';
    }));
  });

  it('keeps a field one side removed and the other left alone removed, and one side\'s new list', () => {
    const mine = edit(base, (doc) => { delete doc.operations.announcement; });
    const theirs = edit(base, (doc) => { doc.promotionMenu.push({ id: 'new', label: { 'zh-CN': '新', 'en-US': 'New' }, href: 'https://www.acme.example/new' }); });
    const { doc, clashes } = mergeDrafts(base, mine, theirs);
    assert.deepEqual(clashes, []);
    assert.equal(doc.operations.announcement, undefined);
    assert.equal(doc.promotionMenu.at(-1).id, 'new');
  });

  it('names each value both changed differently, and gives it to the side chosen, keeping the rest of both', () => {
    const mine = edit(base, (doc) => { doc.promotionMenu[0].label['en-US'] = 'Backup, mine'; doc.brand.navBackground = '#112233'; });
    const theirs = edit(base, (doc) => { doc.promotionMenu[0].label['en-US'] = 'Backup, theirs'; doc.operations.contact.phone = '+86 400 111 2222'; });
    assert.deepEqual(mergeDrafts(base, mine, theirs).clashes, ['/promotionMenu/0/label/en-US']);
    for (const winner of ['mine', 'theirs'] as const) {
      const { doc } = mergeDrafts(base, mine, theirs, winner);
      assert.equal(doc.promotionMenu[0].label['en-US'], `Backup, ${winner}`);
      assert.equal(doc.brand.navBackground, '#112233');
      assert.equal(doc.operations.contact.phone, '+86 400 111 2222');
    }
  });

  it('merges menus by entry id: a reorder on one side, an edit, an addition and a removal on the other', () => {
    const ids = (list: Array<{ id: string }>) => list.map((entry) => entry.id);
    const mine = edit(base, (doc) => { doc.promotionMenu.reverse(); });
    const theirs = edit(base, (doc) => {
      doc.promotionMenu[0].label['en-US'] = 'Backup, theirs';
      doc.promotionMenu.splice(1, 0, { id: 'added', label: { 'zh-CN': '新', 'en-US': 'New' }, href: 'https://www.acme.example/new' });
      doc.promotionMenu.pop();
    });
    const { doc, clashes } = mergeDrafts(base, mine, theirs);
    assert.deepEqual(clashes, []);
    const reversed = ids(base.promotionMenu).reverse();
    const removed = ids(base.promotionMenu).at(-1);
    // Mine's order, without what theirs removed, with theirs' new entry after the one it follows there.
    const expected = reversed.filter((id) => id !== removed);
    expected.splice(expected.indexOf(base.promotionMenu[0].id) + 1, 0, 'added');
    assert.deepEqual(ids(doc.promotionMenu), expected);
    assert.equal(doc.promotionMenu.find((entry: { id: string }) => entry.id === base.promotionMenu[0].id).label['en-US'], 'Backup, theirs');
  });

  it('keeps both sides\' edits of entries when both reordered differently: the order alone is the choice', () => {
    const mine = edit(base, (doc) => { doc.promotionMenu.reverse(); doc.promotionMenu[0].label['en-US'] = 'Last, mine'; });
    const theirs = edit(base, (doc) => { doc.promotionMenu.push(doc.promotionMenu.shift()); doc.promotionMenu[0].label['zh-CN'] = '第二（他们）'; });
    assert.deepEqual(mergeDrafts(base, mine, theirs).clashes, ['/promotionMenu']);
    for (const winner of ['mine', 'theirs'] as const) {
      const { doc } = mergeDrafts(base, mine, theirs, winner);
      assert.deepEqual(doc.promotionMenu.map((entry: { id: string }) => entry.id), (winner === 'mine' ? mine : theirs).promotionMenu.map((entry: { id: string }) => entry.id));
      const labels = JSON.stringify(doc.promotionMenu);
      assert.match(labels, /Last, mine/);
      assert.match(labels, /第二（他们）/);
    }
  });

  it('says so when one side removed an entry the other changed', () => {
    const mine = edit(base, (doc) => { doc.promotionMenu.shift(); });
    const theirs = edit(base, (doc) => { doc.promotionMenu[0].label['en-US'] = 'Backup, theirs'; });
    assert.deepEqual(mergeDrafts(base, mine, theirs).clashes, ['/promotionMenu/0']);
    assert.equal(mergeDrafts(base, mine, theirs, 'theirs').doc.promotionMenu[0].label['en-US'], 'Backup, theirs');
    assert.equal(mergeDrafts(base, mine, theirs, 'mine').doc.promotionMenu.length, base.promotionMenu.length - 1);
  });
});
