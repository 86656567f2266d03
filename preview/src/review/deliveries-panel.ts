import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { Delivery } from '../shared/api.ts';
import { ReviewView } from './view.ts';

/** The webhook delivery log: each event's delivery to each endpoint, its attempts, last answer and next retry. */
@customElement('cobrand-deliveries-panel')
export class CobrandDeliveriesPanel extends ReviewView {
  protected override render() {
    const { i18n, deliveries, refreshDeliveries } = this.context;
    const { t } = i18n;
    return html`<section class="card deliveries" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">${t('deliveries')} (${deliveries.length})</h2>
      <p>${t('deliveriesIntro')}</p>
      <div class="actions"><button type="button" @click=${refreshDeliveries}>${t('refresh')}</button></div>
      ${deliveries.length === 0 ? html`<p>${t('noDeliveries')}</p>` : html`<table class="stack deliveries-table" aria-labelledby="deliveries-title">
        <thead><tr><th>${t('delEvent')}</th><th>${t('partner')}</th><th>${t('delTarget')}</th><th>${t('delState')}</th>
          <th>${t('delAttempts')}</th><th>${t('delLastStatus')}</th><th>${t('delNextRetry')}</th></tr></thead>
        <tbody>${deliveries.map((delivery) => this.renderRow(delivery))}</tbody>
      </table>`}
    </section>`;
  }

  private renderRow(delivery: Delivery) {
    const { i18n } = this.context;
    const { t } = i18n;
    const badge = delivery.state === 'delivered' ? 'approved' : delivery.state === 'failed' ? 'rejected' : delivery.state === 'pending' ? 'pending' : 'withdrawn';
    return html`<tr>
      <td data-label=${t('delEvent')}><code>${delivery.eventType}</code><br><span class="meta">${i18n.date(delivery.createdAt)}</span></td>
      <td data-label=${t('partner')}>${delivery.partnerId}</td>
      <td data-label=${t('delTarget')} class="target"><code>${delivery.url}</code></td>
      <td data-label=${t('delState')}><span class="badge ${badge}">${t(`dstate_${delivery.state}`)}</span></td>
      <td data-label=${t('delAttempts')}>${delivery.attempts}</td>
      <td data-label=${t('delLastStatus')}>${delivery.lastStatus ?? '—'}${delivery.lastError && delivery.state !== 'delivered' ? html` <span class="meta">${delivery.lastError}</span>` : nothing}</td>
      <td data-label=${t('delNextRetry')}>${delivery.nextAttemptAt ? i18n.date(delivery.nextAttemptAt) : '—'}</td>
    </tr>`;
  }
}
