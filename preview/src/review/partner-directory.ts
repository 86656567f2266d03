import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ReviewView } from './view.ts';

/** Every partner, reachable whether or not the queue is empty: what is live, what is pending, and the way to its versions and history. */
@customElement('cobrand-partner-directory')
export class CobrandPartnerDirectory extends ReviewView {
  protected override render() {
    const { i18n, directory, partnerId, openPartner } = this.context;
    const { t } = i18n;
    return html`<nav class="queue directory card" aria-labelledby="directory-title">
      <h2 id="directory-title">${t('directory')} (${directory.length})</h2>
      <ol>${directory.map((entry) => html`<li>
        <button type="button" aria-current=${partnerId === entry.partnerId && !this.context.selected ? 'true' : 'false'} @click=${() => openPartner(entry.partnerId)}>
          <strong>${entry.partnerId}</strong>
          <span class="meta">${entry.liveSince ? t('liveSince', { date: i18n.date(entry.liveSince) }) : t('nothingLive')}</span>
          ${entry.pendingDueAt ? html`<span class="meta">${t('status_pending')} · ${t('due')} ${i18n.date(entry.pendingDueAt)}
            ${entry.overdue ? html`<span class="badge overdue">${t('overdue')}</span>` : nothing}</span>` : nothing}
          ${entry.scheduledAt ? html`<span class="meta">${t('scheduledBadge')} · ${t('scheduledFor', { date: i18n.date(entry.scheduledAt) })}</span>` : nothing}
        </button></li>`)}</ol>
    </nav>`;
  }
}
