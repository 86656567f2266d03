import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { define } from '../../components/shared/define.ts';
import { CobrandConsole, type Customization } from '../../components/index.ts';
import { CLOUD_MENU_CATALOG } from '../../schema/catalog.ts';
import { completeDocument, consoleFixture, deepQuery, deepQueryAll, settle, TEST_API, TEST_LOGO, topLabels } from './helpers.ts';

describe('<cobrand-console> rendering', () => {
  it('renders exactly the cloud default bar with no customization', async () => {
    const el = await consoleFixture(null);
    expect(getComputedStyle(deepQuery(el, '.bar')).backgroundColor).to.equal('rgb(37, 43, 58)');
    expect(deepQueryAll(el, '[part=partner-logo]')).to.have.length(0);
    expect(deepQuery(el, 'cobrand-promo-menu').hasAttribute('empty')).to.be.true;
    const cloud = deepQuery(el, 'cobrand-cloud-menu');
    expect(topLabels(cloud)).to.deep.equal(['Resources', ...CLOUD_MENU_CATALOG.info.map((entry) => entry.label['en-US']), 'alice']);
    const account = deepQueryAll(cloud, '.account [role=menu] [role=menuitem]').map((a) => a.textContent!.trim());
    expect(account).to.deep.equal(CLOUD_MENU_CATALOG.account.map((entry) => entry.label['en-US']));
    expect(deepQuery(el, 'cobrand-ops-info[view=contact]').hasAttribute('empty')).to.be.true;
    expect(deepQuery(el, 'cobrand-ops-info[view=announcement]').hasAttribute('empty')).to.be.true;
  });

  it('renders a minimal document as the default bar too', async () => {
    const el = await consoleFixture({ schemaVersion: 1, partnerId: 'x' });
    expect(topLabels(deepQuery(el, 'cobrand-cloud-menu'))).to.have.length(CLOUD_MENU_CATALOG.info.length + 2);
    expect(deepQueryAll(el, '[part=partner-logo]')).to.have.length(0);
  });

  it('says in the console when config is not a document (JSON text, an array) and shows the default bar', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
    try {
      for (const wrong of [JSON.stringify(completeDocument()), [completeDocument()]]) {
        warnings.length = 0;
        const el = await consoleFixture(wrong as unknown as Customization);
        expect(deepQueryAll(el, '[part=partner-logo]')).to.have.length(0);
        expect(warnings.join('\n')).to.match(/<cobrand-console>: config must be a customization document \(an object\), not (a string|an array)/);
      }
      warnings.length = 0;
      await consoleFixture(completeDocument());
      await consoleFixture(null);
      expect(warnings).to.deep.equal([]);
    } finally {
      console.warn = warn;
    }
  });

  it('renders the dual brand for the language: logo, alt text, link, bar colour and contrasting text', async () => {
    const doc = completeDocument();
    for (const lang of ['en-US', 'zh-CN'] as const) {
      const el = await consoleFixture(doc, { lang });
      const logo = deepQuery<HTMLImageElement>(el, 'img[part=partner-logo]');
      expect(logo.getAttribute('src')).to.equal(`${TEST_API}${TEST_LOGO}`);
      expect(logo.alt).to.equal(doc.brand.logos[lang].alt);
      expect(logo.closest('a')!.getAttribute('href')).to.equal(doc.brand.logos[lang].href);
      expect(deepQuery(el, '.cloud-name').textContent).to.equal(lang === 'en-US' ? 'Cloud Console' : '云控制台');
      const bar = getComputedStyle(deepQuery(el, '.bar'));
      expect(bar.backgroundColor).to.equal('rgb(11, 61, 145)');
      expect(bar.color).to.equal('rgb(255, 255, 255)');
    }
  });

  it('picks dark text on a light partner colour', async () => {
    const doc = completeDocument();
    doc.brand.navBackground = '#F5F7FA';
    const el = await consoleFixture(doc);
    expect(getComputedStyle(deepQuery(el, '.bar')).color).to.equal('rgb(31, 35, 41)');
  });

  it('shows promotion entries and drop-downs in each language', async () => {
    const doc = completeDocument();
    const en = await consoleFixture(doc, { lang: 'en-US' });
    expect(topLabels(deepQuery(en, 'cobrand-promo-menu'))).to.deep.equal(['Backup', 'Migration', 'Managed services', 'Training']);
    const zh = await consoleFixture(doc, { lang: 'zh-CN' });
    const promo = deepQuery(zh, 'cobrand-promo-menu');
    expect(topLabels(promo)).to.deep.equal(['备份服务', '上云迁移', '托管运维', '培训认证']);
    const children = deepQueryAll(promo, '[role=menu] [role=menuitem] .label').map((label) => label.textContent!.trim());
    expect(children).to.include.members(['迁移评估', '迁移实施']);
    const backup = deepQuery<HTMLAnchorElement>(promo, 'a[data-id=backup]');
    expect(backup.target).to.equal('_blank');
    expect(backup.rel).to.equal('noopener noreferrer');
    expect(backup.textContent).to.contain('在新标签页打开');
  });

  it('hides the entries the partner hid and adds its custom entries and menus', async () => {
    const el = await consoleFixture(completeDocument());
    const cloud = deepQuery(el, 'cobrand-cloud-menu');
    const top = topLabels(cloud);
    expect(top).to.not.include('ICP Filing');
    expect(top).to.not.include('Enterprise');
    expect(top).to.include.members(['Billing', 'Acme invoices', 'Acme portal']);
    const resource = deepQueryAll(cloud, '[role=menu][aria-label=Resources] [role=menuitem]').map((a) => a.dataset.id);
    expect(resource).to.deep.equal(['my-resources', 'resource-packages', 'tag-management']);
    const account = deepQueryAll(cloud, '.account [role=menu] [role=menuitem]').map((a) => a.dataset.id);
    expect(account, 'sign-out stays last, after the partner\'s own entries').to.deep.equal(['basic-info', 'security-settings', 'credentials', 'iam', 'acme-account', 'sign-out']);
    const portal = deepQueryAll(cloud, '[role=menu][aria-label="Acme portal"] [role=menuitem]').map((a) => a.dataset.id);
    expect(portal).to.deep.equal(['orders', 'contracts']);
  });

  it('always shows sign-out, even when a document tries to hide it', async () => {
    const doc = completeDocument();
    doc.cloudMenu.account.hidden = ['sign-out'];
    const el = await consoleFixture(doc);
    expect(deepQueryAll(el, '.account [role=menu] a[data-id=sign-out]')).to.have.length(1);
  });

  it('shows the user name on the account drop-down', async () => {
    const el = await consoleFixture(null, { userName: 'Zhang Wei' });
    expect(deepQuery(el, '.account .label').textContent).to.equal('Zhang Wei');
  });

  it('follows the nearest lang up the document when it has none of its own', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="zh-CN"><cobrand-console></cobrand-console></div>`);
    const el = host.querySelector('cobrand-console')!;
    await settle(el);
    expect(topLabels(deepQuery(el, 'cobrand-cloud-menu'))[0]).to.equal('资源');
    expect(el.hasAttribute('lang')).to.be.false;
  });

  it('shows the announcement and contact details', async () => {
    const doc = completeDocument();
    const el = await consoleFixture(doc);
    const strip = deepQuery(el, '[part=announcement]');
    expect(strip.textContent).to.contain(doc.operations.announcement.text['en-US']);
    expect(strip.getAttribute('role')).to.equal('status');
    const details = deepQuery(deepQuery(el, 'cobrand-ops-info[view=contact]'), '[part=details]');
    expect(details.textContent).to.contain('support@acme.example');
    expect(deepQuery<HTMLAnchorElement>(details, 'a[href^="tel:"]').getAttribute('href')).to.equal('tel:+864000000000');
  });

  it('renders a logo that fails to load as its alt text', async () => {
    const doc = completeDocument();
    doc.brand.logos['en-US'].src = `/assets/${'b'.repeat(64)}`;
    const el = await consoleFixture(doc);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await settle(el);
    expect(deepQuery(el, '.logo-text').textContent).to.equal('Acme Cloud');
  });

  it('resolves an uploaded logo against the service it loads from', async () => {
    const doc = completeDocument();
    const el = await fixture<CobrandConsole>(html`<cobrand-console lang="en-US" api=${`${TEST_API}/`}></cobrand-console>`);
    el.config = doc as Customization;
    await settle(el);
    const logo = deepQuery<HTMLImageElement>(el, 'img[part=partner-logo]');
    expect(logo.getAttribute('src')).to.equal(`${TEST_API}${TEST_LOGO}`);
    await logo.decode();
    expect(logo.naturalWidth).to.equal(160);
  });
});

describe('<cobrand-console> given its document late', () => {
  it('shows a document set a moment after the element is added, even when config was set before the element was defined', async () => {
    // As a host page does before the bundle has loaded: the element exists, not yet defined, with config as an own property.
    const early = document.createElement('cobrand-console-defined-late') as HTMLElement & { config?: unknown };
    early.config = null;
    const host = document.createElement('div');
    host.style.width = '1440px';
    document.body.append(host);
    host.append(early);
    customElements.define('cobrand-console-defined-late', class extends CobrandConsole {});
    await Promise.resolve();
    early.config = completeDocument();
    await settle(early);
    expect(topLabels(deepQuery(early, 'cobrand-promo-menu')), 'the partner\'s promotion menu').to.include('Backup');
    host.remove();
  });

  it('renders the default bar when no document comes', async () => {
    const host = document.createElement('div');
    host.style.width = '1440px';
    document.body.append(host);
    const bar = document.createElement('cobrand-console');
    host.append(bar);
    await settle(bar);
    expect(topLabels(deepQuery(bar, 'cobrand-cloud-menu'))).to.include('Billing');
    host.remove();
  });
});

describe('<cobrand-console> events', () => {
  it('sends a cancelable cobrand-navigate that lets a single-page host route itself', async () => {
    const el = await consoleFixture(completeDocument());
    const link = deepQuery<HTMLAnchorElement>(deepQuery(el, 'cobrand-cloud-menu'), 'a[data-id=billing]');
    el.addEventListener('cobrand-navigate', (event) => event.preventDefault(), { once: true });
    const heard = oneEvent(document, 'cobrand-navigate');
    let followed = true;
    document.addEventListener('click', (event) => { followed = !event.defaultPrevented; }, { once: true });
    link.click();
    const event = await heard;
    expect(event.detail).to.deep.equal({ area: 'info', id: 'billing', href: '/billing' });
    expect(event.bubbles && event.composed && event.cancelable).to.be.true;
    expect(followed).to.be.false;
  });

  for (const modifier of ['ctrlKey', 'metaKey', 'shiftKey', 'altKey'] as const) {
    it(`leaves a ${modifier.replace('Key', '')}-click to the browser (a new tab or window), even when the host routes clicks itself`, async () => {
      const el = await consoleFixture(completeDocument());
      const link = deepQuery<HTMLAnchorElement>(deepQuery(el, 'cobrand-cloud-menu'), 'a[data-id=billing]');
      let announced = false;
      const route = (event: Event) => { announced = true; event.preventDefault(); };
      el.addEventListener('cobrand-navigate', route);
      let prevented: boolean | undefined;
      const watch = (event: Event) => { prevented = event.defaultPrevented; event.preventDefault(); }; // and stay on the test page
      document.addEventListener('click', watch, { once: true });
      link.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, [modifier]: true }));
      el.removeEventListener('cobrand-navigate', route);
      expect(announced, 'no cobrand-navigate for a modified click').to.be.false;
      expect(prevented, 'the browser follows it its own way').to.be.false;
    });
  }

  it('names the area and entry for promotion links and the partner logo', async () => {
    const el = await consoleFixture(completeDocument());
    const details: unknown[] = [];
    el.addEventListener('cobrand-navigate', (event) => { details.push(event.detail); event.preventDefault(); });
    deepQuery(deepQuery(el, 'cobrand-promo-menu'), 'a[data-id=backup]').click();
    deepQuery(el, '[part=partner-link]').click();
    expect(details).to.deep.equal([
      { area: 'promotion', id: 'backup', href: 'https://www.acme.example/backup' },
      { area: 'brand', id: 'logo', href: 'https://www.acme.example/en' },
    ]);
  });
});

describe('registration', () => {
  it('defines every element once and tolerates the bundle being loaded again', async () => {
    for (const tag of ['cobrand-console', 'cobrand-brand', 'cobrand-promo-menu', 'cobrand-cloud-menu', 'cobrand-ops-info']) {
      expect(customElements.get(tag), tag).to.exist;
    }
    const first = customElements.get('cobrand-console');
    await import(`../../components/index.ts?again=${Date.now()}`);
    define('cobrand-console', class Imposter extends HTMLElement {});
    expect(customElements.get('cobrand-console')).to.equal(first);
  });

  it('has the element types in HTMLElementTagNameMap', () => {
    const el: CobrandConsole = document.createElement('cobrand-console');
    expect(el).to.be.instanceOf(CobrandConsole);
  });
});

describe('<cobrand-console> theming with ::part()', () => {
  it('lets the host page style the parts of the bar\'s parts: menus, logo, contact, announcement', async () => {
    const style = document.createElement('style');
    const parts = ['menubar', 'menu-link', 'menu-button', 'menu', 'menu-item', 'cloud', 'partner-logo', 'contact-button', 'contact-popover', 'announcement', 'dismiss'];
    style.textContent = parts.map((part) => `cobrand-console::part(${part}) { outline: 3px dotted rgb(1, 2, 3); }`).join('\n');
    document.head.append(style);
    try {
      const el = await consoleFixture(completeDocument(), { width: 1920 });
      for (const part of parts) {
        const name = part.replace(/^contact-/, '');
        const found = deepQueryAll<HTMLElement>(el, `[part~="${name}"]`).filter((node) => (node.getRootNode() as ShadowRoot).host.localName !== 'cobrand-console');
        expect(found.length, `${part} exists`).to.be.above(0);
        expect(getComputedStyle(found[0]!).outlineColor, `cobrand-console::part(${part}) reaches it`).to.equal('rgb(1, 2, 3)');
      }
    } finally {
      style.remove();
    }
  });
});

describe('<cobrand-console> language', () => {
  it('follows the page when its language changes (a host\'s language switch on a container or <html>)', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="en-US" style="width:1440px"><cobrand-console .config=${completeDocument()} user-name="alice"></cobrand-console></div>`);
    const el = host.querySelector('cobrand-console')!;
    await settle(el);
    const cloudName = () => deepQuery(deepQuery(el, 'cobrand-brand'), '.cloud-name').textContent;
    expect(cloudName()).to.equal('Cloud Console');
    host.setAttribute('lang', 'zh-CN');
    await settle(el);
    expect(cloudName()).to.equal('云控制台');
    expect(topLabels(deepQuery(el, 'cobrand-promo-menu'))[0]).to.equal('备份服务');
  });
});
