/**
 * Server-side rendering: @lit-labs/ssr renders <cobrand-console> with a document to
 * declarative shadow DOM; the page shows it before any script runs (with nothing that could
 * overflow painted, since nothing is measured yet), and the elements hydrate it into one bar.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { build } from 'esbuild';
import { html } from 'lit';
import type { Browser } from 'playwright-core';
import '../../components/index.ts';
import example from '../../schema/examples/acme-cloud.json' with { type: 'json' };
import { launchChromium, startService, type Service } from './harness.ts';

const doc = { ...example, brand: { ...example.brand, logos: Object.fromEntries(Object.entries(example.brand.logos).map(([lang, logo]) => [lang, { ...logo, src: '/logo.svg' }])) } };
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="132" height="28"><rect width="132" height="28" fill="#F5A623"/></svg>';

describe('server-side rendering and hydration', () => {
  let server: Server;
  let origin: string;
  let browser: Browser;

  before(async () => {
    const bar = await collectResult(render(html`<cobrand-console lang="en-US" user-name="Zhang Wei" .config=${doc}></cobrand-console>`));
    const client = (await build({
      stdin: { contents: `import '@lit-labs/ssr-client/lit-element-hydrate-support.js'; import './components/index.ts';`, resolveDir: new URL('../../', import.meta.url).pathname },
      bundle: true, format: 'esm', write: false, logLevel: 'silent',
    })).outputFiles[0]!.text;
    const page = (script: boolean) => `<!doctype html><html lang="en-US"><head><meta charset="utf-8"></head><body style="margin:0">${bar}
      ${script ? `<script type="module">document.querySelector('cobrand-console').config = ${JSON.stringify(doc)}; await import('/client.js');</script>` : ''}</body></html>`;
    const files: Record<string, [string, string]> = {
      '/static.html': ['text/html', page(false)],
      '/hydrated.html': ['text/html', page(true)],
      '/client.js': ['text/javascript', client],
      '/logo.svg': ['image/svg+xml', LOGO],
    };
    server = createServer((request, response) => {
      const file = files[request.url ?? ''];
      if (request.url === '/favicon.ico') return response.writeHead(204).end(); // else Chromium's own request, when it comes in time, is a console error
      if (!file) return response.writeHead(404).end();
      response.writeHead(200, { 'content-type': file[0] }).end(file[1]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('paints the brand before any script runs, and nothing that could overflow', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 300 } });
    await page.goto(`${origin}/static.html`);
    // No nested functions in the page: tsx would name them with a helper the page does not have.
    const seen = await page.evaluate((selectors) => selectors.map((selector) =>
      getComputedStyle(document.querySelector('cobrand-console')!.shadowRoot!.querySelector(selector)!).visibility),
    ['cobrand-brand', 'cobrand-promo-menu', 'cobrand-cloud-menu', 'cobrand-ops-info[view=contact]']);
    assert.deepEqual(seen, ['visible', 'hidden', 'hidden', 'hidden']);
    // What is hidden still takes room: it must not make the page scroll sideways (nor, should the bundle fail, ever).
    for (const width of [375, 600, 1024]) {
      await page.setViewportSize({ width, height: 300 });
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, `no sideways scroll at ${width} px`);
    }
    await page.close();
  });

  it('hydrates into one bar, measured and planned, with no errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 300 } });
    const errors: string[] = [];
    page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text()); });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/hydrated.html`);
    await page.waitForFunction(() => !document.querySelector('cobrand-console')?.shadowRoot?.querySelector('.bar')?.classList.contains('unplanned'));
    const seen = await page.evaluate(() => {
      const root = document.querySelector('cobrand-console')!.shadowRoot!;
      const promo = root.querySelector('cobrand-promo-menu')!.shadowRoot!;
      return {
        bars: root.querySelectorAll('.bar').length,
        menubars: promo.querySelectorAll('[role=menubar]').length,
        first: promo.querySelector('[role=menubar] > .item .label')?.textContent,
        visibility: getComputedStyle(root.querySelector('cobrand-promo-menu')!).visibility,
      };
    });
    assert.deepEqual(seen, { bars: 1, menubars: 1, first: 'Backup', visibility: 'visible' });
    assert.deepEqual(errors.filter((text) => !/Lit is in dev mode|change-in-update|multiple versions/.test(text)), []);
    await page.close();
  });
});

/**
 * The service's pre-rendered bar (GET /v1/partners/:pid/bar.html), included by a host page on
 * another origin as it comes, with the embed bundle from the service: it paints before any
 * script, and the bundle hydrates it into one bar that revalidates the embedded document.
 */
