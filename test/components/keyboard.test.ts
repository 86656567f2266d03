import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { activeElement, completeDocument, expectFocusOn, consoleFixture, describeElement, deepQuery, deepQueryAll, settle } from './helpers.ts';
import { limitsDocument, WIDEST_LOGO } from './limits.ts';

const press = (key: string) => sendKeys({ press: key });
const focusedId = () => (activeElement() as HTMLElement | null)?.dataset.id ?? activeElement()?.textContent?.trim();

/** The cloud menu of the complete example at 1920 px, with its first top-level item focused. */
async function cloudMenuFocused() {
  const el = await consoleFixture(completeDocument());
  const cloud = deepQuery(el, 'cobrand-cloud-menu');
  const first = deepQuery<HTMLElement>(cloud, '[role=menubar] > [role=none] > [role=menuitem]');
  first.focus();
  return { el, cloud, first };
}

describe('keyboard: the menubar pattern', () => {
  it('lets Tab reach one item per menubar (roving tabindex)', async () => {
    const el = await consoleFixture(completeDocument());
    const promo = deepQuery(el, 'cobrand-promo-menu');
    const focusable = [...promo.shadowRoot!.querySelectorAll('[role=menuitem]')].filter((item) => item.getAttribute('tabindex') === '0');
    expect(focusable).to.have.length(1);
    deepQuery<HTMLElement>(el, 'cobrand-brand').shadowRoot!.querySelector<HTMLElement>('[part=partner-link]')!.focus();
    await press('Tab');
    expect(focusedId()).to.equal('backup');
    await press('Tab');
    expect(activeElement()?.closest('[role=menubar]')?.getAttribute('aria-label')).to.equal('Console menu');
  });

  it('moves along the bar with arrows, wrapping, and jumps with Home and End', async () => {
    const { first } = await cloudMenuFocused();
    expect(first.textContent).to.contain('Resources');
    await press('ArrowRight');
    expect(focusedId()).to.equal('billing');
    await press('ArrowLeft');
    await press('ArrowLeft');
    expect(activeElement()?.textContent).to.contain('alice');
    await press('Home');
    expectFocusOn(first);
    await press('End');
    expect(activeElement()?.textContent).to.contain('alice');
    await press('ArrowRight');
    expectFocusOn(first);
  });

  it('keeps the last focused item as the one Tab returns to', async () => {
    const { cloud } = await cloudMenuFocused();
    await press('ArrowRight');
    await settle(cloud);
    const tabbable = [...cloud.shadowRoot!.querySelectorAll<HTMLElement>('[role=menuitem][tabindex="0"]')];
    expect(tabbable.map((item) => item.dataset.id)).to.deep.equal(['billing']);
  });

  it('opens a drop-down with ArrowDown at its first entry and ArrowUp at its last; Escape closes it and returns focus', async () => {
    const { first, cloud } = await cloudMenuFocused();
    await press('ArrowDown');
    expect(first.getAttribute('aria-expanded')).to.equal('true');
    expect(focusedId()).to.equal('my-resources');
    await press('ArrowDown');
    expect(focusedId()).to.equal('resource-packages');
    await press('End');
    expect(focusedId()).to.equal('tag-management');
    await press('ArrowDown');
    expect(focusedId()).to.equal('my-resources');
    await press('ArrowUp');
    expect(focusedId()).to.equal('tag-management');
    await press('Home');
    expect(focusedId()).to.equal('my-resources');
    await press('Escape');
    await settle(cloud);
    expect(first.getAttribute('aria-expanded')).to.equal('false');
    expect(deepQuery(cloud, '[role=menu]').hidden).to.be.true;
    expectFocusOn(first);
    await press('ArrowUp');
    expect(focusedId()).to.equal('tag-management');
  });

  it('opens with Enter and with Space', async () => {
    for (const key of ['Enter', ' ']) {
      const { first } = await cloudMenuFocused();
      await press(key);
      expect(first.getAttribute('aria-expanded'), key).to.equal('true');
      expect(focusedId(), key).to.equal('my-resources');
    }
  });

  it('moves to the neighbouring top-level item with ←/→ from inside a drop-down, closing it', async () => {
    const { first } = await cloudMenuFocused();
    await press('ArrowDown');
    await press('ArrowRight');
    expect(focusedId()).to.equal('billing');
    expect(first.getAttribute('aria-expanded')).to.equal('false');
  });

  it('closes the drop-down and leaves the bar on Tab', async () => {
    const { first, cloud } = await cloudMenuFocused();
    await press('ArrowDown');
    await press('Tab');
    await settle(cloud);
    expect(first.getAttribute('aria-expanded')).to.equal('false');
    expect(describeElement(cloud.shadowRoot!.activeElement), 'focus has left the cloud menu').to.equal('nothing');
  });

  it('follows a link with Enter and with Space, announcing it first', async () => {
    const { el } = await cloudMenuFocused();
    el.addEventListener('cobrand-navigate', (event) => event.preventDefault());
    await press('ArrowRight');
    let heard = oneEvent(el, 'cobrand-navigate');
    await press('Enter');
    expect((await heard).detail).to.deep.equal({ area: 'info', id: 'billing', href: '/billing' });
    heard = oneEvent(el, 'cobrand-navigate');
    await press(' ');
    expect((await heard).detail.id).to.equal('billing');
  });

  it('returns focus to the button of a drop-down whose entry was chosen while the page stays (a single-page host)', async () => {
    const { el, first, cloud } = await cloudMenuFocused();
    el.addEventListener('cobrand-navigate', (event) => event.preventDefault());
    await press('ArrowDown');
    await press('ArrowDown');
    expect(focusedId()).to.equal('resource-packages');
    await press('Enter');
    await settle(cloud);
    expect(first.getAttribute('aria-expanded')).to.equal('false');
    expectFocusOn(first, 'the drop-down\'s button');
  });

  it('moves to the next item starting with a typed letter, along the bar and in a drop-down (type-ahead)', async () => {
    const { first, cloud } = await cloudMenuFocused();
    const label = () => activeElement()?.textContent?.trim();
    await press('t');
    expect(label()).to.equal('Tools');
    await press('t');
    expect(label(), 'the same letter again: the next one').to.equal('Tickets');
    await press('x');
    expect(label(), 'no match: focus stays').to.equal('Tickets');
    for (const key of ['a', 'c', 'm', 'e']) await press(key);
    expect(label(), 'letters typed quickly spell a beginning').to.equal('Acme invoices(opens in a new tab)');
    await press('ArrowLeft');
    await press('a');
    await press('l');
    expect(label()).to.equal('alice');
    await settle(cloud);
    expect(deepQueryAll(cloud, '[role=menuitem][tabindex="0"]').map((item) => item.textContent?.trim()), 'Tab comes back to it').to.deep.equal(['alice']);
    await press('ArrowDown');
    await new Promise((resolve) => setTimeout(resolve, 600)); // a pause ends the typed word
    await press('s');
    expect(label()).to.equal('Security Settings');
    await press('s');
    expect(label()).to.equal('Sign Out');
    await press('s');
    expect(label(), 'wrapping').to.equal('Security Settings');
    await press('Escape');
    first.focus();
    await sendKeys({ down: 'Control' });
    await press('t');
    await sendKeys({ up: 'Control' });
    expectFocusOn(first, 'a shortcut with Ctrl is the browser\'s');
  });

  it('closes an open drop-down on a click outside', async () => {
    const { first, cloud } = await cloudMenuFocused();
    await press('ArrowDown');
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await settle(cloud);
    expect(first.getAttribute('aria-expanded')).to.equal('false');
  });
});

