/**
 * Bounded validation: any input under the body limit is checked in bounded time, the
 * structural limits stop validation early with an error that names the limit, and the
 * error list is capped. No timings here (see bench/worst-case.ts): these tests check
 * that the bounded paths are taken.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS, MAX_REPORTED_ERRORS, structuralErrors } from '../../schema/limits.ts';
import { validateCustomization } from '../../schema/validate.ts';
import { completeDocument, minimalDocument, withValue } from '../helpers/documents.ts';

const nested = (depth: number, leaf: unknown, wrap: (inner: unknown) => unknown) => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
};

describe('structural limits: checked before the schema', () => {
  it('stops at a list longer than any list may be, naming the schema\'s own limit for that list', () => {
    const cases = [
      ['/promotionMenu', 8], ['/cloudMenu/custom', 4], ['/cloudMenu/resource/hidden', 32], ['/cloudMenu/info/custom', 8],
    ] as const;
    for (const [path, max] of cases) {
      const doc = withValue(minimalDocument(), path, Array.from({ length: 60_000 }, (_, i) => i));
      const { valid, errors } = validateCustomization(doc);
      assert.equal(valid, false);
      assert.deepEqual(errors.map((e) => [e.path, e.code]), [[path, 'limit.list-length']]);
      assert.equal(errors[0]!.message, `Shorten this list to at most ${max} entries: it has 60000. The document was not checked further.`);
      assert.equal(errors[0]!.messages['zh-CN'], `请将此列表缩短到最多 ${max} 项：当前有 60000 项。文档未作进一步检查。`);
    }
    // A list in a menu entry, at any index.
    const children = completeDocument();
    children.promotionMenu[1].children = Array.from({ length: 150 }, (_, i) => ({ id: `c${i}` }));
    assert.match(validateCustomization(children).errors[0]!.message, /^Shorten this list to at most 12 entries: it has 150\./);
  });

  it('names the structural limit for a list the schema does not have', () => {
    const doc = withValue(minimalDocument(), '/extra', Array.from({ length: 101 }, (_, i) => i));
    const { errors } = validateCustomization(doc);
    assert.deepEqual(errors.map((e) => [e.path, e.code]), [['/extra', 'limit.list-length']]);
    assert.match(errors[0]!.message, new RegExp(`no list may have more than ${LIMITS.listLength}\\b`));
    assert.match(errors[0]!.messages['zh-CN'], /[\u4e00-\u9fff]/);
  });

  it('stops at nesting deeper than any document has, without overflowing the stack', () => {
    const arrays = withValue(minimalDocument(), '/promotionMenu', nested(6000, [], (inner) => [inner]));
    const objects = withValue(minimalDocument(), '/operations', nested(5000, {}, (inner) => ({ a: inner })));
    for (const doc of [arrays, objects]) {
      const { errors } = validateCustomization(doc);
      assert.equal(errors.length, 1);
      assert.equal(errors[0]!.code, 'limit.depth');
      assert.equal(errors[0]!.path.split('/').length - 1, LIMITS.depth, `the path points at the first value too deep: ${errors[0]!.path}`);
    }
  });

  it('stops at over-long texts, keys and objects with too many fields', () => {
    const longText = withValue(completeDocument(), '/promotionMenu/0/label/en-US', 'x'.repeat(LIMITS.textLength + 1));
    assert.deepEqual(validateCustomization(longText).errors.map((e) => [e.path, e.code]), [['/promotionMenu/0/label/en-US', 'limit.text-length']]);
    const longKey = withValue(completeDocument(), `/${'k'.repeat(LIMITS.keyLength + 1)}`, 1);
    assert.deepEqual(validateCustomization(longKey).errors.map((e) => e.code), ['limit.key-length']);
    const wide = withValue(minimalDocument(), '/operations', Object.fromEntries(Array.from({ length: LIMITS.fields + 1 }, (_, i) => [`f${i}`, i])));
    assert.deepEqual(validateCustomization(wide).errors.map((e) => [e.path, e.code]), [['/operations', 'limit.fields']]);
  });

  it('stops when the document has more values than any valid one', () => {
    const many = Array.from({ length: 90 }, () => Array.from({ length: 90 }, () => 0));
    const { errors } = validateCustomization(withValue(minimalDocument(), '/promotionMenu', many));
    assert.deepEqual(errors.map((e) => e.code), ['limit.values']);
    assert.match(errors[0]!.message, new RegExp(String(LIMITS.values)));
  });

  it('passes every valid document: the limits are far beyond the schema', () => {
    assert.deepEqual(structuralErrors(completeDocument()), []);
    const biggest = withValue(completeDocument(), '/promotionMenu', Array.from({ length: 8 }, (_, i) => ({
      id: `p${i}`, label: { 'zh-CN': '备'.repeat(24), 'en-US': 'x'.repeat(24) },
      children: Array.from({ length: 12 }, (_, j) => ({ id: `p${i}-c${j}`, label: { 'zh-CN': '备', 'en-US': 'x' }, href: `https://acme.example/${'a'.repeat(2000)}` })),
    })));
    assert.equal(validateCustomization(biggest).valid, true);
  });
});

describe('the error list is capped', () => {
  it(`reports the first ${MAX_REPORTED_ERRORS} errors and says how many more there are`, () => {
    const entries = Array.from({ length: 60 }, (_, i) => ({ id: `E${i}`, label: { 'zh-CN': '', 'en-US': '' }, href: 'javascript:x' }));
    const { valid, errors } = validateCustomization(withValue(minimalDocument(), '/promotionMenu', entries));
    assert.equal(valid, false);
    assert.equal(errors.length, MAX_REPORTED_ERRORS + 1);
    const last = errors.at(-1)!;
    assert.equal(last.code, 'errors.more');
    const more = Number(/and (\d+) more/.exec(last.message)?.[1]);
    assert.ok(more > 100, last.message);
    assert.match(last.messages['zh-CN'], new RegExp(`${more}`));
  });

  it('leaves a list under the cap as it is', () => {
    const { errors } = validateCustomization(withValue(completeDocument(), '/promotionMenu/0/href', 'javascript:x'));
    assert.equal(errors.length, 1);
  });
});
