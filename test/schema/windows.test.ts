import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCustomization } from '../../schema/validate.ts';
import { activeAt, nextBoundary, parseInstant, windowBoundaries } from '../../schema/windows.ts';
import { completeDocument, minimalDocument, withValue } from '../helpers/documents.ts';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const leaf = (id: string, window: object = {}) => ({ id, label: { 'zh-CN': id, 'en-US': id }, href: `https://acme.example/${id}`, ...window });

function errorsOf(doc: unknown, options = {}) {
  return validateCustomization(doc, options).errors.map(({ path, code }) => [path, code]);
}

describe('time windows: validation', () => {
  it('accepts windows with offsets on promotion entries, their children and the announcement', () => {
    let doc = withValue(completeDocument(), '/promotionMenu/0/activeFrom', '2026-12-01T00:00:00+08:00');
    doc = withValue(doc, '/promotionMenu/0/activeUntil', '2026-12-31T23:59:59.5+08:00');
    doc = withValue(doc, '/promotionMenu/1/children/0/activeUntil', '2027-01-01T00:00:00Z');
    doc = withValue(doc, '/operations/announcement/activeFrom', '2026-11-30T16:00:00-05:00');
    assert.deepEqual(errorsOf(doc, { now: NOW }), []);
  });

  it('refuses a date-time without an offset, or that is no date', () => {
    for (const value of ['2026-12-01T00:00:00', '2026-12-01', '2026-12-01 00:00:00+08:00', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', 'tomorrow']) {
      const errors = errorsOf(withValue(completeDocument(), '/promotionMenu/0/activeFrom', value));
      assert.deepEqual(errors, [['/promotionMenu/0/activeFrom', 'date-time.invalid']], value);
    }
    const [error] = validateCustomization(withValue(completeDocument(), '/operations/announcement/activeUntil', '2026-12-01T00:00')).errors;
    assert.match(error!.messages['en-US'], /offset/);
    assert.match(error!.messages['zh-CN'], /时区/);
  });

  it('needs activeUntil after activeFrom, reported at activeUntil', () => {
    let doc = withValue(completeDocument(), '/promotionMenu/0/activeFrom', '2026-12-01T00:00:00+08:00');
    doc = withValue(doc, '/promotionMenu/0/activeUntil', '2026-11-30T16:00:00Z'); // the same instant
    const { errors } = validateCustomization(doc);
    assert.deepEqual(errors.map(({ path, code }) => [path, code]), [['/promotionMenu/0/activeUntil', 'window.order']]);
    assert.match(errors[0]!.messages['zh-CN'], /晚于/);
    // Said as the editor's form says it (start and end of the window), with the document's names for the API's readers.
    assert.match(errors[0]!.messages['en-US'], /^Set the end of the time window \(activeUntil\) after its start \(activeFrom, 2026-12-01T00:00:00\+08:00\)/);
  });

  it('refuses a window that has ended by `now`, and only when `now` is given', () => {
    const doc = withValue(completeDocument(), '/operations/announcement/activeUntil', '2026-11-25T11:59:59Z');
    assert.deepEqual(errorsOf(doc), []);
    const { errors } = validateCustomization(doc, { now: NOW });
    assert.deepEqual(errors.map(({ path, code }) => [path, code]), [['/operations/announcement/activeUntil', 'window.ended']]);
    assert.match(errors[0]!.message, /ended/);
    assert.deepEqual(errorsOf(doc, { now: new Date(NOW - 2000) }), []);
  });

  it('keeps windows off the cloud menu: they are for promotions', () => {
    const doc = withValue(completeDocument(), '/cloudMenu/custom/0/activeFrom', '2026-12-01T00:00:00Z');
    assert.deepEqual(errorsOf(doc), [['/cloudMenu/custom/0/activeFrom', 'unknown-field']]);
  });
});

describe('time windows: what shows when', () => {
  const doc = {
    ...minimalDocument(),
    promotionMenu: [
      leaf('always'),
      leaf('sale', { activeFrom: '2026-12-01T00:00:00+08:00', activeUntil: '2026-12-12T00:00:00+08:00' }),
      { id: 'offers', label: { 'zh-CN': '优惠', 'en-US': 'Offers' }, children: [leaf('early', { activeUntil: '2026-11-30T16:00:00Z' })] },
    ],
    operations: { announcement: { text: { 'zh-CN': '维护', 'en-US': 'Maintenance' }, activeFrom: '2026-11-26T00:00:00Z' } },
  };
  const ids = (value: any) => (value.promotionMenu ?? []).map((entry: any) => entry.id);

  it('parses RFC 3339 with offset to epoch milliseconds', () => {
    assert.equal(parseInstant('2026-12-01T00:00:00+08:00'), Date.parse('2026-11-30T16:00:00Z'));
    assert.equal(parseInstant('2026-12-01T00:00:00'), undefined);
    assert.equal(parseInstant('2026-02-29T00:00:00Z'), undefined);
  });

  it('lists every boundary once, in order, and finds the next', () => {
    const boundaries = windowBoundaries(doc);
    assert.deepEqual(boundaries.map((time) => new Date(time).toISOString()), ['2026-11-26T00:00:00.000Z', '2026-11-30T16:00:00.000Z', '2026-12-11T16:00:00.000Z']);
    assert.equal(nextBoundary(doc, NOW), Date.parse('2026-11-26T00:00:00Z'));
    assert.equal(nextBoundary(doc, Date.parse('2026-11-30T16:00:00Z')), Date.parse('2026-12-11T16:00:00Z'));
    assert.equal(nextBoundary(doc, Date.parse('2027-01-01T00:00:00Z')), undefined);
    assert.equal(nextBoundary(minimalDocument(), NOW), undefined);
  });

  it('keeps only what is inside its window; a drop-down left empty goes too', () => {
    assert.deepEqual(ids(activeAt(doc, NOW)), ['always', 'offers']);
    assert.equal((activeAt(doc, NOW) as any).operations.announcement, undefined);
    const december = activeAt(doc, Date.parse('2026-12-05T00:00:00Z')) as any;
    assert.deepEqual(ids(december), ['always', 'sale']);
    assert.equal(december.operations.announcement.text['en-US'], 'Maintenance');
    assert.deepEqual(ids(activeAt(doc, Date.parse('2026-12-11T16:00:00Z'))), ['always'], 'activeUntil itself is outside');
  });

  it('returns a document without windows as it is', () => {
    const plain = completeDocument();
    assert.equal(activeAt(plain, NOW), plain);
    assert.equal(activeAt(null, NOW), null);
  });
});
