import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import './partner-history.ts';
import { scheduledLine } from './scheduled-line.ts';
import { ReviewView } from './view.ts';

/** One partner from the directory: what is live, what is pending (to open), its versions with rollback, its history. */
@customElement('cobrand-partner-view')
export class CobrandPartnerView extends ReviewView {
  protected override render() {
    const { i18n, partnerEntry: entry, open, schedules } = this.context;
    const { t } = i18n;
    if (!entry) return nothing;
    const schedule = schedules.find((candidate) => candidate.partnerId === entry.partnerId);
    return html`<section class="card" aria-labelledby="partner-title">
        <h2 id="partner-title">${entry.partnerId}</h2>
        <p>${entry.liveSince ? t('liveSince', { date: i18n.date(entry.liveSince) }) : t('nothingLive')}</p>
        ${entry.pendingId ? html`<p><span class="badge pending">${t('status_pending')}</span> ${t('submittedAt')} ${i18n.date(entry.pendingSubmittedAt!)} · ${t('due')} ${i18n.date(entry.pendingDueAt!)}
          ${entry.overdue ? html`<span class="badge overdue">${t('overdue')}</span>` : nothing}
          <button type="button" @click=${() => open(entry.pendingId!, true)}>${t('openSubmission')}</button></p>` : html`<p>${t('noPendingFor')}</p>`}
        ${schedule ? scheduledLine(this.context, schedule) : nothing}
      </section>
      <cobrand-partner-history .context=${this.context}></cobrand-partner-history>`;
  }
}
