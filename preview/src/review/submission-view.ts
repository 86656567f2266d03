import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { windowBoundaries } from '../../../schema/windows.ts';
import { asOfControl, localInputValue } from '../shared/as-of.ts';
import { widthSwitch } from '../shared/preview-frame.ts';
import { actualSizeSwitch, previewFrames } from './preview-frames.ts';
import '../shared/share-dialog.ts';
import { renderCommentDraft, renderComments } from './comments-view.ts';
import { changeRows } from './diff-view.ts';
import './partner-history.ts';
import { scheduledLine } from './scheduled-line.ts';
import { ReviewView } from './view.ts';

/** How far ahead a go-live may be scheduled: the service allows 366 days; a year, as the field says. */
export const MAX_SCHEDULE_AHEAD_MS = 365 * 86_400_000;

/** `ms` as the go-live field's value, to the minute (its step). */
const localMinute = (ms: number): string => localInputValue(ms).slice(0, 16);

/** One submission: its status and decision, rendered beside what is live, the diff, the hosts it introduces, and the partner's versions. */
@customElement('cobrand-submission-view')
export class CobrandSubmissionView extends ReviewView {
  /** "Approve" was pressed: the console asks once more, since what is approved goes live for every sub-customer. */
  @state() private confirmingApprove = false;

  protected override willUpdate(): void {
    if (this.context.selected?.submission.status !== 'pending') this.confirmingApprove = false;
  }

  protected override render() {
    const context = this.context;
    const { i18n, selected: review } = context;
    const { t } = i18n;
    if (!review) return html`<section class="card"><p>${t('selectSubmission')}</p></section>`;
    const { submission } = review;
    const overdue = submission.status === 'pending' && new Date(submission.dueAt).getTime() < Date.now();
    return html`
      <section class="card" aria-labelledby="detail-title">
        <h2 id="detail-title" tabindex="-1">${submission.partnerId} <span class="badge ${submission.status}">${t(`status_${submission.status}`)}</span>
          ${overdue ? html`<span class="badge overdue">${t('overdue')}</span>` : nothing}</h2>
        <p>${t('submittedAt')} ${i18n.date(submission.submittedAt)} · ${t('due')} ${i18n.date(submission.dueAt)}
          ${submission.reason ? html`<br>${t('reason')}: ${submission.reason}` : nothing}</p>
        <div class="actions" style="margin-bottom:8px"><cobrand-share-dialog .api=${context.api} partner=${submission.partnerId} submission=${submission.id}></cobrand-share-dialog></div>
        ${submission.status === 'pending' ? this.renderDecision() : nothing}
        ${this.renderSchedule()}
      </section>
      ${renderComments(context)}
      <section class="card" aria-label="${t('pendingVersion')} / ${t('liveVersion')}">
        <div class="actions" style="justify-content:flex-end">${actualSizeSwitch(context)}${widthSwitch(t('width'), context.previewWidth, context.setWidth)}</div>
        ${asOfControl(i18n, context.asOf, context.setAsOf, this.moments())}
        <div class="compare">
          <div><h3>${t('pendingVersion')}</h3>${previewFrames(context, review.document, context.asOf)}</div>
          <div><h3>${t('liveVersion')}</h3>${review.live ? nothing : html`<p>${t('noLive')}</p>`}${previewFrames(context, review.live ?? null, context.asOf)}</div>
        </div>
      </section>
      <section class="card" aria-labelledby="changes-title">
        <h2 id="changes-title">${t(review.comparedWith.what === 'live' ? 'changes' : 'changesWhenSubmitted')} (${changeRows(review.diff).length})</h2>
        <cobrand-diff-view .context=${context} .diff=${review.diff} .oldDoc=${review.comparedWith.document} .newDoc=${review.document}></cobrand-diff-view>
        <h3>${t('newHosts')}</h3>
        ${review.introducedHosts.length ? html`<ul class="hosts">${review.introducedHosts.map((host) => html`<li><code>${host}</code></li>`)}</ul>` : html`<p>${t('noNewHosts')}</p>`}
      </section>
      <cobrand-partner-history .context=${context}></cobrand-partner-history>`;
  }

