import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ReviewView } from './view.ts';

/** The pending submissions by due date, overdue marked. */
@customElement('cobrand-review-queue')
export class CobrandReviewQueue extends ReviewView {
  protected override render() {
    const { i18n, queue, selected, open } = this.context;
    const { t } = i18n;
    return html`<nav class="queue card" aria-labelledby="queue-title">
      <h2 id="queue-title">${t('queue')} (${queue.length})</h2>
      ${queue.length === 0 ? html`<p>${t('noPending')}</p>` : html`<ol>${queue.map((item) => html`<li>
        <button type="button" aria-current=${selected?.submission.id === item.id ? 'true' : 'false'} @click=${() => open(item.id)}>
          <strong>${item.partnerId}</strong>
          <span class="meta">${t('due')} ${i18n.date(item.dueAt)} ${item.overdue ? html`<span class="badge overdue">${t('overdue')}</span>` : nothing}</span>
          <span class="meta">${t('submittedAt')} ${i18n.date(item.submittedAt)}</span>
        </button></li>`)}</ol>`}
    </nav>`;
  }
}
