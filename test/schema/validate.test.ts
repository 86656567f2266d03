import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { validateCustomization } from '../../schema/validate.ts';
import { completeDocument, minimalDocument, withValue } from '../helpers/documents.ts';

const entry = (id: string, href = `https://acme.example/${id}`) => ({ id, label: { 'zh-CN': id, 'en-US': id }, href });
const SHA = '0123456789abcdef'.repeat(4);

function assertError(doc: unknown, path: string, code: string, options = {}) {
  const { valid, errors } = validateCustomization(doc, options);
  assert.equal(valid, false, `expected ${code} at ${path}`);
  const found = errors.find((error) => error.path === path);
  assert.ok(found, `no error at ${path}; got ${JSON.stringify(errors.map((e) => [e.path, e.code]))}`);
  assert.equal(found.code, code);
  assert.ok(found.messages['en-US'].length > 10 && found.messages['zh-CN'].length > 4, 'a message in both languages');
  assert.match(found.messages['zh-CN'], /[\u4e00-\u9fff]/, 'the zh-CN message is Chinese');
}

function assertValid(doc: unknown, options = {}) {
  const result = validateCustomization(doc, options);
  assert.deepEqual(result.errors, []);
  assert.equal(result.valid, true);
}

describe('validateCustomization: accepted documents', () => {
  it('accepts the complete and the minimal example', () => {
    assertValid(completeDocument(), { partnerId: 'acme-cloud' });
    assertValid(minimalDocument());
  });

  it('accepts extra BCP 47 locales beside zh-CN and en-US', () => {
    assertValid(withValue(completeDocument(), '/promotionMenu/0/label/ja-JP', 'バックアップ'));
    assertValid(withValue(completeDocument(), '/promotionMenu/0/label/zh-Hant-TW', '備份'));
  });

  it('accepts an uploaded asset as a logo and console paths in menus', () => {
    assertValid(withValue(completeDocument(), '/brand/logos/zh-CN/src', `/assets/${SHA}`));
    assertValid(withValue(completeDocument(), '/cloudMenu/info/custom/0/href', '/billing/invoices'));
  });

  it('accepts a logo with its size in pixels', () => {
    const sized = withValue(completeDocument(), '/brand/logos/zh-CN', { src: `/assets/${SHA}`, alt: 'Acme', width: 240, height: 48 });
    assertValid(sized);
    assertValid(withValue(withValue(sized, '/brand/logos/zh-CN/width', 8192), '/brand/logos/zh-CN/height', 16384));
  });

  it('accepts a drop-down parent without a link, and the largest menus allowed', () => {
    const eight = Array.from({ length: 8 }, (_, i) => ({ ...entry(`p${i}`), children: Array.from({ length: 12 }, (_, j) => entry(`p${i}-c${j}`)) }));
    assertValid(withValue(minimalDocument(), '/promotionMenu', eight));
  });

  it('accepts a navBackground in either case that reaches AA', () => {
    assertValid(withValue(minimalDocument(), '/brand', { navBackground: '#ffffff' }));
    assertValid(withValue(minimalDocument(), '/brand', { navBackground: '#0b3d91' }));
  });
});

