import { html, nothing, type TemplateResult } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { AuditEvent } from '../shared/api.ts';
import { localizedReason } from '../shared/api-messages.ts';
import { changeRows } from './diff-view.ts';
import { actualSizeSwitch, previewFrames } from './preview-frames.ts';
import { ReviewView } from './view.ts';

/**
 * A partner's approved versions and audit trail. Rolling back first shows the version rendered
 * in both languages and its diff against what is live, then asks for a reason and a confirmation.
 */
@customElement('cobrand-partner-history')
export class CobrandPartnerHistory extends ReviewView {
  protected override render() {
    const { i18n, versions, history } = this.context;
    const { t } = i18n;
    return html`<section class="card versions" aria-labelledby="versions-title">
      <h2 id="versions-title" tabindex="-1">${t('versions')}</h2>
      <ol>${versions.map((version, index) => {
        // Newest first: numbered from the oldest, so a number stays with its version as others are approved.
        const number = versions.length - index;
        const date = i18n.date(version.approvedAt);
        return html`<li>
          <span><strong>${t('versionNumber', { number })}</strong> · ${date} · ${this.context.actorName(version.approvedBy)}</span>
          ${version.live ? html`<span class="badge approved">${t('live')}</span>` : html`<button type="button" data-version=${version.id}
            aria-expanded=${this.context.rollbackPreview?.version.id === version.id ? 'true' : 'false'}
            @click=${() => this.context.previewRollback(version)}>${t('previewRollbackTo', { number })}</button>`}
        </li>`;
      })}</ol>
      ${this.renderRollback()}
      <h3 id="audit-title">${t('auditTrail')}</h3>
      <table class="stack audit" aria-labelledby="audit-title">
        <thead><tr><th>${t('auditWhen')}</th><th>${t('auditAction')}</th><th>${t('auditChange')}</th><th>${t('auditWho')}</th><th>${t('reason')}</th></tr></thead>
        <tbody>${history.map((event) => this.renderEvent(event))}</tbody>
      </table>
    </section>`;
  }

  private renderEvent(event: AuditEvent): TemplateResult {
    const { i18n, actorName } = this.context;
    const { t } = i18n;
    return html`<tr>
      <td class="when" data-label=${t('auditWhen')}>${i18n.date(event.at)}</td>
      <td data-label=${t('auditAction')}>${ACTIONS.includes(event.action) ? t(`action_${event.action}` as 'action_submit') : event.action}</td>
      <td data-label=${t('auditChange')}>${this.change(event)}</td>
      <td data-label=${t('auditWho')}>${actorName(event.actor)}</td>
      ${event.reason || event.effectiveAt ? html`<td data-label=${t('reason')}>${event.reason ? localizedReason(event.reason, event.actor, i18n.lang) : ''}${event.effectiveAt ? html` <span class="meta">${t('effectiveAtNote', { date: i18n.date(event.effectiveAt) })}</span>` : nothing}</td>` : html`<td></td>`}
    </tr>`;
  }

  /** States from → to; the field a comment is on; what a share link showed, and the link's id (as the API lists it). */
  private change(event: AuditEvent): TemplateResult {
    const { t } = this.context.i18n;
    if (COMMENT_ACTIONS.includes(event.action)) return html`<code>${event.to}</code>`;
    if (SHARE_ACTIONS.includes(event.action)) return html`${event.from === 'submission' ? t('shareOfSubmission') : t('shareOfDraft')} <code>${event.to}</code>`;
    const state = (value: string | null) => (value === null ? '—' : this.stateName(value));
    return html`${state(event.from)} → ${state(event.to)}`;
  }

  /** A workflow state by its name; a version (rollback) by its approval date. */
  private stateName(value: string): string {
    const { i18n, versions } = this.context;
    if (['draft', 'pending', 'approved', 'rejected', 'withdrawn', 'scheduled', 'live', 'cancelled'].includes(value)) return i18n.t(`state_${value}` as 'state_draft');
    const version = versions.find((candidate) => candidate.id === value);
    return version ? i18n.t('versionOf', { date: i18n.date(version.approvedAt) }) : i18n.t('aVersion');
  }

  private renderRollback(): TemplateResult | typeof nothing {
    const { i18n, rollbackPreview: preview, confirmRollback, cancelRollback, rollbackError, schedules, partnerId } = this.context;
    if (!preview) return nothing;
    const { t } = i18n;
    const scheduled = schedules.find((schedule) => schedule.partnerId === partnerId);
    return html`<section class="rollback-preview" aria-labelledby="rollback-title">
      <h3 id="rollback-title" tabindex="-1">${t('rollbackTitle', { date: i18n.date(preview.version.approvedAt) })}</h3>
      <p>${t('rollbackExplain')}</p>
      <div class="actions" style="justify-content:flex-end">${actualSizeSwitch(this.context)}</div>
      <div class="compare">${previewFrames(this.context, preview.document)}</div>
      <h4>${t('rollbackChanges', { count: changeRows(preview.diff).length })}</h4>
      <cobrand-diff-view .context=${this.context} .diff=${preview.diff} .oldDoc=${preview.live} .newDoc=${preview.document}></cobrand-diff-view>
      <form class="decision" @submit=${confirmRollback}>
        ${scheduled ? html`<p class="notice bad" id="rollback-cancels">${t('rollbackCancelsSchedule', { date: i18n.date(scheduled.effectiveAt) })}</p>` : nothing}
        <label for="rollback-reason">${t('rollbackReason')}</label>
        <textarea id="rollback-reason" name="reason" maxlength="2000" aria-invalid=${rollbackError ? 'true' : 'false'}
          aria-describedby=${rollbackError ? 'rollback-reason-error' : nothing}></textarea>
        ${rollbackError ? html`<p class="error" id="rollback-reason-error" role="alert">${rollbackError}</p>` : nothing}
        <div class="actions"><button type="submit" class="danger">${t('confirmRollback')}</button>
          <button type="button" @click=${cancelRollback}>${t('cancel')}</button></div>
      </form>
    </section>`;
  }
}

/** Comment events name the field (its JSON Pointer) where others name states. */
const COMMENT_ACTIONS = ['comment', 'resolve'];
/** Share-link events name what the link showed (`from`: draft or submission) and the link (`to`: its id). */
const SHARE_ACTIONS = ['share', 'revoke-share'];
const ACTIONS = ['submit', 'approve', 'reject', 'withdraw', 'rollback', 'schedule', 'go-live', 'cancel-schedule', ...COMMENT_ACTIONS, ...SHARE_ACTIONS];
