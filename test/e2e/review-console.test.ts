import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, startService, watchConsole, type Service } from './harness.ts';
import { openPage, partnerApi, seriousViolations, shot } from './helpers.ts';

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
      config.promotionMenu.push({ id: 'webinars', label: { 'zh-CN': '网络研讨会', 'en-US': 'Webinars' }, href: 'https://www.acme.example/webinars' });
      config.cloudMenu.info.hidden = ['filing', 'enterprise', 'tools'];
      config.brand.logos['en-US'].src = config.brand.logos['zh-CN'].src;
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
        assert.match(texts.join('\n'), /Added[\s\S]*Webinars[\s\S]*https:\/\/www\.acme\.example\/webinars/);
        assert.doesNotMatch(texts.join('\n'), /[{}]/, 'no raw JSON');
        assert.equal(await rows.filter({ hasText: 'English › Image' }).locator('img').count(), 2, 'the logo before and after, as images');
      } else {
        assert.match(texts.join('\n'), /已隐藏/);
      }
      await shot(page, `review-diff-${locale}-${width}`, { fullPage: true });
      assert.deepEqual(await seriousViolations(page), [], `axe, ${locale} ${width}`);
      await page.context().close();
    }
    await partner.withdrawPending();
    assert.deepEqual(problems, []);
  });

  it('refuses a ?submission= that is not a submission id, and sends the token nowhere else (issue 13, item 8)', async () => {
    const page = await openPage(browser);
    const sent: string[] = [];
    page.on('request', (request) => { if (request.headers().authorization) sent.push(new URL(request.url()).pathname); });
    await page.goto(`${service.url}/review?submission=${encodeURIComponent('../../partners/acme-cloud/draft')}#token=${service.reviewerToken}`);
    await page.getByRole('alert').filter({ hasText: /not a submission id/ }).waitFor();
    assert.deepEqual(sent.filter((path) => !/^\/v1\/(me|review\/queue|review\/partners)$/.test(path)), [], 'only the console\'s own reads');
    await page.context().close();
  });
});
