import { expect, fixture, html } from '@open-wc/testing';
import { completeDocument, consoleFixture, deepQuery, deepQueryAll, settle, TEST_API, topLabels } from './helpers.ts';
import { WIDE_LOGO, WIDEST_LOGO } from './limits.ts';

const PROMOTION = ['Backup', 'Migration', 'Managed services', 'Training'];

describe('layout: overflow into "More"', () => {
  it('shows every promotion entry when there is room', async () => {
    const el = await consoleFixture(completeDocument(), { width: 1920 });
    expect(topLabels(deepQuery(el, 'cobrand-promo-menu'))).to.deep.equal(PROMOTION);
  });

  it('collapses the entries that do not fit into "More", in order, and brings them back when there is room', async () => {
    const el = await consoleFixture(completeDocument(), { width: 1280 });
    const promo = deepQuery(el, 'cobrand-promo-menu');
    const shown = topLabels(promo);
    expect(shown.at(-1)).to.equal('More');
    const visible = shown.slice(0, -1);
    expect(visible.length).to.be.below(PROMOTION.length);
    expect(visible).to.deep.equal(PROMOTION.slice(0, visible.length));
    const inMore = deepQueryAll(promo, '.more [role=menu] .group-label, .more [role=menu] > [role=menuitem] .label').map((label) => label.textContent);
    expect(inMore).to.deep.equal(PROMOTION.slice(visible.length));
    const promoBox = promo.getBoundingClientRect();
    for (const item of deepQueryAll(promo, '[role=menubar] > [role=none]')) expect(item.getBoundingClientRect().right).to.be.at.most(promoBox.right + 0.5);
    (el.parentElement as HTMLElement).style.width = '1920px';
    await new Promise((resolve) => setTimeout(resolve, 100));
    await settle(el);
    expect(topLabels(promo)).to.deep.equal(PROMOTION);
  });
});

