/**
 * Thousands of random mutations of a valid document: the validator never throws,
 * and never accepts a document with a script-bearing URL. The oracle below is written
 * independently of schema/url.ts, so that one mistake cannot hide in both.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { validateCustomization } from '../../schema/validate.ts';
import { completeDocument, withValue } from '../helpers/documents.ts';

const RUNS = 4000;

/** How a browser might end up reading the URL: any decoding, any stripping, any case. */
function couldRunScript(url: string): boolean {
  let text = url;
  for (let i = 0; i < 5; i++) {
    text = text
      .replace(/&#x([0-9a-f]+);?/gi, (_, h) => safeChar(parseInt(h, 16)))
      .replace(/&#(\d+);?/g, (_, d) => safeChar(parseInt(d, 10)))
      .replace(/&colon;/gi, ':').replace(/&tab;/gi, '').replace(/&newline;/gi, '')
      .replace(/%([0-9a-f]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
  }
  const squeezed = text.replace(/[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2060\ufeff]/g, '').toLowerCase();
  return /^(javascript|vbscript|data):/.test(squeezed);
}
const safeChar = (code: number) => (code <= 0x10ffff ? String.fromCodePoint(code) : '');

/** Every href and src in a document, wherever it stands. */
function urlsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(urlsIn);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    (key === 'href' || key === 'src') && typeof value === 'string' ? [value] : urlsIn(value));
}

/** All JSON Pointers of a document (objects, arrays and leaves). */
function pointersOf(node: unknown, base = ''): string[] {
  if (node === null || typeof node !== 'object') return [base];
  const keys = Array.isArray(node) ? node.map((_, i) => String(i)) : Object.keys(node);
  return [base, ...keys.flatMap((key) => pointersOf((node as Record<string, unknown>)[key], `${base}/${key}`))];
}

const obfuscate = (text: string) =>
  fc.array(fc.tuple(fc.nat(text.length), fc.constantFrom('\t', '\n', '\r', '\u0000', '\u200b', ' ', '&#x09;', '&Tab;')), { maxLength: 3 })
    .chain((inserts) => fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((upper) => {
      let out = [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('');
      for (const [at, what] of inserts.sort((a, b) => b[0] - a[0])) out = out.slice(0, at) + what + out.slice(at);
      return out;
    }));

const scriptUrl = fc.tuple(
  fc.constantFrom('javascript:', 'vbscript:', 'data:'),
  fc.constantFrom('alert(1)', 'text/html,<script>alert(1)</script>', '//%0aalert(1)'),
  fc.constantFrom('', ' ', '\u0001', '\t'),
  fc.constantFrom('none', 'entity-hex', 'entity-dec', 'percent', 'colon-entity'),
).chain(([scheme, body, lead, encoding]) => obfuscate(scheme).map((spelled) => {
  const encoded = encoding === 'entity-hex' ? spelled.replace(/a/i, (c) => `&#x${c.charCodeAt(0).toString(16)};`)
    : encoding === 'entity-dec' ? spelled.replace(/s/i, (c) => `&#${c.charCodeAt(0)};`)
    : encoding === 'percent' ? spelled.replace(/:/, '%3A')
    : encoding === 'colon-entity' ? spelled.replace(/:/, '&colon;')
    : spelled;
  return lead + encoded + body;
}));

const anyValue = fc.oneof(
  scriptUrl,
  scriptUrl,
  fc.constantFrom('https://acme.example/x', '/billing', '//evil.example', 'https://u:p@evil.example', `/assets/${'a'.repeat(64)}`),
  fc.string(), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constant(undefined), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

const base = completeDocument();
const pointers = pointersOf(base).filter((p) => p !== '');
const mutation = fc.tuple(fc.constantFrom(...pointers), anyValue);

describe('validator under random mutation', () => {
  it(`never throws and never accepts a script-bearing URL (${RUNS} documents)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const doc = mutations.reduce((current, [path, value]) => withValue(current, path, value), base);
        const result = validateCustomization(doc);
        if (result.valid) {
          accepted++;
          for (const url of urlsIn(doc)) assert.ok(!couldRunScript(url), `accepted ${JSON.stringify(url)}`);
        } else {
          assert.ok(result.errors.length > 0 && result.errors.every((e) => typeof e.path === 'string' && e.code && e.message));
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
    assert.ok(accepted > 0, 'some mutations stay valid, so the property is not vacuous');
  });

  it(`refuses every generated script URL in every link position (${RUNS} documents)`, () => {
    const linkPointers = pointers.filter((p) => /\/(href|src)$/.test(p));
    fc.assert(
      fc.property(fc.constantFrom(...linkPointers), scriptUrl, (path, url) => {
        assert.ok(couldRunScript(url), `the generator made a harmless URL: ${JSON.stringify(url)}`);
        const result = validateCustomization(withValue(base, path, url));
        assert.equal(result.valid, false);
        assert.ok(result.errors.some((error) => error.path === path));
      }),
      { numRuns: RUNS },
    );
  });
});
