import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium, startService, watchConsole, type Service } from './harness.ts';
import { checkEveryView, openPage, partnerApi, reviewerApi, until } from './helpers.ts';

const banner = (page: Page) => page.locator('#status').textContent().then((text) => (text ?? '').replace(/\s+/g, ' '));

describe('the editor always says where the partner stands (issue 14, items 5, 6, 16)', () => {
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

  async function editor(options: { clock?: Date; allow?: RegExp[] } = {}): Promise<Page> {
    const page = await openPage(browser);
    watchConsole(page.context(), problems, options.allow);
    if (options.clock) await page.clock.setFixedTime(options.clock);
    await page.goto(`${service.url}/#token=${service.partnerToken}`);
    await until(() => page.locator('.save').textContent(), 'Saved', 'the draft loads');
    await page.locator('#status').waitFor();
    return page;
  }

  it('says approved and live, then pending with its due date, and never "ready to submit" while pending (item 5)', async () => {
    const page = await editor();
    assert.match(await banner(page), /Approved on .* and live/);
    await page.locator('#f-operations-contact-phone').fill('+86 400 123 4567');
    await until(() => page.locator('.save').textContent(), 'Saved', 'autosave');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await until(async () => /Submitted on .*: the review is due by/.test(await banner(page)), true, 'the banner says pending');
    assert.doesNotMatch((await page.locator('#summary-title').textContent()) ?? '', /ready to submit/);
    await checkEveryView(browser, service, { path: '/', token: service.partnerToken, ready: '#status .badge.pending', name: 'editor-pending' });
    await page.context().close();
  });

  it('says edits since submitting are not in the review, and withdraws and resubmits with them (item 6)', async () => {
    const page = await editor();
    await page.locator('#f-operations-contact-email').fill('care@acme.example');
    await until(async () => (await banner(page)).includes('Changes since you submitted are not in the review.'), true, 'the banner says the edit is not in the review');
    await until(() => page.locator('.save').textContent(), 'Saved', 'autosave');
    await checkEveryView(browser, service, { path: '/', token: service.partnerToken, ready: '#status .changed-line', name: 'editor-changed-since' });
    await page.getByRole('button', { name: 'Withdraw and resubmit with these changes' }).click();
    await until(async () => (await banner(page)).includes('Changes since you submitted'), false, 'the new submission has the edit');
    const statuses = await page.locator('#history .badge').allTextContents();
    assert.deepEqual(statuses.slice(0, 2), ['Pending review', 'Withdrawn']);
    await page.context().close();
  });

  it('shows an overdue review to the partner and in the reviewer\'s submission view (item 16)', async () => {
    const later = new Date(Date.now() + 10 * 24 * 3600 * 1000);
    const page = await editor({ clock: later });
    assert.match(await banner(page), /Overdue: the review was due by/);
    await page.context().close();
    await checkEveryView(browser, service, { path: '/', token: service.partnerToken, ready: '#status .overdue-line', name: 'editor-overdue', clock: later });
    const status = await (await fetch(`${service.url}/v1/partners/acme-cloud/status`, { headers: { authorization: `Bearer ${service.partnerToken}` } })).json() as { pending: { id: string } };
    await checkEveryView(browser, service, { path: `/review?submission=${status.pending.id}`, token: service.reviewerToken, ready: '#detail-title .badge.overdue', name: 'review-overdue', clock: later });
  });

  it('gives the reviewer\'s reason in full after a rejection (item 5)', async () => {
    const reason = `The support page must be on a domain you have verified with us. ${'Please check the list of verified domains in the partner center before resubmitting. '.repeat(4)}End of reason.`;
    const status = await (await fetch(`${service.url}/v1/partners/acme-cloud/status`, { headers: { authorization: `Bearer ${service.partnerToken}` } })).json() as { pending: { id: string } };
    const page = await editor();
    assert.match(await banner(page), /the review is due by/);
    await reviewerApi(service).reject(status.pending.id, reason);
    // The partner comes back to the tab: the decision shows without a reload.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await until(async () => /was rejected on/.test(await banner(page)), true, 'the rejection shows on coming back');
    const text = await banner(page);
    assert.match(text, /was rejected on/);
    assert.ok(text.includes('End of reason.'), 'the whole reason');
    // Submitting the same draft again is allowed (what was asked may be done elsewhere), but the partner is told it is unchanged.
    const unchanged = page.locator('.unchanged-since-rejection');
    await unchanged.waitFor();
    assert.match((await unchanged.textContent()) ?? '', /This is the draft that was rejected on .*, unchanged\./);
    assert.equal(await page.getByRole('button', { name: 'Submit for review' }).isEnabled(), true);
    await page.locator('#f-operations-contact-phone').fill('+86 400 123 0000');
    await until(() => unchanged.count(), 0, 'an edit makes it a new draft');
    await page.locator('body').press('Control+z');
    await unchanged.waitFor();
    await checkEveryView(browser, service, { path: '/', token: service.partnerToken, ready: '#status blockquote.reason', name: 'editor-rejected' });
    await page.context().close();
  });

  it('keeps an edit not yet saved when a sign-in link is opened in the same tab, and saves it', async () => {
    const page = await editor({ allow: [/ERR_INTERNET_DISCONNECTED/] });
    // The service cannot be reached for saves: the edit waits, "Not saved".
    await page.route('**/v1/partners/acme-cloud/draft', (route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.fallback()));
    await page.locator('#f-operations-contact-phone').fill('+86 400 765 4321');
    await until(async () => /Not saved/.test((await page.locator('.save').textContent()) ?? ''), true, 'the save fails');
    await page.unroute('**/v1/partners/acme-cloud/draft');
    await page.evaluate((token) => { location.hash = `#token=${token}`; }, service.partnerToken);
    await until(() => page.locator('.save').textContent(), 'Saved', 'saved under the new sign-in');
    assert.equal(await page.locator('#f-operations-contact-phone').inputValue(), '+86 400 765 4321', 'the edit is still in the form');
    const { config } = await partnerApi(service).draft();
    assert.equal(config.operations.contact.phone, '+86 400 765 4321', 'and in the stored draft');
    await page.context().close();
  });

  /** A page whose GET of the draft waits for `release()` (or is answered by `answer`, once). */
  async function heldDraft(answer?: (route: Route) => Promise<void>) {
    const page = await openPage(browser);
    watchConsole(page.context(), problems, [/503/]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let answered = false;
    await page.route((url) => url.pathname === '/v1/partners/acme-cloud/draft', async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      if (answer && !answered) { answered = true; return answer(route); }
      await held;
      return route.fallback();
    });
    await page.goto(`${service.url}/#token=${service.partnerToken}`);
    return { page, release };
  }
  const busy = (page: Page) => page.locator('main').evaluate((main) => [(main as HTMLElement).inert, main.getAttribute('aria-busy')] as const);

  it('keeps the form out of reach until the draft arrives, so that nothing typed meanwhile is lost', async () => {
    const stored = (await partnerApi(service).draft()).config.operations.contact.phone;
    const { page, release } = await heldDraft();
    await until(() => page.locator('.save').textContent(), 'Loading your draft…', 'the header says the draft is loading');
    assert.deepEqual(await busy(page), [true, 'true'], 'the form and the preview are inert and busy');
    assert.equal(await page.locator('#sign-in-title').count(), 0, 'no sign-in form while the token from the link is used');
    const phone = page.locator('#f-operations-contact-phone');
    await phone.click({ force: true });
    await page.keyboard.type('+86 400 999 0000');
    assert.equal(await phone.evaluate((input) => input.matches(':focus')), false, 'a click does not reach the field');
    release();
    await until(() => page.locator('.save').textContent(), 'Saved', 'the draft loads');
    assert.deepEqual(await busy(page), [false, null]);
    assert.equal(await phone.inputValue(), stored, 'the form shows the stored draft');
    await phone.fill('+86 400 999 0000');
    await until(() => page.locator('.save').textContent(), 'Saved', 'an edit after loading is saved');
    assert.equal((await partnerApi(service).draft()).config.operations.contact.phone, '+86 400 999 0000');
    await page.context().close();
  });

  it('says when the draft cannot be loaded, keeps the form out of reach, and loads it on "Try again"', async () => {
    const stored = (await partnerApi(service).draft()).config.operations.contact.phone;
    const { page, release } = await heldDraft((route) => route.fulfill({
      status: 503, contentType: 'application/json', headers: { 'retry-after': '5' },
      body: JSON.stringify({ code: 'store_unavailable', message: 'The store is restarting; try again in a few seconds.' }),
    }));
    release();
    const alert = page.getByRole('alert').filter({ hasText: 'Your draft could not be loaded' });
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /The store is restarting/);
    assert.equal(await page.locator('.save').textContent(), 'Draft not loaded');
    assert.deepEqual(await busy(page), [true, 'true'], 'nothing can be edited over a draft not seen');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await until(() => page.locator('.save').textContent(), 'Saved', 'the draft loads');
    assert.equal(await alert.count(), 0);
    assert.deepEqual(await busy(page), [false, null]);
    assert.equal(await page.locator('#f-operations-contact-phone').inputValue(), stored);
    await page.context().close();
  });

  it('asks before a sign-in link for another partner signs this tab in, and stays as the partner it was when told to', async () => {
    const page = await editor();
    // A link made with a token of another partner (here answered as such for /v1/me), opened in this tab.
    const theirs = 'cbt_someone-elses-token';
    const sent: string[] = [];
    page.on('request', (request) => { if (request.headers().authorization === `Bearer ${theirs}`) sent.push(new URL(request.url()).pathname); });
    await page.route((url) => url.pathname === '/v1/me', (route) => (route.request().headers().authorization === `Bearer ${theirs}`
      ? route.fulfill({ contentType: 'application/json', body: JSON.stringify({ role: 'partner', partnerId: 'evil-partner' }) }) : route.fallback()));
    await page.evaluate((token) => { location.hash = `#token=${token}`; }, theirs);
    const ask = page.getByRole('alert').filter({ hasText: 'This sign-in link is for evil-partner' });
    await ask.waitFor();
    assert.match((await ask.textContent()) ?? '', /This tab is signed in as acme-cloud/);
    assert.equal(await page.evaluate(() => document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement?.id), 'confirm-link-title', 'the question has focus');
    assert.equal(await page.locator('header.top strong').textContent(), 'acme-cloud', 'still signed in as acme-cloud while asked');
    await ask.getByRole('button', { name: 'Stay as acme-cloud' }).click();
    assert.equal(await ask.count(), 0);
    assert.equal(await page.locator('header.top strong').textContent(), 'acme-cloud');
    assert.deepEqual(sent, ['/v1/me'], 'the other token was only checked');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('cobrand:token')), service.partnerToken, 'the tab keeps its own token');
    await page.locator('#f-operations-contact-phone').fill('+86 400 555 0101');
    await until(() => page.locator('.save').textContent(), 'Saved', 'edits still go to acme-cloud');
    assert.equal((await partnerApi(service).draft()).config.operations.contact.phone, '+86 400 555 0101');
    await page.context().close();
  });

  it('asks in a new tab too when this browser last worked as another partner, and signs in once told to', async () => {
    const page = await openPage(browser);
    watchConsole(page.context(), problems);
    await page.goto(`${service.url}/review`);
    await page.evaluate(() => localStorage.setItem('cobrand:last-partner', 'globex-cloud'));
    await page.goto(`${service.url}/#token=${service.partnerToken}`);
    const ask = page.getByRole('alert').filter({ hasText: 'This sign-in link is for acme-cloud' });
    await ask.waitFor();
    assert.match((await ask.textContent()) ?? '', /last worked as globex-cloud/);
    assert.deepEqual(await busy(page), [true, 'true'], 'nothing to edit until the partner chooses');
    assert.equal(new URL(page.url()).hash, '', 'the token is out of the address');
    await ask.getByRole('button', { name: 'Sign in as acme-cloud' }).click();
    await until(() => page.locator('.save').textContent(), 'Saved', 'the draft loads');
    assert.equal(await page.locator('header.top strong').textContent(), 'acme-cloud');
    assert.equal(await page.evaluate(() => localStorage.getItem('cobrand:last-partner')), 'acme-cloud', 'remembered for the next link');
    // The same partner's link again: no question.
    await page.goto(`${service.url}/#token=${service.partnerToken}`);
    await until(() => page.locator('.save').textContent(), 'Saved', 'signed in without asking');
    assert.equal(await ask.count(), 0);
    await page.context().close();
  });

  it('keeps the tab signed in when a sign-in link carries a token the service does not take', async () => {
    const page = await editor({ allow: [/401/] });
    await page.evaluate(() => { location.hash = '#token=cbt_revoked-long-ago'; });
    await page.getByRole('alert').filter({ hasText: /token/i }).first().waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('cobrand:token')), service.partnerToken, 'the tab\'s own token is not forgotten');
    await page.reload();
    await until(() => page.locator('.save').textContent(), 'Saved', 'still signed in after a reload');
    assert.equal(await page.locator('header.top strong').textContent(), 'acme-cloud');
    await page.context().close();
  });

  it('offers the edits made while signed out when the partner signs in, and uses them only if asked', async () => {
    const page = await openPage(browser);
    watchConsole(page.context(), problems);
    await page.goto(`${service.url}/`);
    await page.locator('#f-operations-contact-phone').fill('+86 400 111 2222');
    await page.evaluate((token) => { location.hash = `#token=${token}`; }, service.partnerToken);
    const offer = page.getByRole('alert').filter({ hasText: 'made while signed out' });
    await offer.waitFor();
    assert.notEqual(await page.locator('#f-operations-contact-phone').inputValue(), '+86 400 111 2222', 'the stored draft shows until the partner chooses');
    await offer.getByRole('button', { name: 'Use them' }).click();
    await until(() => page.locator('.save').textContent(), 'Saved', 'saved as the draft');
    assert.equal(await page.locator('#f-operations-contact-phone').inputValue(), '+86 400 111 2222');
    assert.equal((await partnerApi(service).draft()).config.operations.contact.phone, '+86 400 111 2222');
    assert.equal((await partnerApi(service).draft()).config.partnerId, 'acme-cloud', 'made the partner\'s');
    await page.reload();
    await until(() => page.locator('.save').textContent(), 'Saved', 'the draft loads');
    assert.equal(await offer.count(), 0, 'offered once');
    await page.context().close();
  });

  it('shows at once what another tab saved, and submits only the draft it shows', async () => {
    const partner = partnerApi(service);
    await partner.withdrawPending();
    const tabA = await editor({ allow: [/status of 412 \(Precondition Failed\)/] }); // the stale submit's answer
    const tabB = await tabA.context().newPage();
    await tabB.goto(`${service.url}/#token=${service.partnerToken}`);
    await until(() => tabB.locator('.save').textContent(), 'Saved', 'the second tab loads');
    const email = '#f-operations-contact-email';
    await tabB.locator(email).fill('other-tab@acme.example');
    await until(() => tabB.locator('.save').textContent(), 'Saved', 'the second tab saves');
    await until(() => tabA.locator(email).inputValue(), 'other-tab@acme.example', 'the first tab shows it without a reload');
    assert.match(await tabA.locator('.form > .notices[role="status"]').textContent() ?? '', /saved elsewhere/);
    await tabB.close();
    // A colleague saves from another browser: this tab has not looked yet, and Submit sends nothing it does not show.
    await partner.edit((config) => { config.operations.contact.email = 'colleague@acme.example'; });
    await tabA.getByRole('button', { name: 'Submit for review' }).click();
    await tabA.getByRole('alert').filter({ hasText: 'changed elsewhere' }).waitFor();
    assert.equal(await tabA.locator(email).inputValue(), 'colleague@acme.example', 'the form shows what would be submitted');
    assert.equal((await partner.submissions()).filter((item) => item.status === 'pending').length, 0, 'nothing submitted');
    await tabA.getByRole('button', { name: 'Submit for review' }).click();
    await until(async () => /Pending review/.test(await banner(tabA)), true, 'submitted once seen');
    const [pending] = (await partner.submissions()).filter((item) => item.status === 'pending');
    assert.ok(pending);
    await partner.withdrawPending();
    await tabA.context().close();
  });

  it('signs a new tab in as the tab already signed in (a bookmark, a copied address), and only within this browser', async () => {
    const first = await editor();
    const second = await first.context().newPage();
    await second.goto(`${service.url}/`); // no token in the address: the sign-in link was used in the first tab
    await until(() => second.locator('.save').textContent(), 'Saved', 'the draft loads in the new tab');
    assert.match(await second.locator('header.top').textContent() ?? '', /Signed in as\s*acme-cloud/);
    const review = await second.context().newPage();
    await review.goto(`${service.url}/review`);
    await review.locator('#token').waitFor(); // a partner's tab does not sign the review console in
    await review.goto(`${service.url}/review#token=${service.reviewerToken}`);
    await review.locator('#queue-title').waitFor();
    const secondReview = await review.context().newPage();
    await secondReview.goto(`${service.url}/review?partner=acme-cloud`);
    await secondReview.locator('#partner-title').waitFor(); // the reviewer's tab does
    const elsewhere = await openPage(browser);
    await elsewhere.goto(`${service.url}/`);
    await elsewhere.locator('#token').waitFor(); // another browser: nothing to borrow
    assert.equal(await elsewhere.locator('header.top').getByText('Signed in as').count(), 0);
    await elsewhere.context().close();
    await first.context().close();
  });

  it('notices a rollback made while the editor is open, within a minute', async () => {
    const partner = partnerApi(service);
    const reviewer = reviewerApi(service);
    await partner.withdrawPending();
    await reviewer.approve(await partner.submit());
    const page = await openPage(browser);
    watchConsole(page.context(), problems);
    await page.clock.install();
    await page.goto(`${service.url}/#token=${service.partnerToken}`);
    await until(async () => /Approved on .* and live/.test(await banner(page)), true, 'approved and live');
    const seeded = (await reviewer.versions('acme-cloud')).at(-1)!;
    await reviewer.rollback('acme-cloud', seeded.id, 'Checking the rollback notice.');
    await page.clock.runFor(61_000);
    await until(async () => /Rolled back on /.test(await banner(page)), true, 'the rollback shows without a reload');
    await page.context().close();
  });

  it('says which version is live after a rollback (item 5)', async () => {
    const partner = partnerApi(service);
    const reviewer = reviewerApi(service);
    const id = await partner.submit();
    await reviewer.approve(id);
    const versions = await reviewer.versions('acme-cloud');
    const seeded = versions.at(-1)!;
    await reviewer.rollback('acme-cloud', seeded.id, 'The new support number is not staffed yet.');
    const page = await editor();
    assert.match(await banner(page), /Rolled back on .*: the version submitted on .* is live again\. Reason: The new support number is not staffed yet\./);
    assert.equal(await page.locator('#status .live-line .badge').textContent(), 'Live', 'a badge, capitalised as the others are');
    await checkEveryView(browser, service, { path: '/', token: service.partnerToken, ready: '#status .live-line', name: 'editor-rolled-back' });
    await page.context().close();
    assert.deepEqual(problems, []);
  });
});
