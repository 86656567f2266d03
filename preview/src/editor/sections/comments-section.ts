import { html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ReviewComment } from '../../shared/api.ts';
import { locateComment, placeComments } from '../../shared/comment-anchor.ts';
import { humanPath } from '../../shared/labels.ts';
import { fieldId, focusField } from '../fields.ts';
import { EditorSection } from './section.ts';

/**
 * The reviewers' comments on fields: each open one with a link to its field (where it is now,
 * following moved entries) and a tick for "resolved in my next submission"; those whose field
 * moved out of reach or was removed in a list of their own, so none is lost; resolved ones below.
 */
@customElement('cobrand-comments-section')
export class CobrandCommentsSection extends EditorSection {
  protected override render() {
    const { draft, i18n } = this.context;
    if (!draft.me || draft.comments.length === 0) return nothing;
    const { t } = i18n;
    const { byPath, lost } = placeComments(draft.openComments, draft.doc);
    const placed = [...byPath].flatMap(([path, comments]) => comments.map((comment) => ({ comment, path })));
    const resolved = draft.comments.filter((comment) => comment.resolvedIn !== null);
    return this.section('comments', t('commentsTitle'), html`
      ${placed.length || lost.length ? html`<p class="hint">${t('commentsIntro')}</p>` : nothing}
      ${placed.length ? html`<ul class="comment-list">${placed.map(({ comment, path }) => this.renderOpen(comment, path))}</ul>` : nothing}
      ${lost.length ? html`<h3 id="comments-lost">${t('commentsLost')}</h3><p class="hint">${t('commentsLostHint')}</p>
        <ul class="comment-list lost" aria-labelledby="comments-lost">${lost.map((comment) => this.renderOpen(comment, null))}</ul>` : nothing}
      ${resolved.length ? html`<details><summary>${t('commentsResolved', { count: resolved.length })}</summary>
        <ul class="comment-list resolved">${resolved.map((comment) => html`<li>
          <span class="where">${this.where(comment)}</span> <span class="text">${comment.text}</span>
          <span class="by">— ${t('commentResolvedOn', { date: i18n.date(comment.resolvedAt!) })}</span></li>`)}</ul></details>` : nothing}`);
  }

  /** Where a resolved comment was, named by its entry as when it was open; by position when that entry is gone. */
  private where(comment: ReviewComment): string {
    const { draft, i18n } = this.context;
    const path = locateComment(comment, draft.doc);
    return path === null ? humanPath(comment.pointer, i18n.lang) : humanPath(path, i18n.lang, draft.doc);
  }

  private renderOpen(comment: ReviewComment, path: string | null): TemplateResult {
    const { draft, i18n } = this.context;
    const { t } = i18n;
    const id = `comment-${comment.id}`;
    const where = humanPath(path ?? comment.pointer, i18n.lang, path === null ? undefined : draft.doc);
    return html`<li class="review-comment" data-comment=${comment.id}>
      <p>${path === null
        ? html`<span class="where">${t('commentOn', { field: where })}</span> <code>${comment.pointer}</code>`
        : html`<a class="where" href="#${fieldId(path)}" @click=${(event: Event) => { event.preventDefault(); focusField(this.getRootNode() as ParentNode, path); }}>${t('commentOn', { field: where })}</a>`}</p>
      <p id="${id}-text"><span class="text">${comment.text}</span> <span class="by">— ${t('commentBy', { who: t('actorReviewer', { name: comment.author.split('/')[1] ?? '' }), date: i18n.date(comment.createdAt) })}</span></p>
      <label class="resolve"><input type="checkbox" .checked=${draft.resolving.has(comment.id)} aria-describedby="${id}-text"
        @change=${(event: Event) => draft.markResolved(comment.id, (event.target as HTMLInputElement).checked)}> ${t('commentResolve')}</label>
    </li>`;
  }
}