describe('validateCustomization: a logo\'s size', () => {
  const sized = () => withValue(completeDocument(), '/brand/logos/en-US', { src: `/assets/${SHA}`, alt: 'Acme', width: 240, height: 48 });
  it('needs width and height together, and names the one missing', () => {
    assertError(withValue(sized(), '/brand/logos/en-US/height', undefined), '/brand/logos/en-US/height', 'image.size-incomplete');
    assertError(withValue(sized(), '/brand/logos/en-US/width', undefined), '/brand/logos/en-US/width', 'image.size-incomplete');
  });
  it('needs whole pixels from 1 to 16384, and says which bound was crossed', () => {
    for (const [value, code] of [[0, 'number.too-small'], [-3, 'number.too-small'], [16385, 'number.too-large'], [2.5, 'type'], ['240', 'type']] as const) {
      assertError(withValue(sized(), '/brand/logos/en-US/width', value), '/brand/logos/en-US/width', code);
    }
    const { errors } = validateCustomization(withValue(sized(), '/brand/logos/en-US/height', 20000));
    assert.match(errors[0]!.messages['en-US'], /16384/);
    assert.match(errors[0]!.messages['zh-CN'], /16384/);
  });
  it('keeps a stated size within a logo\'s shapes, 1:2 (tall) to 8:1 (wide), as an upload is kept', () => {
    const withSize = (width: number, height: number) => withValue(withValue(sized(), '/brand/logos/en-US/width', width), '/brand/logos/en-US/height', height);
    for (const [width, height] of [[240, 30], [30, 60], [1, 1], [16384, 2048], [2048, 4096]]) {
      assert.deepEqual(validateCustomization(withSize(width!, height!)).errors, [], `${width}×${height}`);
    }
    for (const [width, height] of [[241, 30], [30, 61], [16384, 1], [1, 16384], [16384, 2047]]) {
      assertError(withSize(width!, height!), '/brand/logos/en-US/width', 'image.size-shape');
    }
    const { errors } = validateCustomization(withSize(16384, 1));
    assert.match(errors[0]!.messages['en-US'], /16384×1.*8 times as wide/);
    assert.match(errors[0]!.messages['zh-CN'], /16384×1/);
  });
});

describe('validateCustomization: document shape', () => {
  it('needs an object', () => {
    for (const value of [null, 42, 'x', [], true]) assertError(value, '', 'type');
  });
  it('needs schemaVersion 1 and a partnerId', () => {
    assertError(withValue(minimalDocument(), '/schemaVersion', undefined), '/schemaVersion', 'required');
    assertError(withValue(minimalDocument(), '/schemaVersion', 2), '/schemaVersion', 'const');
    assertError(withValue(minimalDocument(), '/partnerId', undefined), '/partnerId', 'required');
    assertError(withValue(minimalDocument(), '/partnerId', 'Acme Cloud'), '/partnerId', 'partner-id.invalid');
  });
  it('refuses fields the format does not have, at any depth', () => {
    assertError(withValue(minimalDocument(), '/colour', 'red'), '/colour', 'unknown-field');
    assertError(withValue(completeDocument(), '/promotionMenu/0/onclick', 'x'), '/promotionMenu/0/onclick', 'unknown-field');
    assertError(withValue(completeDocument(), '/brand/logos/en-US/style', 'x'), '/brand/logos/en-US/style', 'unknown-field');
  });
  it('names the wrong type', () => {
    assertError(withValue(completeDocument(), '/promotionMenu', {}), '/promotionMenu', 'type');
    assertError(withValue(completeDocument(), '/promotionMenu/0/label/en-US', 5), '/promotionMenu/0/label/en-US', 'type');
  });
  it('needs the partner the document is stored for', () => {
    assertError(completeDocument(), '/partnerId', 'partner.mismatch', { partnerId: 'globex' });
  });
});

