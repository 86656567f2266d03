import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startService, watchConsole, type Service } from './harness.ts';
import { openPage, partnerApi, reviewerApi, seriousViolations, shot, until } from './helpers.ts';

const COMMENT = 'Backup must stay on www.acme.example, the domain we verified.';

describe('review comments on fields and share links, end to end in Chromium (issue 11, items 3 and 4)', () => {
  let service: Service;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    [service, browser] = await Promise.all([startService(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await service?.stop();
    assert.deepEqual(problems, []);
  });

  async function page(path: string, options: { locale?: string; width?: number } = {}): Promise<Page> {
    const opened = await openPage(browser, options);
    watchConsole(opened.context(), problems);
    await opened.goto(`${service.url}${path}`);
    return opened;
  }

  const box = (locator: ReturnType<Page['locator']>) => locator.boundingBox().then((found) => found ?? assert.fail('not laid out'));

  it('a reviewer rejects with a comment on a field; the partner sees it beside the field and on the bar, fixes it, marks it resolved and resubmits', async () => {
    const partner = partnerApi(service);
    await partner.edit((config) => { config.promotionMenu[0].href = 'https://backup.partner-new.example/'; });
    const first = await partner.submit();
    const entryId: string = (await partner.draft()).config.promotionMenu[0].id;

    // The reviewer writes the comment in the console and rejects.
    const reviewer = await page(`/review?submission=${first}#token=${service.reviewerToken}`);
    await reviewer.locator('#comment-pointer').waitFor();
    await reviewer.locator('#comment-pointer').fill('/promotionMenu/99/href');
    await reviewer.locator('#comment-text').fill(COMMENT);
    await reviewer.getByRole('button', { name: 'Add comment' }).click();
    await reviewer.locator('#comment-pointer-error').waitFor();
    await reviewer.locator('#comment-pointer').fill('/promotionMenu/0/href');
    await reviewer.getByRole('button', { name: 'Add comment' }).click();
    await reviewer.locator('#comments-to-send').waitFor();
    await shot(reviewer, 'comments-review-draft');
    await reviewer.locator('#reason').fill('See the comment on the link.');
    await reviewer.getByRole('button', { name: 'Reject' }).click();
    await reviewer.locator('#detail-title .badge.rejected').waitFor();
    await reviewer.locator('#comments-title').waitFor();
    assert.match((await reviewer.locator('[data-comment]').textContent()) ?? '', /Left on this submission[\s\S]*\/promotionMenu\/0\/href[\s\S]*verified/);

    // The partner sees it beside the field, in the list of comments, and marked on the entry in the preview.
    const editor = await page(`/#token=${service.partnerToken}`);
    await until(() => editor.locator('.save').textContent(), 'Saved', 'the draft loads');
    const note = editor.locator('#f-promotionMenu-0-href-comment');
    await note.waitFor();
    assert.match((await note.textContent()) ?? '', /verified/);
    assert.match((await editor.locator('#f-promotionMenu-0-href').getAttribute('aria-describedby')) ?? '', /f-promotionMenu-0-href-comment/);
    assert.match((await editor.locator('#comments').textContent()) ?? '', /On Promotion menu › “.*” › Link/);
    await editor.locator('#comments a.where').focus();
    await editor.keyboard.press('Enter');
    assert.equal(await editor.evaluate(() => (document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement as HTMLElement).id), 'f-promotionMenu-0-href', 'the comment leads to its field');
    const enFrame = editor.locator('cobrand-preview-frame[lang="en-US"]');
    const mark = enFrame.locator('.comment-mark');
    await mark.waitFor();
    const entry = await box(enFrame.locator(`cobrand-promo-menu .menubar:not(.measuring) [data-id="${entryId}"]`));
    const marked = await box(mark);
    assert.ok(Math.abs(marked.x - entry.x) < 2 && Math.abs(marked.width - entry.width) < 2, `the mark is over the entry: ${JSON.stringify({ marked, entry })}`);
    assert.match((await enFrame.locator('figcaption').textContent()) ?? '', /Comment 1: Promotion menu/);
    await shot(editor, 'comments-editor');
    await note.scrollIntoViewIfNeeded();
    await shot(editor, 'comments-editor-field');
    assert.deepEqual(await seriousViolations(editor), [], 'axe: editor with a comment');

    // The comment follows its entry when the partner moves it.
    await editor.locator('[data-path="/promotionMenu/0"] > .entry-head [data-action="down"]').click();
    await editor.locator('#f-promotionMenu-1-href-comment').waitFor();
    await editor.locator('[data-path="/promotionMenu/1"] > .entry-head [data-action="up"]').click();
    await note.waitFor();

    await editor.locator('#f-promotionMenu-0-href').fill('https://www.acme.example/backup-vault');
    await editor.locator('[data-comment] input[type="checkbox"]').check();
    await mark.waitFor({ state: 'detached' });
    await until(() => editor.locator('.save').textContent(), 'Saved', 'autosave');
    await editor.getByRole('button', { name: 'Submit for review' }).click();
    await editor.getByText(/Submitted: due/).waitFor();

    const comments = await (await fetch(`${service.url}/v1/partners/acme-cloud/comments`, { headers: { authorization: `Bearer ${service.partnerToken}` } })).json() as { items: Array<{ resolvedIn: string | null; text: string }> };
    const submissions = await (await fetch(`${service.url}/v1/partners/acme-cloud/submissions`, { headers: { authorization: `Bearer ${service.partnerToken}` } })).json() as { items: Array<{ id: string; status: string }> };
    const second = submissions.items.find((item) => item.status === 'pending')!.id;
    assert.deepEqual(comments.items.map((comment) => [comment.text, comment.resolvedIn]), [[COMMENT, second]]);
    // Resolved, it stays in the editor's list of earlier comments, no longer beside the field.
    await editor.locator('#comments details').waitFor();
    assert.equal(await note.count(), 0);
    await editor.locator('#comments details summary').click();
    assert.match(await editor.locator('#comments .comment-list.resolved .where').textContent() ?? '', /“Backup”/, 'named by its entry, as when it was open');

    // The reviewer sees it, resolved, with the next submission.
    await reviewer.goto(`${service.url}/review?submission=${second}`);
    await reviewer.locator('#comments-title').waitFor();
    assert.match((await reviewer.locator('[data-comment]').textContent()) ?? '', /Resolved by this submission/);
    await reviewer.locator('#comments-title').scrollIntoViewIfNeeded();
    await shot(reviewer, 'comments-review');
    assert.deepEqual(await seriousViolations(reviewer), [], 'axe: review console with a resolved comment');

    // Withdrawn and resubmitted with a later edit, the new submission resolves it instead.
    await editor.locator('#f-operations-contact-phone').fill('+86 400 555 6666');
    await until(() => editor.locator('.save').textContent(), 'Saved', 'autosave');
    await editor.getByRole('button', { name: 'Withdraw and resubmit with these changes' }).click();
    const pendingId = async () => (await partnerApi(service).submissions()).find((item) => item.status === 'pending')?.id;
    await until(async () => { const pending = await pendingId(); return pending && pending !== second ? 'resubmitted' : 'not yet'; }, 'resubmitted', 'a new submission');
    const third = await pendingId();
    const carried = await (await fetch(`${service.url}/v1/partners/acme-cloud/comments`, { headers: { authorization: `Bearer ${service.partnerToken}` } })).json() as { items: Array<{ resolvedIn: string | null }> };
    assert.deepEqual(carried.items.map((comment) => comment.resolvedIn), [third], 'resolved by the new submission, not left open by the withdrawn one');
    await editor.context().close();
    await reviewer.context().close();
  });

  /**
   * The draft changed, submitted and rejected with one comment; then the partner's editor, loaded.
   * What was pending is settled by a decision first: withdrawn, it would open again the comments it resolved.
   */
  async function editorAfterComment(change: (config: Record<string, any>) => void, comment: { pointer: string; text: string }): Promise<Page> {
    const partner = partnerApi(service);
    for (const item of (await partner.submissions()).filter((candidate) => candidate.status === 'pending')) await reviewerApi(service).reject(item.id, 'Settled by the test.');
    await partner.edit(change);
    await reviewerApi(service).reject(await partner.submit(), 'See the comment.', [comment]);
    const editor = await page(`/#token=${service.partnerToken}`);
    await until(() => editor.locator('.save').textContent(), 'Saved', 'the draft loads');
    return editor;
  }

  it('marks a comment on one language\'s text on that language\'s bar only', async () => {
    const editor = await editorAfterComment((config) => { config.promotionMenu[0].label['zh-CN'] = '备份与恢复'; },
      { pointer: '/promotionMenu/0/label/zh-CN', text: 'Use the product name in Chinese.' });
    await editor.locator('cobrand-preview-frame[lang="zh-CN"] .comment-mark').waitFor();
    await editor.waitForTimeout(700); // the frames place their marks over a few frames
    assert.equal(await editor.locator('cobrand-preview-frame[lang="en-US"] .comment-mark').count(), 0, 'not on the English bar');
    await editor.context().close();
  });

  it('keeps the number of a comment on the bar\'s last entry inside the preview', async () => {
    const editor = await editorAfterComment((config) => { config.promotionMenu[0].label['en-US'] = 'Backup, again'; },
      { pointer: '/operations/contact/phone', text: 'Use the support line.' });
    await editor.locator('cobrand-preview-frame .comment-mark').first().waitFor();
    await editor.waitForTimeout(700); // the frames place their marks over a few frames
    const outside = await editor.evaluate(() => [...document.querySelector('cobrand-editor-app')!.shadowRoot!.querySelectorAll('cobrand-preview-frame')].flatMap((frame) => {
      // The preview scrolls sideways: the badge must stay within the screen it shows.
      const screen = frame.shadowRoot!.querySelector('.screen')!.getBoundingClientRect();
      return [...frame.shadowRoot!.querySelectorAll('.comment-mark b')].map((badge) => badge.getBoundingClientRect())
        .filter((badge) => badge.right > screen.right || badge.bottom > screen.bottom || badge.left < screen.left)
        .map((badge) => `${frame.getAttribute('lang')} at ${frame.getAttribute('width')} px: the badge spans ${Math.round(badge.left)}–${Math.round(badge.right)}, the screen ${Math.round(screen.left)}–${Math.round(screen.right)}`);
    }));
    assert.deepEqual(outside, []);
    await editor.context().close();
  });

  it('a colleague without a token opens a share link and sees the bar; a later edit never shows; revoked, it shows nothing', async () => {
    const partner = partnerApi(service);
    await partner.withdrawPending();
    await partner.edit((config) => { config.promotionMenu[0].label['en-US'] = 'Shared Backup'; });

    const editor = await page(`/#token=${service.partnerToken}`);
    await until(() => editor.locator('.save').textContent(), 'Saved', 'the draft loads');
    await editor.getByRole('button', { name: 'Share preview…' }).click();
    const dialog = editor.locator('dialog.share-dialog');
    await dialog.waitFor();
    await dialog.locator('#share-expiry').selectOption('14');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const url = await dialog.locator('#share-url').inputValue();
    assert.match(url, /\/demo#share=cbs_[\w-]+$/);
    assert.deepEqual(await seriousViolations(editor), [], 'axe: the share dialog with a new link');
    await shot(editor, 'share-dialog');

    // Later edits stay out of the link.
    await partner.edit((config) => { config.promotionMenu[0].label['en-US'] = 'Later Edit'; });

    for (const locale of ['en-US', 'zh-CN']) {
      for (const width of [1440, 375]) {
        const colleague = await openPage(browser, { locale, width });
        watchConsole(colleague.context(), problems);
        await colleague.goto(url);
        await colleague.locator('#share-banner[role="status"]').waitFor();
        assert.match((await colleague.locator('#share-banner').textContent()) ?? '', locale === 'en-US' ? /Shared preview: the draft of acme-cloud/ : /共享预览：acme-cloud 的草稿/);
        if (width === 1440 && locale === 'en-US') {
          await colleague.locator('cobrand-console cobrand-promo-menu .menubar:not(.measuring) .label', { hasText: 'Shared Backup' }).waitFor();
          assert.equal(await colleague.locator('cobrand-console', { hasText: 'Later Edit' }).count(), 0);
        }
        await colleague.locator('cobrand-console [part="partner-logo"]').waitFor();
        await shot(colleague, `share-${locale}-${width}`);
        assert.deepEqual(await seriousViolations(colleague), [], `axe: shared preview, ${locale}, ${width} px`);
        await colleague.context().close();
      }
    }

    const listed = dialog.locator('table.shares tbody tr').first();
    // Escape closes the dialog and gives focus back to its button; Enter opens it again.
    await editor.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await editor.evaluate(() => (document.querySelector('cobrand-editor-app')!.shadowRoot!.activeElement as HTMLElement).className), 'share-open');
    await editor.keyboard.press('Enter');
    await dialog.waitFor();
    await until(async () => /never/.test((await listed.textContent()) ?? ''), false, 'the list says when it was last opened');
    await listed.getByRole('button', { name: /Revoke/ }).click();
    await listed.locator('.badge', { hasText: 'revoked' }).waitFor();

    const colleague = await openPage(browser);
    watchConsole(colleague.context(), problems, [/404/]);
    await colleague.goto(url);
    const gone = colleague.locator('#share-banner[role="alert"]');
    await gone.waitFor();
    assert.match((await gone.textContent()) ?? '', /does not exist, has expired or was revoked/);
    await colleague.locator('cobrand-console .bar').waitFor();
    assert.equal(await colleague.locator('cobrand-console', { hasText: 'Shared Backup' }).count(), 0, 'no snapshot once revoked');
    assert.equal(await colleague.locator('cobrand-console', { hasText: 'Later Edit' }).count(), 0, 'never the later draft');
    assert.deepEqual(await seriousViolations(colleague), [], 'axe: a revoked link');
    await colleague.context().close();
    await editor.context().close();

    // The reviewer's audit trail says who made the link and who revoked it.
    const reviewer = await page(`/review?partner=acme-cloud#token=${service.reviewerToken}`);
    const rows = reviewer.locator('table.audit tbody tr');
    await rows.first().waitFor();
    const trail = (await rows.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
    const made = trail.filter((row) => row.includes('Made a share link'));
    const revoked = trail.filter((row) => row.includes('Revoked a share link'));
    assert.ok(made.length >= 1 && made.every((row) => /The draft [0-9a-f]{12} Partner acme-cloud/.test(row)), made.join('\n'));
    assert.equal(revoked.length, 1, trail.join('\n'));
    assert.match(revoked[0]!, /The draft [0-9a-f]{12} Partner acme-cloud/);
    await reviewer.context().close();
  });
});
