import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { isId, type Api, type AuditEvent, type QueueItem, type Review, type Version } from '../shared/api.ts';
import { LangController } from '../shared/i18n.ts';
import { PREVIEW_WIDTHS, type PreviewWidth } from '../shared/preview-frame.ts';
import { signIn, signInForm, store, takeToken } from '../shared/session.ts';
import './queue-panel.ts';
import { reviewStyles } from './review.styles.ts';
import './submission-view.ts';
import type { ReviewContext } from './view.ts';

/**
 * The reviewers' console: the queue by due date, a submission beside what is live (rendered
 * in both languages and as a field-level diff), the link hosts it introduces, the decision,
 * and the partner's approved versions with rollback.
 */
@customElement('cobrand-review-app')
export class CobrandReviewApp extends LitElement {
  static override styles = reviewStyles;

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
    // The id comes from the address bar: a crafted link must not steer the token to another path.
    if (!isId(submissionId)) {
      this.notice = { kind: 'bad', text: this.i18n.t('badSubmissionId', { id: submissionId.slice(0, 80) }) };
      return;
    }
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

  private context(): ReviewContext {
    return {
      i18n: this.i18n, api: this.api!, queue: this.queue, selected: this.selected, versions: this.versions, history: this.history,
      previewWidth: this.previewWidth, reasonError: this.reasonError,
      setWidth: (width) => { this.previewWidth = width; },
      open: (id) => void this.open(id),
      decide: (action, event) => void this.decide(action, event),
      rollback: (version, event) => void this.rollback(version, event),
    };
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
      ${this.api ? html`<main><cobrand-review-queue .context=${this.context()}></cobrand-review-queue><div>${this.renderNotice()}<cobrand-submission-view .context=${this.context()}></cobrand-submission-view></div></main>` : signInForm(this.i18n, { error: this.signInError, onToken: (token) => void this.signIn(token) })}`;
  }

  private renderNotice(): TemplateResult | typeof nothing {
    if (!this.notice) return nothing;
    return html`<div class="notice ${this.notice.kind === 'bad' ? 'bad' : ''}" role=${this.notice.kind === 'bad' ? 'alert' : 'status'}>${this.notice.text}</div>`;
  }
}