describe('keyboard: entries the layout moved into overflow menus', () => {
  it('reaches the cloud menu\'s "⋯" by arrows, opens it at its first entry, and Escape returns focus', async () => {
    const el = await consoleFixture(limitsDocument(WIDEST_LOGO), { width: 768 });
    const cloud = deepQuery(el, 'cobrand-cloud-menu');
    const more = deepQuery<HTMLElement>(cloud, '.more > [role=menuitem]');
    deepQuery<HTMLElement>(cloud, '[role=menubar] > [role=none] > [role=menuitem]').focus();
    await press('End');
    await press('ArrowLeft');
    expectFocusOn(more);
    await press('ArrowDown');
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    expectFocusOn(deepQuery(cloud, '.more [role=menu] [role=menuitem]'));
    expect(focusedId()).to.equal('billing');
    await press('Escape');
    await settle(cloud);
    expectFocusOn(more);
  });
});

describe('keyboard: contact pop-over and drawer', () => {
  it('opens the contact details with Enter and closes them with Escape, focus back on the button', async () => {
    const el = await consoleFixture(completeDocument());
    const ops = deepQuery(el, 'cobrand-ops-info[view=contact]');
    const button = deepQuery<HTMLButtonElement>(ops, '[part=button]');
    button.focus();
    await press('Enter');
    await settle(ops);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(deepQuery(ops, '[part=popover]').hidden).to.be.false;
    await press('Tab');
    expect(activeElement()?.getAttribute('href')).to.equal('tel:+864000000000');
    await press('Escape');
    await settle(ops);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expectFocusOn(button);
  });

  it('opens the narrow-screen drawer from its button, traps focus in it, and Escape returns focus to the button', async () => {
    const el = await consoleFixture(completeDocument(), { width: 375 });
    const button = deepQuery<HTMLButtonElement>(el, '[part=drawer-button]');
    button.focus();
    await press('Enter');
    await settle(el);
    const drawer = deepQuery<HTMLDialogElement>(el, '[part=drawer]');
    expect(drawer.open).to.be.true;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(drawer.contains(activeElement()) && activeElement() !== drawer, 'focus on a control in the drawer').to.be.true;
    await press('Escape');
    await settle(el);
    expect(drawer.open).to.be.false;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expectFocusOn(button);
  });
});

