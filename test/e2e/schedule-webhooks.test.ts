/**
 * Scheduled go-live and webhook deliveries in the apps: the reviewer approves "effective at" a
 * time, sees it scheduled (submission, queue, partner) and cancels it; the partner's editor says
 * when it goes live; the deliveries panel lists each webhook send. Both languages, phone and
 * desktop widths, no serious axe violations, all by keyboard-reachable controls.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, startService, watchConsole, type Service } from './harness.ts';
import { checkEveryView, openPage, partnerApi, seriousViolations, shot } from './helpers.ts';

describe('scheduled go-live and webhook deliveries in the apps (issue 11)', () => {
  let service: Service;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    [service, browser] = await Promise.all([startService(), launchChromium()]);
    // An endpoint that refuses connections: its deliveries are retried, and the log shows it.
    const created = await fetch(`${service.url}/v1/review/webhooks`, {
      method: 'POST', headers: { authorization: `Bearer ${service.reviewerToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: 'http://127.0.0.1:9/hooks' }),
    });
    assert.equal(created.status, 201, await created.text());
  });
  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('approves effective at a time, shows it scheduled to reviewer and partner, and cancels it', async () => {
    const partner = partnerApi(service);
    await partner.edit((config) => { config.brand.navBackground = '#1F4F8F'; });
    const id = await partner.submit();

    const page = await openPage(browser);
    watchConsole(page.context(), problems);
    await page.goto(`${service.url}/review?submission=${id}#token=${service.reviewerToken}`);
    await page.getByText('Approve, effective at a later time').click();
    await page.getByRole('button', { name: 'Approve, effective then' }).click();
    await page.getByRole('alert').filter({ hasText: 'Pick the date and time it goes live, within a year from now.' }).waitFor();
    assert.equal(await page.locator('#effective-at').evaluate((input) => input.matches(':focus')), true, 'focus goes to the field');
    const [min, max] = await page.locator('#effective-at').evaluate((input) => [(input as HTMLInputElement).min, (input as HTMLInputElement).max]);
    assert.ok(min && max && min < max, `the picker offers only the times the service takes (${min} to ${max})`);
    assert.deepEqual(await seriousViolations(page), [], 'axe with the error shown');
    await shot(page, 'schedule-approve-later-error');
    // More than a year ahead: said here, as the same sentence, not by the service in UTC.
    const tooFar = await page.evaluate(() => new Date(Date.now() + 400 * 86_400_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10) + 'T09:30');
    await page.locator('#effective-at').fill(tooFar);
    await page.getByRole('button', { name: 'Approve, effective then' }).click();
    await page.getByRole('alert').filter({ hasText: /is more than a year ahead: pick a time by / }).waitFor();
    assert.equal(await page.getByText('366 days').count(), 0, 'not the service\'s words');
    // Passed already: said so, with the way to make it live now.
    const yesterday = await page.evaluate(() => new Date(Date.now() - 86_400_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
    await page.locator('#effective-at').fill(yesterday);
    await page.getByRole('button', { name: 'Approve, effective then' }).click();
    await page.getByRole('alert').filter({ hasText: /has passed: pick a later time, or approve now\./ }).waitFor();
    // A day that does not exist, typed: the field is left empty, and the message says what is wrong with it.
    await page.locator('#effective-at').fill('');
    await page.locator('#effective-at').click({ position: { x: 12, y: 12 } });
    await page.keyboard.type('02302027');
    await page.getByRole('button', { name: 'Approve, effective then' }).click();
    await page.getByRole('alert').filter({ hasText: 'That date and time does not exist or is not complete' }).waitFor();
    await page.locator('#effective-at').fill(tooFar);
    await page.getByRole('button', { name: 'Approve, effective then' }).click();
    await page.getByRole('alert').filter({ hasText: /is more than a year ahead/ }).waitFor();
    // Said again in the other language when the reviewer switches.
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('alert').filter({ hasText: /距今超过一年：请选择 .* 之前的时间。/ }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();

    // Two days ahead at 09:30 in the page's time zone, as a datetime-local field takes it.
    const local = await page.evaluate(() => new Date(Date.now() + 2 * 86_400_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10) + 'T09:30');
    await page.locator('#effective-at').fill(local);
    await page.locator('#effective-at').press('Enter');
    await page.locator('.scheduled-line').waitFor();
    assert.match(await page.locator('.scheduled-line').textContent() ?? '', /Goes live at .*9:30/);
    assert.match(await page.locator('cobrand-review-queue').textContent() ?? '', /Scheduled go-lives \(1\)[\s\S]*acme-cloud/);
    assert.match(await page.locator('table.audit').textContent() ?? '', /Approved, scheduled/);
    await page.context().close();

    await checkEveryView(browser, service, { path: `/review?submission=${id}`, token: service.reviewerToken, ready: '.scheduled-line', name: 'schedule-review' });
    await checkEveryView(browser, service, { path: '/review?partner=acme-cloud', token: service.reviewerToken, ready: '.scheduled-line', name: 'schedule-partner-view' });
    await checkEveryView(browser, service, { path: '/', token: service.partnerToken, ready: '#status .scheduled-line', name: 'schedule-editor-status' });
    const editor = await openPage(browser, { locale: 'zh-CN' });
    await editor.goto(`${service.url}/#token=${service.partnerToken}`);
    assert.match(await editor.locator('#status .scheduled-line').textContent() ?? '', /已定时[\s\S]*定于/);
    await editor.context().close();

    const again = await openPage(browser);
    await again.goto(`${service.url}/review?submission=${id}#token=${service.reviewerToken}`);
    // Cancelling asks why (the partner reads it), and nothing is cancelled without a reason.
    await again.getByText('Cancel the scheduled go-live…').click();
    await again.getByRole('button', { name: 'Cancel the go-live' }).click();
    await again.getByRole('alert').filter({ hasText: 'Say why the go-live is cancelled' }).waitFor();
    assert.equal(await again.locator('#cancel-reason').evaluate((input) => input.matches(':focus')), true, 'focus goes to the reason');
    assert.deepEqual(await seriousViolations(again), [], 'axe with the reason asked for');
    await shot(again, 'schedule-cancel-reason');
    // The message follows a switch of language, like every other.
    await again.getByRole('button', { name: '中文' }).click();
    await again.getByRole('alert').filter({ hasText: '请说明取消生效的原因' }).waitFor();
    await again.getByRole('button', { name: 'English' }).click();
    await again.locator('#cancel-reason').fill('The launch moved to next month.');
    await again.getByRole('button', { name: 'Cancel the go-live' }).click();
    await again.getByRole('status').filter({ hasText: 'the scheduled go-live was cancelled' }).waitFor();
    await again.locator('.scheduled-line').waitFor({ state: 'detached' });
    // The submission itself says its go-live was cancelled (not a bare "Approved"), and focus stays on it.
    assert.match(await again.locator('cobrand-submission-view section').first().textContent() ?? '', /Go-live cancelled[\s\S]*The go-live set for .* was cancelled on /);
    assert.equal(await again.locator('#detail-title').evaluate((title) => (title.getRootNode() as ShadowRoot).activeElement === title), true);
    await again.locator('table.audit', { hasText: 'Schedule cancelled' }).waitFor();
    assert.match(await again.locator('table.audit').textContent() ?? '', /Schedule cancelled[\s\S]*The launch moved to next month\./);
    await again.context().close();

    // The partner is told that its approved change will not go live, and why.
    for (const [locale, words] of [['en-US', /Go-live cancelled[\s\S]*will not go live[\s\S]*The launch moved to next month\./], ['zh-CN', /已取消生效[\s\S]*不会生效[\s\S]*The launch moved to next month\./]] as const) {
      const partner = await openPage(browser, { locale });
      await partner.goto(`${service.url}/#token=${service.partnerToken}`);
      await partner.locator('#status .cancelled-line').waitFor();
      assert.match(await partner.locator('#status').textContent() ?? '', words);
      if (locale === 'en-US') await shot(partner, 'schedule-cancelled-editor-status');
      await partner.context().close();
    }
    assert.deepEqual(problems, []);
  });

  it('shows a scheduled go-live as done when its time comes while the submission is open, with no stale "Cancel"', async () => {
    const partner = partnerApi(service);
    await partner.edit((config) => { config.brand.navBackground = '#2F5F2F'; });
    const id = await partner.submit();
    const effectiveAt = new Date(Date.now() + 4000).toISOString();
    const approved = await fetch(`${service.url}/v1/review/submissions/${id}/approve`, {
      method: 'POST', headers: { authorization: `Bearer ${service.reviewerToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ effectiveAt }),
    });
    assert.equal(approved.status, 200, await approved.text());
    const page = await openPage(browser);
    watchConsole(page.context(), problems);
    await page.goto(`${service.url}/review?submission=${id}#token=${service.reviewerToken}`);
    await page.locator('.scheduled-line').waitFor();
    await page.locator('.scheduled-line').waitFor({ state: 'detached', timeout: 15_000 });
    assert.match(await page.locator('cobrand-submission-view section').first().textContent() ?? '', /Went live as scheduled on /);
    await page.context().close();
  });

  it('lists webhook deliveries with event, target, attempts, last status and next retry', async () => {
    await checkEveryView(browser, service, { path: '/review?view=deliveries', token: service.reviewerToken, ready: 'table.deliveries-table tbody tr', name: 'deliveries' });
    const page = await openPage(browser);
    await page.goto(`${service.url}/review#token=${service.reviewerToken}`);
    await page.getByRole('button', { name: 'Webhook deliveries' }).click();
    const rows = page.locator('table.deliveries-table tbody tr');
    await rows.first().waitFor();
    const text = await rows.allTextContents();
    assert.ok(text.some((row) => /submission\.created[\s\S]*acme-cloud[\s\S]*http:\/\/127\.0\.0\.1:9\/hooks/.test(row)), text.join('\n'));
    assert.ok(text.some((row) => /submission\.approved/.test(row)));
    await shot(page, 'deliveries-en', { fullPage: true });
    await page.context().close();
  });
});
