import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { type Api, type AuditEvent, type Change, type QueueItem, type Review, type Version } from '../shared/api.ts';
import { LangController } from '../shared/i18n.ts';
import { humanPath } from '../shared/labels.ts';
import { PREVIEW_WIDTHS, widthSwitch, type PreviewWidth } from '../shared/preview-frame.ts';
import { signIn, signInForm, store, takeToken } from '../shared/session.ts';
import { appStyles } from '../shared/styles.ts';

/**
 * The reviewers' console: the queue by due date, a submission beside what is live (rendered
 * in both languages and as a field-level diff), the link hosts it introduces, the decision,
 * and the partner's approved versions with rollback.
 */
@customElement('cobrand-review-app')
export class CobrandReviewApp extends LitElement {
  static override styles = [appStyles, css`
    main { display: grid; grid-template-columns: 300px minmax(0, 1fr); gap: 20px; padding: 20px; max-width: 1800px; margin: 0 auto; }
    @media (max-width: 900px) { main { grid-template-columns: minmax(0, 1fr); padding: 12px; } }
    .queue ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
    .queue button { width: 100%; display: grid; gap: 2px; text-align: left; justify-items: start; padding: 8px 10px; }
    .queue button[aria-current='true'] { border-color: #0b3d91; box-shadow: inset 3px 0 0 #0b3d91; background: #f5f8ff; }
    .queue .meta { font-size: 12px; color: #475467; }
    .compare { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
    @media (max-width: 1200px) { .compare { grid-template-columns: minmax(0, 1fr); } }
    .compare h3 { margin-top: 0; }
    .compare cobrand-preview-frame { margin-bottom: 8px; }
    .op { font-weight: 600; }
    .op.added { color: #05603a; } .op.removed { color: #912018; } .op.changed { color: #7a2e0e; }
    .decision { display: grid; gap: 8px; max-width: 640px; }
    textarea { min-height: 72px; }
    .versions li { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 6px; }
    .versions ol { padding-left: 20px; }
    .hosts li code { font-size: 13px; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
  `];

  private readonly i18n = new LangController(this);
  @state() private api: Api | null = null;
  @state() private queue: QueueItem[] = [];
  @state() private selected: Review | null = null;
  @state() private versions: Version[] = [];
  @state() private history: AuditEvent[] = [];
  @state() private notice: { kind: 'ok' | 'bad'; text: string } | null = null;
  @state() private signInError = '';
  @state() private reasonError = '';
  @state() private previewWidth: PreviewWidth = PREVIEW_WIDTHS[0];

  override connectedCallback(): void {
    super.connectedCallback();
    const token = takeToken();
    if (token) void this.signIn(token);
  }

  private async signIn(token: string): Promise<void> {
    const result = await signIn(token, 'reviewer', this.i18n.t('notReviewer'));
    if ('error' in result) {
      this.signInError = result.error;
      return;
    }
    this.api = result.api;
    this.signInError = '';
    await this.loadQueue();
    const wanted = new URLSearchParams(location.search).get('submission');
    if (wanted) await this.open(wanted);
  }

