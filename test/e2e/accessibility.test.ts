import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startService, watchConsole, type Service } from './harness.ts';
import { openPage } from './helpers.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation { id: string; help: string; nodes: Array<{ target: unknown[] }> }

/** axe on the whole page, shadow trees included. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => (await (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document)).violations);
  return found.map((violation) => `${violation.id}: ${violation.help} (${JSON.stringify(violation.nodes.map((node) => node.target))})`);
}

/** A pending submission for the review console to show: a new colour and a link to a new host. */
async function submitChange(service: Service): Promise<void> {
  const headers = { authorization: `Bearer ${service.partnerToken}`, 'content-type': 'application/json' };
  const draftUrl = `${service.url}/v1/partners/acme-cloud/draft`;
  const draft = await (await fetch(draftUrl, { headers })).json() as { config: Record<string, any>; revision: number };
  draft.config.brand.navBackground = '#1F6F3F';
  draft.config.promotionMenu[0].href = 'https://backup.partner-new.example/';
  const saved = await fetch(draftUrl, { method: 'PUT', headers: { ...headers, 'if-match': `"${draft.revision}"` }, body: JSON.stringify(draft.config) });
  assert.equal(saved.status, 200);
  assert.equal((await fetch(`${service.url}/v1/partners/acme-cloud/submissions`, { method: 'POST', headers: { authorization: headers.authorization } })).status, 201);
}

