import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../server/store/database.ts';
import { launchChromium, startService, watchConsole, type Service } from './harness.ts';
import { checkEveryView, openPage, partnerApi, reviewerApi, seriousViolations, shot, until } from './helpers.ts';

describe('the review console (issue 14)', () => {
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

  it('diffs menu entries by id, reads catalog ticks as shown or hidden, and shows logos as images (item 12)', async () => {
    const partner = partnerApi(service);
    await partner.edit((config) => {
      const [backup, migration] = config.promotionMenu;
      config.promotionMenu.splice(0, 2, migration, backup);
      config.promotionMenu.push({ id: 'webinars', label: { 'zh-CN': '网络研讨会', 'en-US': 'Webinars' }, href: 'https://www.acme.example/webinars', target: '_blank' });
      config.cloudMenu.info.hidden = ['filing', 'enterprise', 'tools'];
      const { src, width, height } = config.brand.logos['zh-CN'];
      Object.assign(config.brand.logos['en-US'], { src, width, height });
    });
    const id = await partner.submit();
    for (const [locale, width] of [['en-US', 1440], ['zh-CN', 375]] as const) {
      const page = await openPage(browser, { locale, width });
      watchConsole(page.context(), problems);
      await page.goto(`${service.url}/review?submission=${id}#token=${service.reviewerToken}`);
      const rows = page.locator('cobrand-diff-view tbody tr');
      await rows.first().waitFor();
      const texts = await rows.allTextContents();
      if (locale === 'en-US') {
        assert.equal(texts.length, 4, `one row per change, not per field:\n${texts.join('\n')}`);
        assert.match(texts.join('\n'), /Promotion menu › “(Migration|Backup)”\s*Moved from position/);
        assert.match(texts.join('\n'), /Information[\s\S]*Tools[\s\S]*Now hidden/);
        const hidden = rows.filter({ hasText: 'Tools' });
        assert.deepEqual([await hidden.locator('td').nth(2).textContent(), await hidden.locator('td').nth(3).textContent()], ['Shown', 'Hidden'], 'before and after as states');
        assert.match(texts.join('\n'), /Added[\s\S]*Webinars[\s\S]*https:\/\/www\.acme\.example\/webinars/);
        assert.doesNotMatch(texts.join('\n'), /[{}]/, 'no raw JSON');
        assert.equal(await rows.filter({ hasText: 'English › Image' }).locator('img').count(), 2, 'the logo before and after, as images');
      } else {
        assert.match(texts.join('\n'), /已隐藏/);
      }
      // A reviewer approves what both languages' sub-customers see: an added entry shows both names, and a new tab.
      const added = rows.filter({ hasText: 'https://www.acme.example/webinars' });
      assert.match((await added.textContent()) ?? '', locale === 'en-US' ? /“Webinars”[\s\S]*“网络研讨会”[\s\S]*Opens in a new tab/ : /“网络研讨会”[\s\S]*“Webinars”[\s\S]*在新标签页打开/);
      await shot(page, `review-diff-${locale}-${width}`, { fullPage: true });
      assert.deepEqual(await seriousViolations(page), [], `axe, ${locale} ${width}`);
      if (locale === 'en-US') {
        // Shrunk to fit, the bars cannot be read; at their actual size they can, and their drop-downs open.
        const frame = page.locator('.compare > div').first().locator('cobrand-preview-frame[lang="en-US"]');
        const barHeight = () => frame.locator('cobrand-console .bar').evaluate((bar) => Math.round(bar.getBoundingClientRect().height));
        assert.ok(await barHeight() < 30, 'shrunk to fit');
        await page.getByRole('button', { name: 'Actual size' }).first().click();
        await until(barHeight, 48, 'the bar at its real height');
        await frame.locator('cobrand-promo-menu button[data-id="migration"]').click();
        await frame.locator('cobrand-promo-menu [role=menu]:not([hidden])').waitFor();
        assert.equal(await page.getByRole('button', { name: 'Actual size' }).first().getAttribute('aria-pressed'), 'true');
        await shot(page, 'review-actual-size');
        assert.deepEqual(await seriousViolations(page), [], 'axe, actual size');
      }
      await page.context().close();
    }
    await partner.withdrawPending();
    assert.deepEqual(problems, []);
  });

  it('names the announcement\'s level in the reader\'s language in the diff', async () => {
    const partner = partnerApi(service);
    await partner.withdrawPending();
    await partner.edit((config) => { config.operations.announcement.level = 'critical'; });
    const id = await partner.submit();
    for (const [locale, expected] of [['zh-CN', /级别[\s\S]*通知[\s\S]*紧急/], ['en-US', /Level[\s\S]*Information[\s\S]*Critical/]] as const) {
      const page = await openPage(browser, { locale });
      await page.goto(`${service.url}/review?submission=${id}#token=${service.reviewerToken}`);
      const row = page.locator('cobrand-diff-view tbody tr').filter({ hasText: locale === 'zh-CN' ? '级别' : 'Level' });
      await row.waitFor();
      assert.match(await row.textContent() ?? '', expected);
      assert.doesNotMatch(await row.textContent() ?? '', /\b(info|critical)\b/, 'not the raw values');
      await page.context().close();
    }
    await partner.edit((config) => { config.operations.announcement.level = 'info'; });
    await partner.withdrawPending();
  });

  it('refuses a ?submission= that is not a submission id, and sends the token nowhere else (issue 13, item 8)', async () => {
    const page = await openPage(browser);
    const sent: string[] = [];
    page.on('request', (request) => { if (request.headers().authorization) sent.push(new URL(request.url()).pathname); });
    await page.goto(`${service.url}/review?submission=${encodeURIComponent('../../partners/acme-cloud/draft')}#token=${service.reviewerToken}`);
    await page.getByRole('alert').filter({ hasText: /not a submission id/ }).waitFor();
    assert.deepEqual(sent.filter((path) => !/^\/v1\/(me|review\/queue|review\/partners|review\/schedules)$/.test(path)), [], 'only the console\'s own reads');
    await page.context().close();
  });

  it('shows what the reviewer opened last, even when what the address opened answers after it, or the console was still loading', async () => {
    const partner = partnerApi(service);
    await partner.edit((config) => { config.operations.contact.phone = '+86 400 100 2000'; });
    const old = await partner.submit();
    await reviewerApi(service).reject(old, 'Checking which opening wins.');
    await partner.edit((config) => { config.operations.contact.phone = '+86 400 100 3000'; });
    const pending = await partner.submit();
    /** The console at the rejected submission's address (a link from earlier), its answers for `paths` held until released. */
    const openConsole = async (paths: string[]) => {
      const page = await openPage(browser);
      watchConsole(page.context(), problems);
      const releases = new Map<string, () => void>();
      for (const path of paths) {
        const held = new Promise<void>((resolve) => releases.set(path, resolve));
        await page.route((url) => url.pathname === path, async (route) => { await held; await route.fallback(); });
      }
      const answered = new Set<string>();
      page.on('requestfinished', (request) => answered.add(new URL(request.url()).pathname));
      await page.goto(`${service.url}/review?submission=${old}#token=${service.reviewerToken}`);
      return { page, release: (path: string) => releases.get(path)!(), answered };
    };
    const showsClicked = async (page: Page, what: string) => {
      await page.getByRole('button', { name: 'Approve' }).waitFor();
      await page.waitForTimeout(300);
      assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 1, `${what}: the clicked submission stays open`);
      assert.equal(await page.locator('#detail-title .badge.pending').count(), 1, what);
      assert.equal(new URL(page.url()).search, `?submission=${pending}`, what);
      await page.context().close();
    };
    const oldPath = `/v1/review/submissions/${old}`;
    try {
      // The reviewer clicks the waiting submission while the address's answer is slow, and it comes after.
      const late = await openConsole([oldPath]);
      await late.page.locator('.queue button').first().click();
      await late.page.getByRole('button', { name: 'Approve' }).waitFor();
      late.release(oldPath);
      await until(async () => late.answered.has(oldPath), true, 'the address\'s answer');
      await showsClicked(late.page, 'the address answering late');
      // The reviewer clicks while the console still loads the scheduled go-lives, before it has opened the address.
      const early = await openConsole(['/v1/review/schedules', `/v1/review/submissions/${pending}`]);
      await early.page.locator('.queue button').first().click();
      early.release('/v1/review/schedules');
      await until(async () => early.answered.has('/v1/review/schedules'), true, 'the scheduled go-lives');
      await early.page.waitForTimeout(500); // time for the address to be opened, if it were
      early.release(`/v1/review/submissions/${pending}`);
      await showsClicked(early.page, 'a click while the console loads');
    } finally {
      await partner.withdrawPending();
    }
  });

  it('reaches every partner\'s versions and history from a directory when the queue is empty (item 10)', async () => {
    const page = await openPage(browser);
    watchConsole(page.context(), problems);
    await page.goto(`${service.url}/review#token=${service.reviewerToken}`);
    await page.getByText('No submissions are waiting.').waitFor();
    const partner = page.locator('cobrand-partner-directory button', { hasText: 'acme-cloud' });
    assert.match((await partner.textContent()) ?? '', /Live since/);
    await partner.click();
    await page.locator('#partner-title', { hasText: 'acme-cloud' }).waitFor();
    assert.ok((await page.locator('.versions ol li').count()) >= 1, 'its versions');
    assert.ok((await page.locator('table.audit tbody tr').count()) >= 2, 'its history');
    assert.equal(new URL(page.url()).search, '?partner=acme-cloud', 'a link to come back to');
    // With a submission waiting, the partner's view opens it, and focus goes with the reviewer (the button is gone).
    const id = await partnerApi(service).submit();
    await page.reload();
    await page.getByRole('button', { name: 'Open the submission' }).click();
    await page.locator('#detail-title', { hasText: 'acme-cloud' }).waitFor();
    await until(() => page.locator('#detail-title').evaluate((title) => (title.getRootNode() as ShadowRoot).activeElement === title), true, 'focus on the opened submission');
    assert.equal(new URL(page.url()).search, `?submission=${id}`);
    await partnerApi(service).withdrawPending();
    await page.context().close();
    await checkEveryView(browser, service, { path: '/review?partner=acme-cloud', token: service.reviewerToken, ready: '#partner-title', name: 'review-directory' });
  });

  it('previews a rollback, rendered and as a diff, and rolls back only once confirmed with a reason (item 11)', async () => {
    const partner = partnerApi(service);
    const reviewer = reviewerApi(service);
    await partner.edit((config) => { config.brand.navBackground = '#1F6F3F'; });
    await reviewer.approve(await partner.submit());
    const page = await openPage(browser);
    watchConsole(page.context(), problems);
    await page.goto(`${service.url}/review?partner=acme-cloud#token=${service.reviewerToken}`);
    // Versions are told apart: numbered, and each button names its version (not N buttons of one name).
    const versions = page.locator('.versions ol > li');
    await versions.first().waitFor();
    const count = await versions.count();
    assert.match((await versions.first().textContent()) ?? '', new RegExp(`Version ${count}\\b`));
    const names = await page.locator('.versions ol > li button').allTextContents();
    assert.equal(new Set(names).size, names.length, `distinct names: ${names.join(' | ')}`);
    await page.getByRole('button', { name: 'Preview a rollback to version 1…' }).click();
    const preview = page.locator('.rollback-preview');
    await preview.locator('#rollback-title').waitFor();
    // Focus goes to what the button opened (a screen reader says its title), not left on the button far above it.
    await until(() => page.evaluate(() => document.querySelector('cobrand-review-app')!.shadowRoot!.activeElement?.id), 'rollback-title', 'focus after opening the preview');
    assert.equal(await preview.locator('cobrand-preview-frame').count(), 2, 'rendered in zh and en');
    await until(() => preview.locator('cobrand-preview-frame[lang="en-US"] .bar').first().evaluate((bar) => getComputedStyle(bar).backgroundColor), 'rgb(11, 61, 145)', 'the version rendered');
    assert.match((await preview.locator('cobrand-diff-view').textContent()) ?? '', /Bar colour[\s\S]*#1F6F3F[\s\S]*#0B3D91/);
    assert.equal((await reviewer.versions('acme-cloud'))[0]!.live, true, 'nothing rolled back yet');
    await shot(page, 'review-rollback-preview-en-US-1440', { fullPage: true });
    await page.getByRole('button', { name: 'Roll back to this version' }).click();
    await page.locator('#rollback-reason-error').waitFor();
    assert.equal(await page.locator('#rollback-reason-error').textContent(), 'Say why you roll back: the partner reads it in the editor.', 'says what to do, not the label again');
    assert.equal((await reviewer.versions('acme-cloud'))[0]!.live, true, 'not without a reason');
    await page.locator('#rollback-reason').fill('The green bar fails the partner\'s own brand guide.');
    const status = page.locator('.notices[role="status"]');
    assert.equal(await status.textContent(), '', 'the empty status region, there before it speaks');
    // Meanwhile another reviewer schedules a go-live, which this screen does not show: the rollback cancels it, and says so.
    await partner.edit((config) => { config.brand.navBackground = '#7A1F1F'; });
    await reviewer.approve(await partner.submit(), new Date(Date.now() + 3_600_000));
    await page.getByRole('button', { name: 'Roll back to this version' }).click();
    await until(async () => /is live again\. The go-live scheduled for .+ was cancelled: the rollback is the newest decision\./.test(await status.textContent() ?? ''), true,
      'the rollback, and the go-live it cancelled, said in the status region');
    // The form it was typed in is gone: focus goes to the versions, where the new live one shows, not to the page.
    await until(() => page.evaluate(() => document.querySelector('cobrand-review-app')!.shadowRoot!.activeElement?.id), 'versions-title', 'focus after the rollback');
    assert.equal((await reviewer.versions('acme-cloud')).at(-1)!.live, true, 'the earlier version is live');
    await page.context().close();
    for (const [locale, width] of [['en-US', 375], ['zh-CN', 1440], ['zh-CN', 375]] as const) {
      const view = await openPage(browser, { locale, width });
      await view.goto(`${service.url}/review?partner=acme-cloud#token=${service.reviewerToken}`);
      await view.locator('.versions button[data-version]').first().click();
      await view.locator('#rollback-title').waitFor();
      if (locale === 'zh-CN' && width === 1440) {
        // A reason the service would refuse is said next to the field, in the page's language, and kept.
        await view.locator('#rollback-reason').fill('品牌色\u202E错误');
        await view.locator('.rollback-preview form button[type="submit"]').click();
        await until(async () => (await view.locator('#rollback-reason-error').textContent())?.startsWith('请删除文字方向控制字符'), true, 'the direction control, in Chinese');
        assert.equal(await view.locator('#rollback-reason').inputValue(), '品牌色\u202E错误');
      }
      await shot(view, `review-rollback-preview-${locale}-${width}`);
      assert.deepEqual(await seriousViolations(view), [], `axe, ${locale} ${width}`);
      await view.context().close();
    }
    assert.deepEqual(problems, []);
  });

  it('tells the audit trail in the reader\'s language, with headers and names (item 13)', async () => {
    const page = await openPage(browser, { locale: 'zh-CN' });
    await page.goto(`${service.url}/review?partner=acme-cloud#token=${service.reviewerToken}`);
    const table = page.locator('table.audit');
    await table.locator('tbody tr').first().waitFor();
    assert.deepEqual(await table.locator('thead th').allTextContents(), ['时间', '操作', '状态', '操作人', '原因']);
    const text = (await table.locator('tbody').textContent()) ?? '';
    for (const code of ['submit', 'approve', 'rollback', 'pending', 'draft', 'partner:acme-cloud/demo', 'reviewer/demo']) assert.ok(!text.includes(code), `no code "${code}" in the Chinese trail`);
    assert.match(text, /提交[\s\S]*草稿 → 待审核/);
    assert.match(text, /合作伙伴 acme-cloud（demo）/);
    assert.match(text, /回滚/);
    const when = table.locator('tbody td.when').first();
    assert.equal(await when.evaluate((cell) => getComputedStyle(cell).whiteSpace), 'nowrap', 'a date on one line');
    await shot(page, 'review-audit-zh-CN-1440', { fullPage: true });
    await page.context().close();
  });

  it('says in the reader\'s language why the service itself cancelled a scheduled go-live', async () => {
    const partner = partnerApi(service);
    const reviewer = reviewerApi(service);
    await partner.withdrawPending();
    await partner.edit((config) => { config.brand.navBackground = '#2F5F2F'; });
    await reviewer.approve(await partner.submit(), new Date(Date.now() + 86_400_000));
    await partner.edit((config) => { config.brand.navBackground = '#123456'; });
    await reviewer.approve(await partner.submit()); // at once: the newest decision wins, and the schedule goes
    for (const [locale, said] of [['en-US', 'Superseded by a later approval.'], ['zh-CN', '已被之后的一次批准取代。']] as const) {
      const page = await openPage(browser, { locale });
      watchConsole(page.context(), problems);
      await page.goto(`${service.url}/review?partner=acme-cloud#token=${service.reviewerToken}`);
      const cancelled = page.locator('table.audit tbody tr').filter({ hasText: locale === 'en-US' ? 'Schedule cancelled' : '取消定时生效' }).last(); // the newest: earlier tests cancelled others
      await cancelled.waitFor();
      const reason = (await cancelled.locator('td').nth(4).textContent())?.trim() ?? '';
      assert.ok(reason.startsWith(said), `the reason, then when it was to take effect: "${reason}"`);
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });
});

describe('the review console\'s partner directory, with more partners than a page', () => {
  let service: Service;
  let browser: Browser;
  const problems: string[] = [];
  const ids = Array.from({ length: 120 }, (_, n) => `partner-${String(n + 1).padStart(3, '0')}`);

  before(async () => {
    const prepare = async (db: Database) => {
      await db.query(`INSERT INTO drafts (partner_id, document, revision, valid, errors, updated_by)
        SELECT id, jsonb_build_object('schemaVersion', 1, 'partnerId', id), 1, true, '[]'::jsonb, 'seed' FROM unnest($1::text[]) AS id`, [ids]);
    };
    [service, browser] = await Promise.all([startService({ prepare }), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('shows a page at a time, finds partners by part of their id, and keeps the keyboard where the reading goes on', async () => {
    const page = await openPage(browser);
    watchConsole(page.context(), problems);
    // The console's own look at the queue (which refreshes the list) and the next page are held, to
    // answer in the order that once lost the page: the refresh first, then the page asked before it.
    const held = (path: string, test: (url: URL) => boolean) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => { release = resolve; });
      void page.route((url) => url.pathname === path && test(url), async (route) => { await released; await route.fallback(); });
      return release;
    };
    const releaseLook = held('/v1/review/schedules', () => true);
    const releaseMore = held('/v1/review/partners', (url) => url.searchParams.has('cursor'));
    await page.goto(`${service.url}/review#token=${service.reviewerToken}`);
    const entries = page.locator('cobrand-partner-directory ol button');
    const status = page.locator('#directory-count');
    await until(() => status.textContent(), 'The first 50 partners by id: more below', 'the first page');
    assert.equal(await entries.count(), 50);
    assert.match((await entries.first().textContent()) ?? '', /acme-cloud/, 'by id: the demo partner first');
    await page.getByRole('button', { name: 'Show more partners' }).focus();
    await page.keyboard.press('Enter');
    releaseLook();
    await page.waitForTimeout(300); // the refresh's turn, had it not waited for the page
    releaseMore();
    await until(() => entries.count(), 100, 'the next page below the first, whatever answered first');
    assert.equal(await page.locator('cobrand-review-app').evaluate((app) => app.shadowRoot!.activeElement?.textContent?.trim().split(/\s/)[0]), 'partner-050',
      'focus on the first partner the page added');
    await page.getByRole('button', { name: 'Show more partners' }).click();
    await until(() => status.textContent(), '121 partners', 'every partner, and no more to show');
    assert.equal(await page.getByRole('button', { name: 'Show more partners' }).count(), 0);

    const search = page.getByRole('searchbox', { name: 'Find a partner by id' });
    await search.fill('Partner-11');
    await until(() => status.textContent(), '10 partners', 'those whose id contains it, whatever the case');
    assert.deepEqual((await entries.allTextContents()).map((text) => text.trim().split(/\s/)[0]), ids.slice(109, 119));
    await search.fill('nobody');
    await until(() => status.textContent(), 'No partner id contains “nobody”.', 'nothing found, said');
    await search.fill('partner-120');
    await until(() => entries.count(), 1, 'one partner');
    await entries.first().click();
    await page.locator('#partner-title', { hasText: 'partner-120' }).waitFor();
    assert.match(await page.locator('cobrand-partner-view').textContent() ?? '', /Nothing live yet/);
    await page.getByRole('button', { name: '中文' }).click();
    await until(() => status.textContent(), '1 个合作伙伴', 'in Chinese too');
    assert.deepEqual(await seriousViolations(page), []);
    await shot(page, 'review-directory-search-zh');
    await page.context().close();
    assert.deepEqual(problems, []);
  });
});
