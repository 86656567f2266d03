import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { externalHost, normalizeUrl, safeUrl, urlProblem } from '../../schema/url.ts';

const SHA = 'a'.repeat(64);

describe('urlProblem', () => {
  it('accepts console paths whose names merely contain dots', () => {
    for (const path of ['/a..b/c', '/v1.2/docs', '/search?q=../x', '/a#..', '/.well-known/x']) assert.equal(urlProblem(path), undefined, path);
  });

  it('accepts https URLs and console paths as links', () => {
    for (const url of ['https://acme.example', 'https://acme.example/', 'https://acme.example:8443/a?b=1&c=2#d', 'https://sub.acme.example/%E4%B8%AD', '/billing', '/', '/a/b?c=d']) {
      assert.equal(urlProblem(url), undefined, url);
    }
  });

  it('accepts uploaded assets and https URLs as images, not other paths', () => {
    assert.equal(urlProblem(`/assets/${SHA}`, 'image'), undefined);
    assert.equal(urlProblem('https://cdn.acme.example/logo.svg', 'image'), undefined);
    assert.equal(urlProblem('/billing', 'image'), 'not-image-source');
    assert.equal(urlProblem(`/assets/${SHA.toUpperCase()}`, 'image'), 'not-image-source');
  });

  const scriptBearing = [
    'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', '\tjavascript:alert(1)',
    'java\nscript:alert(1)', 'java\u0000script:alert(1)', 'java\u200bscript:alert(1)', '\u0001javascript:alert(1)',
    'javascript&colon;alert(1)', '&#106;avascript:alert(1)', '&#x6A;avascript:alert(1)', '&#x0006A;avascript:alert(1)',
    'jav&#x09;ascript:alert(1)', 'javascript%3Aalert(1)', '%6Aavascript:alert(1)', 'vbscript:msgbox(1)', 'VBScript:x',
    'data:text/html,<script>alert(1)</script>', 'DATA:image/svg+xml;base64,PHN2Zz4=', 'jav&Tab;ascript:alert(1)',
  ];
  for (const url of scriptBearing) {
    it(`refuses script-bearing ${JSON.stringify(url)}`, () => {
      assert.equal(urlProblem(url), 'script-scheme');
      assert.equal(urlProblem(url, 'image'), 'script-scheme');
      assert.equal(safeUrl(url), undefined);
    });
  }

  const refused: Array<[string, string]> = [
    ['//evil.example/x', 'protocol-relative'],
    ['/\\evil.example', 'protocol-relative'],
    ['\\\\evil.example', 'protocol-relative'],
    ['https://user:pass@acme.example/', 'credentials'],
    ['https://user@acme.example/', 'credentials'],
    ['https://@acme.example/', 'credentials'],
    ['https://acme.example@evil.example/', 'credentials'],
    [' https://acme.example/', 'spelling'],
    ['https://acme.example/a b', 'whitespace'],
    ['https://acme.example/\u202e', 'whitespace'],
    ['http://acme.example/', 'not-https'],
    ['HTTPS://acme.example/', 'spelling'],
    ['https://例子.中国/', 'spelling'],
    ['HTTPS://user@acme.example/', 'not-https'],
    ['ftp://acme.example/', 'not-https'],
    ['acme.example', 'not-https'],
    ['', 'not-https'],
    ['https://', 'malformed'],
    ['https://acme..example/', 'malformed'],
    ['https://-acme.example/', 'malformed'],
    ['https://acme.example\\@evil.example/', 'malformed'],
    [`https://acme.example/${'a'.repeat(2048)}`, 'too-long'],
    // A console path that climbs out of where it reads ("/console/../../etc" is /etc).
    ['/console/../../etc', 'dot-segment'],
    ['/a/./b', 'dot-segment'],
    ['/..', 'dot-segment'],
    ['/a/%2E%2e/b', 'dot-segment'],
    ['/a/..?x', 'dot-segment'],
  ];
  for (const [url, problem] of refused) {
    it(`refuses ${JSON.stringify(url.slice(0, 40))} as ${problem}`, () => assert.equal(urlProblem(url), problem));
  }

  it('does not mistake an https URL that mentions javascript: in its query for a script', () => {
    assert.equal(urlProblem('https://acme.example/?next=javascript:void(0)'), undefined);
  });
});

describe('safeUrl', () => {
  it('passes safe strings through and turns everything else into undefined', () => {
    assert.equal(safeUrl('https://acme.example/'), 'https://acme.example/');
    assert.equal(safeUrl(42), undefined);
    assert.equal(safeUrl(null), undefined);
    assert.equal(safeUrl({ toString: () => 'https://acme.example/' }), undefined);
  });
});

describe('externalHost', () => {
  it('names the host of an https link and nothing for paths or unsafe links', () => {
    assert.equal(externalHost('https://Shop.Acme.example:8443/x'), 'shop.acme.example');
    assert.equal(externalHost('/billing'), undefined);
    assert.equal(externalHost('javascript:alert(1)'), undefined);
  });
});

describe('normalizeUrl', () => {
  it('spells a link as the rules accept it: trimmed, scheme and host in lower-case ASCII, the rest as it was', () => {
    const cases: Array<[string, string]> = [
      ['  https://acme.example/backup\n', 'https://acme.example/backup'],
      ['HTTPS://Acme.Example/Backup?Q=1#X', 'https://acme.example/Backup?Q=1#X'],
      ['https://例子.中国/备份', 'https://xn--fsqu00a.xn--fiqs8s/备份'],
      // What a Chinese input method types: a full-width colon, an ideographic full stop, full-width letters.
      ['https：//例子。中国', 'https://xn--fsqu00a.xn--fiqs8s'],
      ['https://ＡＣＭＥ.example:8443/a', 'https://acme.example:8443/a'],
      // The whole link typed in full-width form (an input method left in that mode), and a full-width space around it.
      ['ｈｔｔｐｓ：／／ｗｗｗ．ａｃｍｅ．ｅｘａｍｐｌｅ／ｂａｃｋｕｐ？ｑ＝１\u3000', 'https://www.acme.example/backup?q=1'],
      ['／ｂｉｌｌｉｎｇ', '/billing'],
      [' /billing ', '/billing'],
    ];
    for (const [typed, spelled] of cases) {
      assert.equal(normalizeUrl(typed), spelled, typed);
      assert.equal(urlProblem(spelled), undefined, spelled);
    }
  });

  it('leaves alone what it cannot make an https URL with a host, so that the rules still refuse it', () => {
    for (const url of ['http://acme.example/', 'javascript:alert(1)', 'https://user@acme.example/', 'https://', 'https://a b.example/', 'acme.example']) {
      assert.equal(normalizeUrl(url), url, url);
      assert.notEqual(urlProblem(normalizeUrl(url)), undefined, url);
    }
  });
});