describe('keyboard: the drawer\'s tab stops', () => {
  it('stops Tab only on the drawer\'s controls, never on the drawer itself, both ways', async () => {
    const el = await consoleFixture(completeDocument(), { width: 375 });
    deepQuery<HTMLButtonElement>(el, '[part=drawer-button]').click();
    await settle(el);
    const drawer = deepQuery<HTMLDialogElement>(el, '[part=drawer]');
    const stops = deepQueryAll(drawer, 'a[href], button').length;
    for (const backwards of [false, true]) {
      if (backwards) await sendKeys({ down: 'Shift' });
      for (let step = 0; step < stops + 2; step++) {
        await press('Tab');
        expect(activeElement() === drawer, `${backwards ? 'Shift+Tab' : 'Tab'} ${step + 1}: focus is on the drawer itself`).to.be.false;
      }
      if (backwards) await sendKeys({ up: 'Shift' });
    }
  });
});

describe('keyboard: dismissing the announcement', () => {
  it('keeps focus where the announcement was, with a confirmation read out, rather than back at the page\'s start', async () => {
    localStorage.clear();
    const el = await consoleFixture(completeDocument());
    const ops = deepQuery(el, 'cobrand-ops-info[view=announcement]');
    const dismiss = deepQuery<HTMLButtonElement>(ops, '[part=dismiss]');
    dismiss.focus();
    dismiss.click();
    await settle(el);
    expect(deepQueryAll(ops, '[part=announcement]'), 'the announcement is gone').to.have.length(0);
    const focused = ops.shadowRoot!.activeElement;
    expect(focused?.textContent, 'focus on the confirmation').to.equal('Announcement dismissed');
    expect(focused?.getAttribute('role')).to.equal('status');
    localStorage.clear();
  });
});
