/** Visible text: no bidi overrides or embeddings that reorder what a reader sees, no labels of invisible characters only. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import schema from '../../schema/customization.schema.json' with { type: 'json' };
import { freeTextProblem, INVISIBLE_CLASS } from '../../schema/limits.ts';
import { validateCustomization } from '../../schema/validate.ts';
import { completeDocument, withValue } from '../helpers/documents.ts';

const TEXT_PATHS = [
  '/promotionMenu/0/label/en-US', '/promotionMenu/1/children/0/label/zh-CN', '/cloudMenu/info/custom/0/label/en-US',
  '/cloudMenu/custom/0/children/1/label/zh-CN', '/brand/logos/zh-CN/alt', '/operations/contact/hours/en-US',
  '/operations/announcement/text/zh-CN',
];

function errorAt(doc: unknown, path: string) {
  const { valid, errors } = validateCustomization(doc);
  const found = errors.find((error) => error.path === path);
  assert.equal(valid, false, `expected an error at ${path}`);
  assert.ok(found, `no error at ${path}; got ${JSON.stringify(errors.map((e) => [e.path, e.code]))}`);
  assert.match(found.messages['zh-CN'], /[\u4e00-\u9fff]/, 'a Chinese message');
  return found;
}

describe('texts: bidi controls', () => {
  const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
  for (const path of TEXT_PATHS) {
    it(`refuses bidi overrides, embeddings and isolates at ${path}`, () => {
      for (const control of controls) {
        const error = errorAt(withValue(completeDocument(), path, `${control}gnillib`), path);
        assert.equal(error.code, 'text.bidi-control', `U+${control.codePointAt(0)!.toString(16)}`);
        assert.match(error.message, /U\+202E|direction/i);
      }
    });
  }

  it('keeps right-to-left text and the directional marks it may need', () => {
    for (const text of ['نسخ احتياطي', 'גיבוי 2', 'A\u200Fb', '\u061C١٢']) {
      const { errors } = validateCustomization(withValue(completeDocument(), '/promotionMenu/0/label/ar', text));
      assert.deepEqual(errors, [], JSON.stringify(text));
    }
  });
});

describe('texts: something visible', () => {
  const invisible = ['\u200B', '\u200B\u200B', '\u2060', '\uFEFF', '\u00A0', '\u3000', '\u2800', '\u3164', '\u200E', ' \u200D ', '\u115F\u1160', '\uFE0F'];
  for (const path of TEXT_PATHS) {
    it(`refuses a text of invisible characters only at ${path}`, () => {
      for (const text of invisible) {
        const error = errorAt(withValue(completeDocument(), path, text), path);
        assert.equal(error.code, 'text.invisible', JSON.stringify(text));
      }
    });
  }

  it('accepts visible text with invisible characters inside (joiners in emoji, a zero-width space)', () => {
    for (const text of ['👩‍💻 Dev', 'a\u200Bb', '\u00A0Backup\u00A0', 'ﾠ备份']) {
      assert.deepEqual(validateCustomization(withValue(completeDocument(), '/promotionMenu/0/label/en-US', text)).errors, [], JSON.stringify(text));
    }
  });

  it('refuses unpaired surrogates and line separators, and names control characters', () => {
    // NUL and unpaired surrogates by the codes the review service and the CLI give them (text.nul, text.lone-surrogate)
    assert.equal(errorAt(withValue(completeDocument(), '/brand/logos/en-US/alt', 'Acme\uD800'), '/brand/logos/en-US/alt').code, 'text.lone-surrogate');
    assert.equal(errorAt(withValue(completeDocument(), '/brand/logos/en-US/alt', 'Acme\u0000'), '/brand/logos/en-US/alt').code, 'text.nul');
    assert.equal(errorAt(withValue(completeDocument(), '/promotionMenu/0/href', 'https://a.example/\u0000'), '/promotionMenu/0/href').code, 'text.nul');
    assert.equal(errorAt(withValue(completeDocument(), '/brand/logos/en-US/alt', 'Acme\u2028Cloud'), '/brand/logos/en-US/alt').code, 'text.invalid');
    assert.equal(errorAt(withValue(completeDocument(), '/brand/logos/en-US/alt', 'Acme\u0085'), '/brand/logos/en-US/alt').code, 'text.invalid');
  });
});

describe('links: bidi controls', () => {
  it('refuses isolates as well as overrides in a link', () => {
    for (const control of ['\u202E', '\u2066', '\u2069', '\u061C']) {
      const path = '/promotionMenu/0/href';
      assert.equal(errorAt(withValue(completeDocument(), path, `https://acme.example/${control}fdp.exe`), path).code, 'url.whitespace');
    }
  });
});

describe('texts: free text (reasons and comments) by the same rules', () => {
  it("reads invisibility with the schema's own class of invisible characters", () => {
    const patterns = Object.entries(schema.$defs).filter(([, def]) => (def as { pattern?: string }).pattern?.startsWith('^[ '));
    assert.ok(patterns.length >= 3, 'the label, short and long text patterns');
    for (const [name, def] of patterns) assert.ok((def as { pattern: string }).pattern.startsWith(`^[${INVISIBLE_CLASS}]*[^`), `${name} begins with INVISIBLE_CLASS`);
  });

  it('refuses what a label refuses but for line breaks, with the same codes', () => {
    for (const [text, code] of [['\u202Egnillib', 'text.bidi-control'], ['a\u2068b', 'text.bidi-control'], ['\u200B\u200C\u200D', 'text.invisible'], ['\uFEFF \n\t', 'text.invisible'], ['a\u0000b', 'text.nul'], ['a\ud800b', 'text.lone-surrogate']] as const) {
      assert.equal(freeTextProblem(text)?.[0], code, JSON.stringify(text));
      if (code === 'text.bidi-control' || (code === 'text.invisible' && !text.includes('\n'))) {
        const label = validateCustomization(withValue(completeDocument(), '/promotionMenu/0/label/en-US', text)).errors.find((error) => error.path === '/promotionMenu/0/label/en-US');
        assert.equal(label?.code, code, `a label of ${JSON.stringify(text)} is refused the same way`);
      }
    }
    for (const text of ['Two things:\n- the link\n- the logo', 'نسخ احتياطي \u200F', 'ok']) assert.equal(freeTextProblem(text), undefined, JSON.stringify(text));
  });

  it('refuses control characters but tab, line feed and carriage return, naming the first as U+XXXX and where it is', () => {
    // [text, the character as U+XXXX, its position in code points from 1]
    for (const [text, named, at] of [
      ['a\u0007b', '0007', 2], ['\u001B[2Jclear', '001B', 1], ['del\u007F', '007F', 4], ['x\u0080y', '0080', 2],
      ['😀\u009F', '009F', 2], ['line\u000Bbreak', '000B', 5], ['page\u000C', '000C', 5], ['ok\u0085 and \u0007', '0085', 3],
      ['first line\nsecond \u0001', '0001', 19],
    ] as const) {
      const problem = freeTextProblem(text);
      assert.equal(problem?.[0], 'text.control', JSON.stringify(text));
      assert.match(problem[1], new RegExp(`U\\+${named}\\b.*\\bcharacter ${at}\\b`), JSON.stringify(text));
      assert.match(problem[2], new RegExp(`U\\+${named}\\b`), JSON.stringify(text));
      assert.match(problem[2], new RegExp(`第 ${at} 个字符`), JSON.stringify(text));
    }
    assert.match(freeTextProblem('a\u0007b\u0007c\u001B')![1], /U\+0007 .*2 more/, 'says there are more');
    for (const text of ['tab\there', 'Windows\r\nlines', 'old Mac\rline', 'a\n\nb', '\u00A0no-break space']) assert.equal(freeTextProblem(text), undefined, JSON.stringify(text));
  });

  it('refuses in free text the control characters a label refuses (a label refuses line breaks too)', () => {
    for (const control of ['\u0007', '\u001B', '\u007F', '\u0080', '\u009F']) {
      assert.equal(freeTextProblem(`a${control}b`)?.[0], 'text.control');
      const label = validateCustomization(withValue(completeDocument(), '/promotionMenu/0/label/en-US', `a${control}b`)).errors.find((error) => error.path === '/promotionMenu/0/label/en-US');
      assert.equal(label?.code, 'text.invalid', `a label with U+${control.codePointAt(0)!.toString(16)} is refused too`);
    }
  });
});
