import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CobrandConsole, ErrorDetail, LoadDetail } from '../../components/index.ts';
import { deepQuery, deepQueryAll, settle, TEST_API } from './helpers.ts';

const requestsFor = async (partner: string): Promise<Array<{ ifNoneMatch: string | null }>> =>
  ((await (await fetch('/test-api/requests')).json()) as Record<string, Array<{ ifNoneMatch: string | null }>>)[partner] ?? [];

/** A loading console, and a promise of the first load or error event it sends. */
async function loading(partner: string, { api = TEST_API, timeout = 3000 } = {}) {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('cobrand-console') as CobrandConsole;
  const outcome = Promise.race([oneEvent(el, 'cobrand-load'), oneEvent(el, 'cobrand-error')]) as Promise<CustomEvent<LoadDetail | ErrorDetail>>;
  Object.assign(el, { lang: 'en-US', partner, api, timeout });
  host.append(el);
  return { el, outcome };
}

const partnerLogoAlt = (el: CobrandConsole): string | undefined =>
  deepQueryAll<HTMLImageElement>(el, '[part=partner-logo]').map((logo) => logo.getAttribute('alt') ?? logo.textContent ?? '')[0];

describe('loader: partner + api', () => {
  beforeEach(async () => {
    localStorage.clear();
    await fetch('/test-api/reset');
  });

  it('loads the approved customization, renders it and stores it', async () => {
    const { el, outcome } = await loading('acme-cloud');
    const event = await outcome;
    expect(event.type).to.equal('cobrand-load');
    expect((event.detail as LoadDetail).source).to.equal('network');
    await settle(el);
    expect(partnerLogoAlt(el)).to.equal('Acme Cloud');
    expect(Object.keys(localStorage).some((key) => key.includes('acme-cloud'))).to.be.true;
    expect(await requestsFor('acme-cloud')).to.have.length(1);
  });

  it('renders the stored copy at once and revalidates it with its ETag (304)', async () => {
    await (await loading('acme-cloud')).outcome;
    const { el, outcome } = await loading('acme-cloud');
    await el.updateComplete;
    await settle(el);
    expect(partnerLogoAlt(el), 'before the answer').to.equal('Acme Cloud');
    const event = await outcome;
    expect((event.detail as LoadDetail).source).to.equal('cache');
    expect((await requestsFor('acme-cloud')).at(-1)).to.deep.equal({ ifNoneMatch: '"acme-v1"' });
  });

  it('loads all the same when the host moves it while it is loading', async () => {
    const { el, outcome } = await loading('slow');
    await el.updateComplete;
    const elsewhere = document.createElement('div');
    el.parentElement!.append(elsewhere);
    elsewhere.append(el);
    const event = await outcome;
    expect(event.type, JSON.stringify(event.detail)).to.equal('cobrand-load');
    await settle(el);
    expect(partnerLogoAlt(el)).to.equal('Acme Cloud');
  });

  it("shows no one's brand on a first landing while the answer is out: an empty, busy bar, then the partner's", async () => {
    const { el, outcome } = await loading('slow');
    await settle(el);
    const bar = el.shadowRoot!.querySelector('nav')!;
    expect(bar.getAttribute('aria-busy'), 'the bar says it is loading').to.equal('true');
    expect(deepQueryAll(el, 'cobrand-cloud-menu, cobrand-brand, cobrand-promo-menu').length, "not the cloud's default bar").to.equal(0);
    expect(bar.getBoundingClientRect().height, 'the bar keeps its height: nothing below it moves').to.equal(48);
    expect((await outcome).type).to.equal('cobrand-load');
    await settle(el);
    expect(partnerLogoAlt(el)).to.equal('Acme Cloud');
    expect(el.shadowRoot!.querySelector('nav')!.hasAttribute('aria-busy')).to.be.false;
  });

  it('shows the default bar at once when the partner has nothing approved (404)', async () => {
    const { el, outcome } = await loading('missing');
    expect((await outcome).detail).to.include({ source: 'none' });
    await settle(el);
    expect(deepQuery(el, 'cobrand-cloud-menu').shadowRoot!.querySelector('[data-id=billing]')).to.exist;
  });

  describe('with a preload of its request in the host page (docs/embedding.md)', () => {
    const preload = (partner: string): HTMLLinkElement => {
      const link = Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: `${TEST_API}/v1/partners/${partner}/customization` });
      document.head.append(link);
      return link;
    };
    let link: HTMLLinkElement | undefined;
    afterEach(() => link?.remove());

    for (const [landing, source] of [['a first landing', 'network'], ['a repeat landing, where an unchanged answer keeps the stored copy', 'cache']] as const) {
      it(`uses the preload's answer on ${landing}: one request, not two`, async () => {
        if (source === 'cache') {
          await (await loading('acme-cloud')).outcome;
          await fetch('/test-api/reset');
        }
        link = preload('acme-cloud');
        const { el, outcome } = await loading('acme-cloud');
        expect((await outcome).detail).to.include({ source });
        await settle(el);
        expect(partnerLogoAlt(el)).to.equal('Acme Cloud');
        expect(await requestsFor('acme-cloud')).to.have.length(1);
      });
    }
  });

  it('times out, says why, and shows the default bar; the late answer is still shown and stored', async () => {
    const { el, outcome } = await loading('slow', { timeout: 200 });
    const late = oneEvent(el, 'cobrand-load') as Promise<CustomEvent<LoadDetail>>;
    const event = await outcome;
    expect(event.type).to.equal('cobrand-error');
    expect(event.detail).to.include({ partner: 'slow', reason: 'timeout', fallback: 'default' });
    await settle(el);
    expect(partnerLogoAlt(el)).to.equal(undefined);
    expect(deepQuery(el, 'cobrand-cloud-menu').shadowRoot!.querySelector('[data-id=billing]')).to.exist;
    expect((await late).detail.source, 'the answer after the timeout').to.equal('network');
    await settle(el);
    expect(partnerLogoAlt(el)).to.equal('Acme Cloud');
    expect(Object.keys(localStorage).some((key) => key.includes('/slow/')), 'stored for the next landing').to.be.true;
  });

  for (const timeout of [Number.NaN, 0, -5]) {
    it(`waits the default 3 s when timeout is ${timeout}, not none at all`, async () => {
      const { outcome } = await loading('slow', { timeout });
      const event = await outcome;
      expect(event.type, JSON.stringify(event.detail)).to.equal('cobrand-load');
    });
  }

  it('keeps the stored copy and reports an HTTP error for a 404 that is not the service\'s (a proxy, a wrong address)', async () => {
    const key = `cobrand:customization:${TEST_API}/v1/partners/proxy-404/customization`;
    localStorage.setItem(key, JSON.stringify({ etag: '"x"', config: { schemaVersion: 1, partnerId: 'proxy-404' } }));
    const { outcome } = await loading('proxy-404');
    const event = await outcome;
    expect(event.type).to.equal('cobrand-error');
    expect(event.detail).to.include({ reason: 'http', status: 404, fallback: 'cache' });
    expect(localStorage.getItem(key), 'the good copy is kept').to.not.equal(null);
  });

  it('keeps the stored copy when the service fails later', async () => {
    localStorage.setItem(`cobrand:customization:${TEST_API}/v1/partners/broken/customization`,
      JSON.stringify({ etag: '"old"', config: { schemaVersion: 1, partnerId: 'broken', brand: { navBackground: '#7A1F1F' } } }));
    const { el, outcome } = await loading('broken');
    const event = await outcome;
    expect(event.detail).to.include({ reason: 'http', status: 500, fallback: 'cache' });
    await settle(el);
    expect(getComputedStyle(deepQuery(el, '.bar')).backgroundColor).to.equal('rgb(122, 31, 31)');
  });

  it('keeps the stored copy when an answer has parts of the wrong kind (a proxy, a misconfigured service)', async () => {
    const key = `cobrand:customization:${TEST_API}/v1/partners/misshapen/customization`;
    const good = JSON.stringify({ etag: '"old"', config: { schemaVersion: 1, partnerId: 'misshapen', brand: { navBackground: '#7A1F1F' } } });
    localStorage.setItem(key, good);
    const { el, outcome } = await loading('misshapen');
    const event = await outcome;
    expect(event.type).to.equal('cobrand-error');
    expect(event.detail).to.include({ reason: 'invalid', fallback: 'cache' });
    expect(localStorage.getItem(key)).to.equal(good);
    await settle(el);
    expect(getComputedStyle(deepQuery(el, '.bar')).backgroundColor).to.equal('rgb(122, 31, 31)');
  });

  for (const [partner, reason] of [['garbage', 'invalid'], ['impostor', 'invalid'], ['misshapen', 'invalid'], ['broken', 'http']] as const) {
    it(`reports ${reason} for the ${partner} answer and renders the default bar`, async () => {
      const { el, outcome } = await loading(partner);
      const event = await outcome;
      expect(event.type).to.equal('cobrand-error');
      expect(event.detail).to.include({ partner, reason, fallback: 'default' });
      expect((event.detail as ErrorDetail).message).to.be.a('string').and.not.empty;
      await settle(el);
      expect(partnerLogoAlt(el)).to.equal(undefined);
    });
  }

  it('forgets the stored copy when the partner no longer has an approved customization (404), and remembers there is none', async () => {
    const key = `cobrand:customization:${TEST_API}/v1/partners/missing/customization`;
    localStorage.setItem(key, JSON.stringify({ etag: '"x"', config: { schemaVersion: 1, partnerId: 'missing' } }));
    const { outcome } = await loading('missing');
    expect((await outcome).detail).to.include({ source: 'none', config: null });
    expect(JSON.parse(localStorage.getItem(key)!)).to.deep.equal({ etag: null, config: null });
    const next = await loading('missing');
    await next.el.updateComplete;
    expect(next.el.shadowRoot!.querySelector('nav')!.hasAttribute('aria-busy'), 'the next landing: the default bar at once, not the empty one').to.be.false;
    expect(deepQueryAll(next.el, 'cobrand-cloud-menu')).to.have.length(1);
    expect((await next.outcome).detail).to.include({ source: 'none' });
  });

  it('asks a service on another origin without a CORS preflight: one request a landing, the first and the next', async () => {
    const otherHost = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const api = `${location.protocol}//${otherHost}:${location.port}/test-api`;
    for (const source of ['network', 'cache']) {
      const { el, outcome } = await loading('acme-cloud', { api });
      expect((await outcome).detail, `${source} landing`).to.include({ source });
      await settle(el);
      expect(partnerLogoAlt(el)).to.equal('Acme Cloud');
    }
    expect(await requestsFor('acme-cloud')).to.have.length(2);
    expect(((await (await fetch('/test-api/preflights')).json()) as Record<string, number>)['acme-cloud'] ?? 0, 'preflights').to.equal(0);
  });

  it('keeps the stored copy when the answer is the same document under another ETag (a pre-rendered bar\'s, another encoding\'s)', async () => {
    const key = `cobrand:customization:${TEST_API}/v1/partners/acme-cloud/customization`;
    const config = await (await fetch(`${TEST_API}/v1/partners/acme-cloud/customization`)).json();
    localStorage.setItem(key, JSON.stringify({ etag: '"acme-identity"', config }));
    const { outcome } = await loading('acme-cloud');
    expect((await outcome).detail).to.include({ source: 'cache' });
  });

  it('reports an unreachable service or a malformed address as a network error without throwing into the page', async () => {
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent | PromiseRejectionEvent) => errors.push(event);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    try {
      for (const api of ['http://127.0.0.1:9', 'http://[not-an-address']) {
        const { outcome } = await loading('acme-cloud', { api });
        expect((await outcome).detail, api).to.include({ reason: 'network', fallback: 'default' });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
  });

  it('ignores a stored copy of another partner', async () => {
    localStorage.setItem(`cobrand:customization:${TEST_API}/v1/partners/slow/customization`,
      JSON.stringify({ etag: '"x"', config: { schemaVersion: 1, partnerId: 'someone-else', brand: { navBackground: '#7A1F1F' } } }));
    const { el } = await loading('slow', { timeout: 100 });
    await settle(el);
    expect(getComputedStyle(deepQuery(el, '.bar')).backgroundColor).to.equal('rgb(37, 43, 58)');
  });

  it('loads nothing when given a config', async () => {
    const el = await fixture<CobrandConsole>(html`<cobrand-console partner="acme-cloud" api=${TEST_API} .config=${{ schemaVersion: 1, partnerId: 'acme-cloud' }}></cobrand-console>`);
    await settle(el);
    expect(await requestsFor('acme-cloud')).to.deep.equal([]);
  });
  describe('a stored copy, on a repeat landing', () => {
    const slowKey = `cobrand:customization:${TEST_API}/v1/partners/slow/customization`;
    const slowDoc = (navBackground: string) => ({ schemaVersion: 1, partnerId: 'slow', brand: { navBackground } });
    const barColor = (el: CobrandConsole) => getComputedStyle(deepQuery(el, '.bar')).backgroundColor;

    it('is rendered on the first update, before the response arrives', async () => {
      localStorage.setItem(slowKey, JSON.stringify({ etag: '"slow-old"', config: slowDoc('#7A1F1F') }));
      const { el, outcome } = await loading('slow');
      let answered = false;
      void outcome.then(() => { answered = true; });
      await el.updateComplete;
      expect(barColor(el)).to.equal('rgb(122, 31, 31)');
      expect(answered, 'the response has not arrived').to.be.false;
    });

    it('is replaced by the response when that differs, and the new one stored', async () => {
      localStorage.setItem(slowKey, JSON.stringify({ etag: '"slow-old"', config: slowDoc('#7A1F1F') }));
      const { el, outcome } = await loading('slow');
      const event = await outcome;
      expect((event.detail as LoadDetail).source).to.equal('network');
      await settle(el);
      expect(barColor(el)).to.not.equal('rgb(122, 31, 31)');
      expect(partnerLogoAlt(el)).to.equal('Acme Cloud');
      expect(JSON.parse(localStorage.getItem(slowKey)!).etag).to.equal('"slow-v1"');
    });

    for (const [what, value] of [
      ['not JSON', '{"etag": "x", "config": '],
      ['no document', JSON.stringify({ etag: '"x"' })],
      ['a document of another schema version', JSON.stringify({ etag: '"x"', config: { ...slowDoc('#7A1F1F'), schemaVersion: 2 } })],
      ['an ETag that is not a string', JSON.stringify({ etag: 42, config: slowDoc('#7A1F1F') })],
      ['a bare array', '[1, 2, 3]'],
    ] as const) {
      it(`is ignored when it is ${what}: nothing of it shows, and the answer replaces it`, async () => {
        localStorage.setItem(slowKey, value);
        const { el, outcome } = await loading('slow');
        await el.updateComplete;
        expect(deepQueryAll(el, 'cobrand-brand'), 'the empty bar until the answer').to.have.length(0);
        expect((await outcome).detail).to.include({ source: 'network' });
        expect(JSON.parse(localStorage.getItem(slowKey)!).etag).to.equal('"slow-v1"');
      });
    }
  });

  describe('a document embedded by the pre-rendered bar', () => {
    /** A console with an embedded document, as GET /v1/partners/:pid/bar.html includes it. */
    async function embedded(partner: string, text: string) {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const el = document.createElement('cobrand-console') as CobrandConsole;
      const script = document.createElement('script');
      script.type = 'application/json';
      script.dataset.cobrandDocument = '';
      script.textContent = text;
      el.append(script);
      const outcome = Promise.race([oneEvent(el, 'cobrand-load'), oneEvent(el, 'cobrand-error')]) as Promise<CustomEvent<LoadDetail | ErrorDetail>>;
      Object.assign(el, { lang: 'en-US', partner, api: TEST_API });
      host.append(el);
      return { el, outcome };
    }

    it('is rendered on the first update, then revalidated', async () => {
      const { el, outcome } = await embedded('slow', JSON.stringify({ etag: '"slow-v1"', config: { schemaVersion: 1, partnerId: 'slow', brand: { navBackground: '#7A1F1F' } } }));
      await el.updateComplete;
      expect(getComputedStyle(deepQuery(el, '.bar')).backgroundColor).to.equal('rgb(122, 31, 31)');
      expect((await outcome).detail).to.include({ source: 'cache' });
      expect(await requestsFor('slow')).to.have.length(1);
    });

    it('is ignored when it is not a document of this partner', async () => {
      const { el, outcome } = await embedded('slow', JSON.stringify({ etag: '"x"', config: { schemaVersion: 1, partnerId: 'someone-else', brand: { navBackground: '#7A1F1F' } } }));
      await el.updateComplete;
      expect(getComputedStyle(deepQuery(el, '.bar')).backgroundColor).to.equal('rgb(37, 43, 58)');
      expect((await outcome).detail).to.include({ source: 'network' });
    });
  });
});