describe('validateCustomization: texts', () => {
  const texts = ['/promotionMenu/0/label', '/brand/logos/en-US', '/operations/contact/hours', '/operations/announcement/text', '/cloudMenu/custom/0/children/1/label'];
  for (const path of texts) {
    it(`needs both zh-CN and en-US at ${path}`, () => {
      const key = path.endsWith('en-US') ? '' : '/zh-CN';
      if (key) assertError(withValue(completeDocument(), `${path}/zh-CN`, undefined), `${path}/zh-CN`, 'locale.missing');
      else assertError(withValue(completeDocument(), '/brand/logos/zh-CN', undefined), '/brand/logos/zh-CN', 'locale.missing');
    });
  }
  it('refuses keys that are not language tags', () => {
    assertError(withValue(completeDocument(), '/promotionMenu/0/label/english', 'x'), '/promotionMenu/0/label/english', 'locale.invalid');
    assertError(withValue(completeDocument(), '/brand/logos/EN', completeDocument().brand.logos['en-US']), '/brand/logos/EN', 'locale.invalid');
  });
  it('bounds every text', () => {
    assertError(withValue(completeDocument(), '/promotionMenu/0/label/en-US', 'x'.repeat(25)), '/promotionMenu/0/label/en-US', 'text.too-long');
    assertValid(withValue(completeDocument(), '/promotionMenu/0/label/zh-CN', '备'.repeat(24)));
    assertError(withValue(completeDocument(), '/brand/logos/zh-CN/alt', 'x'.repeat(81)), '/brand/logos/zh-CN/alt', 'text.too-long');
    assertError(withValue(completeDocument(), '/operations/announcement/text/en-US', 'x'.repeat(281)), '/operations/announcement/text/en-US', 'text.too-long');
    assertError(withValue(completeDocument(), '/operations/contact/hours/zh-CN', 'x'.repeat(81)), '/operations/contact/hours/zh-CN', 'text.too-long');
  });
  it('counts characters, not UTF-16 units', () => {
    assertValid(withValue(completeDocument(), '/promotionMenu/0/label/en-US', '😀'.repeat(24)));
  });
  it('counts Unicode code points, as JSON Schema maxLength does, and docs/schema.md says so', () => {
    // 👩‍💻 is one symbol to a reader and three code points (woman, zero-width joiner, laptop); a flag is two.
    assertValid(withValue(completeDocument(), '/promotionMenu/0/label/en-US', '👩‍💻'.repeat(8)));
    const nine = validateCustomization(withValue(completeDocument(), '/promotionMenu/0/label/en-US', '👩‍💻'.repeat(9))).errors.find((error) => error.path === '/promotionMenu/0/label/en-US');
    assert.equal(nine?.code, 'text.too-long');
    assert.match(nine!.message, /at most 24 characters \(it has 27\)/);
    assertError(withValue(completeDocument(), '/promotionMenu/0/label/en-US', '🇨🇳'.repeat(13)), '/promotionMenu/0/label/en-US', 'text.too-long');
    const doc = readFileSync(new URL('../../docs/schema.md', import.meta.url), 'utf8');
    assert.doesNotMatch(doc, /as people count them/, 'code points are not what people count');
    assert.match(doc, /Unicode code points/);
  });
  it('refuses empty, blank and control-character text', () => {
    assertError(withValue(completeDocument(), '/promotionMenu/0/label/en-US', ''), '/promotionMenu/0/label/en-US', 'text.empty');
    assertError(withValue(completeDocument(), '/promotionMenu/0/label/en-US', '   '), '/promotionMenu/0/label/en-US', 'text.invisible');
    assertError(withValue(completeDocument(), '/brand/logos/en-US/alt', 'Acme\nCloud'), '/brand/logos/en-US/alt', 'text.invalid');
    assertError(withValue(completeDocument(), '/operations/announcement/text/zh-CN', 'a\u0007b'), '/operations/announcement/text/zh-CN', 'text.invalid');
  });
  it('keeps markup in text as text (it is valid, and rendered literally)', () => {
    assertValid(withValue(completeDocument(), '/promotionMenu/0/label/en-US', '<b>Backup</b>'));
  });
});

