/** What the issue-14 end-to-end tests share: axe, waiting, screenshots, and driving the API as a partner. */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Service } from './harness.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }

/** Serious and critical axe violations on the whole page, shadow trees included. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => (await (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document)).violations);
  return found.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${JSON.stringify(violation.nodes.map((node) => node.target))})`);
}

/** Waits until `read` returns `expected` (the app saves and renders asynchronously). */
export async function until<T>(read: () => Promise<T>, expected: T, what: string): Promise<void> {
  let last: T | undefined;
  for (let attempt = 0; attempt < 100; attempt++) {
    last = await read();
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${what}: expected ${JSON.stringify(expected)}, last saw ${JSON.stringify(last)}`);
}

/** What has focus inside an app's shadow tree: its id, else its data-path, else its tag; `page` when nothing of the app has it. */
export function focusedIn(page: Page, app = 'cobrand-editor-app'): Promise<string> {
  return page.evaluate((app) => {
    const focused = document.querySelector(app)?.shadowRoot?.activeElement as HTMLElement | null | undefined;
    return focused ? focused.id || focused.dataset.path || focused.localName : 'page';
  }, app);
}

/** Saves a full-page screenshot when SHOTS_DIR is set, to look at each state by eye. */
export async function shot(page: Page, name: string, { fullPage = false } = {}): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

/** A page in a context of its own, axe allowed past the app's Content-Security-Policy. */
export async function openPage(browser: Browser, { locale = 'en-US', width = 1440 } = {}): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

/** The partner's side of the API, as the demo partner. */
export function partnerApi(service: Service, partnerId = 'acme-cloud') {
  const auth = { authorization: `Bearer ${service.partnerToken}` };
  const draftUrl = `${service.url}/v1/partners/${partnerId}/draft`;
  return {
    async draft(): Promise<{ config: Record<string, any>; revision: number }> {
      return (await fetch(draftUrl, { headers: auth })).json() as Promise<{ config: Record<string, any>; revision: number }>;
    },
    async edit(change: (config: Record<string, any>) => void): Promise<void> {
      const draft = await this.draft();
      change(draft.config);
      const saved = await fetch(draftUrl, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json', 'if-match': `"${draft.revision}"` }, body: JSON.stringify(draft.config) });
      assert.equal(saved.status, 200, await saved.text());
    },
    async submit(): Promise<string> {
      const response = await fetch(`${service.url}/v1/partners/${partnerId}/submissions`, { method: 'POST', headers: auth });
      const body = await response.json() as { id: string };
      assert.equal(response.status, 201, JSON.stringify(body));
      return body.id;
    },
    async submissions(): Promise<Array<{ id: string; status: string }>> {
      return ((await (await fetch(`${service.url}/v1/partners/${partnerId}/submissions`, { headers: auth })).json()) as { items: Array<{ id: string; status: string }> }).items;
    },
    async withdrawPending(): Promise<void> {
      for (const item of (await this.submissions()).filter((candidate) => candidate.status === 'pending')) {
        await fetch(`${service.url}/v1/partners/${partnerId}/submissions/${item.id}/withdraw`, { method: 'POST', headers: auth });
      }
    },
  };
}

/** The reviewer's side of the API. */
export function reviewerApi(service: Service) {
  const auth = { authorization: `Bearer ${service.reviewerToken}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown = {}) => {
    const response = await fetch(`${service.url}${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    assert.equal(response.status, 200, await response.text());
  };
  return {
    /** With `effectiveAt`, a scheduled go-live. */
    approve: (id: string, effectiveAt?: Date) => post(`/v1/review/submissions/${id}/approve`, effectiveAt ? { effectiveAt: effectiveAt.toISOString() } : {}),
    reject: (id: string, reason: string, comments?: Array<{ pointer: string; text: string }>) => post(`/v1/review/submissions/${id}/reject`, comments ? { reason, comments } : { reason }),
    rollback: (partnerId: string, versionId: string, reason: string) => post(`/v1/review/partners/${partnerId}/rollback`, { versionId, reason }),
    async versions(partnerId: string): Promise<Array<{ id: string; live: boolean }>> {
      return ((await (await fetch(`${service.url}/v1/review/partners/${partnerId}/versions`, { headers: auth })).json()) as { items: Array<{ id: string; live: boolean }> }).items;
    },
  };
}

/** Opens `path` (signed in with `token`) in zh and en at 1440 and 375 px: axe finds nothing serious, and a screenshot of each is kept. */
export async function checkEveryView(browser: Browser, service: Service, { path, token, ready, name, clock }: {
  path: string; token: string; ready: string; name: string; clock?: Date;
}): Promise<void> {
  for (const locale of ['en-US', 'zh-CN']) {
    for (const width of [1440, 375]) {
      const page = await openPage(browser, { locale, width });
      if (clock) await page.clock.setFixedTime(clock);
      await page.goto(`${service.url}${path}#token=${token}`);
      await page.locator(ready).first().waitFor();
      await page.locator(ready).first().scrollIntoViewIfNeeded();
      await shot(page, `${name}-${locale}-${width}`);
      assert.deepEqual(await seriousViolations(page), [], `axe: ${name}, ${locale}, ${width} px`);
      await page.context().close();
    }
  }
}
