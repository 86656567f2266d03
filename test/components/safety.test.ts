import { expect } from '@open-wc/testing';
import { completeDocument, consoleFixture, deepElements } from './helpers.ts';

/** Spellings of links that would run script or leave https, as a hostile document might carry them. */
const UNSAFE_LINKS = [
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  '&#106;avascript:alert(1)',
  'javascript&colon;alert(1)',
  '%6A%61vascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/',
  '\\\\evil.example/',
  'https://user:secret@evil.example/',
  'http://plain.example/',
  '\u0000javascript:alert(1)',
];

function hostileDocument(link: string): Record<string, any> {
  const doc = completeDocument();
  doc.brand.logos['en-US'].href = link;
  doc.brand.logos['en-US'].src = link;
  doc.promotionMenu[0].href = link;
  doc.promotionMenu[1].children[0].href = link;
  doc.cloudMenu.info.custom[0].href = link;
  doc.cloudMenu.custom[0].children[0].href = link;
  doc.operations.contact.href = link;
  doc.operations.announcement.href = link;
  return doc;
}

/** Every URL-bearing attribute in the bar, shadow trees included. */
function urlsIn(root: Element): string[] {
  return deepElements(root).flatMap((element) => ['href', 'src', 'action', 'formaction', 'xlink:href']
    .map((name) => element.getAttribute(name))
    .filter((value): value is string => value !== null));
}

describe('defence in depth: what a document cannot put in the page', () => {
  for (const width of [1920, 375]) {
    for (const link of UNSAFE_LINKS) {
      it(`drops ${JSON.stringify(link)} at ${width} px`, async () => {
        const el = await consoleFixture(hostileDocument(link), { width });
        if (width === 375) (el.shadowRoot!.querySelector('[part=drawer-button]') as HTMLButtonElement).click();
        await new Promise((resolve) => requestAnimationFrame(resolve));
        for (const url of urlsIn(el)) {
          expect(/^(https:\/\/|\/(?![/\\])|tel:\+?[0-9]+$|mailto:)/.test(url), url).to.be.true;
          expect(url.toLowerCase()).to.not.contain('evil.example');
          expect(url.toLowerCase()).to.not.contain('script');
        }
      });
    }
  }

  it('renders markup in labels, alt text and announcements as text', async () => {
    const doc = completeDocument();
    const payload = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    doc.promotionMenu[0].label['en-US'] = payload;
    doc.brand.logos['en-US'].alt = payload;
    doc.operations.announcement.text['en-US'] = payload;
    doc.operations.contact.hours['en-US'] = payload;
    const el = await consoleFixture(doc);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    const elements = deepElements(el);
    expect(elements.filter((element) => element.tagName === 'B')).to.have.length(0);
    expect(elements.filter((element) => element.getAttribute('src') === 'x')).to.have.length(0);
    expect(elements.some((element) => element.textContent === payload)).to.be.true;
  });

  it('drops a contact e-mail or phone number that would smuggle another scheme or header', async () => {
    const doc = completeDocument();
    doc.operations.contact.email = 'a@b.example?bcc=everyone@evil.example';
    doc.operations.contact.phone = 'javascript:alert(1)';
    const el = await consoleFixture(doc);
    expect(urlsIn(el).filter((url) => url.startsWith('mailto:') || url.startsWith('tel:'))).to.deep.equal([]);
    // In the local part too: mailto:a?bcc=spy@evil.example adds a hidden Bcc.
    for (const email of ['a?bcc=spy@evil.example', 'a%3Fbcc=spy@evil.example', 'a#x@evil.example']) {
      const hidden = await consoleFixture({ ...doc, operations: { ...doc.operations, contact: { email } } });
      expect(urlsIn(hidden).filter((url) => url.startsWith('mailto:')), email).to.deep.equal([]);
    }
  });
});
