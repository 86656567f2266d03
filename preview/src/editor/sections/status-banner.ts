import { html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import { EditorSection } from './section.ts';

/**
 * The top of the editor: where the partner stands, always. Pending (submitted when, due when,
 * overdue, and whether the draft has changed since), rejected (the reason, whole), approved
 * and live, or rolled back (which version is live now).
 */
@customElement('cobrand-status-banner')
export class CobrandStatusBanner extends EditorSection {
  protected override render() {
    const { draft, i18n } = this.context;
    const status = draft.status;
    if (!draft.me || !status) return nothing;
    const { t } = i18n;
    const date = (iso: string) => i18n.date(iso);
    const { pending, lastDecision, live, scheduled, cancelledSchedule } = status;
    const lines: TemplateResult[] = [];
    let kind = '';
    if (pending) {
      const overdue = pending.overdue || new Date(pending.dueAt).getTime() < Date.now();
      kind = overdue ? 'warn' : '';
      lines.push(html`<p><span class="badge pending">${t('status_pending')}</span> ${t('stPending', { submitted: date(pending.submittedAt), due: date(pending.dueAt) })}</p>`);
      if (overdue) lines.push(html`<p class="overdue-line"><span class="badge overdue">${t('overdue')}</span> ${t('stOverdue', { due: date(pending.dueAt) })}</p>`);
      if (draft.changedSincePending) {
        lines.push(html`<p class="changed-line"><strong>${t('stChanged')}</strong></p>
          <div class="actions"><button type="button" class="primary" @click=${() => this.emit('resubmit')}>${t('resubmit')}</button></div>`);
      }
    }
    const decisionIsNewest = lastDecision?.decidedAt && (!live || new Date(lastDecision.decidedAt).getTime() > new Date(live.since).getTime());
    if (!pending && decisionIsNewest && lastDecision.status === 'rejected') {
      kind = 'bad';
      lines.push(html`<p><span class="badge rejected">${t('status_rejected')}</span> ${t('stRejected', { submitted: date(lastDecision.submittedAt), date: date(lastDecision.decidedAt!) })}</p>
        <blockquote class="reason">${lastDecision.reason}</blockquote>`);
    } else if (!pending && decisionIsNewest && lastDecision.status === 'withdrawn') {
      lines.push(html`<p><span class="badge withdrawn">${t('status_withdrawn')}</span> ${t('stWithdrawn', { date: date(lastDecision.submittedAt) })}</p>`);
    }
    if (scheduled) {
      lines.push(html`<p class="scheduled-line"><span class="badge pending">${t('scheduledBadge')}</span> ${t('stScheduled', { date: date(scheduled.effectiveAt) })}</p>`);
    }
    if (cancelledSchedule) {
      kind = kind || 'warn';
      lines.push(html`<p class="cancelled-line"><span class="badge rejected">${t('goLiveCancelledBadge')}</span>
        ${t('stScheduleCancelled', { date: date(cancelledSchedule.effectiveAt), cancelled: date(cancelledSchedule.cancelledAt) })}</p>
        ${cancelledSchedule.reason ? html`<blockquote class="reason">${cancelledSchedule.reason}</blockquote>` : nothing}`);
    }
    if (!live) lines.push(html`<p>${t('stNothingLive')}</p>`);
    else if (live.rolledBack) {
      lines.push(html`<p class="live-line"><span class="badge approved">${t('live')}</span> ${t('stRolledBack', { date: date(live.since), submitted: date(live.submittedAt), approved: date(live.approvedAt) })}
        ${live.rollbackReason ? t('stRollbackReason', { reason: live.rollbackReason }) : nothing}</p>`);
    } else if (!pending && !decisionIsNewest) {
      lines.push(html`<p class="live-line"><span class="badge approved">${t('status_approved')}</span> ${t('stLive', { date: date(live.approvedAt) })}</p>`);
    } else {
      lines.push(html`<p class="live-line">${t('stLiveNow', { date: date(live.approvedAt) })}</p>`);
    }
    return html`<section class="card status-banner ${kind}" id="status" tabindex="-1" aria-labelledby="status-title">
      <h2 id="status-title">${t('statusTitle')}</h2>${lines}</section>`;
  }

  private emit(name: string): void {
    this.dispatchEvent(new CustomEvent(name, { bubbles: true }));
  }
}