describe('the pre-rendered bar from the service, hydrated by the embed bundle', () => {
  let service: Service;
  let host: Server;
  let hostOrigin: string;
  let browser: Browser;

  before(async () => {
    service = await startService();
    host = createServer(async (request, response) => {
      const [, csp, nobody, lang, script] = /^(\/csp)?(\/nobody)?\/(zh-CN|en-US)(\/script|\/tag)?$/.exec(request.url ?? '') ?? [];
      if (!lang) return response.writeHead(request.url === '/favicon.ico' ? 204 : 404).end();
      // Included as it comes, whatever its status: a partner with nothing live gets the default bar.
      const bar = script === '/tag'
        ? `<cobrand-console partner="acme-cloud" api="${service.url}"></cobrand-console>`
        : await (await fetch(`${service.url}/v1/partners/${nobody ? 'nobody-here' : 'acme-cloud'}/bar.html?lang=${lang}`)).text();
      // A host with a strict policy: no inline style at all (its own inline scripts allowed, for the test's listeners).
      const policy = csp ? { 'content-security-policy': `default-src 'self'; script-src 'self' 'unsafe-inline' ${service.url}; connect-src ${service.url}; img-src ${service.url}; style-src 'self'` } : {};
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...policy }).end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
        <script>addEventListener('cobrand-load', (event) => { window.loads = [...(window.loads ?? []), event.detail.source]; });
          addEventListener('securitypolicyviolation', (event) => { window.violations = [...(window.violations ?? []), event.violatedDirective]; });</script>
        ${script ? `<script type="module" src="${service.url}/cobrand.js"></script>` : ''}</head>
        <body${csp ? '' : ' style="margin:0"'}>${bar}
        ${script ? `<script type="module">document.querySelector('cobrand-console').userName = 'Zhang Wei';</script>` : ''}</body></html>`);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostOrigin = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    host?.close();
    await service?.stop();
  });

  for (const lang of ['en-US', 'zh-CN'] as const) {
    it(`${lang}: paints the partner's brand with no script, in one bar`, async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 300 } });
      await page.goto(`${hostOrigin}/${lang}`);
      const seen = await page.evaluate(() => {
        const root = document.querySelector('cobrand-console')!.shadowRoot!;
        const brand = root.querySelector('cobrand-brand')!;
        return {
          bars: root.querySelectorAll('.bar').length,
          brand: getComputedStyle(brand).visibility,
          logo: brand.shadowRoot!.querySelector('[part=partner-logo]')?.getAttribute('alt'),
          defined: customElements.get('cobrand-console') !== undefined,
        };
      });
      const live = await (await fetch(`${service.url}/v1/partners/acme-cloud/customization`)).json() as { brand: { logos: Record<string, { alt: string }> } };
      assert.deepEqual(seen, { bars: 1, brand: 'visible', logo: live.brand.logos[lang]!.alt, defined: false });
      await page.close();
    });

    it(`${lang}: hydrates into one bar, measured and planned, revalidated (an unchanged answer keeps it), with the user's name set after, with no errors`, async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 300 } });
      const errors: string[] = [];
      page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
      page.on('pageerror', (error) => errors.push(error.message));
      // The revalidation's 304 is read to its (empty) end, not left to be cancelled ("(canceled)" in DevTools).
      const revalidations: string[] = [];
      page.on('requestfinished', (request) => { if (request.url().endsWith('/customization')) revalidations.push('finished'); });
      page.on('requestfailed', (request) => { if (request.url().endsWith('/customization')) revalidations.push(`failed: ${request.failure()?.errorText}`); });
      await page.goto(`${hostOrigin}/${lang}/script`);
      await page.waitForFunction(() => !document.querySelector('cobrand-console')?.shadowRoot?.querySelector('.bar')?.classList.contains('unplanned'));
      await page.waitForFunction(() => (window as unknown as { loads?: string[] }).loads?.length);
      for (let waited = 0; revalidations.length === 0 && waited < 2000; waited += 50) await page.waitForTimeout(50);
      const seen = await page.evaluate(() => {
        const root = document.querySelector('cobrand-console')!.shadowRoot!;
        const promo = root.querySelector('cobrand-promo-menu')!.shadowRoot!;
        return {
          bars: root.querySelectorAll('.bar').length,
          brands: root.querySelectorAll('cobrand-brand').length,
          menubars: promo.querySelectorAll('[role=menubar]').length,
          stillDeferred: root.querySelectorAll('[defer-hydration]').length,
          userName: root.querySelector('cobrand-cloud-menu')!.shadowRoot!.textContent!.includes('Zhang Wei'),
          loads: (window as unknown as { loads: string[] }).loads,
        };
      });
      assert.deepEqual(seen, { bars: 1, brands: 1, menubars: 1, stillDeferred: 0, userName: true, loads: ['cache'] });
      assert.deepEqual(errors, []);
      assert.deepEqual(revalidations, ['finished']);
      await page.close();
    });

    it(`${lang}: a partner with nothing live: the page that includes its bar as it comes gets the cloud's default bar, hydrated, with no errors`, async () => {
      const page = await browser.newPage({ viewport: { width: 1440, height: 300 } });
      const errors: string[] = [];
      page.on('console', (message) => { if (message.type() === 'error' && !/status of 404/.test(message.text())) errors.push(message.text()); });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${hostOrigin}/nobody/${lang}/script`);
      await page.waitForFunction(() => (window as unknown as { loads?: string[] }).loads?.length);
      const seen = await page.evaluate(() => {
        const root = document.querySelector('cobrand-console')!.shadowRoot!;
        return {
          text: document.body.innerText.includes('not_found'),
          bars: root.querySelectorAll('.bar').length,
          partnerLogo: root.querySelector('cobrand-brand')!.shadowRoot!.querySelectorAll('[part=partner-logo]').length,
          billing: root.querySelector('cobrand-cloud-menu')!.shadowRoot!.querySelectorAll('[data-id=billing]').length,
          loads: (window as unknown as { loads: string[] }).loads,
        };
      });
      assert.deepEqual(seen, { text: false, bars: 1, partnerLogo: 0, billing: 1, loads: ['none'] });
      assert.deepEqual(errors, []);
      await page.close();
    });

    it(`${lang}: under a strict Content-Security-Policy (no inline style), the bar is styled and keeps the partner's colour`, async () => {
      for (const [kind, path] of [['script tag alone', 'tag'], ['pre-rendered, then hydrated', 'script']] as const) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 300 } });
        await page.goto(`${hostOrigin}/csp/${lang}/${path}`);
        await page.waitForFunction(() => (window as unknown as { loads?: string[] }).loads?.length);
        await page.waitForFunction(() => !document.querySelector('cobrand-console')?.shadowRoot?.querySelector('.bar')?.classList.contains('unplanned'));
        const seen = await page.evaluate(() => {
          const root = document.querySelector('cobrand-console')!.shadowRoot!;
          const bar = root.querySelector('.bar')!;
          const mark = root.querySelector('cobrand-brand')!.shadowRoot!.querySelector('svg')!;
          return {
            height: Math.round(bar.getBoundingClientRect().height),
            background: getComputedStyle(bar).backgroundColor,
            markHeight: Math.round(mark.getBoundingClientRect().height) <= 48,
            violations: (window as unknown as { violations?: string[] }).violations ?? [],
          };
        });
        // The pre-rendered markup's <style> elements and style attribute are refused (it paints unstyled until the bundle
        // runs, as docs/embedding.md says); what the elements do themselves is not.
        const expected = path === 'tag' ? [] : seen.violations.filter((directive) => directive === 'style-src-elem' || directive === 'style-src-attr');
        assert.deepEqual(seen, { height: 48, background: 'rgb(11, 61, 145)', markHeight: true, violations: expected }, kind);
        await page.close();
      }
    });

    it(`${lang}: at 375 px, hydrates into the narrow bar: the menu button opens the drawer`, async () => {
      const page = await browser.newPage({ viewport: { width: 375, height: 600 } });
      await page.goto(`${hostOrigin}/${lang}/script`);
      const button = page.locator('cobrand-console [part=drawer-button]');
      await button.click();
      await page.locator('cobrand-console [part=drawer] a[data-id=billing]').waitFor();
      assert.equal(await page.locator('cobrand-console .bar').count(), 1);
      await page.close();
    });
  }
});
