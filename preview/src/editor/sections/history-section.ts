import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { EditorSection } from './section.ts';

/** The partner's submissions, newest first: status, due date, the reviewer's reason; withdraw while pending. */
@customElement('cobrand-history-section')
export class CobrandHistorySection extends EditorSection {
  protected override render() {
    const { draft, i18n } = this.context;
    if (!draft.me) return nothing;
    const { t } = i18n;
    return this.section('history', t('history'), draft.submissions.length === 0
      ? html`<p>${t('noSubmissions')}</p>`
      : html`<table class="stack">
        <thead><tr><th>${t('submittedAt')}</th><th>${t('status')}</th><th>${t('dueColumn')}</th><th>${t('reason')}</th><th><span class="visually-hidden">${t('actions')}</span></th></tr></thead>
        <tbody>${draft.submissions.map((submission) => html`<tr>
          <td data-label=${t('submittedAt')}>${i18n.date(submission.submittedAt)}</td>
          <td><span class="badge ${submission.status}">${t(`status_${submission.status}`)}</span></td>
          <td data-label=${t('dueColumn')}>${i18n.date(submission.dueAt)}</td>
          <td class="reason">${submission.reason ?? ''}</td>
          <td>${submission.status === 'pending' ? html`<button type="button" @click=${() => this.dispatchEvent(new CustomEvent('withdraw', { detail: submission, bubbles: true }))}>${t('withdraw')}</button>` : nothing}</td>
        </tr>`)}</tbody></table>`);
  }
}
