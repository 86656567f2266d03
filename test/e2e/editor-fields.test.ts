import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startService, watchConsole, type Service } from './harness.ts';
import { focusedIn, openPage, partnerApi, seriousViolations, shot, until } from './helpers.ts';
import { png } from '../server/images.ts';

/** The editor's form: ids, empty lists, limits, when errors show, plural counts (issue 14, items 1–4 and 14). */
describe('the editor form tells limits and errors at the right time (issue 14)', () => {
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

  /** The editor on the seeded draft, in `locale` at `width`. */
  async function editor(locale: string, width: number, allowed: RegExp[] = []): Promise<Page> {
    await partnerApi(service).edit((config) => { for (const key of Object.keys(config)) delete config[key]; Object.assign(config, structuredClone(seed)); });
    const page = await openPage(browser, { locale, width });
    watchConsole(page.context(), problems, allowed);
    await page.goto(`${service.url}/#token=${service.partnerToken}`);
    await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'the draft loads');
    return page;
  }
  const doc = (page: Page) => page.locator('textarea#json-text').inputValue().then((text) => JSON.parse(text) as Record<string, any>);

  it('counts problems with plural rules, in both languages (item 14)', async () => {
    for (const [locale, expected] of [['en-US', '1 problem to fix before you can submit'], ['zh-CN', '提交前需修正 1 个问题']] as const) {
      const page = await editor(locale, 1440);
      await page.locator('#f-promotionMenu-0-href').fill('ftp://backup.acme.example/');
      await page.locator('#f-promotionMenu-0-href-error').waitFor();
      assert.equal(await page.locator('#summary-title').textContent(), expected);
      await page.context().close();
    }
  });

  it('shows a new entry\'s errors only once a field is left, or on submit (item 4)', async () => {
    const page = await editor('en-US', 1440);
    await page.locator('[data-path="/promotionMenu/0/children"] button[data-action="add"]').click();
    const fresh = page.locator('li[data-path="/promotionMenu/0/children/0"]');
    await fresh.waitFor();
    assert.equal(await fresh.locator('.error').count(), 0, 'no errors before anything is typed');
    assert.equal(await fresh.locator('[aria-invalid="true"]').count(), 0);
    assert.equal(await page.locator('.summary li').count(), 0, 'nor in the summary');
    assert.equal(await page.locator('#summary-title').textContent(), 'Fill in the new entries, then submit');
    // Submit shows them all, and submits nothing.
    await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'autosave');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.locator('#f-promotionMenu-0-children-0-label-en-US-error').waitFor();
    assert.equal(await page.locator('#summary-title').textContent(), '3 problems to fix before you can submit');
    assert.equal(await page.locator('#history .badge.pending').count(), 0, 'nothing submitted');
    // Another new entry: leaving one field shows that field's message only.
    await page.locator('[data-path="/promotionMenu/2/children"] button[data-action="add"]').click();
    await page.locator('#f-promotionMenu-2-children-0-label-zh-CN').focus();
    await page.keyboard.press('Tab');
    await page.locator('#f-promotionMenu-2-children-0-label-zh-CN-error').waitFor();
    assert.equal(await page.locator('#f-promotionMenu-2-children-0-label-en-US-error').count(), 0, 'only the field left');
    await page.context().close();
  });

  it('makes ids from the English name, unique in the whole menu (item 1)', async () => {
    const page = await editor('en-US', 1440);
    await page.locator('[data-path="/promotionMenu/0/children"] button[data-action="add"]').click();
    await page.locator('#f-promotionMenu-0-children-0-label-en-US').fill('Snapshots');
    await page.locator('[data-path="/promotionMenu/2/children"] button[data-action="add"]').click();
    await page.locator('#f-promotionMenu-2-children-0-label-en-US').fill('Snapshots');
    assert.equal(await page.locator('#f-promotionMenu-0-children-0-id').inputValue(), 'snapshots');
    assert.equal(await page.locator('#f-promotionMenu-2-children-0-id').inputValue(), 'snapshots-2');
    assert.ok(!(await page.locator('.summary').textContent())?.includes('unique'), 'no duplicate-id error');
    await page.context().close();
  });

  it('removes the list with its last sub-entry, so nothing blocks submitting (item 2)', async () => {
    const page = await editor('en-US', 1440);
    await page.locator('[data-path="/promotionMenu/3/children"] button[data-action="add"]').click();
    await page.locator('li[data-path="/promotionMenu/3/children/0"] [data-action="remove"]').click();
    assert.equal((await doc(page)).promotionMenu[3].children, undefined);
    await until(() => page.locator('.summary li').count(), 0, 'no problem left');
    await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'autosave');
    assert.ok(await page.getByRole('button', { name: 'Submit for review' }).isEnabled());
    await page.context().close();
  });

  it('shows each limit before it is hit, and says when a paste was cut (item 3)', async () => {
    const page = await editor('en-US', 1440);
    const name = page.locator('#f-promotionMenu-0-label-en-US');
    assert.equal(await name.getAttribute('maxlength'), '24', 'the schema\'s limit');
    assert.equal(await page.locator('#f-promotionMenu-0-label-en-US-count').textContent(), '6/24');
    await paste(page, '#f-promotionMenu-0-label-en-US', 'x'.repeat(300));
    assert.equal(await page.locator('#f-promotionMenu-0-label-en-US-clipped').textContent(), 'Cut to 24 characters, the limit for this field.');
    assert.equal((await doc(page)).promotionMenu[0].label['en-US'], 'x'.repeat(24));
    await page.keyboard.press('Backspace');
    await until(() => page.locator('#f-promotionMenu-0-label-en-US-clipped').count(), 0, 'an edit after the paste clears the notice');
    await drop(page, '#f-promotionMenu-1-label-en-US', 'y'.repeat(300));
    assert.equal(await page.locator('#f-promotionMenu-1-label-en-US-clipped').textContent(), 'Cut to 24 characters, the limit for this field.');
    assert.equal((await doc(page)).promotionMenu[1].label['en-US'].length, 24, 'a dropped text is cut like a paste');
    // Text put in at once (an input method's phrase, an emoji, a suggestion): counted as the schema counts, cut only past the limit, and said so.
    const emoji = `Sale ${'😀'.repeat(14)}`;
    await name.fill(emoji);
    assert.equal((await doc(page)).promotionMenu[0].label['en-US'], emoji, '19 characters of 24, though 33 UTF-16 units');
    assert.equal(await page.locator('#f-promotionMenu-0-label-en-US-count').textContent(), '19/24');
    assert.equal(await page.locator('#f-promotionMenu-0-label-en-US-clipped').count(), 0);
    const chinese = page.locator('#f-promotionMenu-0-label-zh-CN');
    const long = '这是一个用于测试超出长度限制的中文菜单名称会被截断吗';
    await chinese.fill(long);
    assert.equal((await doc(page)).promotionMenu[0].label['zh-CN'], long.slice(0, 24), 'cut at 24');
    assert.equal(await page.locator('#f-promotionMenu-0-label-zh-CN-clipped').textContent(), 'Cut to 24 characters, the limit for this field.');
    const add = page.locator('[data-path="/promotionMenu"] > .add-row button[data-action="add"]');
    assert.equal(await page.locator('#f-promotionMenu-count').textContent(), '4 of at most 8');
    for (let n = 4; n < 8; n++) await add.click();
    assert.ok(await add.isDisabled(), 'no ninth entry');
    assert.equal(await page.locator('#f-promotionMenu-count').textContent(), '8 of 8: the most there can be');
    // More than the limit can only come from the JSON view or an import: the counter says what to do.
    const json = page.locator('textarea#json-text');
    const withNine = await doc(page);
    withNine.promotionMenu.push({ ...withNine.promotionMenu[0], id: 'ninth' });
    await json.fill(JSON.stringify(withNine, null, 2));
    await until(() => page.locator('#f-promotionMenu-count').textContent(), '9: at most 8 can be submitted, remove 1', 'the counter over the limit');
    assert.match((await page.locator('#upload-en-US-limits').textContent()) ?? '', /at most 512 KB and 4096 × 4096 px/);
    await page.locator('label[for="upload-en-US"]').scrollIntoViewIfNeeded(); // where the partner clicks
    await page.locator('#upload-en-US').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
    await page.getByRole('alert').filter({ hasText: 'notes.txt is not a PNG, JPEG, WebP or SVG image' }).waitFor();
    await page.locator('#upload-en-US').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: Buffer.alloc(600 * 1024, 1) });
    await page.getByRole('alert').filter({ hasText: 'big.png is 600 KB; an image may be at most 512 KB' }).waitFor();
    assert.equal(await page.locator('fieldset[data-path="/brand/logos/en-US"] #upload-en-US-error').count(), 1, 'the message beside the button, not at the top of the form');
    assert.ok(await page.locator('#upload-en-US-error').evaluate((error) => { const box = error.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }), 'in view, where the partner clicked');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="28" viewBox="0 0 120 28"><rect width="120" height="28" fill="#F5A623"/></svg>';
    await page.locator('#upload-en-US').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    await until(async () => (await page.locator('#f-brand-logos-en-US-src').inputValue()).startsWith('/assets/'), true, 'a small image uploads');
    assert.equal(await page.locator('#upload-en-US-error').count(), 0, 'and the earlier message goes');
    await page.context().close();
  });

  it('removes one entry per press from the keyboard: focus goes to the entry that takes its place, and the removal is said', async () => {
    const page = await editor('en-US', 1440);
    const before = (await doc(page)).promotionMenu.map((entry: { id: string }) => entry.id);
    // A live region speaks when its content changes: it is there, empty, before the first notice.
    const status = page.locator('.form > .notices[role="status"]');
    assert.equal(await status.textContent(), '', 'the empty status region');
    await page.locator('li[data-path="/promotionMenu/1"] > .entry-head [data-action="remove"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // a second press, as a hurried hand makes
    const after = (await doc(page)).promotionMenu.map((entry: { id: string }) => entry.id);
    assert.deepEqual(after, before.filter((_: string, index: number) => index !== 1), 'only the one entry is gone');
    await until(() => focusedIn(page), '/promotionMenu/1', 'focus on the entry now in its place');
    assert.match(await status.textContent() ?? '', /^Removed “Migration”\. Ctrl\+Z brings it back\.$/);
    // The last entry: focus goes to the one before it. The only sub-entry: to its list's Add button.
    await page.locator('li[data-path="/promotionMenu/2"] > .entry-head [data-action="remove"]').click();
    await until(() => focusedIn(page), '/promotionMenu/1', 'focus on the entry before the last');
    await page.locator('[data-path="/promotionMenu/0/children"] button[data-action="add"]').click();
    await page.locator('li[data-path="/promotionMenu/0/children/0"] [data-action="remove"]').click();
    await until(() => page.evaluate(() => (document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement as HTMLElement).closest<HTMLElement>('.entries')?.dataset.path
      + ' ' + (document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement as HTMLElement).dataset.action), '/promotionMenu/0/children add', 'focus on the emptied list\'s Add button');
    await page.context().close();
  });

  it('says where a moved entry went, in both languages', async () => {
    for (const [locale, said] of [['en-US', 'Moved “Backup” to position 2 of 4.'], ['zh-CN', '已将“备份服务”移到第 2 位（共 4 项）。']] as const) {
      const page = await editor(locale, 1440);
      await page.locator('li[data-path="/promotionMenu/0"] > .entry-head [data-action="down"]').focus();
      await page.keyboard.press('Enter');
      await until(() => page.locator('.form > .notices[role="status"]').textContent(), said, `the move is said (${locale})`);
      assert.equal(await page.evaluate(() => (document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement as HTMLElement).closest<HTMLElement>('li.entry')?.dataset.path), '/promotionMenu/1', 'focus moves with the entry');
      await page.context().close();
    }
  });

  it('moves an entry one place per press and no further than the top; each move is one step of undo', async () => {
    const page = await editor('en-US', 1440);
    const ids = async () => (await doc(page)).promotionMenu.map((entry: { id: string }) => entry.id);
    const [backup, migration, managed, training] = await ids();
    await page.locator('li[data-path="/promotionMenu/2"] > .entry-head [data-action="up"]').focus();
    for (let press = 0; press < 4; press++) await page.keyboard.press('Enter'); // two more than it takes
    assert.deepEqual(await ids(), [managed, backup, migration, training], 'at the top, and it stays there');
    assert.equal(await focusedIn(page), '/promotionMenu/0', 'at the top, focus goes to the entry, not to its Move down');
    await page.keyboard.press('Control+z');
    assert.deepEqual(await ids(), [backup, managed, migration, training], 'one Ctrl+Z takes back one move');
    await page.context().close();
  });

  it('never drops focus to the page: Undo at the start of history, Submit for review', async () => {
    const page = await editor('en-US', 1440);
    await page.locator('#f-promotionMenu-0-label-en-US').fill('Moving');
    const undo = page.getByRole('button', { name: '↶ Undo' });
    await undo.focus();
    await page.keyboard.press('Enter');
    await until(() => page.locator('#f-promotionMenu-0-label-en-US').inputValue(), 'Backup', 'undone');
    assert.equal(await undo.getAttribute('aria-disabled'), 'true', 'nothing more to undo, and it says so');
    assert.equal(await page.evaluate(() => (document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement as HTMLElement | null)?.textContent?.trim()), '↶ Undo', 'focus stays on Undo');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#f-promotionMenu-0-label-en-US').inputValue(), 'Backup', 'a press with nothing to undo changes nothing');
    await page.locator('#f-promotionMenu-0-label-en-US').fill('Backups'); // something to submit
    await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'the edit is saved');
    await page.getByRole('button', { name: 'Submit for review' }).focus();
    await page.keyboard.press('Enter');
    await until(() => focusedIn(page), 'status', 'focus on the status, which now says pending');
    assert.match(await page.locator('#status').textContent() ?? '', /Pending/);
    await partnerApi(service).withdrawPending();
    await page.context().close();
  });

  it('takes focus to the new entry on adding one, the last one the list may have too; Tab goes on inside it', async () => {
    const page = await editor('en-US', 1440);
    const focusedId = () => page.evaluate(() => {
      const focused = document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement as HTMLElement | null;
      return focused ? focused.id || focused.dataset.path : document.activeElement?.localName;
    });
    const add = page.locator('[data-path="/promotionMenu"].entries > .add-row [data-action="add"]');
    let count = (await doc(page)).promotionMenu.length as number;
    for (; count < 8; count++) {
      await add.focus();
      await page.keyboard.press('Enter');
      await until(focusedId, `/promotionMenu/${count}`, `focus on the new entry ${count + 1}`);
    }
    assert.equal(await add.isDisabled(), true, 'the list is full');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement?.closest<HTMLElement>('li.entry')?.dataset.path), '/promotionMenu/7', 'Tab goes on inside it');
    await page.context().close();
  });

  it('opens the file chooser for a logo with Enter, as with Space', async () => {
    const page = await editor('en-US', 1440);
    const input = page.locator('#upload-en-US');
    // The click that opens the chooser is counted and stopped: headless Chromium's own chooser is too capricious to wait for.
    await input.evaluate((element) => {
      (window as unknown as { clicks: number }).clicks = 0;
      element.addEventListener('click', (event) => { (window as unknown as { clicks: number }).clicks++; event.preventDefault(); });
    });
    await input.focus();
    await page.keyboard.press('Enter');
    await until(() => page.evaluate(() => (window as unknown as { clicks: number }).clicks), 1, 'Enter activates the file input');
    await page.context().close();
  });

  it('spells a pasted link or address as the rules accept it once the field is left, in both languages', async () => {
    for (const locale of ['zh-CN', 'en-US']) {
      const page = await editor(locale, 1440);
      // As a Chinese input method types it: capitals, a full-width colon, an ideographic full stop, spaces around.
      await page.locator('#f-promotionMenu-0-href').fill('  HTTPS：//例子。中国/备份 ');
      await page.keyboard.press('Tab');
      await until(() => page.locator('#f-promotionMenu-0-href').inputValue(), 'https://xn--fsqu00a.xn--fiqs8s/备份', 'the link respelled');
      await page.locator('#f-operations-contact-email').fill(' support@acme.example ');
      await page.keyboard.press('Tab');
      await until(() => page.locator('#f-operations-contact-email').inputValue(), 'support@acme.example', 'the address trimmed');
      const saved = await doc(page);
      assert.equal(saved.promotionMenu[0].href, 'https://xn--fsqu00a.xn--fiqs8s/备份');
      assert.equal(saved.operations.contact.email, 'support@acme.example');
      assert.equal(await page.locator('#f-promotionMenu-0-href-error, #f-operations-contact-email-error').count(), 0, 'nothing left to fix');
      // Typed with the input method in full-width mode.
      for (const [field, typed, spelled] of [['#f-promotionMenu-1-href', 'ｈｔｔｐｓ：／／ｗｗｗ．ａｃｍｅ．ｅｘａｍｐｌｅ／ｍｉｇｒａｔｅ', 'https://www.acme.example/migrate'],
        ['#f-operations-contact-email', 'ｓｕｐｐｏｒｔ＠ａｃｍｅ．ｅｘａｍｐｌｅ', 'support@acme.example'], ['#f-operations-contact-phone', '＋８６ ４００ ０００ ００００', '+86 400 000 0000'],
        ['#f-promotionMenu-0-id', 'ｂａｃｋｕｐ－２', 'backup-2']] as const) {
        await page.locator(field).fill(typed);
        await page.keyboard.press('Tab');
        await until(() => page.locator(field).inputValue(), spelled, `${field} in half-width`);
        assert.equal(await page.locator(`${field}-error`).count(), 0, `${field}: nothing to fix`);
      }
      // What cannot be mended stays as typed, with its message.
      await page.locator('#f-promotionMenu-0-href').fill('http://acme.example/');
      await page.keyboard.press('Tab');
      await page.locator('#f-promotionMenu-0-href-error').waitFor();
      assert.equal(await page.locator('#f-promotionMenu-0-href').inputValue(), 'http://acme.example/');
      await page.context().close();
    }
  });

  it('counts characters as the schema does: a rare Chinese character is one, not two', async () => {
    const page = await editor('zh-CN', 1440);
    const name = '#f-promotionMenu-0-label-zh-CN';
    await paste(page, name, '𠮷'.repeat(30)); // U+20BB7: one code point, two UTF-16 units
    await until(async () => [...((await doc(page)).promotionMenu[0].label['zh-CN'] as string)].length, 24, 'cut to the schema\'s 24 characters, not 12');
    assert.equal(await page.locator(`${name}-count`).textContent(), '24/24');
    await page.locator(name).fill('𠮷'.repeat(5));
    assert.equal(await page.locator(`${name}-count`).textContent(), '5/24');
    const family = '👨\u200d👩\u200d👧\u200d👦'; // one emoji of 7 code points
    await paste(page, name, family.repeat(6));
    await until(async () => (await doc(page)).promotionMenu[0].label['zh-CN'], family.repeat(3), 'cut between emoji, never inside one');
    await page.context().close();
  });

  it('says why the service refused an image in the page\'s language', async () => {
    const page = await editor('zh-CN', 1440, [/status of 422/]); // the refusals themselves
    const whole = png(64, 16);
    await page.locator('#upload-zh-CN').setInputFiles({ name: 'cut.png', mimeType: 'image/png', buffer: whole.subarray(0, whole.length - 20) });
    await page.getByRole('alert').filter({ hasText: 'cut.png: 此图片已损坏或不完整' }).waitFor();
    await page.locator('#upload-zh-CN').setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: png(400, 20) });
    await page.getByRole('alert').filter({ hasText: 'wide.png: 图片为 400×20 像素；标识的宽高比须在 1:2（竖）到 8:1（横）之间' }).waitFor();
    await page.context().close();
  });

  it('records an uploaded logo\'s size, so the bar keeps its room; a typed address drops it, and one undo brings it back', async () => {
    const page = await editor('en-US', 1440);
    await page.route('https://static.acme.example/**', (route) => route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"/>' }));
    await page.locator('#upload-en-US').setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: png(240, 48) });
    const logo = async () => { const { src, width, height } = (await doc(page)).brand.logos['en-US']; return { uploaded: src.startsWith('/assets/'), width, height }; };
    await until(logo, { uploaded: true, width: 240, height: 48 }, 'the upload gives the image and its size');
    const barLogo = page.locator('cobrand-console[lang="en-US"] img[part="partner-logo"]');
    await until(async () => [await barLogo.getAttribute('width'), await barLogo.getAttribute('height')], ['240', '48'], 'the preview\'s bar reserves its room');
    // A slip of the keyboard, undone at once, keeps the size.
    await page.locator('#f-brand-logos-en-US-src').press('End');
    await page.keyboard.type('x');
    await until(logo, { uploaded: true, width: undefined, height: undefined }, 'another address (a slip): no size');
    await page.keyboard.press('Backspace');
    await until(logo, { uploaded: true, width: 240, height: 48 }, 'the address again: its size again');
    await page.keyboard.press('Tab');
    await page.locator('#f-brand-logos-en-US-src').fill('https://static.acme.example/other-logo.svg');
    await until(logo, { uploaded: false, width: 90, height: 30 }, 'another image\'s address: the old size goes, the new one comes once it loads');
    await page.locator('#f-brand-logos-en-US-src').press('Control+z');
    await until(logo, { uploaded: true, width: 240, height: 48 }, 'one undo: the uploaded image with its size');
    // The size has no field of its own: what is wrong with it, typed in the JSON view, shows at the logo.
    const edited = await doc(page);
    edited.brand.logos['en-US'].width = '240';
    await page.locator('textarea#json-text').fill(JSON.stringify(edited, null, 2));
    await until(() => page.locator('fieldset[data-path="/brand/logos/en-US"] #f-brand-logos-en-US-error').textContent(), 'Image width (px): Use a whole number here.', 'the error beside the logo, naming the field it has not');
    await page.context().close();
  });

  it('records a typed https logo\'s size once it has loaded, as the browser draws it', async () => {
    const page = await editor('en-US', 1440);
    const svgs: Record<string, string> = { 'sized.svg': 'width="200" height="40" viewBox="0 0 200 40"', 'viewbox.svg': 'viewBox="0 0 200 40"', 'banner.svg': 'width="1200" height="60"' };
    await page.route('https://static.partner.example/**', (route) => route.fulfill({
      contentType: 'image/svg+xml',
      body: `<svg xmlns="http://www.w3.org/2000/svg" ${svgs[route.request().url().split('/').at(-1)!]}><rect width="100%" height="100%" fill="#F5A623"/></svg>`,
    }));
    const size = async () => { const { width, height } = (await doc(page)).brand.logos['en-US']; return { width, height }; };
    const type = (name: string) => page.locator('#f-brand-logos-en-US-src').fill(`https://static.partner.example/${name}`);
    await type('sized.svg');
    await until(size, { width: 200, height: 40 }, 'the size of the image at the address typed');
    // Only a viewBox: the browser gives it 300 px of width and the viewBox's shape, as the bar will draw it.
    await type('viewbox.svg');
    await until(size, { width: 300, height: 60 }, 'an SVG sized by its viewBox');
    // A banner is no logo's shape (20:1): the form says so beside the logo, as an upload would be refused.
    await type('banner.svg');
    await until(size, { width: 1200, height: 60 }, 'the banner\'s size');
    const logoError = page.locator('fieldset[data-path="/brand/logos/en-US"] #f-brand-logos-en-US-error');
    await until(async () => (await logoError.count()) > 0, true, 'an error beside the logo');
    assert.match(await logoError.textContent() ?? '', /^Image width \(px\): A logo of 1200×60 pixels is outside a logo's shapes.*crop the image/);
    await page.context().close();
  });

  it('loads a typed logo address in the thumbnail once typing pauses, not a request per key', async () => {
    const page = await editor('en-US', 1440);
    const asked: string[] = [];
    await page.route((url) => url.protocol === 'https:', (route) => {
      asked.push(route.request().url());
      return route.fulfill({ contentType: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"/>' });
    });
    const field = page.locator('#f-brand-logos-en-US-src');
    await field.fill('');
    await field.pressSequentially('https://static.partner.example/brand/logo.svg', { delay: 40 });
    await until(async () => (await doc(page)).brand.logos['en-US'].width, 120, 'the size, once the address has loaded');
    assert.deepEqual([...new Set(asked)], ['https://static.partner.example/brand/logo.svg'], 'only the address typed (by the thumbnail and the preview), not each part of it on the way');
    await page.context().close();
  });

  it('keeps JSON text that does not parse across a reload, until it parses or the form rewrites it', async () => {
    const page = await editor('en-US', 1440);
    const json = page.locator('textarea#json-text');
    const saved = await json.inputValue();
    // A long document with one mistake in it: a missing comma.
    const broken = saved.replace('"alt": "Acme Cloud",', '"alt": "Acme Cloud"');
    assert.notEqual(broken, saved);
    await json.fill(broken);
    await page.locator('#json-error').waitFor();
    await page.reload();
    await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'the draft loads again');
    await until(() => json.inputValue(), broken, 'the text the partner was writing is back');
    assert.match((await page.locator('#json-error').textContent()) ?? '', /^Not valid JSON: .+ This text is kept in this browser; the draft is as last saved\.$/);
    assert.equal(await json.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(JSON.parse(saved), (await partnerApi(service).draft()).config, 'the stored draft is untouched');
    // Fixed, it becomes the draft, and a reload shows the draft, not the old text.
    await json.fill(saved);
    await until(() => page.locator('#json-error').count(), 0, 'the fixed text parses');
    await json.fill(broken);
    await page.locator('#json-error').waitFor();
    // An edit in the form rewrites the box from the document: the broken text is gone for good.
    await page.locator('#f-promotionMenu-0-label-en-US').fill('Billing');
    await until(() => page.locator('#json-error').count(), 0, 'the form\'s edit shows in the box');
    await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'autosave');
    // Text broken after a form edit stays through anything else that redraws the page.
    const brokenAgain = (await json.inputValue()).replace('"schemaVersion": 1', '"schemaVersion": ');
    await json.fill(brokenAgain);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await json.inputValue(), brokenAgain, 'a switch of language keeps the text');
    await page.locator('#f-promotionMenu-0-label-en-US').fill('Billing');
    await page.reload();
    await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'the draft loads again');
    assert.equal((await doc(page)).promotionMenu[0].label['en-US'], 'Billing', 'the draft, not the old text');
    assert.equal(await page.locator('#json-error').count(), 0);
    await page.context().close();
  });

  it('names the JSON view\'s text box for screen readers, and gives every id once', async () => {
    const page = await editor('zh-CN', 1440);
    assert.equal(await page.getByRole('textbox', { name: 'JSON', exact: true }).count(), 1);
    // Ids are per tree: each shadow root is a tree of its own.
    const repeated = await page.evaluate(() => {
      const found: string[] = [];
      const roots: Array<Document | ShadowRoot> = [document];
      for (let root = roots.pop(); root; root = roots.pop()) {
        const ids = [...root.querySelectorAll('[id]')].map((element) => element.id);
        found.push(...ids.filter((id, index) => ids.indexOf(id) !== index));
        for (const element of root.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
      }
      return found;
    });
    assert.deepEqual(repeated, []);
    await page.context().close();
  });

  it('names the colour picker apart from the colour field it sets', async () => {
    const page = await editor('en-US', 1440);
    assert.equal(await page.getByLabel('Navigation bar colour', { exact: true }).getAttribute('type'), 'text', 'one control by that name: the field');
    await page.getByLabel('Pick the navigation bar colour', { exact: true }).fill('#123456');
    await until(() => page.getByLabel('Navigation bar colour', { exact: true }).inputValue(), '#123456', 'the picker sets the field');
    await page.context().close();
  });

  it('keeps axe quiet in these states, zh and en, 1440 and 375 px', async () => {
    for (const [locale, width] of [['en-US', 1440], ['en-US', 375], ['zh-CN', 1440], ['zh-CN', 375]] as const) {
      const page = await editor(locale, width);
      await page.locator('[data-path="/promotionMenu/0/children"] button[data-action="add"]').click();
      await page.locator('li[data-path="/promotionMenu/0/children/0"]').scrollIntoViewIfNeeded();
      await shot(page, `editor-new-entry-${locale}-${width}`);
      assert.deepEqual(await seriousViolations(page), [], `new entry, ${locale} ${width}`);
      await page.locator('#f-promotionMenu-0-children-0-label-zh-CN').focus();
      await page.keyboard.press('Tab');
      await paste(page, '#f-promotionMenu-0-label-en-US', 'y'.repeat(100));
      const add = page.locator('[data-path="/promotionMenu"] > .add-row button[data-action="add"]');
      for (let n = 4; n < 8; n++) await add.click();
      await page.locator('#f-promotionMenu-0-label-en-US').scrollIntoViewIfNeeded();
      await shot(page, `editor-limits-${locale}-${width}`);
      assert.deepEqual(await seriousViolations(page), [], `limits, ${locale} ${width}`);
      await until(() => page.locator('.save').getAttribute('class'), 'save saved', 'autosave before the next view');
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });
});

/** A real paste (Ctrl+V from the clipboard) over the field's whole text. */
async function paste(page: Page, selector: string, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((pasted) => navigator.clipboard.writeText(pasted), text);
  await page.locator(selector).selectText();
  await page.keyboard.press('Control+V');
}

/** A real drop of `text` from another application onto the field (Chromium's own drag input). */
async function drop(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).scrollIntoViewIfNeeded();
  const box = (await page.locator(selector).boundingBox())!;
  const at = { x: box.x + box.width - 4, y: box.y + box.height / 2 };
  const data = { items: [{ mimeType: 'text/plain', data: text }], dragOperationsMask: 1 };
  const cdp = await page.context().newCDPSession(page);
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  await cdp.detach();
}