describe('validateCustomization: links', () => {
  const linkPaths = [
    '/brand/logos/zh-CN/href', '/promotionMenu/0/href', '/promotionMenu/1/children/0/href', '/cloudMenu/info/custom/0/href',
    '/cloudMenu/account/custom/0/href', '/cloudMenu/custom/0/children/0/href', '/operations/contact/href', '/operations/announcement/href',
  ];
  const unsafe: Array<[string, string]> = [
    ['javascript:alert(1)', 'url.script-scheme'], [' JavaScript:alert(1)', 'url.script-scheme'], ['java\tscript:alert(1)', 'url.script-scheme'],
    ['&#x6a;avascript:alert(1)', 'url.script-scheme'], ['data:text/html,<script>', 'url.script-scheme'], ['vbscript:x', 'url.script-scheme'],
    ['//evil.example', 'url.protocol-relative'], ['https://a:b@evil.example', 'url.credentials'], ['http://acme.example', 'url.not-https'],
    ['https://acme.example/a b', 'url.whitespace'], ['https://acme..example', 'url.malformed'],
  ];
  for (const path of linkPaths) {
    it(`checks the link at ${path}`, () => {
      for (const [url, code] of unsafe) assertError(withValue(completeDocument(), path, url), path, code);
    });
  }
  it('says how to write a link that is only misspelled (capitals, spaces around it, an internationalised host)', () => {
    for (const [typed, spelled] of [['HTTPS://Acme.example/x', 'https://acme.example/x'], [' https://acme.example ', 'https://acme.example'], ['https://例子.中国/', 'https://xn--fsqu00a.xn--fiqs8s/']]) {
      const { errors } = validateCustomization(withValue(completeDocument(), '/promotionMenu/0/href', typed));
      assert.deepEqual(errors.map((error) => [error.path, error.code]), [['/promotionMenu/0/href', 'url.spelling']], typed);
      assert.ok(errors[0]!.messages['en-US'].includes(`"${spelled}"`), errors[0]!.messages['en-US']);
      assert.ok(errors[0]!.messages['zh-CN'].includes(`“${spelled}”`), errors[0]!.messages['zh-CN']);
    }
  });
  it('checks logo sources as images', () => {
    assertError(withValue(completeDocument(), '/brand/logos/en-US/src', 'javascript:alert(1)'), '/brand/logos/en-US/src', 'url.script-scheme');
    assertError(withValue(completeDocument(), '/brand/logos/en-US/src', '/billing'), '/brand/logos/en-US/src', 'url.not-image-source');
    // An image's own words: a console path is no way out for a logo.
    const http = validateCustomization(withValue(completeDocument(), '/brand/logos/en-US/src', 'http://static.acme.example/logo.svg'));
    assert.doesNotMatch(http.errors.find((error) => error.path === '/brand/logos/en-US/src')!.message, /console path/);
    assertError(withValue(completeDocument(), '/brand/logos/en-US/src', 'data:image/png;base64,AAAA'), '/brand/logos/en-US/src', 'url.script-scheme');
  });
  it('refuses link targets other than _self and _blank', () => {
    assertError(withValue(completeDocument(), '/promotionMenu/0/target', '_top'), '/promotionMenu/0/target', 'enum');
  });
  it('gives one error per bad value', () => {
    const { errors } = validateCustomization(withValue(completeDocument(), '/promotionMenu/0/href', 'javascript:alert(1)'));
    assert.equal(errors.length, 1);
  });
});

describe('validateCustomization: brand', () => {
  it('needs #RRGGBB', () => {
    for (const colour of ['#FFF', 'red', '0B3D91', '#0B3D9', '#GGGGGG', 'rgb(0,0,0)']) {
      assertError(withValue(completeDocument(), '/brand/navBackground', colour), '/brand/navBackground', 'color.invalid');
    }
  });
  it('refuses colours on which neither light nor dark text reaches 4.5:1', () => {
    for (const colour of ['#808080', '#777777', '#D35400', '#2980B9', '#E74C3C']) {
      assertError(withValue(completeDocument(), '/brand/navBackground', colour), '/brand/navBackground', 'contrast.insufficient');
    }
  });
  it('needs src and alt on a logo, and allows no href', () => {
    assertError(withValue(completeDocument(), '/brand/logos/en-US/src', undefined), '/brand/logos/en-US/src', 'required');
    assertError(withValue(completeDocument(), '/brand/logos/en-US/alt', undefined), '/brand/logos/en-US/alt', 'required');
    assertValid(withValue(completeDocument(), '/brand/logos/en-US/href', undefined));
  });
});

