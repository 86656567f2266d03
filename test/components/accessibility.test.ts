import { expect } from '@open-wc/testing';
import type { CobrandConsole } from '../../components/index.ts';
import { completeDocument, consoleFixture, deepQuery, deepQueryAll, settle } from './helpers.ts';
import { limitsDocument, WIDEST_LOGO } from './limits.ts';

/** axe on the whole bar, shadow trees included. */
async function expectAccessible(el: CobrandConsole): Promise<void> {
  await settle(el);
  await expect(el).to.be.accessible();
}

async function openFirstDropDown(el: CobrandConsole, part: 'cobrand-promo-menu' | 'cobrand-cloud-menu'): Promise<void> {
  const menu = deepQuery(el, part);
  deepQuery<HTMLButtonElement>(menu, '[aria-haspopup=menu]').click();
  await settle(el);
  expect(deepQuery(menu, '[aria-expanded=true]')).to.exist;
}

describe('accessibility (axe)', () => {
  for (const lang of ['en-US', 'zh-CN'] as const) {
    describe(lang, () => {
      it('has no violations in the default bar', async () => {
        await expectAccessible(await consoleFixture(null, { lang }));
      });

      it('has no violations in the complete bar, closed', async () => {
        await expectAccessible(await consoleFixture(completeDocument(), { lang }));
      });

      it('has no violations with a promotion drop-down open', async () => {
        const el = await consoleFixture(completeDocument(), { lang });
        await openFirstDropDown(el, 'cobrand-promo-menu');
        await expectAccessible(el);
      });

      it('has no violations with the resource drop-down open', async () => {
        const el = await consoleFixture(completeDocument(), { lang });
        await openFirstDropDown(el, 'cobrand-cloud-menu');
        await expectAccessible(el);
      });

      it('has no violations with the contact details open', async () => {
        const el = await consoleFixture(completeDocument(), { lang });
        deepQuery<HTMLButtonElement>(deepQuery(el, 'cobrand-ops-info[view=contact]'), '[part=button]').click();
        await expectAccessible(el);
      });

      it('has no violations on the most crowded wide bar (768 px at the limits), and with its "⋯" open', async () => {
        const el = await consoleFixture(limitsDocument(WIDEST_LOGO), { lang, width: 768, userName: 'Maximilian Featherstonehaugh-Worthington' });
        expect(deepQuery(el, 'cobrand-cloud-menu').hasAttribute('compact')).to.equal(lang === 'en-US');
        await expectAccessible(el);
        deepQuery<HTMLButtonElement>(deepQuery(el, 'cobrand-cloud-menu'), '.more > [aria-haspopup=menu]').click();
        await settle(el);
        await expectAccessible(el);
      });

      it('has no violations on a narrow screen, drawer closed and open', async () => {
        const el = await consoleFixture(completeDocument(), { lang, width: 375 });
        await expectAccessible(el);
        deepQuery<HTMLButtonElement>(el, '[part=drawer-button]').click();
        await settle(el);
        expect(deepQuery<HTMLDialogElement>(el, '[part=drawer]').open).to.be.true;
        await expectAccessible(el);
      });
    });
  }

  for (const background of ['#F5F7FA', '#FFD400', '#0B3D91', '#000000']) {
    it(`keeps text readable on a ${background} bar`, async () => {
      const doc = completeDocument();
      doc.brand.navBackground = background;
      await expectAccessible(await consoleFixture(doc));
    });
  }

  it('keeps the full user name and "Contact" as names and tooltips when the bar cuts them short', async () => {
    const name = 'Maximilian Featherstonehaugh-Worthington';
    const el = await consoleFixture(limitsDocument(WIDEST_LOGO), { width: 768, userName: name });
    const cloud = deepQuery(el, 'cobrand-cloud-menu');
    const account = deepQuery(cloud, '.account > [role=menuitem]');
    const label = account.querySelector<HTMLElement>('.label')!;
    expect(label.textContent).to.equal(name);
    expect(label.scrollWidth).to.be.above(label.clientWidth);
    expect(account.getAttribute('title')).to.equal(name);
    const contact = deepQuery(deepQuery(el, 'cobrand-ops-info[view=contact]'), '[part=button]');
    expect(contact.textContent!.trim()).to.equal('Contact');
    expect(contact.getAttribute('title')).to.equal('Contact');
    expect(contact.getBoundingClientRect().width).to.be.below(50);
    const more = deepQuery(cloud, '.more > [role=menuitem]');
    expect(more.textContent!.trim()).to.equal('More console menus');
  });

  it('gives every drop-down entry its full name as a tooltip (zh at 24 characters)', async () => {
    const el = await consoleFixture(limitsDocument(WIDEST_LOGO), { lang: 'zh-CN', width: 1280 });
    const entries = deepQueryAll(el, '[part=menu-item]');
    expect(entries.length).to.be.above(10);
    const untitled = entries.filter((entry) => entry.getAttribute('title') !== entry.querySelector('.label')?.textContent);
    expect(untitled.map((entry) => entry.getAttribute('data-id'))).to.deep.equal([]);
  });

  it('labels the icon-only entries', async () => {
    const el = await consoleFixture(completeDocument());
    const bell = deepQuery(deepQuery(el, 'cobrand-cloud-menu'), 'a[data-id=messages]');
    expect(bell.querySelector('.label')!.textContent).to.equal('Messages');
    expect(bell.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    const narrow = await consoleFixture(null, { width: 375, lang: 'zh-CN' });
    expect(deepQuery(narrow, '[part=drawer-button]').getAttribute('aria-label')).to.equal('打开菜单');
  });
});