describe('layout: narrow screens', () => {
  it('moves every entry into a drawer below 768 px and overflows nothing at 375 px', async () => {
    const el = await consoleFixture(completeDocument(), { width: 375, userName: 'Zhang Wei' });
    expect(deepQueryAll(el, 'cobrand-promo-menu, cobrand-cloud-menu')).to.have.length(0);
    const bar = deepQuery(el, '.bar');
    expect(bar.scrollWidth).to.be.at.most(375);
    for (const part of deepQueryAll(el, '.bar > *')) expect(part.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
    deepQuery<HTMLButtonElement>(el, '[part=drawer-button]').click();
    await settle(el);
    const drawer = deepQuery<HTMLDialogElement>(el, '[part=drawer]');
    expect(drawer.getBoundingClientRect().width).to.be.at.most(375);
    const links = [...drawer.querySelectorAll('a')].map((a) => [...a.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('').trim());
    for (const link of drawer.querySelectorAll('a[target=_blank]')) {
      expect(link.querySelector('.visually-hidden')?.textContent, `${link.textContent} says it opens a new tab`).to.contain('(opens in a new tab)');
    }
    expect(drawer.querySelectorAll('a[target=_blank]').length).to.be.above(0);
    expect(links).to.include.members(['Backup', 'Assessment', 'Training', 'My Resources', 'Billing', 'Acme invoices', 'My orders', 'Sign Out', 'Acme account']);
    expect(links).to.not.include('ICP Filing');
    expect([...drawer.querySelectorAll('h3')].map((h) => h.textContent)).to.include('Zhang Wei');
    expect(deepQuery(deepQuery(drawer, 'cobrand-ops-info[view=details]'), '[part=details]').textContent).to.contain('support@acme.example');
  });

  it('closes the drawer when a link in it is followed', async () => {
    const el = await consoleFixture(completeDocument(), { width: 375 });
    el.addEventListener('cobrand-navigate', (event) => event.preventDefault());
    deepQuery<HTMLButtonElement>(el, '[part=drawer-button]').click();
    await settle(el);
    const drawer = deepQuery<HTMLDialogElement>(el, '[part=drawer]');
    drawer.querySelector<HTMLAnchorElement>('a')!.click();
    await settle(el);
    expect(drawer.open).to.be.false;
  });

  it('returns to the full bar when the screen widens', async () => {
    const el = await consoleFixture(completeDocument(), { width: 375 });
    (el.parentElement as HTMLElement).style.width = '1920px';
    await new Promise((resolve) => setTimeout(resolve, 100));
    await settle(el);
    expect(deepQueryAll(el, '[part=drawer-button]')).to.have.length(0);
    expect(topLabels(deepQuery(el, 'cobrand-promo-menu'))).to.deep.equal(PROMOTION);
  });
});

describe('isolation', () => {
  it('keeps the host page CSS out, except the documented custom properties', async () => {
    const style = document.createElement('style');
    style.textContent = 'a, button, span, nav { color: rgb(255, 0, 0) !important; font-size: 40px !important; display: none !important; } cobrand-console { --cobrand-bar-height: 60px; }';
    document.head.append(style);
    try {
      const el = await consoleFixture(null);
      const billing = deepQuery(deepQuery(el, 'cobrand-cloud-menu'), 'a[data-id=billing]');
      expect(getComputedStyle(billing).display).to.not.equal('none');
      expect(getComputedStyle(billing).color).to.equal('rgb(255, 255, 255)');
      expect(deepQuery(el, '.bar').getBoundingClientRect().height).to.equal(60);
    } finally {
      style.remove();
    }
  });
});

describe('layout: a bar the host moves in its page', () => {
  it('plans again for its new width, down to the drawer, after it was moved', async () => {
    const el = await consoleFixture(completeDocument(), { width: 1440 });
    const host = el.parentElement as HTMLElement;
    const elsewhere = document.createElement('div');
    host.append(elsewhere);
    elsewhere.append(el); // as a single-page host does when it re-renders around the bar
    await settle(el);
    host.style.width = '900px';
    await new Promise((resolve) => setTimeout(resolve, 100));
    await settle(el);
    const fresh = await consoleFixture(completeDocument(), { width: 900 });
    expect(topLabels(deepQuery(el, 'cobrand-promo-menu'))).to.deep.equal(topLabels(deepQuery(fresh, 'cobrand-promo-menu')));
    expect(deepQuery(el, '.bar').scrollWidth).to.be.at.most(900);
    host.style.width = '600px';
    await new Promise((resolve) => setTimeout(resolve, 100));
    await settle(el);
    expect(deepQuery(el, '[part=drawer-button]'), 'the drawer below 768 px').to.exist;
  });
});

describe('layout: the contact popover', () => {
  for (const lang of ['en-US', 'zh-CN']) {
    it(`shows the phone, e-mail, hours and support page each on one line (${lang})`, async () => {
      const el = await consoleFixture(completeDocument(), { width: 1440, lang });
      const ops = deepQuery(el, 'cobrand-ops-info[view=contact]');
      deepQuery<HTMLButtonElement>(ops, '.button').click();
      await settle(el);
      const popover = deepQuery(ops, '[part=popover]').getBoundingClientRect();
      expect(popover.right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
      for (const value of deepQueryAll<HTMLElement>(ops, '[part=popover] dd')) {
        const lineHeight = parseFloat(getComputedStyle(value).lineHeight) || parseFloat(getComputedStyle(value).fontSize) * 1.6;
        expect(value.getBoundingClientRect().height, `"${value.textContent}" wraps`).to.be.below(lineHeight * 1.5);
      }
    });
  }
});

describe('layout: the partner logo keeps its room while it loads', () => {
  /** Where each of the bar's parts stands; a logo that takes room only once loaded moves them. */
  const edges = (el: Element): number[][] => [...deepQuery(el, 'nav.bar').children]
    .filter((part) => !part.classList.contains('spacer'))
    .map((part) => [Math.round(part.getBoundingClientRect().left), Math.round(part.getBoundingClientRect().right)]);

  let bars = 0;
  async function slowLogoBar(size: { width: number; height: number } | undefined, src: string, lang: string, width: number) {
    const doc = completeDocument();
    for (const logo of Object.values(doc.brand.logos) as Array<Record<string, unknown>>) Object.assign(logo, { src }, size);
    const host = await fixture<HTMLDivElement>(html`<div style="width:${width}px">
      <cobrand-console .config=${doc} lang=${lang} user-name="alice" api=${`${TEST_API}/slow/${++bars}`}></cobrand-console></div>`);
    const el = host.querySelector('cobrand-console')!;
    await settle(el, { images: false });
    const logo = deepQuery<HTMLImageElement>(el, 'img[part=partner-logo]');
    expect(logo.complete, 'the logo is still loading').to.be.false;
    return { el, logo };
  }

  for (const lang of ['zh-CN', 'en-US']) {
    for (const width of [1920, 1440, 1280, 1100, 900, 375]) {
      it(`moves nothing when the logo arrives (${lang}, ${width} px)`, async () => {
        const { el, logo } = await slowLogoBar({ width: 240, height: 48 }, WIDE_LOGO, lang, width);
        const before = { box: Math.round(logo.getBoundingClientRect().width), edges: edges(el) };
        await settle(el);
        expect(logo.naturalWidth, 'the logo loaded').to.equal(240);
        expect({ box: Math.round(logo.getBoundingClientRect().width), edges: edges(el) }).to.deep.equal(before);
        expect(before.box, 'a 240 × 48 logo shown 28 px high').to.equal(140);
      });
    }
  }

  it('reserves the most the bar gives a logo for the widest one allowed', async () => {
    const { el, logo } = await slowLogoBar({ width: 4096, height: 16 }, WIDEST_LOGO, 'en-US', 1440);
    const before = edges(el);
    expect(Math.round(logo.getBoundingClientRect().width)).to.equal(160);
    await settle(el);
    expect(edges(el)).to.deep.equal(before);
  });

  it('still shows a logo whose document gives no size, once it has loaded', async () => {
    const { el, logo } = await slowLogoBar(undefined, WIDE_LOGO, 'en-US', 1440);
    await settle(el);
    expect(Math.round(logo.getBoundingClientRect().width)).to.equal(140);
  });
});
