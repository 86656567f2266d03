/** The sub-customer's first landing on the demo console: the page below the bar keeps its place while the bar's scripts arrive. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, startService, watchConsole, type Service } from './harness.ts';
import { openPage } from './helpers.ts';

describe('the demo landing', () => {
  let service: Service;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    [service, browser] = await Promise.all([startService(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  for (const width of [1440, 375]) {
    it(`keeps the bar's room before its scripts run, as docs/embedding.md asks of a host (${width} px)`, async () => {
      const page = await openPage(browser, { width });
      watchConsole(page.context(), problems);
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => { release = resolve; });
      await page.route('**/cobrand.js', async (route) => { await held; await route.continue(); });
      await page.route('**/app/demo-*.js', async (route) => { await held; await route.continue(); });
      // Module scripts run before DOMContentLoaded: held, the page is parsed and painted without them.
      await page.goto(`${service.url}/demo?partner=acme-cloud&lang=en-US`, { waitUntil: 'commit' });
      await page.locator('.console .card').last().waitFor();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      const contentTop = () => page.locator('.console').evaluate((element) => Math.round(element.getBoundingClientRect().top));
      assert.equal(await contentTop(), 48, 'before any script: the bar\'s 48 px kept');
      release();
      await page.locator('cobrand-console [part="partner-logo"]').waitFor();
      assert.equal(await page.locator('cobrand-console').evaluate((bar) => Math.round(bar.shadowRoot!.querySelector('nav')!.getBoundingClientRect().height)), 48);
      await page.context().close();
      assert.deepEqual(problems, []);
    });
  }
});
