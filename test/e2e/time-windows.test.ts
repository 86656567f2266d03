import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startService, watchConsole, type Service } from './harness.ts';
import { partnerApi, seriousViolations, shot, until } from './helpers.ts';

/** Issue 11, item 1: a partner gives a promotion a time window and previews the bar as of a moment inside and outside it. */
describe('time windows in the editor (issue 11)', () => {
  let service: Service;
  let browser: Browser;
  let seed: Record<string, any>;
  const problems: string[] = [];

  before(async () => {
    [service, browser] = await Promise.all([startService(), launchChromium()]);
    seed = (await partnerApi(service).draft()).config;
  });
  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function editor(locale: string): Promise<Page> {
    await partnerApi(service).edit((config) => { for (const key of Object.keys(config)) delete config[key]; Object.assign(config, structuredClone(seed)); });
    // A fixed time zone: "as of" is a moment in the browser's zone.
    const context = await browser.newContext({ locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    watchConsole(context, problems);
    await page.goto(`${service.url}/#token=${service.partnerToken}`);
    await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'the draft loads');
    return page;
  }
  const doc = (page: Page) => page.locator('textarea#json-text').inputValue().then((text) => JSON.parse(text) as Record<string, any>);
  /** Whether the English preview's promotion menu has the entry (in the bar or under More). */
  const previewHas = (page: Page, id: string) => page.locator(`cobrand-preview-frame[lang="en-US"] cobrand-promo-menu [data-id="${id}"]`).count().then((count) => count > 0);
  const asOf = async (page: Page, local: string) => {
    await page.locator('#as-of').fill(local);
    await page.locator('#as-of').dispatchEvent('change');
  };

  it('sets a window with an explicit time zone and previews the bar as of a moment inside and outside it', async () => {
    const page = await editor('en-US');
    await page.locator('#f-promotionMenu-0-activeFrom-zone').selectOption('+08:00');
    await page.locator('#f-promotionMenu-0-activeFrom').fill('2030-12-01T00:00:00');
    await page.locator('#f-promotionMenu-0-activeUntil-zone').selectOption('+08:00');
    await page.locator('#f-promotionMenu-0-activeUntil').fill('2030-12-12T00:00:00');
    await until(async () => { const entry = (await doc(page)).promotionMenu[0]; return [entry.activeFrom, entry.activeUntil]; },
      ['2030-12-01T00:00:00+08:00', '2030-12-12T00:00:00+08:00'], 'the window in the document, RFC 3339 with its offset');
    await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'autosave');
    assert.equal((await partnerApi(service).draft()).config.promotionMenu[0].activeFrom, '2030-12-01T00:00:00+08:00');

    await until(() => previewHas(page, 'backup'), false, 'today is before the window: no Backup in the preview');
    await asOf(page, '2030-12-05T12:00:00');
    await until(() => previewHas(page, 'backup'), true, 'inside the window');
    await page.locator('li[data-path="/promotionMenu/0"] fieldset.window').scrollIntoViewIfNeeded();
    await shot(page, 'time-window-as-of-inside');
    await asOf(page, '2030-12-12T00:00:00');
    await until(() => previewHas(page, 'backup'), false, 'activeUntil itself is outside');
    await asOf(page, '2030-12-11T23:59:59');
    await until(() => previewHas(page, 'backup'), true, 'one second before the end');
    await page.getByRole('button', { name: 'Now', exact: true }).click();
    await until(() => previewHas(page, 'backup'), false, 'back to now');
    assert.deepEqual(await seriousViolations(page), [], 'axe: the window fields and the as-of control');
    await page.context().close();
  });

  it('gives the end of a window the time zone chosen for its start, until the partner chooses another', async () => {
    const page = await editor('en-US'); // the browser is at UTC+08:00
    await page.locator('#f-promotionMenu-0-activeFrom-zone').selectOption('+09:00');
    assert.equal(await page.locator('#f-promotionMenu-0-activeUntil-zone').inputValue(), '+09:00', 'before any date is set');
    await page.locator('#f-promotionMenu-0-activeFrom').fill('2030-12-01T00:00:00');
    await page.locator('#f-promotionMenu-0-activeUntil').fill('2030-12-12T00:00:00');
    await until(async () => { const entry = (await doc(page)).promotionMenu[0]; return [entry.activeFrom, entry.activeUntil]; },
      ['2030-12-01T00:00:00+09:00', '2030-12-12T00:00:00+09:00'], 'both bounds in the zone chosen once');
    await page.locator('#f-promotionMenu-0-activeUntil-zone').selectOption('+00:00');
    await until(async () => (await doc(page)).promotionMenu[0].activeUntil, '2030-12-12T00:00:00+00:00', 'the end\'s own choice wins');
    await page.context().close();
  });

  it('marks a window that has already ended, next to its field and in the summary, in both languages', async () => {
    for (const [locale, words] of [['en-US', /ended/], ['zh-CN', /已于/]] as const) {
      const page = await editor(locale);
      await page.locator('#f-operations-announcement-activeUntil-zone').selectOption('+00:00');
      await page.locator('#f-operations-announcement-activeUntil').fill('2020-01-01T00:00:00');
      const error = page.locator('#f-operations-announcement-activeUntil-error');
      await error.waitFor();
      assert.match(await error.textContent() ?? '', words);
      assert.equal(await page.locator('#f-operations-announcement-activeUntil').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('.summary li').count(), 1);
      await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'the draft is saved all the same');
      assert.ok(await page.getByRole('button', { name: locale === 'en-US' ? 'Submit for review' : '提交审核' }).isDisabled(), 'and cannot be submitted');
      if (locale === 'zh-CN') assert.equal(await page.locator('label[for="f-operations-announcement-activeFrom"]').textContent(), '开始显示');
      await page.locator('#f-operations-announcement-activeUntil').scrollIntoViewIfNeeded();
      await shot(page, `time-window-ended-${locale}`);
      assert.deepEqual(await seriousViolations(page), [], `axe: an ended window, ${locale}`);
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });

  it('shows the reviewer each window in one readable row', async () => {
    const partner = partnerApi(service);
    await partner.edit((config) => {
      for (const key of Object.keys(config)) delete config[key];
      Object.assign(config, structuredClone(seed));
      config.promotionMenu[0].activeFrom = '2030-12-01T00:00:00+08:00';
      config.promotionMenu[0].activeUntil = '2030-12-12T00:00:00+08:00';
      config.operations.announcement.activeUntil = '2031-01-01T00:00:00Z';
    });
    const id = await partner.submit();
    for (const locale of ['en-US', 'zh-CN']) {
      const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${service.url}/review?submission=${id}#token=${service.reviewerToken}`);
      const rows = page.locator('cobrand-diff-view tbody tr');
      await rows.first().waitFor();
      const texts = (await rows.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
      assert.match(await page.locator('#changes-title').textContent() ?? '', /\(2\)/, 'a window counts as one change');
      if (locale === 'en-US') {
        assert.deepEqual(texts.sort(), [
          'Operations information › Announcement › Time window Added always shown shown from the start → 2031-01-01 00:00 UTC',
          'Promotion menu › “Backup” › Time window Added always shown shown 2030-12-01 00:00 +08:00 → 2030-12-12 00:00 +08:00',
        ]);
      } else {
        assert.match(texts.join('\n'), /显示时间段[\s\S]*始终显示[\s\S]*显示时间 2030-12-01 00:00 \+08:00 → 2030-12-12 00:00 \+08:00/);
      }
      await shot(page, `time-window-review-${locale}`);
      assert.deepEqual(await seriousViolations(page), [], `axe: the review diff, ${locale}`);
      await context.close();
    }

    // The reviewer sees the submission as it will show inside its window, one click away.
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    watchConsole(context, problems);
    await page.goto(`${service.url}/review?submission=${id}#token=${service.reviewerToken}`);
    const pending = page.locator('.compare > div').first().locator('cobrand-preview-frame[lang="en-US"]');
    const pendingHas = (entry: string) => pending.locator(`cobrand-promo-menu [data-id="${entry}"]`).count().then((count) => count > 0);
    await pending.locator('cobrand-promo-menu').waitFor({ state: 'attached' });
    assert.equal(await pendingHas('backup'), false, 'today is before the window');
    const moments = page.getByRole('group', { name: 'Moments when what the bar shows changes' }).getByRole('button');
    assert.deepEqual((await moments.allTextContents()).map((text) => text.trim()), ['Dec 1, 2030, 12:00 AM', 'Dec 12, 2030, 12:00 AM', 'Jan 1, 2031, 8:00 AM'],
      'where the window opens and closes, and where the announcement ends, in the reviewer\'s time zone');
    await moments.first().click();
    await until(() => pendingHas('backup'), true, 'as of the window\'s start, Backup shows');
    assert.equal(await moments.first().getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('#as-of').inputValue(), '2030-12-01T00:00', 'the moment in the field too');
    await page.locator('.as-of').scrollIntoViewIfNeeded();
    await shot(page, 'time-window-review-as-of');
    await moments.nth(1).click();
    await until(() => pendingHas('backup'), false, 'as of its end, it is gone');
    await page.getByRole('button', { name: 'Now', exact: true }).click();
    await until(() => pendingHas('backup'), false, 'and now');
    assert.deepEqual(await seriousViolations(page), [], 'axe: the as-of control in the review console');
    await context.close();
    assert.deepEqual(problems, []);
  });
});
