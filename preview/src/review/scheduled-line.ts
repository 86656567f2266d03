import { html, nothing, type TemplateResult } from 'lit';
import type { Schedule } from '../shared/api.ts';
import type { ReviewContext } from './view.ts';

/** A scheduled go-live: when, and cancelling it, with the reason the partner will read. */
export function scheduledLine(context: ReviewContext, schedule: Schedule): TemplateResult {
  const { i18n, cancelSchedule, cancelScheduleError } = context;
  const { t } = i18n;
  return html`<div class="scheduled-line">
    <p><span class="badge pending">${t('scheduledBadge')}</span> ${t('scheduledFor', { date: i18n.date(schedule.effectiveAt) })}</p>
    <details class="cancel-schedule" ?open=${Boolean(cancelScheduleError)}>
      <summary>${t('cancelSchedule')}…</summary>
      <form class="decision" @submit=${(event: SubmitEvent) => cancelSchedule(schedule, event)}>
        <label for="cancel-reason">${t('cancelReason')}</label>
        <textarea id="cancel-reason" name="reason" maxlength="2000" aria-invalid=${cancelScheduleError ? 'true' : 'false'}
          aria-describedby=${cancelScheduleError ? 'cancel-reason-error' : nothing}></textarea>
        ${cancelScheduleError ? html`<p class="error" id="cancel-reason-error" role="alert">${cancelScheduleError}</p>` : nothing}
        <div><button type="submit" class="danger">${t('confirmCancelSchedule')}</button></div>
      </form>
    </details>
  </div>`;
}