describe('validateCustomization: menus', () => {
  it('needs a link or children on each entry', () => {
    assertError(withValue(completeDocument(), '/promotionMenu/0/href', undefined), '/promotionMenu/0/href', 'menu.link-or-children');
    assertError(withValue(completeDocument(), '/promotionMenu/1/children/0/href', undefined), '/promotionMenu/1/children/0/href', 'required');
  });
  it('bounds the promotion menu, children and custom menus', () => {
    assertError(withValue(minimalDocument(), '/promotionMenu', Array.from({ length: 9 }, (_, i) => entry(`p${i}`))), '/promotionMenu', 'list.too-many');
    assertError(withValue(completeDocument(), '/promotionMenu/1/children', Array.from({ length: 13 }, (_, i) => entry(`c${i}`))), '/promotionMenu/1/children', 'list.too-many');
    assertError(withValue(completeDocument(), '/promotionMenu/1/children', []), '/promotionMenu/1/children', 'list.empty');
    assertError(withValue(completeDocument(), '/cloudMenu/custom', Array.from({ length: 5 }, (_, i) => ({ ...entry(`m${i}`) }))), '/cloudMenu/custom', 'list.too-many');
    assertError(withValue(completeDocument(), '/cloudMenu/info/custom', Array.from({ length: 9 }, (_, i) => entry(`i${i}`))), '/cloudMenu/info/custom', 'list.too-many');
  });
  it('allows no third level', () => {
    const deep = { ...entry('deep'), children: [{ ...entry('child'), children: [entry('grandchild')] }] };
    assertError(withValue(minimalDocument(), '/promotionMenu', [deep]), '/promotionMenu/0/children/0/children', 'unknown-field');
  });
  it('needs ids of the right form', () => {
    for (const id of ['Backup', '1st', 'a_b', '', 'x'.repeat(41)]) {
      assertError(withValue(completeDocument(), '/promotionMenu/0/id', id), '/promotionMenu/0/id', 'id.invalid');
    }
  });
  it('needs ids unique within the promotion menu, children included', () => {
    assertError(withValue(completeDocument(), '/promotionMenu/2/id', 'backup'), '/promotionMenu/2/id', 'menu.duplicate-id');
    assertError(withValue(completeDocument(), '/promotionMenu/1/children/1/id', 'migration-assessment'), '/promotionMenu/1/children/1/id', 'menu.duplicate-id');
    assertError(withValue(completeDocument(), '/promotionMenu/1/children/0/id', 'backup'), '/promotionMenu/1/children/0/id', 'menu.duplicate-id');
  });
  it('names the entry that already has the id by its name, in the reader\'s language', () => {
    const [error] = validateCustomization(withValue(completeDocument(), '/promotionMenu/2/id', 'backup')).errors;
    assert.match(error!.messages['en-US'], /already used by the entry “Backup” \(\/promotionMenu\/0\)/);
    assert.match(error!.messages['zh-CN'], /已被本菜单中的菜单项“备份服务”（\/promotionMenu\/0）使用/);
  });
  it('allows the same id in different menus', () => {
    assertValid(withValue(completeDocument(), '/cloudMenu/custom/0/children/0/id', 'backup'));
  });
  it('needs custom entries of a cloud area not to take a catalog id of that area', () => {
    assertError(withValue(completeDocument(), '/cloudMenu/info/custom/0/id', 'billing'), '/cloudMenu/info/custom/0/id', 'menu.duplicate-id');
    assertError(withValue(completeDocument(), '/cloudMenu/account/custom/0/id', 'sign-out'), '/cloudMenu/account/custom/0/id', 'menu.duplicate-id');
    assertValid(withValue(completeDocument(), '/cloudMenu/resource/custom', [entry('billing')]));
  });
  it('needs custom menu ids unique across custom menus and their children', () => {
    const doc = withValue(completeDocument(), '/cloudMenu/custom/1', { ...entry('orders') });
    assertError(doc, '/cloudMenu/custom/1/id', 'menu.duplicate-id');
  });
});

