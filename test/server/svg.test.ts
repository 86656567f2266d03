/**
 * SVG uploads against a corpus of filter bypasses: those issue 13 found, and vectors from
 * public SVG sanitiser test suites (darylldoyle/svg-sanitizer's tests/data, DOMPurify's
 * SVG cases, html5sec), re-typed here as data. Each must be refused (422) and stored
 * nowhere; plain logos, including editor exports full of metadata, are kept, re-serialised
 * from the allow-list.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sanitizeSvg, SvgRefused, SvgTooComplex } from '../../server/svg.ts';
import { BACKENDS, freshPartner, startHarness, type Harness } from './harness.ts';

const open = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="28" viewBox="0 0 120 28">';
const wrap = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${open}${inner}</svg>`;

export const BYPASSES: Array<[string, string]> = [
  // Issue 13: stored and served by the deny-list filter.
  ['an XHTML script under another prefix', wrap('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>')],
  ['an XHTML iframe under another prefix', wrap('<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>')],
  ['an xlink href to another host under another prefix', wrap('<x:a xmlns:x="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink" l:href="https://evil.example/"><rect width="9" height="9"/></x:a>')],
  ['a use x:href to another host', wrap('<use xmlns:x="http://www.w3.org/1999/xlink" x:href="https://evil.example/sprite.svg#a"/>')],
  ['an entity-encoded javascript: link', wrap('<a href="java&#x73;cript:alert(1)"><rect width="9" height="9"/></a>')],
  ['set attributeName="onload"', wrap('<set attributeName="onload" to="alert(1)"/>')],
  ['CSS @import in a style element', wrap('<style>@import url(https://evil.example/x.css);</style><rect width="9" height="9"/>')],
  ['CSS url() to another host in a style element', wrap('<style>rect { fill: url(https://evil.example/p.svg#p) }</style><rect width="9" height="9"/>')],
  ['CSS url() to another host in a style attribute', wrap('<rect width="9" height="9" style="fill:url(\'https://evil.example/p.svg#p\')"/>')],
  ['an XML Events handler', wrap('<handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">alert(1)</handler>')],
  ['an ev:event attribute on a listener', wrap('<listener xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="click" ev:handler="#h"/>')],
  // More: elements that run or embed content, in any namespace or case.
  ['a plain script', wrap('<script>alert(1)</script>')],
  ['a script in the SVG namespace under a prefix', wrap('<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>')],
  ['a script in an unknown namespace', wrap('<ø:script xmlns:ø="urn:x" src="//0x.lv/"/>')],
  ['an upper-case SCRIPT', wrap('<SCRIPT>alert(1)</SCRIPT>')],
  ['a foreignObject with HTML', wrap('<foreignObject width="9" height="9"><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></body></foreignObject>')],
  ['an HTML img in the XHTML namespace', wrap('<img xmlns="http://www.w3.org/1999/xhtml" src="x" onerror="alert(1)"/>')],
  ['an embed', wrap('<embed src="https://evil.example/x.swf"/>')],
  ['an object', wrap('<object data="https://evil.example/x.html"/>')],
  ['a form with a javascript: action', wrap('<form action="javascript:alert(1)"><input type="submit"/></form>')],
  // Event attributes.
  ['onload on the root', `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="28" onload="alert(1)"></svg>`],
  ['onload on a nested svg', wrap('<svg onload="alert(2)"/>')],
  ['onclick on a rect', wrap('<rect width="9" height="9" onclick="alert(1)"/>')],
  ['onbegin on an animation', wrap('<animate onbegin="alert(1)" attributeName="x" dur="1s"/>')],
  ['an upper-case ONLOAD', wrap('<g ONLOAD="alert(1)"/>')],
  ['an event attribute in another namespace', wrap('<g xmlns:e="urn:e" e:onload="alert(1)"/>')],
  // Links and references.
  ['a javascript: href', wrap('<a href="javascript:alert(2)"><rect width="9" height="9"/></a>')],
  ['a javascript: xlink:href', wrap('<a xlink:href="javascript:alert(2)"><rect width="9" height="9"/></a>')],
  ['a tab inside javascript:', wrap('<a href="javascript&#9;:alert(document.domain)"><rect width="9" height="9"/></a>')],
  ['a tab inside the scheme', wrap('<a href="javascrip&#9;t:alert(1)"><rect width="9" height="9"/></a>')],
  ['a leading-space javascript: href', wrap('<a href="  javascript:alert(1)"><rect width="9" height="9"/></a>')],
  ['a decimal-entity javascript: xlink:href', wrap('<a xlink:href="&#106;avascript:alert(1)"><rect width="9" height="9"/></a>')],
  ['a data: SVG link', wrap('<a xlink:href="data:image/svg+xml,%3Csvg xmlns=\'http://www.w3.org/2000/svg\' onload=\'alert(88)\'%3E%3C/svg%3E"><rect width="9" height="9"/></a>')],
  ['an external https link', wrap('<a href="https://evil.example/"><rect width="9" height="9"/></a>')],
  ['a protocol-relative link', wrap('<a href="//evil.example/"><rect width="9" height="9"/></a>')],
  ['an image from another host (a tracking pixel)', wrap('<image href="https://evil.example/pixel.png" width="9" height="9"/>')],
  ['an image of an SVG data URL', wrap('<image href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" width="9" height="9"/>')],
  ['an feImage from another host', wrap('<filter id="f"><feImage href="https://evil.example/x.png"/></filter>')],
  ['a use of an external sprite', wrap('<use xlink:href="defs.svg#icon-1"/>')],
  ['a use of a data URL', wrap('<use href="data:image/svg+xml;base64,PHN2ZyBpZD0ieCI+PC9zdmc+#x"/>')],
  ['an href in an unknown namespace', wrap('<use xmlns:y="urn:other" y:href="https://evil.example/#a"/>')],
  ['a fill url() to another host', wrap('<rect fill="url(\'https://example.com/benis.svg\')" width="9" height="9"/>')],
  ['a fill url() with spaces and quotes', wrap('<rect fill="  url(  \' https://example.com/benis.svg \'  ) " width="9" height="9"/>')],
  ['a fill url() to ftp', wrap('<rect fill="url(\'ftp://192.168.2.1/benis.svg\')" width="9" height="9"/>')],
  ['a fill url() protocol-relative', wrap('<rect fill="url(\'//example.com/benis.svg\')" width="9" height="9"/>')],
  ['a fill url() to a same-host path', wrap('<rect fill="url(\'/benis.svg\')" width="9" height="9"/>')],
  ['a filter url() to another host', wrap('<rect filter="url(https://evil.example/f.svg#f)" width="9" height="9"/>')],
  // Animation of links and handlers.
  ['animate of href to javascript:', wrap('<a><animate attributeName="href" values="javascript:alert(1)"/><rect width="9" height="9"/></a>')],
  ['set of xlink:href to javascript:', wrap('<a xlink:href="#x"><set attributeName="xlink:href" to="javascript:alert(1)"/><rect width="9" height="9"/></a>')],
  ['set of an event attribute', wrap('<rect width="9" height="9"><set attributeName="onmouseover" to="alert(1)"/></rect>')],
  ['animate of style', wrap('<rect width="9" height="9"><animate attributeName="style" to="fill:url(https://evil.example/#p)"/></rect>')],
  ['animate of fill to an external url()', wrap('<rect width="9" height="9"><animate attributeName="fill" to="url(https://evil.example/p.svg#p)"/></rect>')],
  // CSS.
  ['a CSS escape hiding url(', wrap('<style>rect { fill: \\75 rl(https://evil.example/p.svg#p) }</style>')],
  ['@import without url()', wrap('<style>@import "https://evil.example/x.css";</style>')],
  ['@IMPORT in capitals', wrap('<style>@IMPORT "https://evil.example/x.css";</style>')],
  ['@font-face from another host', wrap('<style>@font-face { font-family: x; src: url(https://evil.example/f.woff) }</style>')],
  ['a style element in CDATA with @import', wrap('<style><![CDATA[ @import url(https://evil.example/x.css); ]]></style>')],
  ['image-set() with a bare string', wrap('<rect width="9" height="9" style="fill: image-set(&quot;https://evil.example/p.png&quot; 1x)"/>')],
  ['-webkit-image-set() in a style element', wrap('<style>rect { background: -webkit-image-set("https://evil.example/p.png" 1x) }</style>')],
  ['-moz-binding', wrap('<rect width="9" height="9" style="-moz-binding: url(#x)"/>')],
  ['expression()', wrap('<rect width="9" height="9" style="width: expression(alert(1))"/>')],
  // XML tricks.
  ['an internal entity', '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]>' + wrap('<a href="&x;"><rect width="9" height="9"/></a>').replace(/^<\?xml[^>]*>\n/, '')],
  ['an external entity (XXE)', '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + wrap('<text>&xxe;</text>').replace(/^<\?xml[^>]*>\n/, '')],
  ['a billion laughs', '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + wrap('<text>&b;</text>').replace(/^<\?xml[^>]*>\n/, '')],
  ['an ATTLIST default attribute', '<!DOCTYPE svg [<!ATTLIST svg onload CDATA #FIXED "alert(1)">]>' + wrap('<rect width="9" height="9"/>').replace(/^<\?xml[^>]*>\n/, '')],
  ['markup that is not well-formed', `${open}<a href="x"><rect width="9" height="9"/></svg>`],
  ['a root that is not svg', '<html xmlns="http://www.w3.org/1999/xhtml"><svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"/><script>alert(1)</script></html>'],
];

/** What must never be in a stored SVG, whatever the sanitiser kept. */
function assertInert(text: string): void {
  assert.doesNotMatch(text, /<(?:[\w-]+:)?(?:script|handler|listener|foreignObject|iframe|embed|object|form)\b/i);
  assert.doesNotMatch(text, /\son[a-z]+\s*=/i);
  assert.doesNotMatch(text, /javascript:|vbscript:|@import|<!ENTITY|<!DOCTYPE|<!--|<\?(?!xml version)/i);
  assert.doesNotMatch(text, /1999\/xhtml|xml-events|sodipodi|inkscape|rdf/i);
  for (const [, link] of text.matchAll(/href\s*=\s*"([^"]*)"/gi)) assert.match(link!, /^#/);
  for (const [, target] of text.matchAll(/url\(\s*['"]?([^)'"]*)/gi)) assert.match(target!.trim(), /^#/);
}

const EDITOR_EXPORT = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"
  width="240" height="56" viewBox="0 0 240 56" version="1.1" id="svg8" inkscape:version="1.2" sodipodi:docname="acme.svg" data-name="Layer 1">
  <sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="2"/>
  <metadata><rdf:RDF><dc:title>Acme</dc:title></rdf:RDF></metadata>
  <defs>
    <linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#0B3D91"/><stop offset="1" stop-color="#1a5fd0"/></linearGradient>
    <style type="text/css"><![CDATA[ .mark { fill: url(#g); } .word { font-family: sans-serif; font-weight: 700 } ]]></style>
    <path id="a" d="M14 27v-20c0-3.7-3.3-7-7-7s-7 3.3-7 7v41z"/>
  </defs>
  <?xml-stylesheet href="https://evil.example/x.css"?>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" transform="translate(4 4)">
    <rect class="mark" width="48" height="48" rx="8" style="fill:url(#g);stroke:none"/>
    <use xlink:href="#a" x="60" fill="#1A374D"/>
    <text class="word" x="80" y="34" font-size="24" fill="#0B3D91">Acme &amp; Co</text>
    <animate attributeName="opacity" from="0" to="1" dur="1s"/>
  </g>
</svg>
`;

for (const backend of BACKENDS) {
  describe(`SVG uploads: an allow-list, re-serialised (${backend})`, () => {
    let h: Harness;
    let pid: string;
    let token: string;
    before(async () => {
      h = await startHarness(backend);
      pid = freshPartner('svg');
      token = await h.partner(pid);
    });
    after(async () => { await h.close(); });

    const upload = (text: string) => h.request({ method: 'POST', url: `/v1/partners/${pid}/assets`, token, headers: { 'content-type': 'image/svg+xml' }, payload: Buffer.from(text) });

    for (const [name, text] of BYPASSES) {
      it(`refuses ${name}`, async () => {
        const answer = await upload(text);
        if (answer.statusCode === 201) {
          const served = await h.request({ method: 'GET', url: answer.json().src });
          assert.fail(`stored and served: ${served.body}`);
        }
        assert.equal(answer.statusCode, 422, answer.body);
        assert.equal(answer.json().code, 'image.active-svg', answer.body);
      });
    }

    it('stores nothing for any of them', async () => {
      assert.deepEqual(await h.db.query('SELECT count(*)::int AS n FROM assets WHERE partner_id = $1', [pid]), [{ n: 0 }]);
    });

    it('keeps an editor export, drops its metadata, comments and processing instructions, and serves what it kept', async () => {
      const answer = await upload(EDITOR_EXPORT);
      assert.equal(answer.statusCode, 201, answer.body);
      assert.deepEqual([answer.json().width, answer.json().height], [240, 56]);
      const served = await h.request({ method: 'GET', url: answer.json().src });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/svg+xml');
      assert.match(String(served.headers['content-security-policy']), /default-src 'none'/);
      const text = served.body;
      assertInert(text);
      assert.equal(answer.json().bytes, Buffer.byteLength(text));
      for (const kept of ['<linearGradient id="g"', 'stop-color="#1a5fd0"', '.mark { fill: url(#g); }', 'xlink:href="#a"', 'Acme &amp; Co', 'style="fill:url(#g);stroke:none"', 'attributeName="opacity"', 'viewBox="0 0 240 56"']) {
        assert.ok(text.includes(kept), `keeps ${kept}: ${text}`);
      }
      assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    });

    it('keeps an embedded raster image (a base64 PNG data URL) and #fragment references', async () => {
      const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
      const answer = await upload(wrap(`<image href="${pixel}" width="9" height="9"/><use href="#x"/><rect id="x" width="9" height="9" clip-path="url(#c)"/>`));
      assert.equal(answer.statusCode, 201, answer.body);
      const text = (await h.request({ method: 'GET', url: answer.json().src })).body;
      assert.ok(text.includes(pixel) && text.includes('href="#x"') && text.includes('url(#c)'), text);
    });
  });
}

/**
 * Input made to cost: each must be answered at once (a guard against work that grows with the square of the input,
 * which took 32 s for 240 KB before, and would hold every partner's uploads), and a logo must not be made to draw
 * without end in the browsers that show it.
 */
describe('SVG uploads: bounded work, here and in browsers', () => {
  const refuses = (text: string, reason: RegExp) => assert.throws(() => sanitizeSvg(text), (error: Error) => error instanceof SvgRefused && reason.test(error.message));
  const HANG_GUARD = { timeout: 30_000 };

  it('reads an unclosed url( repeated through a whole upload in one pass', HANG_GUARD, () => {
    refuses(wrap(`<rect width="9" height="9" style="${'url('.repeat(120_000)}"/>`), /has a url\( that cannot be read/);
    refuses(wrap(`<rect width="9" height="9" fill="${'url('.repeat(120_000)}"/>`), /has a url\( that cannot be read/);
    refuses(wrap(`<style>${'url( '.repeat(100_000)}</style>`), /has a url\( that cannot be read/);
  });

  it('looks for a DOCTYPE\'s internal subset in one pass, however many times the word comes', HANG_GUARD, () => {
    assert.doesNotThrow(() => sanitizeSvg(wrap(`<!--${'<!DOCTYPE'.repeat(50_000)}--><rect width="9" height="9"/>`)));
    refuses(`<!DOCTYPE svg [<!ATTLIST svg x CDATA "y">]>${wrap('<rect width="9" height="9"/>')}`.replace('<?xml version="1.0" encoding="UTF-8"?>\n', ''), /DOCTYPE internal subset/);
  });

  it('refuses <use> that multiplies what is drawn (10⁸ shapes from 2 KB), and <use> that refers to itself', () => {
    let defs = '<rect id="l0" width="1" height="1"/>';
    for (let level = 1; level <= 8; level++) defs += `<g id="l${level}">${Array.from({ length: 10 }, () => `<use href="#l${level - 1}"/>`).join('')}</g>`;
    refuses(wrap(`<defs>${defs}</defs><use href="#l8"/>`), /draws more than 50000 shapes through <use>/);
    refuses(wrap('<g id="a"><use href="#a"/></g>'), /<use> that refers to itself/);
    // What editors export: a symbol drawn a few times.
    assert.doesNotThrow(() => sanitizeSvg(wrap(`<defs><symbol id="s"><path d="M0 0h9v9z"/></symbol></defs>${'<use href="#s"/>'.repeat(40)}`)));
  });

  it('says elements nest too deep, rather than that the SVG cannot be read', () => {
    refuses(wrap(`${'<g>'.repeat(19_000)}${'</g>'.repeat(19_000)}`), /nests elements more than 64 deep/);
    assert.throws(() => sanitizeSvg(wrap('<g id="a"><use href="#a"/></g>')), SvgTooComplex, 'told apart from active content');
    assert.doesNotThrow(() => sanitizeSvg(wrap(`${'<g>'.repeat(60)}<rect width="9" height="9"/>${'</g>'.repeat(60)}`)));
  });
});
