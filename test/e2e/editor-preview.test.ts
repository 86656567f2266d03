import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page, Route } from 'playwright-core';
import { png } from '../server/images.ts';
import { launchChromium, startService, watchConsole, type Service } from './harness.ts';
import { openPage, partnerApi, seriousViolations, shot, until } from './helpers.ts';

/** The live preview at true scale, undo and redo, colours as people type them (issue 14, items 9, 7, 8). */
describe('the editor\'s preview, history and colours (issue 14)', () => {
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

  async function editor(locale = 'en-US', width = 1440, allowed: RegExp[] = [], beforeOpening?: (page: Page) => Promise<unknown>): Promise<Page> {
    await partnerApi(service).edit((config) => { for (const key of Object.keys(config)) delete config[key]; Object.assign(config, structuredClone(seed)); });
    const page = await openPage(browser, { locale, width });
    watchConsole(page.context(), problems, allowed);
    await beforeOpening?.(page);
    await page.goto(`${service.url}/#token=${service.partnerToken}`);
    await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'the draft loads');
    return page;
  }

  it('renders the real bar at 100 %, with drop-downs and the phone drawer that open, in both languages (item 9)', async () => {
    for (const [locale, width] of [['en-US', 1440], ['zh-CN', 375]] as const) {
      const page = await editor(locale, width);
      for (const lang of ['en-US', 'zh-CN']) {
        const frame = page.locator(`aside cobrand-preview-frame[lang="${lang}"]`);
        const console = frame.locator('cobrand-console');
        assert.equal(Math.round((await console.boundingBox())!.width), 1440, 'true scale');
        // A live region announces changes to it, not itself: it must be there, empty, before it speaks.
        assert.deepEqual(await frame.locator('figcaption [role="status"]').allTextContents(), [''], 'the empty "went to" region');
        const migration = frame.locator('cobrand-promo-menu button[part="menu-button"]').first();
        await migration.scrollIntoViewIfNeeded();
        await migration.click();
        const item = frame.locator('cobrand-promo-menu [part="menu-item"]').first();
        await item.waitFor();
        assert.match((await item.textContent()) ?? '', lang === 'en-US' ? /^\s*Assessment/ : /^\s*迁移评估/);
        await item.click();
        await frame.locator('.went', { hasText: 'https://www.acme.example/migration/assessment' }).waitFor();
        assert.equal(new URL(page.url()).pathname, '/', 'the editor stays');
      }
      await shot(page, `editor-preview-dropdown-${locale}-${width}`);
      assert.deepEqual(await seriousViolations(page), [], `axe, drop-down, ${locale} ${width}`);

      // The widths where a partner's entries go into "More" (1280, 1024) or the layout changes (768).
      assert.deepEqual(await page.locator('aside .widths button').allTextContents(), ['1440px', '1280px', '1024px', '768px', '375px']);
      await page.locator('aside .widths button', { hasText: '768px' }).click();
      assert.equal(Math.round((await page.locator(`aside cobrand-preview-frame[lang="${locale}"] cobrand-console`).boundingBox())!.width), 768);
      await page.locator('aside .widths button', { hasText: '375px' }).click();
      const phone = page.locator(`aside cobrand-preview-frame[lang="${locale}"]`);
      await phone.locator('[part="drawer-button"]').click();
      const drawer = phone.locator('dialog[part="drawer"]');
      await drawer.waitFor();
      assert.ok(await drawer.evaluate((dialog: HTMLDialogElement) => dialog.open));
      assert.match((await drawer.textContent()) ?? '', locale === 'en-US' ? /Backup/ : /备份服务/);
      await shot(page, `editor-preview-drawer-${locale}-${width}`);
      assert.deepEqual(await seriousViolations(page), [], `axe, drawer, ${locale} ${width}`);
      await page.keyboard.press('Escape');
      await until(() => drawer.evaluate((dialog: HTMLDialogElement) => dialog.open), false, 'Escape closes the drawer');
      await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'nothing unsaved');
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });

  it('fits a phone: the page never scrolls sideways at 320 or 375 px, in both languages', async () => {
    for (const locale of ['en-US', 'zh-CN']) {
      for (const width of [320, 375]) {
        const page = await editor(locale, width);
        const overflow = await page.evaluate(() => {
          const wide = [...document.querySelector('cobrand-editor-app')!.shadowRoot!.querySelectorAll<HTMLElement>('*')]
            .filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5 && !element.closest('cobrand-preview-frame') && element.getClientRects().length);
          return { scroll: document.documentElement.scrollWidth - innerWidth, wide: wide.slice(0, 5).map((element) => `${element.localName}.${element.className}`) };
        });
        assert.deepEqual(overflow, { scroll: 0, wide: [] }, `${locale} at ${width} px`);
        await page.context().close();
      }
    }
  });

  it('undoes and redoes edits with Ctrl+Z and Ctrl+Shift+Z (item 7)', async () => {
    const page = await editor();
    const entries = page.locator('[data-path="/promotionMenu"] > ol > li');
    assert.equal(await entries.count(), 4);
    await page.locator('li[data-path="/promotionMenu/3"] > .entry-head [data-action="remove"]').click();
    await until(() => entries.count(), 3, 'the entry is removed');
    await page.keyboard.press('Control+z');
    await until(() => entries.count(), 4, 'Ctrl+Z brings it back');
    assert.equal(await page.locator('#f-promotionMenu-3-label-en-US').inputValue(), 'Training');
    await page.keyboard.press('Control+Shift+z');
    await until(() => entries.count(), 3, 'Ctrl+Shift+Z removes it again');
    await page.getByRole('button', { name: '↶ Undo' }).click();
    await until(() => entries.count(), 4, 'the Undo button too');
    await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'the undone state is saved');
    assert.equal((await partnerApi(service).draft()).config.promotionMenu.length, 4);
    assert.deepEqual(await seriousViolations(page), [], 'axe');
    await page.context().close();
  });

  it('keeps a JSON edit of a shape the form cannot show: the section says so, and an edit elsewhere builds on it', async () => {
    const shapes: Array<[string, (doc: Record<string, any>) => void, string]> = [
      ['a promotion menu that is text', (doc) => { doc.promotionMenu = 'nope'; }, '#promotion'],
      ['a null entry', (doc) => { doc.promotionMenu = [null]; }, '#promotion'],
      ['sub-entries that are text', (doc) => { doc.promotionMenu[0].children = 'x'; }, '#promotion'],
      ['a hidden list that is a number', (doc) => { doc.cloudMenu = { info: { hidden: 7 } }; }, '#cloudMenu'],
      ['contact that is text', (doc) => { doc.operations = { contact: 'call us' }; }, '#operations'],
      ['logos that are a list', (doc) => { doc.brand = { logos: [1, 2] }; }, '#brand'],
    ];
    for (const [what, change, section] of shapes) {
      const page = await editor();
      const doc = JSON.parse(await page.locator('textarea#json-text').inputValue());
      change(doc);
      await page.locator('textarea#json-text').fill(JSON.stringify(doc, null, 2));
      const notice = page.locator(`${section} .notice`);
      await notice.waitFor();
      await notice.scrollIntoViewIfNeeded();
      assert.match(await notice.textContent() ?? '', /cannot show/, what);
      assert.equal(await page.locator(`${section} input`).count(), 0, `${what}: no fields left bound to the document before the JSON edit`);
      if (section === '#promotion') await shot(page, 'editor-form-cannot-show');
      // An edit in another part of the form builds on the JSON edit, never on the document before it.
      const [field, path] = section === '#brand' ? ['#f-operations-contact-phone', ['operations', 'contact', 'phone']] : ['#f-brand-logos-en-US-alt', ['brand', 'logos', 'en-US', 'alt']];
      await page.locator(field).fill('+86 400 123 4567');
      path.slice(0, -1).reduce((node, key) => node[key], doc)[path.at(-1)!] = '+86 400 123 4567';
      await until(async () => JSON.stringify((await partnerApi(service).draft()).config), JSON.stringify(doc), `${what}: the JSON edit is kept, with the later edit`);
      await page.context().close();
    }
    assert.deepEqual(problems, [], 'no errors in the page');
  });

  it('saves again by itself after the service said to wait (429) or failed (503), without another edit', async () => {
    for (const [status, body] of [[429, { code: 'rate_limited', message: 'Too many: retry in 1 s.', retryAfter: 1 }], [503, { code: 'unavailable', message: 'Restarting.' }]] as const) {
      const page = await editor('en-US', 1440, [new RegExp(`status of ${status}`)]); // the refusal this test makes
      let refused = 0;
      await page.route('**/v1/partners/acme-cloud/draft', (route) => {
        if (route.request().method() !== 'PUT' || refused++ > 0) return route.fallback();
        return route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body), headers: status === 429 ? { 'retry-after': '1' } : {} });
      });
      await page.locator('#f-brand-logos-en-US-alt').fill(`Acme Cloud ${status}`);
      await until(() => page.locator('.save').getAttribute('class'), 'save error', `the ${status} shows`);
      await page.waitForTimeout(status === 429 ? 1500 : 6000);
      await until(() => page.locator('.save').getAttribute('class'), 'save saved', `saved after the ${status}, with no new edit`);
      assert.equal((await partnerApi(service).draft()).config.brand.logos['en-US'].alt, `Acme Cloud ${status}`);
      await page.context().close();
    }
  });

  it('says the service\'s common errors in Chinese on a Chinese page', async () => {
    const page = await openPage(browser, { locale: 'zh-CN' });
    watchConsole(page.context(), problems, [/401/]);
    await page.goto(`${service.url}/#token=cbt_revoked-or-never-known`);
    await page.getByText('令牌无效或已被撤销：请使用新的登录链接。').first().waitFor();
    await page.context().close();
  });

  it('signs in when a sign-in link is opened in the page already open (only the fragment changes)', async () => {
    for (const [path, token, signedIn] of [['/', service.partnerToken, '.save.saved'], ['/review', service.reviewerToken, '#queue-title']] as const) {
      const page = await openPage(browser);
      watchConsole(page.context(), problems, [/401/]);
      await page.goto(`${service.url}${path}#token=cbt_revoked-or-never-known`);
      await page.getByText('The token is not known or was revoked.').first().waitFor();
      await page.goto(`${service.url}${path}#token=${token}`);
      await page.locator(signedIn).waitFor();
      assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
      await page.context().close();
    }
  });

  it('says in the page\'s language how large a document may be when an import is too large', async () => {
    for (const [locale, expected] of [['en-US', /big\.json is 293 KB; a customization document may be at most 256 KB\. Nothing was imported\./], ['zh-CN', /big\.json 大小为 293 KB，定制文档最多 256 KB。未导入任何内容。/]] as const) {
      const page = await editor(locale);
      await page.locator('#import').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(300_000, 32) });
      await page.locator('.notice.bad').waitFor();
      assert.match(await page.locator('.notice.bad').textContent() ?? '', expected);
      await page.context().close();
    }
  });

  it('keeps an edit when the sign-in ends before it is saved: signing in again saves it, and so does a new tab once the old one is closed', async () => {
    const label = '#f-promotionMenu-0-label-en-US';
    for (const how of ['sign in again', 'new tab'] as const) {
      // The edit is made as soon as the form shows, while the editor still loads the partner's comments.
      let commentsLoaded = () => {};
      const holdComments = (page: Page) => page.route('**/v1/partners/*/comments', async (route) => {
        await new Promise<void>((resolve) => { commentsLoaded = resolve; });
        await route.continue();
      }, { times: 1 });
      let page = await editor('en-US', 1440, [/401/], holdComments);
      // The service answers as for a revoked token (every request still goes to it, with a token it does not know).
      const revoked = (route: Route) => route.continue(route.request().headers().authorization ? { headers: { ...route.request().headers(), authorization: 'Bearer cbt_revoked-meanwhile' } } : {});
      await page.route('**/v1/**', revoked);
      await page.locator(label).fill(`Backup, ${how}`);
      await page.locator(label).press('Tab');
      commentsLoaded();
      await page.getByText('Your sign-in has ended').waitFor();
      await shot(page, `editor-sign-in-ended-${how.replaceAll(' ', '-')}`);
      if (how === 'sign in again') {
        // The service's reason, said again in the other language on a switch.
        await page.getByRole('button', { name: '中文' }).click();
        await until(() => page.locator('.save').textContent(), '未保存：令牌无效或已被撤销：请使用新的登录链接。', 'the reason in Chinese');
        await page.getByRole('button', { name: 'English' }).click();
      }
      if (how === 'sign in again') {
        await page.unroute('**/v1/**', revoked);
        await page.getByRole('button', { name: 'Sign in again', exact: true }).click();
        assert.equal(await page.evaluate(() => document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement?.id), 'token', 'the header leads to the sign-in');
        await page.keyboard.type(service.partnerToken);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      } else {
        // The tab is closed without a last save (none could reach the service deterministically
        // otherwise); a new tab starts signed out, and signed in with a (new) token the edit comes back by itself.
        const context = page.context();
        await page.close({ runBeforeUnload: false });
        page = await context.newPage();
        await page.goto(`${service.url}/`);
        await page.locator('#token').fill(service.partnerToken);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.getByRole('status').filter({ hasText: 'they are back in your draft and saved' }).waitFor();
      }
      await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'saved once signed in again');
      assert.equal(await page.locator(label).inputValue(), `Backup, ${how}`);
      assert.equal((await partnerApi(service).draft()).config.promotionMenu[0].label['en-US'], `Backup, ${how}`, 'the service has it');
      await page.context().close();
    }
  });

  it('saves an edit before signing out, however soon after it the partner signs out', async () => {
    const page = await editor();
    await page.locator('#f-promotionMenu-0-label-en-US').fill('Backup before sign-out');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#token').waitFor();
    assert.equal((await partnerApi(service).draft()).config.promotionMenu[0].label['en-US'], 'Backup before sign-out');
    await page.context().close();
  });

  it('says which logo was never uploaded when submitting, in both languages', async () => {
    for (const [locale, expected] of [['en-US', 'Dual brand › Logos › English › Image: This image is not among the uploaded images'], ['zh-CN', '双品牌 › 标识 › 英文 › 图片: 此图片不在已上传的图片中']] as const) {
      const page = await editor(locale, 1440, [/422/, /404/]); // the refusal, and the preview's broken logo
      await partnerApi(service).withdrawPending();
      await page.locator('#f-brand-logos-en-US-src').fill(`/assets/${'0'.repeat(64)}`);
      await page.keyboard.press('Tab');
      await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'saved');
      await page.getByRole('button', { name: locale === 'en-US' ? 'Submit for review' : '提交审核' }).click();
      await page.locator('.notice.bad').filter({ hasText: expected }).waitFor();
      await page.context().close();
    }
  });

  it('says the size an uploaded logo really is when the document states another, in both languages', async () => {
    for (const [locale, expected] of [['en-US', 'Dual brand › Logos › English › Image width (px): This image is 240×48 pixels: set width 240 and height 48, or remove both.'], ['zh-CN', '双品牌 › 标识 › 英文 › 图片宽度（像素）: 此图片为 240×48 像素：请将宽度设为 240、高度设为 48，或两者都删除。']] as const) {
      const page = await editor(locale, 1440, [/422/]);
      await partnerApi(service).withdrawPending();
      await page.locator('#upload-en-US').setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: png(240, 48) });
      await until(async () => JSON.parse(await page.locator('textarea#json-text').inputValue()).brand.logos['en-US'].width, 240, 'uploaded');
      const edited = JSON.parse(await page.locator('textarea#json-text').inputValue());
      edited.brand.logos['en-US'].width = 200; // by hand, in the JSON view
      await page.locator('textarea#json-text').fill(JSON.stringify(edited, null, 2));
      await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'saved');
      await page.getByRole('button', { name: locale === 'en-US' ? 'Submit for review' : '提交审核' }).click();
      await page.locator('.notice.bad').filter({ hasText: expected }).waitFor();
      // Beside the logo and in the count too, not only at the top of the page.
      assert.equal(await page.locator('#f-brand-logos-en-US-error').textContent(), expected.slice(expected.lastIndexOf(' › ') + 3));
      assert.equal(await page.locator('#summary-title').textContent(), locale === 'en-US' ? '1 problem to fix before you can submit' : '提交前需修正 1 个问题');
      // Fixed by the next edit: the refusal's notice goes with the error it named, not left at the top to say it still stands.
      edited.brand.logos['en-US'].width = 240;
      await page.locator('textarea#json-text').fill(JSON.stringify(edited, null, 2));
      await until(() => page.locator('#f-brand-logos-en-US-error').count(), 0, 'the field error gone');
      await until(() => page.locator('.notice.bad').count(), 0, 'the refusal\'s notice gone');
      await page.context().close();
    }
  });

  it('says a notice again in the other language when the partner switches language', async () => {
    const page = await editor('en-US');
    await page.locator('#import').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(300_000, 32) });
    await page.locator('.notice.bad').filter({ hasText: 'Nothing was imported.' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await until(() => page.locator('.notice.bad').textContent(), 'big.json 大小为 293 KB，定制文档最多 256 KB。未导入任何内容。', 'the notice in Chinese');
    await page.context().close();
  });

  it('imports only a customization document, only once the partner says to replace the draft, and Undo brings the draft back', async () => {
    const page = await editor('en-US', 1440, [/400/]); // the service refuses to save the document with 150 entries
    const before = await page.locator('textarea#json-text').inputValue();
    for (const [name, text] of [['hello.json', '{"hello":"world"}'], ['list.json', '[1, 2]'], ['number.json', '42']] as const) {
      await page.locator('#import').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await page.locator('.notice.bad').filter({ hasText: `${name} is not a customization document` }).waitFor();
      assert.equal(await page.locator('textarea#json-text').inputValue(), before, `${name}: the draft is untouched`);
    }
    // Far too many entries: the message names this list's own limit, not only the bound on any list.
    const crowded = { ...JSON.parse(before), promotionMenu: Array.from({ length: 150 }, (_, index) => ({ id: `e${index}`, label: { 'zh-CN': '项', 'en-US': 'Entry' }, href: 'https://www.acme.example/' })) };
    await page.locator('#import').setInputFiles({ name: 'crowded.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(crowded)) });
    await page.getByRole('button', { name: 'Replace the draft' }).click();
    await page.locator('.summary li').filter({ hasText: 'Shorten this list to at most 8 entries: it has 150.' }).waitFor();
    await page.locator('body').press('Control+z');
    await until(() => page.locator('textarea#json-text').inputValue(), before, 'undo restores the draft');
    const imported = { ...JSON.parse(before), operations: { contact: { phone: '+86 400 999 0000' } } };
    // A file for another partner: asked, with the difference said; Cancel leaves the draft as it was, and sends nothing.
    await until(() => page.locator('.save').textContent(), 'Saved', 'the undone import is saved');
    const saves: string[] = [];
    page.on('request', (request) => { if (request.method() === 'PUT') saves.push(request.url()); });
    await page.locator('#import').setInputFiles({ name: 'theirs.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...imported, partnerId: 'globex-cloud' })) });
    const question = page.getByRole('alert').filter({ hasText: 'Replace your whole draft with theirs.json?' });
    await question.waitFor();
    assert.match((await question.textContent()) ?? '', /theirs\.json is for globex-cloud, not acme-cloud\./);
    assert.equal(await page.evaluate(() => document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement?.id), 'import-question', 'the question has focus');
    await question.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await question.count(), 0);
    assert.equal(await page.locator('textarea#json-text').inputValue(), before, 'the draft is untouched');
    await page.waitForTimeout(1200); // longer than autosave waits
    assert.deepEqual(saves, [], 'nothing was saved');
    await page.locator('#import').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(imported)) });
    assert.doesNotMatch((await page.getByRole('alert').filter({ hasText: 'Replace your whole draft with mine.json?' }).textContent()) ?? '', / is for /, 'no warning for the partner\'s own file');
    await page.getByRole('button', { name: 'Replace the draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported mine.json as the draft. Undo (Ctrl+Z) brings the previous draft back.' }).waitFor();
    assert.equal(await page.locator('#f-operations-contact-phone').inputValue(), '+86 400 999 0000');
    await page.locator('body').press('Control+z');
    await until(() => page.locator('textarea#json-text').inputValue(), before, 'undo restores the draft');
    await page.context().close();
  });

  it('asks before the page is left with an edit not yet saved, and saves it meanwhile', async () => {
    const page = await editor();
    await page.locator('#f-brand-logos-en-US-alt').fill('Acme Cloud, left in a hurry');
    const asked = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    assert.equal(dialog.type(), 'beforeunload');
    await until(async () => (await partnerApi(service).draft()).config.brand.logos['en-US'].alt, 'Acme Cloud, left in a hurry', 'the save went out when the page was being left');
    await dialog.accept();
    await page.context().close();
  });

  it('takes #fff, fafafa and rgb(…) and keeps #RRGGBB (item 8)', async () => {
    const page = await editor();
    const colour = page.locator('#f-brand-navBackground');
    for (const [typed, kept] of [['#fff', '#FFFFFF'], ['fafafa', '#FAFAFA'], ['rgb(11, 61, 145)', '#0B3D91'], ['＃０Ｂ３Ｄ９１', '#0B3D91'], ['#1f6f3f', '#1F6F3F']]) {
      await colour.fill(typed!);
      await colour.press('Tab');
      assert.equal(await colour.inputValue(), kept, typed);
    }
    assert.equal(await page.locator('#f-brand-navBackground-error').count(), 0);
    await page.context().close();
    assert.deepEqual(problems, []);
  });
});