describe('the app pages for assistive technology (axe)', () => {
  let service: Service;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    [service, browser] = await Promise.all([startService(), launchChromium()]);
    await submitChange(service);
  });
  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  for (const locale of ['en-US', 'zh-CN']) {
    for (const width of [1440, 375]) {
      it(`has no violations in ${locale} at ${width} px: editor, review console with a submission open, demo`, async () => {
        // Only this context lets axe's script past the pages' Content-Security-Policy.
        const context = await browser.newContext({ locale, viewport: { width, height: 900 }, bypassCSP: true });
        watchConsole(context, problems);
        const page = await context.newPage();
        await page.goto(`${service.url}/#token=${service.partnerToken}`);
        await page.locator('.save', { hasText: locale === 'zh-CN' ? '已保存' : 'Saved' }).waitFor();
        assert.equal(await page.locator('h1').textContent(), locale === 'zh-CN' ? 'Cobrand · 品牌定制' : 'Cobrand · Brand customization');
        assert.deepEqual(await violations(page), [], 'editor');

        await page.locator('#f-promotionMenu-0-href').fill('ftp://not-allowed.example/');
        await page.locator('#f-promotionMenu-0-href-error').waitFor();
        assert.deepEqual(await violations(page), [], 'editor with an error shown');

        await page.goto(`${service.url}/review#token=${service.reviewerToken}`);
        await page.locator('.queue button').first().click();
        await page.locator('#versions-title').waitFor();
        await page.locator('.hosts code').first().waitFor();
        assert.deepEqual(await violations(page), [], 'review console');
        await page.locator('details.approve-later summary').click();
        await page.locator('#effective-at').waitFor();
        assert.deepEqual(await violations(page), [], 'review console: approve effective at a time');

        await page.goto(`${service.url}/review?view=deliveries#token=${service.reviewerToken}`);
        await page.locator('#deliveries-title').waitFor();
        assert.deepEqual(await violations(page), [], 'review console: webhook deliveries');

        await page.goto(`${service.url}/demo?partner=acme-cloud`);
        await page.locator('cobrand-console [part="partner-logo"]').waitFor();
        assert.deepEqual(await violations(page), [], 'demo landing');
        await context.close();
        assert.deepEqual(problems, []);
      });
    }
  }

  it('has no violations with review comments and share links, in both languages at 1440 and 375 px (issue 11)', async () => {
    // The pending submission is rejected with a comment on a field; a share link shows the draft.
    const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    const { items } = await (await fetch(`${service.url}/v1/review/queue`, { headers: auth(service.reviewerToken) })).json() as { items: Array<{ id: string }> };
    const submission = items[0]!.id;
    const rejected = await fetch(`${service.url}/v1/review/submissions/${submission}/reject`, { method: 'POST', headers: auth(service.reviewerToken),
      body: JSON.stringify({ reason: 'See the comments.', comments: [{ pointer: '/promotionMenu/0/href', text: 'Use the verified domain.' }, { pointer: '/brand/navBackground', text: 'A little darker.' }] }) });
    assert.equal(rejected.status, 200, await rejected.text());
    const share = await (await fetch(`${service.url}/v1/partners/acme-cloud/shares`, { method: 'POST', headers: auth(service.partnerToken), body: '{}' })).json() as { url: string };
    for (const locale of ['en-US', 'zh-CN']) {
      for (const width of [1440, 375]) {
        const context = await browser.newContext({ locale, viewport: { width, height: 900 }, bypassCSP: true });
        watchConsole(context, problems);
        const page = await context.newPage();
        await page.goto(`${service.url}/#token=${service.partnerToken}`);
        await page.locator('#f-promotionMenu-0-href-comment').waitFor();
        await page.locator('cobrand-preview-frame .comment-mark').first().waitFor();
        assert.deepEqual(await violations(page), [], `editor with comments, ${locale}, ${width} px`);
        await page.locator('.share-open').click();
        await page.locator('#share-expiry').waitFor();
        await page.locator('.share-form button[type="submit"]').click();
        await page.locator('#share-url').waitFor();
        await page.locator('table.shares').waitFor();
        assert.deepEqual(await violations(page), [], `share dialog, ${locale}, ${width} px`);

        await page.goto(`${service.url}/review?submission=${submission}#token=${service.reviewerToken}`);
        await page.locator('#comments-title').waitFor();
        assert.deepEqual(await violations(page), [], `review console with comments, ${locale}, ${width} px`);

        await page.goto(`${service.url}${share.url}`);
        await page.locator('#share-banner').waitFor();
        await page.locator('cobrand-console [part="partner-logo"]').waitFor();
        assert.deepEqual(await violations(page), [], `shared preview, ${locale}, ${width} px`);
        await context.close();
      }
    }
    assert.deepEqual(problems, []);
  });

  for (const locale of ['en-US', 'zh-CN'] as const) {
    for (const width of [1440, 375]) {
      it(`has no violations in ${locale} at ${width} px: the pre-rendered bar (bar.html) before and after hydration`, async () => {
        const bar = await (await fetch(`${service.url}/v1/partners/acme-cloud/bar.html?lang=${locale}`)).text();
        const context = await browser.newContext({ locale, viewport: { width, height: 600 } });
        watchConsole(context, problems);
        const page = await context.newPage();
        await page.setContent(`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>Host</title></head><body>${bar}<main><h1>Console</h1></main></body></html>`);
        assert.deepEqual(await violations(page), [], 'pre-rendered, no script');
        await page.addScriptTag({ type: 'module', url: `${service.url}/cobrand.js` });
        await page.waitForFunction(() => !document.querySelector('cobrand-console')?.shadowRoot?.querySelector('.bar')?.classList.contains('unplanned'));
        assert.deepEqual(await violations(page), [], 'hydrated');
        await context.close();
        assert.deepEqual(problems, []);
      });
    }
  }

  it('moves Tab through the editor in the order it is laid out, at every width from 375 to 1920 px', async () => {
    const page = await openPage(browser, { width: 1440 });
    watchConsole(page.context(), problems);
    await page.goto(`${service.url}/#token=${service.partnerToken}`);
    await page.locator('.save.saved').waitFor();
    for (const width of [375, 600, 768, 900, 1024, 1100, 1101, 1280, 1440, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      // Where each of the page's stops is, in Tab order: in one column each stop is below the one before.
      const stops = await page.evaluate(() => {
        const [summary, preview, form] = ['cobrand-summary-section', '#live-preview', '.form']
          .map((selector) => document.querySelector('cobrand-editor-app')!.shadowRoot!.querySelector(selector)!.getBoundingClientRect());
        return { submit: summary!.top, share: preview!.top, formLeft: form!.left, previewLeft: preview!.left };
      });
      const oneColumn = stops.formLeft === stops.previewLeft;
      if (oneColumn) assert.ok(stops.submit < stops.share, `${width} px: the form, first in Tab order, is above the preview (${JSON.stringify(stops)})`);
      else assert.ok(stops.formLeft < stops.previewLeft, `${width} px: the form, first in Tab order, is left of the preview`);
      const link = page.locator('nav.parts a', { hasText: 'Live preview' });
      assert.equal(await link.isVisible(), oneColumn, `${width} px: a link to the preview where it is below the form`);
      if (oneColumn) {
        await link.click();
        assert.equal(await page.evaluate(() => document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement?.id), 'live-preview', `${width} px: the link leads to the preview`);
      }
    }
    await page.context().close();
  });

  it('never leaves the focused control under the sticky header, with Tab or Shift+Tab, in the editor and the review console (WCAG 2.4.11)', async () => {
    const page = await openPage(browser, { width: 1440 });
    watchConsole(page.context(), problems);
    /** Where focus is after `key`, and whether the header covers any of it (the header's own controls aside). */
    const step = async (key: string) => {
      await page.keyboard.press(key);
      return page.evaluate(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        const app = document.querySelector('cobrand-editor-app, cobrand-review-app')!;
        const header = app.shadowRoot!.querySelector('header.top')!;
        if (!active || active === document.body || header.contains(active)) return null;
        const box = active.getBoundingClientRect();
        // Chromium scrolls a date field's inner part into view: its box's edge may stay up to 4 px under.
        const covered = box.bottom > 0 && box.top < header.getBoundingClientRect().bottom - 4;
        return covered ? `${active.tagName.toLowerCase()}#${active.id || (active.textContent ?? '').trim().slice(0, 30)} at ${Math.round(box.top)} under a header to ${Math.round(header.getBoundingClientRect().bottom)}` : null;
      });
    };
    for (const [path, ready] of [[`/#token=${service.partnerToken}`, '.save.saved'], [`/review?partner=acme-cloud#token=${service.reviewerToken}`, '#partner-title']] as const) {
      for (const width of [375, 1024, 1440]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${service.url}${path}`);
        await page.locator(ready).waitFor();
        const covered = new Set<string>();
        for (const key of ['Tab', 'Shift+Tab']) {
          for (let n = 0; n < 120; n++) {
            const problem = await step(key);
            if (problem) covered.add(`${key}: ${problem}`);
          }
        }
        assert.deepEqual([...covered], [], `${path.split('#')[0]} at ${width} px`);
      }
    }
    await page.context().close();
  });

  it('switches the app language from its button and remembers it', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${service.url}/`);
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('h1', { hasText: '品牌定制' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    await page.reload();
    await page.locator('h1', { hasText: '品牌定制' }).waitFor();
    await context.close();
  });
});
