import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Api, Share } from './api.ts';
import { LangController } from './i18n.ts';

const EXPIRY_DAYS = [1, 7, 14, 30] as const;

/**
 * "Share preview…": a button and a modal dialog to make a read-only preview link of the partner's
 * draft as it is now (or of one submission, with `submission`), choosing when it expires, copy it
 * (shown once), and list and revoke the partner's links. In the editor and the review console;
 * it renders into their shadow tree (no shadow root of its own), so their styles apply.
 */
@customElement('cobrand-share-dialog')
export class CobrandShareDialog extends LitElement {
  @property({ attribute: false }) api: Api | null = null;
  @property() partner = '';
  /** A submission to share; absent, the partner's current draft. */
  @property() submission = '';

  private readonly i18n = new LangController(this);
  @state() private shares: Share[] = [];
  @state() private created: (Share & { url: string }) | null = null;
  @state() private error = '';
  @state() private copied = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private async open(): Promise<void> {
    this.created = null;
    this.error = '';
    this.copied = '';
    this.dialog.showModal();
    await this.load();
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    try {
      this.shares = await this.api.shares(this.partner);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.api) return;
    const days = Number(new FormData(event.target as HTMLFormElement).get('expiry')) || 7;
    try {
      const share = await this.api.createShare(this.partner, { expiresInDays: days, ...(this.submission ? { submissionId: this.submission } : {}) });
      this.created = { ...share, url: new URL(share.url, location.origin).href };
      this.error = '';
      this.copied = '';
      await this.load();
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('#share-url')?.select();
      this.querySelector<HTMLInputElement>('#share-url')?.focus();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private async copy(): Promise<void> {
    if (!this.created) return;
    try {
      await navigator.clipboard.writeText(this.created.url);
      this.copied = this.i18n.t('copied');
    } catch {
      this.querySelector<HTMLInputElement>('#share-url')?.select();
      this.copied = this.i18n.t('copyFailed');
    }
  }

  private async revoke(share: Share): Promise<void> {
    if (!this.api) return;
    try {
      await this.api.revokeShare(this.partner, share.id);
      if (this.created?.id === share.id) this.created = null;
      await this.load();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  protected override render() {
    const { t } = this.i18n;
    return html`<button type="button" class="share-open" aria-haspopup="dialog" @click=${() => void this.open()}>${t('sharePreview')}</button>
      <dialog class="share-dialog" aria-labelledby="share-title">
        <h2 id="share-title">${t('shareTitle')}</h2>
        <p class="hint">${t(this.submission ? 'shareExplainSubmission' : 'shareExplainDraft')}</p>
        <form class="share-form" @submit=${this.create}>
          <div class="field"><label for="share-expiry">${t('shareExpiry')}</label>
            <select id="share-expiry" name="expiry">${EXPIRY_DAYS.map((days) => html`<option value=${days} ?selected=${days === 7}>${days === 1 ? t('shareDay') : t('shareDays', { count: days })}</option>`)}</select></div>
          <button type="submit" class="primary">${t('shareCreate')}</button>
        </form>
        ${this.created ? html`<div class="notice" style="margin-top:12px">
          <p style="margin:0 0 6px"><strong>${t('shareCreated')}</strong></p>
          <label for="share-url">${t('shareLink')}</label>
          <div class="share-url"><input id="share-url" readonly .value=${this.created.url}>
            <button type="button" @click=${this.copy}>${t('copy')}</button></div>
          <p class="hint" role="status">${this.copied}</p>
        </div>` : nothing}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <h3 id="share-list-title">${t('shareList', { count: this.shares.length })}</h3>
        ${this.shares.length ? this.renderList() : html`<p>${t('noShares')}</p>`}
        <div class="actions" style="justify-content:flex-end;margin-top:12px"><button type="button" @click=${() => this.dialog.close()}>${t('close')}</button></div>
      </dialog>`;
  }

  private renderList(): TemplateResult {
    const { t, date } = this.i18n;
    const format = date.bind(this.i18n);
    return html`<table class="stack shares" aria-labelledby="share-list-title">
      <thead><tr><th>${t('shareCreatedAt')}</th><th>${t('shareShows')}</th><th>${t('shareExpires')}</th><th>${t('shareLastOpened')}</th><th>${t('shareState')}</th>
        <th><span class="visually-hidden">${t('actions')}</span></th></tr></thead>
      <tbody>${this.shares.map((share) => {
        const state = share.revokedAt ? 'shareRevoked' : share.active ? 'shareActive' : 'shareExpired';
        return html`<tr data-share=${share.id}>
          <td data-label=${t('shareCreatedAt')}>${format(share.createdAt)}</td>
          <td data-label=${t('shareShows')}>${share.source === 'draft' ? t('shareDraftRevision', { revision: share.draftRevision ?? 0 }) : t('shareOfSubmission')}</td>
          <td data-label=${t('shareExpires')}>${format(share.expiresAt)}</td>
          <td data-label=${t('shareLastOpened')}>${share.lastOpenedAt ? format(share.lastOpenedAt) : t('shareNever')}</td>
          <td data-label=${t('shareState')}><span class="badge ${share.active ? 'approved' : 'withdrawn'}">${t(state)}</span></td>
          <td>${share.active ? html`<button type="button" class="danger" aria-label=${t('shareRevokeLabel', { date: format(share.createdAt) })}
            @click=${() => void this.revoke(share)}>${t('shareRevoke')}</button>` : nothing}</td>
        </tr>`;
      })}</tbody></table>`;
  }
}