  private async loadQueue(): Promise<void> {
    if (!this.api) return;
    const items: QueueItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.api.queue(cursor);
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && items.length < 1000);
    this.queue = items;
  }

  private async open(submissionId: string): Promise<void> {
    if (!this.api) return;
    try {
      this.selected = await this.api.review(submissionId);
      this.reasonError = '';
      history.replaceState(null, '', `?submission=${submissionId}`);
      await this.loadPartner(this.selected.submission.partnerId);
    } catch (error) {
      this.notice = { kind: 'bad', text: (error as Error).message };
    }
  }

  private async loadPartner(partnerId: string): Promise<void> {
    if (!this.api) return;
    [this.versions, this.history] = await Promise.all([this.api.versions(partnerId), this.api.history(partnerId)]);
  }

  private async decide(action: 'approve' | 'reject', event?: SubmitEvent): Promise<void> {
    event?.preventDefault();
    if (!this.api || !this.selected) return;
    const { submission } = this.selected;
    try {
      if (action === 'reject') {
        const reason = String(new FormData(event!.target as HTMLFormElement).get('reason') ?? '').trim();
        if (!reason) {
          this.reasonError = this.i18n.t('rejectReason');
          this.renderRoot.querySelector<HTMLTextAreaElement>('#reason')?.focus();
          return;
        }
        await this.api.reject(submission.id, reason);
      } else {
        await this.api.approve(submission.id);
      }
      this.notice = { kind: 'ok', text: `${submission.partnerId}: ${this.i18n.t(action === 'approve' ? 'status_approved' : 'status_rejected')}` };
    } catch (error) {
      this.notice = { kind: 'bad', text: (error as Error).message };
    }
    await Promise.all([this.loadQueue(), this.open(submission.id)]);
  }

  private async rollback(version: Version, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.api || !this.selected) return;
    const form = event.target as HTMLFormElement;
    const reason = String(new FormData(form).get('reason') ?? '').trim();
    if (!reason) {
      form.querySelector<HTMLInputElement>('input[name=reason]')?.focus();
      return;
    }
    const partnerId = this.selected.submission.partnerId;
    try {
      await this.api.rollback(partnerId, version.id, reason);
      this.notice = { kind: 'ok', text: `${partnerId}: ${this.i18n.t('rollback')} ✓` };
    } catch (error) {
      this.notice = { kind: 'bad', text: (error as Error).message };
    }
    await this.open(this.selected.submission.id);
  }

  protected override render() {
    const { t } = this.i18n;
    return html`
      <header class="top">
        <h1>Cobrand · ${t('reviewTitle')}</h1>
        <span class="spacer"></span>
        <button type="button" lang=${this.i18n.lang === 'zh-CN' ? 'en' : 'zh'} title=${t('languageLabel')} @click=${() => this.i18n.toggle()}>${t('language')}</button>
        ${this.api ? html`<button type="button" @click=${() => { store(null); this.api = null; this.selected = null; }}>${t('signOut')}</button>` : nothing}
      </header>
      ${this.api ? html`<main>${this.renderQueue()}<div>${this.renderNotice()}${this.renderDetail()}</div></main>` : signInForm(this.i18n, { error: this.signInError, onToken: (token) => void this.signIn(token) })}`;
  }

  private renderNotice(): TemplateResult | typeof nothing {
    if (!this.notice) return nothing;
    return html`<div class="notice ${this.notice.kind === 'bad' ? 'bad' : ''}" role=${this.notice.kind === 'bad' ? 'alert' : 'status'}>${this.notice.text}</div>`;
  }

  private renderQueue(): TemplateResult {
    const { t } = this.i18n;
    return html`<nav class="queue card" aria-labelledby="queue-title">
      <h2 id="queue-title">${t('queue')} (${this.queue.length})</h2>
      ${this.queue.length === 0 ? html`<p>${t('noPending')}</p>` : html`<ol>${this.queue.map((item) => html`<li>
        <button type="button" aria-current=${this.selected?.submission.id === item.id ? 'true' : 'false'} @click=${() => this.open(item.id)}>
          <strong>${item.partnerId}</strong>
          <span class="meta">${t('due')} ${this.i18n.date(item.dueAt)} ${item.overdue ? html`<span class="badge overdue">${t('overdue')}</span>` : nothing}</span>
          <span class="meta">${t('submittedAt')} ${this.i18n.date(item.submittedAt)}</span>
        </button></li>`)}</ol>`}
    </nav>`;
  }

  private renderDetail(): TemplateResult {
    const { t } = this.i18n;
    const review = this.selected;
    if (!review) return html`<section class="card"><p>${t('selectSubmission')}</p></section>`;
    const { submission } = review;
    return html`
      <section class="card" aria-labelledby="detail-title">
        <h2 id="detail-title">${submission.partnerId} <span class="badge ${submission.status}">${t(`status_${submission.status}`)}</span></h2>
        <p>${t('submittedAt')} ${this.i18n.date(submission.submittedAt)} · ${t('due')} ${this.i18n.date(submission.dueAt)}
          ${submission.reason ? html`<br>${t('reason')}: ${submission.reason}` : nothing}</p>
        ${submission.status === 'pending' ? this.renderDecision() : nothing}
      </section>
      <section class="card" aria-label="${t('pendingVersion')} / ${t('liveVersion')}">
        <div class="actions" style="justify-content:flex-end">${widthSwitch(t('width'), this.previewWidth, (width) => { this.previewWidth = width; })}</div>
        <div class="compare">
          ${this.renderVersion(t('pendingVersion'), review.document)}
          ${review.live ? this.renderVersion(t('liveVersion'), review.live) : html`<div><h3>${t('liveVersion')}</h3><p>${t('noLive')}</p>${this.renderFrames(null)}</div>`}
        </div>
      </section>
      <section class="card" aria-labelledby="changes-title">
        <h2 id="changes-title">${t('changes')} (${review.diff.length})</h2>
        ${this.renderDiff(review.diff, review)}
        <h3>${t('newHosts')}</h3>
        ${review.introducedHosts.length ? html`<ul class="hosts">${review.introducedHosts.map((host) => html`<li><code>${host}</code></li>`)}</ul>` : html`<p>${t('noNewHosts')}</p>`}
      </section>
      ${this.renderPartnerHistory()}`;
  }

  private renderDecision(): TemplateResult {
    const { t } = this.i18n;
    return html`<div class="decision">
      <div class="actions"><button type="button" class="primary" @click=${() => this.decide('approve')}>${t('approve')}</button></div>
      <form @submit=${(event: SubmitEvent) => this.decide('reject', event)} class="decision">
        <label for="reason">${t('rejectReason')}</label>
        <textarea id="reason" name="reason" maxlength="2000" aria-invalid=${this.reasonError ? 'true' : 'false'} aria-describedby=${this.reasonError ? 'reason-error' : nothing}></textarea>
        ${this.reasonError ? html`<p class="error" id="reason-error" role="alert">${this.reasonError}</p>` : nothing}
        <div><button type="submit" class="danger">${t('reject')}</button></div>
      </form>
    </div>`;
  }

  private renderVersion(title: string, doc: unknown): TemplateResult {
    return html`<div><h3>${title}</h3>${this.renderFrames(doc)}</div>`;
  }

  private renderFrames(doc: unknown): TemplateResult {
    return html`${(['zh-CN', 'en-US'] as const).map((lang) => html`<cobrand-preview-frame .config=${doc} lang=${lang} width=${this.previewWidth}
      label=${this.i18n.t('previewOf', { lang: lang === 'zh-CN' ? '简体中文' : 'English', width: this.previewWidth })}></cobrand-preview-frame>`)}`;
  }

  private renderDiff(diff: Change[], review: Review): TemplateResult {
    const { t } = this.i18n;
    if (diff.length === 0) return html`<p>${t('noChanges')}</p>`;
    return html`<table class="stack">
      <thead><tr><th>${t('field')}</th><th>${t('change')}</th><th>${t('before')}</th><th>${t('after')}</th></tr></thead>
      <tbody>${diff.map((change) => html`<tr>
        <td>${humanPath(change.path, this.i18n.lang, change.op === 'removed' ? review.live : review.document)}<br><code>${change.path}</code></td>
        <td class="op ${change.op}">${t(change.op)}</td>
        <td data-label=${t('before')}>${change.op === 'added' ? '' : html`<code>${show(change.before)}</code>`}</td>
        <td data-label=${t('after')}>${change.op === 'removed' ? '' : html`<code>${show(change.after)}</code>`}</td>
      </tr>`)}</tbody>
    </table>`;
  }

  private renderPartnerHistory(): TemplateResult {
    const { t } = this.i18n;
    return html`<section class="card versions" aria-labelledby="versions-title">
      <h2 id="versions-title">${t('versions')}</h2>
      <ol>${this.versions.map((version) => html`<li>
        <span>${this.i18n.date(version.approvedAt)} · ${version.approvedBy}</span>
        ${version.live ? html`<span class="badge approved">${t('live')}</span>` : html`<form class="actions" @submit=${(event: SubmitEvent) => this.rollback(version, event)}>
          <label class="visually-hidden" for="rb-${version.id}">${t('rollbackReason')}</label>
          <input id="rb-${version.id}" name="reason" required placeholder=${t('rollbackReason')} style="width:260px">
          <button type="submit">${t('rollback')}</button></form>`}
      </li>`)}</ol>
      <h3>${t('auditTrail')}</h3>
      <table class="stack"><tbody>${this.history.map((event) => html`<tr><td>${this.i18n.date(event.at)}</td><td>${event.action}</td>
        <td>${event.from ?? ''} → ${event.to ?? ''}</td><td>${event.actor}</td><td>${event.reason ?? ''}</td></tr>`)}</tbody></table>
    </section>`;
  }
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
