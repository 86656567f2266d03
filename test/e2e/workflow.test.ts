import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startService, watchConsole, type Service } from './harness.ts';
import { focusedIn, openPage, partnerApi, shot, until } from './helpers.ts';

const GREEN = 'rgb(31, 111, 63)';
const ACME_BLUE = 'rgb(11, 61, 145)';

const barColour = (page: Page, frame: string) =>
  page.locator(`${frame} .bar`).first().evaluate((bar) => getComputedStyle(bar).backgroundColor);
const saveState = (page: Page) => page.locator('.save').textContent();

describe('partner and reviewer, end to end in Chromium', () => {
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

  async function newPage(lang = 'en-US', allow: RegExp[] = []): Promise<Page> {
    const context = await browser.newContext({ locale: lang, viewport: { width: 1440, height: 900 } });
    watchConsole(context, problems, allow);
    return context.newPage();
  }

  it('takes a customization from edit through rejection, resubmission and approval to the landing, and rolls it back', async () => {
    // The partner signs in through the link npm start printed, and edits.
    const partner = await newPage();
    await partner.goto(service.editorUrl);
    await partner.getByText('Signed in as').waitFor();
    assert.equal(new URL(partner.url()).hash, '', 'the token leaves the address bar');
    await until(() => saveState(partner), 'Saved', 'the draft loads');

    await partner.locator('#f-brand-logos-en-US-href').fill('https://www.acme.example/en/home');
    await partner.locator('#f-brand-navBackground').fill('#1F6F3F');
    await partner.locator('#f-promotionMenu-0-label-en-US').fill('Cloud Backup');
    const enPreview = 'cobrand-preview-frame[lang="en-US"]';
    await until(() => barColour(partner, enPreview), GREEN, 'the preview takes the colour');
    await until(() => partner.locator(`${enPreview} cobrand-promo-menu a[data-id="backup"] .label`).textContent(), 'Cloud Backup', 'the preview takes the entry');
    assert.equal(await partner.locator(`${enPreview} [part="partner-link"]`).getAttribute('href'), 'https://www.acme.example/en/home');
    assert.match((await partner.locator('#contrast-readout').textContent()) ?? '', /meets WCAG AA/);

    // A link that is not https: the error shows beside the field and in the summary, which jumps to it.
    await partner.locator('#f-promotionMenu-0-href').fill('http://backup.acme.example/');
    const fieldError = partner.locator('#f-promotionMenu-0-href-error');
    await fieldError.waitFor();
    assert.match((await fieldError.textContent()) ?? '', /https:\/\//);
    assert.equal(await partner.locator('#f-promotionMenu-0-href').getAttribute('aria-invalid'), 'true');
    assert.ok(await partner.getByRole('button', { name: 'Submit for review' }).isDisabled());
    await partner.locator('.summary').getByRole('link', { name: /Promotion menu › “Cloud Backup” › Link/ }).click();
    assert.equal(await partner.evaluate(() => (document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement as HTMLElement).id), 'f-promotionMenu-0-href');
    await partner.locator('#f-promotionMenu-0-href').fill('https://backup.acme.example/');
    await fieldError.waitFor({ state: 'detached' });
    await until(() => saveState(partner), 'Saved', 'autosave');
    await partner.getByRole('button', { name: 'Submit for review' }).click();
    await partner.getByText(/Submitted: due/).waitFor();
    await partner.locator('#history .badge.pending').waitFor();

    // The reviewer sees the change and rejects it, with a reason.
    const reviewer = await newPage();
    await reviewer.goto(service.reviewUrl);
    // From the keyboard: Enter on the queue's entry opens the submission and takes focus to it.
    await reviewer.locator('.queue button').first().focus();
    await reviewer.keyboard.press('Enter');
    await until(() => reviewer.evaluate(() => document.querySelector('cobrand-review-app')!.shadowRoot!.activeElement?.closest('cobrand-submission-view')?.shadowRoot?.activeElement?.id
      ?? document.querySelector('cobrand-review-app')!.shadowRoot!.activeElement?.id), 'detail-title', 'focus on the opened submission');
    const diff = reviewer.locator('table').first();
    await diff.getByText('Dual brand › Bar colour').waitFor();
    assert.match((await diff.textContent()) ?? '', /#0B3D91[\s\S]*#1F6F3F/);
    assert.match((await diff.textContent()) ?? '', /Promotion menu › “Cloud Backup” › Link/);
    assert.deepEqual(await reviewer.locator('.hosts code').allTextContents(), ['backup.acme.example']);
    await reviewer.getByRole('button', { name: 'Reject' }).click();
    await reviewer.locator('#reason-error').waitFor();
    assert.match(await reviewer.locator('#reason-error').textContent() ?? '', /^Say why it is rejected/, 'says what to do, not the label again');
    // A pasted control character is named next to the field before anything is sent, and the text stays.
    const pasted = 'Backup must stay on www.acme.example,\u0007 the domain we verified.';
    await reviewer.locator('#reason').fill(pasted);
    await reviewer.getByRole('button', { name: 'Reject' }).click();
    await until(() => reviewer.locator('#reason-error').textContent(), 'Remove the control character U+0007 at character 38: control characters show as nothing or garble the text for whoever reads it; only tabs and line breaks may be in it.', 'the character and where it is');
    assert.equal(await reviewer.locator('#reason').inputValue(), pasted, 'nothing typed is lost');
    // The message follows a switch of language, as the labels do.
    await reviewer.locator('header button[lang="zh"]').click();
    await until(async () => (await reviewer.locator('#reason-error').textContent())?.startsWith('请删除第 38 个字符处的控制字符 U+0007'), true, 'the error in Chinese after the switch');
    await reviewer.locator('header button[lang="en"]').click();
    assert.equal(await reviewer.locator('#detail-title .badge.rejected').count(), 0, 'nothing decided');
    await reviewer.locator('#reason').fill('Backup must stay on www.acme.example, the domain we verified.');
    await reviewer.getByRole('button', { name: 'Reject' }).click();
    await reviewer.locator('#detail-title .badge.rejected').waitFor();

    // The partner reads the reason, edits and resubmits.
    await partner.reload();
    await partner.locator('#history .badge.rejected').waitFor();
    assert.match((await partner.locator('#history .reason').first().textContent()) ?? '', /domain we verified/);
    await partner.locator('#f-promotionMenu-0-href').fill('https://www.acme.example/backup-plus');
    await until(() => saveState(partner), 'Saved', 'autosave after the edit');
    await partner.getByRole('button', { name: 'Submit for review' }).click();
    await partner.locator('#history .badge.pending').waitFor();

    // The reviewer approves.
    await reviewer.reload();
    await reviewer.locator('.queue button').first().click();
    // Approving is a change every sub-customer sees: a stray Enter on "Approve" only asks, and its focus is not on "Yes".
    await reviewer.getByRole('button', { name: 'Approve' }).focus();
    await reviewer.keyboard.press('Enter');
    await reviewer.keyboard.press('Enter');
    await reviewer.getByRole('group', { name: /Approve acme-cloud's change/ }).waitFor();
    assert.equal(await reviewer.locator('#detail-title .badge.pending').count(), 1, 'nothing approved yet');
    // Escape takes the question back, as a dialog's would, and focus returns to "Approve".
    await reviewer.keyboard.press('Escape');
    await until(() => reviewer.getByRole('group', { name: /Approve acme-cloud's change/ }).count(), 0, 'Escape cancels the question');
    await until(() => focusedIn(reviewer, 'cobrand-review-app'), 'approve', 'focus back on Approve');
    assert.equal(await reviewer.getByRole('group', { name: 'Approve, effective at a later time', exact: true }).count(), 1, 'the scheduling group is named');
    await reviewer.keyboard.press('Enter');
    await reviewer.getByRole('group', { name: /Approve acme-cloud's change/ }).waitFor();
    await reviewer.getByRole('button', { name: 'Approve and make it live' }).click();
    await reviewer.locator('#detail-title .badge.approved').waitFor();
    // Decided, it still shows what it changed: against what was live when it was submitted, not against itself.
    assert.match(await reviewer.locator('#changes-title').textContent() ?? '', /^Changes to what was live when it was submitted \([1-9]\d*\)$/);
    await until(() => reviewer.locator('#detail-title').evaluate((title) => (title.getRootNode() as ShadowRoot).activeElement === title), true, 'focus on the decided submission, not the page body');

    // A sub-customer lands: the new bar.
    const landing = await newPage();
    await landing.goto(`${service.url}/demo?partner=acme-cloud&lang=en-US`);
    await until(() => barColour(landing, 'cobrand-console'), GREEN, 'the landing shows the approved colour');
    assert.equal(await landing.locator('cobrand-promo-menu a[data-id="backup"]').getAttribute('href'), 'https://www.acme.example/backup-plus');

    // The reviewer rolls back to the seeded version; the next landing shows it again.
    await reviewer.reload();
    await reviewer.getByRole('button', { name: 'Preview a rollback to version 1…' }).click();
    await reviewer.locator('#rollback-reason').fill('Partner asked to restore the previous look.');
    await reviewer.getByRole('button', { name: 'Roll back to this version' }).click();
    await reviewer.getByText(/is live again/).waitFor();
    const again = await newPage();
    await again.goto(`${service.url}/demo?partner=acme-cloud&lang=en-US`);
    await until(() => barColour(again, 'cobrand-console'), ACME_BLUE, 'the landing shows the rolled-back colour');

    assert.deepEqual(problems, [], 'no console errors');
  });

  it('merges two editors\' edits of different fields, and asks only about a field both changed', async () => {
    const stale = /status of 412/;
    const first = await newPage('en-US', [stale]);
    const second = await newPage('en-US', [stale]);
    for (const page of [first, second]) {
      await page.goto(`${service.url}/#token=${service.partnerToken}`);
      await until(() => saveState(page), 'Saved', 'the draft loads');
    }
    // Different fields (two entries of one list, and the contact): both kept, nothing asked.
    await first.locator('#f-promotionMenu-0-label-en-US').fill('Backup, first');
    await until(() => saveState(first), 'Saved', 'the first editor saves');
    await second.locator('#f-promotionMenu-1-label-en-US').fill('Migration, second');
    await second.getByRole('status').filter({ hasText: 'their changes and yours are merged and saved' }).waitFor();
    await until(() => saveState(second), 'Saved, merged with changes made elsewhere', 'the merge is saved, and the header says so');
    assert.equal(await second.locator('#f-promotionMenu-0-label-en-US').inputValue(), 'Backup, first', 'the first editor\'s change is in');
    let saved = (await partnerApi(service).draft()).config;
    assert.deepEqual([saved.promotionMenu[0].label['en-US'], saved.promotionMenu[1].label['en-US']], ['Backup, first', 'Migration, second']);

    // The same field: asked, naming it; the choice settles that field only.
    await first.locator('#f-operations-contact-phone').fill('+86 400 111 2222');
    // The first tab is behind the second's merge: its save merges too.
    await until(() => saveState(first), 'Saved, merged with changes made elsewhere', 'the first editor saves again');
    await second.locator('#f-operations-contact-email').fill('help@acme.example');
    await second.locator('#f-operations-contact-phone').fill('+86 400 333 4444');
    const alert = second.getByRole('alert').filter({ hasText: 'changed what you changed' });
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /Operations information › Contact › Phone/);
    assert.match((await alert.locator('li').first().textContent()) ?? '', /Phone: theirs “\+86 400 111 2222”, yours “\+86 400 333 4444”/, 'both values, to choose between');
    await alert.scrollIntoViewIfNeeded();
    await shot(second, 'editor-conflict');
    assert.match((await saveState(second)) ?? '', /Someone else saved/);
    // From the header, where the partner looks wherever they scrolled to: the choice comes into view, focused.
    await second.getByRole('button', { name: 'Choose which version to keep' }).click();
    assert.equal(await second.evaluate(() => (document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement as HTMLElement).textContent), 'Keep theirs for these');
    await second.getByRole('button', { name: 'Keep theirs for these' }).click();
    await until(() => saveState(second), 'Saved, merged with changes made elsewhere', 'the conflict is resolved');
    await alert.waitFor({ state: 'detached' });
    assert.equal(await second.locator('#f-operations-contact-phone').inputValue(), '+86 400 111 2222', 'theirs for the field both changed');
    assert.equal(await second.evaluate(() => document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement?.id), 'f-operations-contact-phone',
      'focus on the field chosen for, not dropped to the page with the choice\'s buttons');
    saved = (await partnerApi(service).draft()).config;
    assert.deepEqual([saved.operations.contact.phone, saved.operations.contact.email], ['+86 400 111 2222', 'help@acme.example'], 'and the other field\'s edit kept');
    assert.deepEqual(problems, [], 'no console errors but the expected 412');
  });

  // The sub-customer's first landing: the page below the bar keeps its place while the bar's scripts arrive.
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
