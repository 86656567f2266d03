/** The reviewer's side of review comments: writing them with a decision, and reading those of a submission. */
import { html, nothing, type TemplateResult } from 'lit';
import type { ReviewComment } from '../shared/api.ts';
import { locateComment } from '../shared/comment-anchor.ts';
import { humanPath } from '../shared/labels.ts';
import type { ReviewContext } from './view.ts';

/** Every place in `doc` a comment may be about (objects, lists and values), at most `limit`. */
export function pointersOf(doc: unknown, limit = 500): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (found.length >= limit) return;
    if (path) found.push(path);
    if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  walk(doc, '');
  return found;
}

/** The form that adds a comment on a field, and the comments waiting to go with the decision. */
export function renderCommentDraft(context: ReviewContext): TemplateResult {
  const { i18n, selected, draftComments, commentError, addComment, removeComment } = context;
  const { t } = i18n;
  const doc = selected?.document;
  const error = (field: 'pointer' | 'text') => commentError?.field === field ? commentError.message : '';
  return html`<section class="comment-draft" aria-labelledby="comment-draft-title">
    <h3 id="comment-draft-title">${t('commentsAdd')}</h3>
    <p class="hint" id="comment-draft-hint">${t('commentsAddHint')}</p>
    <form class="decision" @submit=${addComment} aria-describedby="comment-draft-hint">
      <div class="field"><label for="comment-pointer">${t('commentField')}</label>
        <input id="comment-pointer" name="pointer" list="comment-pointers" autocomplete="off" spellcheck="false" placeholder="/promotionMenu/0/href" maxlength="1000"
          aria-invalid=${error('pointer') ? 'true' : 'false'} aria-describedby=${error('pointer') ? 'comment-pointer-error' : nothing}>
        <datalist id="comment-pointers">${pointersOf(doc).map((pointer) => html`<option value=${pointer}>${humanPath(pointer, i18n.lang, doc)}</option>`)}</datalist>
        ${error('pointer') ? html`<p class="error" id="comment-pointer-error" role="alert">${error('pointer')}</p>` : nothing}</div>
      <div class="field"><label for="comment-text">${t('commentText')}</label>
        <textarea id="comment-text" name="text" maxlength="2000" aria-invalid=${error('text') ? 'true' : 'false'} aria-describedby=${error('text') ? 'comment-text-error' : nothing}></textarea>
        ${error('text') ? html`<p class="error" id="comment-text-error" role="alert">${error('text')}</p>` : nothing}</div>
      <div><button type="submit">${t('addComment')}</button></div>
    </form>
    ${draftComments.length ? html`<h4 id="comments-to-send">${t('commentsToSend', { count: draftComments.length })}</h4>
      <ul class="comment-list" aria-labelledby="comments-to-send">${draftComments.map((comment, index) => html`<li class="review-comment">
        <p><span class="where">${humanPath(comment.pointer, i18n.lang, doc)}</span> <code>${comment.pointer}</code></p><p><span class="text">${comment.text}</span></p>
        <button type="button" class="icon danger" aria-label="${t('removeComment')}: ${humanPath(comment.pointer, i18n.lang, doc)}" @click=${() => removeComment(index)}>✕</button>
      </li>`)}</ul>` : nothing}
  </section>`;
}

/** The comments a submission carries: left on it, resolved by it, or still open from earlier ones. */
export function renderComments(context: ReviewContext): TemplateResult | typeof nothing {
  const { i18n, selected, actorName } = context;
  if (!selected?.comments.length) return nothing;
  const { t } = i18n;
  const { submission, document } = selected;
  const state = (comment: ReviewComment) => comment.resolvedIn === submission.id ? html`<span class="badge resolved">${t('commentResolvedHere')}</span>`
    : comment.resolvedIn ? html`<span class="badge resolved">${t('commentResolvedOn', { date: i18n.date(comment.resolvedAt!) })}</span>`
    : html`<span class="badge open">${t('commentOpen')}</span>`;
  return html`<section class="card" aria-labelledby="comments-title">
    <h2 id="comments-title">${t('commentsOnSubmission', { count: selected.comments.length })}</h2>
    <ul class="comment-list">${selected.comments.map((comment) => {
      const now = locateComment(comment, document);
      return html`<li class="review-comment" data-comment=${comment.id}>
        <p>${state(comment)} ${comment.submissionId === submission.id ? html`<span class="badge">${t('commentMadeHere')}</span>` : nothing}
          <span class="where">${humanPath(now ?? comment.pointer, i18n.lang, now === null ? undefined : document)}</span> <code>${now ?? comment.pointer}</code>
          ${now === null ? html`<span class="badge overdue">${t('commentMoved')}</span>` : nothing}</p>
        <p><span class="text">${comment.text}</span> <span class="by">— ${t('commentBy', { who: actorName(comment.author), date: i18n.date(comment.createdAt) })}</span></p>
      </li>`;
    })}</ul>
  </section>`;
}