describe('validateCustomization: hidden catalog entries', () => {
  it('hides only entries of the area\'s catalog', () => {
    assertError(withValue(completeDocument(), '/cloudMenu/info/hidden', ['my-resources']), '/cloudMenu/info/hidden/0', 'catalog.unknown-entry');
    assertError(withValue(completeDocument(), '/cloudMenu/resource/hidden', ['nonexistent']), '/cloudMenu/resource/hidden/0', 'catalog.unknown-entry');
  });
  it('never hides a mandatory entry', () => {
    assertError(withValue(completeDocument(), '/cloudMenu/account/hidden', ['iam', 'sign-out']), '/cloudMenu/account/hidden/1', 'catalog.mandatory');
  });
  it('refuses the same id twice', () => {
    assertError(withValue(completeDocument(), '/cloudMenu/info/hidden', ['billing', 'tools', 'billing']), '/cloudMenu/info/hidden/2', 'list.duplicate');
  });
  it('allows hiding every entry that is not mandatory', () => {
    assertValid(withValue(completeDocument(), '/cloudMenu/info/hidden', ['billing', 'enterprise', 'tools', 'tickets', 'support', 'messages', 'filing']));
  });
});

describe('validateCustomization: operations', () => {
  it('checks the contact details', () => {
    assertError(withValue(completeDocument(), '/operations/contact/email', 'not-an-email'), '/operations/contact/email', 'email.invalid');
    // RFC 5322 allows these in a local part; in the bar's mailto: link they would add headers (a hidden Bcc).
    for (const email of ['a?bcc=spy@evil.example', 'a%3Fcc@partner.example', 'a#b@partner.example', 'a&b@partner.example']) {
      assertError(withValue(completeDocument(), '/operations/contact/email', email), '/operations/contact/email', 'email.invalid');
    }
    assertError(withValue(completeDocument(), '/operations/contact/phone', 'call us'), '/operations/contact/phone', 'phone.invalid');
    assertError(withValue(completeDocument(), '/operations/contact', {}), '/operations/contact', 'object.empty');
  });
  it('needs announcement text and a known level', () => {
    assertError(withValue(completeDocument(), '/operations/announcement/text', undefined), '/operations/announcement/text', 'required');
    assertError(withValue(completeDocument(), '/operations/announcement/level', 'urgent'), '/operations/announcement/level', 'enum');
  });
});

describe('validateCustomization: robustness', () => {
  it('reports every error of a document at once, sorted by path', () => {
    let doc = withValue(completeDocument(), '/promotionMenu/0/href', 'javascript:x');
    doc = withValue(doc, '/brand/navBackground', '#808080');
    doc = withValue(doc, '/cloudMenu/account/hidden', ['sign-out']);
    const paths = validateCustomization(doc).errors.map((error) => error.path);
    assert.deepEqual(paths, ['/brand/navBackground', '/cloudMenu/account/hidden/0', '/promotionMenu/0/href']);
  });
  it('escapes JSON Pointer tokens', () => {
    assertError({ ...minimalDocument(), 'a/b': 1 }, '/a~1b', 'unknown-field');
    assertError({ ...minimalDocument(), 'a~b': 1 }, '/a~0b', 'unknown-field');
  });
  it('survives hostile shapes without throwing', () => {
    const hostile = [{ __proto__: { polluted: true } }, JSON.parse('{"__proto__":{"x":1},"schemaVersion":1,"partnerId":"a"}'),
      { schemaVersion: 1, partnerId: 'a', promotionMenu: [null, 1, 'x', [], { children: 'x' }] },
      { schemaVersion: 1, partnerId: 'a', cloudMenu: { info: { hidden: [null, 5, {}] }, custom: [{ children: [null] }] } },
      { schemaVersion: 1, partnerId: 'a', brand: { navBackground: 7, logos: [] } }];
    for (const doc of hostile) assert.equal(validateCustomization(doc).valid, false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
