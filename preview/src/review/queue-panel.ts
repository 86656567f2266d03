import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ReviewView } from './view.ts';

/** The pending submissions by due date, overdue marked; below, the approvals scheduled to go live. */
@customElement('cobrand-review-queue')
export class CobrandReviewQueue extends ReviewView {
  protected override render() {
    const { i18n, queue, selected, open, schedules } = this.context;
    const { t } = i18n;
    return html`<nav class="queue card" aria-labelledby="queue-title">
      <h2 id="queue-title">${t('queue')} (${queue.length})</h2>
      ${queue.length === 0 ? html`<p>${t('noPending')}</p>` : html`<ol>${queue.map((item) => html`<li>
        <button type="button" aria-current=${selected?.submission.id === item.id ? 'true' : 'false'} @click=${() => open(item.id, true)}>
          <strong>${item.partnerId}</strong>
          <span class="meta">${t('due')} ${i18n.date(item.dueAt)} ${item.overdue ? html`<span class="badge overdue">${t('overdue')}</span>` : nothing}</span>
          <span class="meta">${t('submittedAt')} ${i18n.date(item.submittedAt)}</span>
        </button></li>`)}</ol>`}
      ${schedules.length ? html`<h3 id="scheduled-title">${t('scheduledTitle')} (${schedules.length})</h3>
        <ol aria-labelledby="scheduled-title">${schedules.map((schedule) => html`<li>
          <button type="button" aria-current=${selected?.submission.id === schedule.submissionId ? 'true' : 'false'} @click=${() => open(schedule.submissionId, true)}>
            <strong>${schedule.partnerId}</strong>
            <span class="meta"><span class="badge pending">${t('scheduledBadge')}</span> ${t('scheduledFor', { date: i18n.date(schedule.effectiveAt) })}</span>
          </button></li>`)}</ol>` : nothing}
    </nav>`;
  }
}