  private renderDecision(): TemplateResult {
    const { i18n, reasonError, decide } = this.context;
    const { t } = i18n;
    return html`<div class="decision">
      ${renderCommentDraft(this.context)}
      ${this.confirmingApprove
        ? html`<div class="confirm-approve" role="group" aria-labelledby="confirm-approve-text" @keydown=${this.onConfirmKey}>
            <p id="confirm-approve-text" tabindex="-1">${t('confirmApprove', { partner: this.context.selected!.submission.partnerId })}</p>
            <div class="actions"><button type="button" class="primary" @click=${() => { this.confirmingApprove = false; decide('approve'); }}>${t('approveAndGoLive')}</button>
              <button type="button" @click=${this.stopConfirming}>${t('cancel')}</button></div>
          </div>`
        : html`<div class="actions"><button type="button" class="primary" id="approve" @click=${this.confirmApprove}>${t('approve')}</button></div>`}
      ${this.renderApproveLater()}
      <form @submit=${(event: SubmitEvent) => decide('reject', event)} class="decision">
        <label for="reason">${t('rejectReason')}</label>
        <textarea id="reason" name="reason" maxlength="2000" aria-invalid=${reasonError ? 'true' : 'false'} aria-describedby=${reasonError ? 'reason-error' : nothing}></textarea>
        ${reasonError ? html`<p class="error" id="reason-error" role="alert">${reasonError}</p>` : nothing}
        <div><button type="submit" class="danger">${t('reject')}</button></div>
      </form>
    </div>`;
  }

  /** "Approve effective at …": a local date and time, sent with its offset. */
  private renderApproveLater(): TemplateResult {
    const { i18n, effectiveAtError, approveAt } = this.context;
    const { t } = i18n;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // A <details> is a group that its <summary> does not name.
    return html`<details class="approve-later" aria-labelledby="approve-later-title" ?open=${Boolean(effectiveAtError)}>
      <summary id="approve-later-title">${t('approveLater')}</summary>
      <form class="schedule-form" novalidate @submit=${approveAt}>
        <label for="effective-at">${t('effectiveAtLabel', { zone })}</label>
        <input id="effective-at" name="effectiveAt" type="datetime-local" step="60" min=${localMinute(Date.now())} max=${localMinute(Date.now() + MAX_SCHEDULE_AHEAD_MS)}
          aria-invalid=${effectiveAtError ? 'true' : 'false'}
          aria-describedby=${effectiveAtError ? 'effective-at-error' : nothing}>
        <button type="submit" class="primary">${t('approveScheduled')}</button>
        ${effectiveAtError ? html`<p class="error" id="effective-at-error" role="alert">${effectiveAtError}</p>` : nothing}
      </form>
    </details>`;
  }

  /** Focus goes to the question, not to its "Approve and make it live": a second stray Enter approves nothing. */
  private readonly confirmApprove = async (): Promise<void> => {
    this.confirmingApprove = true;
    await this.updateComplete;
    this.querySelector<HTMLElement>('#confirm-approve-text')?.focus();
  };

  private readonly onConfirmKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    void this.stopConfirming();
  };

  private readonly stopConfirming = async (): Promise<void> => {
    this.confirmingApprove = false;
    await this.updateComplete;
    this.querySelector<HTMLElement>('#approve')?.focus();
  };

  /** A go-live at a set time: to come (and cancellable), done, or cancelled. */
  private renderSchedule(): TemplateResult | typeof nothing {
    const schedule = this.context.selected!.schedule;
    const { i18n } = this.context;
    const { t } = i18n;
    if (!schedule) return nothing;
    if (schedule.state === 'scheduled') return scheduledLine(this.context, schedule);
    if (schedule.state === 'cancelled') {
      return html`<p><span class="badge cancelled">${t('goLiveCancelledBadge')}</span> ${t('goLiveCancelledLine', { date: i18n.date(schedule.effectiveAt), cancelled: i18n.date(schedule.endedAt ?? schedule.effectiveAt) })}</p>`;
    }
    return html`<p>${t('goLiveDoneLine', { date: i18n.date(schedule.endedAt ?? schedule.effectiveAt) })}</p>`;
  }

  /** When what either bar shows changes: its time windows' boundaries, and a scheduled go-live. */
  private moments(): number[] {
    const review = this.context.selected!;
    const scheduled = review.schedule?.state === 'scheduled' ? [new Date(review.schedule.effectiveAt).getTime()] : [];
    return [...windowBoundaries(review.document), ...windowBoundaries(review.live ?? null), ...scheduled];
  }
}
