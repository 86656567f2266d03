import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, isInvalidDraft, type Api, type Me, type Submission } from '../shared/api.ts';
import { windowBoundaries } from '../../../schema/windows.ts';
import { asOfControl } from '../shared/as-of.ts';
import { StickyHeaderController } from '../shared/sticky-header.ts';
import { LangController } from '../shared/i18n.ts';
import { errorNotice, noticeRegions, type Notice } from '../shared/notice.ts';
import { placeComments } from '../shared/comment-anchor.ts';
import { humanPath } from '../shared/labels.ts';
import { getAt } from '../shared/pointer.ts';
import { PREVIEW_WIDTHS, widthSwitch, type PreviewWidth } from '../shared/preview-frame.ts';
import { borrowSignIn, lastPartner, onTokenLink, shareSignIn, rememberPartner, signIn, signInForm, store, takeToken, type TokenToTry } from '../shared/session.ts';
import { DraftController, UNSAVED_STATES } from './draft-controller.ts';
import { editorStyles } from './editor.styles.ts';
import { errorsByPath, focusField } from './fields.ts';
import './sections/brand-section.ts';
import './sections/cloud-menu-section.ts';
import './sections/comments-section.ts';
import '../shared/share-dialog.ts';
import './sections/history-section.ts';
import './sections/json-section.ts';
import './sections/operations-section.ts';
import './sections/promotion-section.ts';
import './sections/status-banner.ts';
import './sections/summary-section.ts';
import type { EditorContext } from './sections/section.ts';

/** What the status region says, until the next edit, of a draft that came from elsewhere. */
const MERGE_NOTICES = { elsewhere: 'mergedElsewhere', restored: 'restoredUnsaved', updated: 'updatedElsewhere' } as const;

type EditorApp = { notice: Notice | null };

/**
 * The partner editor: a form per part and a JSON view kept in step, validation beside each
 * field, a live preview in both languages at three widths, autosave with conflict handling,
 * import/export, and submission with its history. It works without a token or a service,
 * keeping the draft in the browser. The draft lives in a DraftController; each part of the
 * form is an element of its own (sections/).
 */
@customElement('cobrand-editor-app')
export class CobrandEditorApp extends LitElement {
  static override styles = editorStyles;

  private readonly i18n = new LangController(this);
  private readonly stickyHeader = new StickyHeaderController(this);
  private readonly draft = new DraftController(this);
  @state() private notice: Notice | null = null;
  @state() private previewWidth: PreviewWidth = PREVIEW_WIDTHS[0];
  /** The moment the preview shows the bar as of (time windows); unset, now. */
  @state() private asOf: number | undefined = undefined;
  @state() private signInError = '';
  /** A token is being tried with no partner signed in yet: what the form shows is about to be replaced. */
  @state() private signingIn = false;
  /** A sign-in link for another partner than `current` (this tab's, or this browser's last): taken only once the partner says so. */
  @state() private linkToConfirm: { token: string; api: Api; me: Me; current: string } | null = null;
  /** Entries added in this session whose fields show errors only once left (or on submit), and the fields left so far. */
  @state() private fresh = new Set<string>();
  @state() private touched = new Set<string>();
  @state() private clipped = new Set<string>();
  private readonly added = new Set<string>();

  private stopTokenLinks?: () => void;
  private stopSharing?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    const given = takeToken();
    if (given) void this.signIn(given);
    else void this.signInAsAnotherTab();
    this.stopTokenLinks = onTokenLink((link) => void this.signIn(link));
    this.stopSharing = shareSignIn('partner');
    // On the document: after a removal the focused button is gone and focus falls back to the body.
    document.addEventListener('keydown', this.onKeyDown);
    window.addEventListener('beforeunload', this.onBeforeUnload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopTokenLinks?.();
    this.stopSharing?.();
    document.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  /** Leaving with an edit not yet saved (autosave waits a moment): the browser asks first, and the save starts at once. */
  private readonly onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!UNSAVED_STATES.has(this.draft.saveState)) return;
    void this.draft.save();
    event.preventDefault();
  };

  /** Ctrl+Z / Ctrl+Shift+Z (⌘ on a Mac, Ctrl+Y too) step through this session's document history; the JSON box keeps its own. */
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const key = event.key.toLowerCase();
    if (!(event.ctrlKey || event.metaKey) || event.altKey || (key !== 'z' && key !== 'y')) return;
    if ((event.composedPath()[0] as HTMLElement | undefined)?.id === 'json-text') return;
    event.preventDefault();
    this.step(key === 'y' || event.shiftKey ? 'redo' : 'undo');
  };

  /** The buttons are aria-disabled, never disabled, at the end of history: the last undo would otherwise drop focus to the page. */
  private step(direction: 'undo' | 'redo'): void {
    if (direction === 'undo' ? this.draft.undo() : this.draft.redo()) this.notice = { kind: 'ok', text: () => this.i18n.t(direction === 'undo' ? 'undone' : 'redone') };
  }

  private readonly move = (path: string, index: number, delta: number): void => {
    const list = [...((getAt(this.draft.doc, path) as unknown[]) ?? [])];
    const target = index + delta;
    if (target < 0 || target >= list.length) return;
    [list[index], list[target]] = [list[target], list[index]];
    this.draft.set(path, list);
    // Focus stays on the same button of the moved entry; at the end of the list, where that one is
    // disabled, on the entry itself (its other button would take a further press back).
    void this.updateComplete.then(() => {
      const item = this.renderRoot.querySelector<HTMLElement>(`li.entry[data-path="${path}/${target}"]`);
      (item?.querySelector<HTMLButtonElement>(`:scope > .entry-head [data-action="${delta < 0 ? 'up' : 'down'}"]:not([disabled])`) ?? item)?.focus();
    });
  };

  private errorMapCache?: { result: unknown; lang: string; map: Map<string, string> };
  private errorMap(): Map<string, string> {
    const lang = this.i18n.lang;
    if (this.errorMapCache?.result !== this.draft.validation || this.errorMapCache.lang !== lang) {
      this.errorMapCache = { result: this.draft.validation, lang, map: errorsByPath(this.draft.validation.errors, lang) };
    }
    return this.errorMapCache.map;
  }

  /** Open comments where they are in the draft now; recomputed only when the draft or the comments change. */
  private commentPlaceCache?: { doc: unknown; comments: unknown; placed: ReturnType<typeof placeComments> };
  private commentPlaces(): ReturnType<typeof placeComments> {
    const { doc, comments } = this.draft;
    if (this.commentPlaceCache?.doc !== doc || this.commentPlaceCache.comments !== comments) {
      this.commentPlaceCache = { doc, comments, placed: placeComments(this.draft.openComments, doc) };
    }
    return this.commentPlaceCache.placed;
  }

  private context(): EditorContext {
    const errors = this.errorMap();
    const comments = this.commentPlaces().byPath;
    const waiting = (path: string) => !this.touched.has(path) && [...this.fresh].some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
    return {
      doc: this.draft.doc, errors, errorAt: (path) => (waiting(path) ? undefined : errors.get(path)), set: this.draft.set, move: this.move, i18n: this.i18n,
      draft: this.draft, waiting, commentsAt: (path) => comments.get(path) ?? [],
      touch: (path) => { if (!this.touched.has(path)) this.touched = new Set(this.touched).add(path); },
      added: (path) => { this.fresh = new Set(this.fresh).add(path); this.added.add(path); },
      isNew: (path) => this.added.has(path),
      clipped: this.clipped,
      clip: (path, clipped) => {
        if (clipped === this.clipped.has(path)) return;
        const next = new Set(this.clipped);
        if (clipped) next.add(path); else next.delete(path);
        this.clipped = next;
      },
    };
  }

  // ---- session ----------------------------------------------------------------------------

  /** A tab opened without a sign-in link is signed in as another tab of this browser is; with none, it works in this browser. */
  private async signInAsAnotherTab(): Promise<void> {
    this.signingIn = true;
    const token = await borrowSignIn('partner');
    this.signingIn = false;
    if (token) await this.signIn({ token, fromLink: false });
    else this.draft.loadLocal();
  }

  private async signIn({ token, fromLink }: TokenToTry): Promise<void> {
    this.linkToConfirm = null;
    // Then the draft controller holds the form while it loads the draft (`loading`).
    this.signingIn = !this.draft.me;
    const result = await signIn(token, 'partner', this.i18n.t('notPartner')).finally(() => { this.signingIn = false; });
    if ('error' in result) {
      const message = result.offline ? this.i18n.t('offline') : result.error;
      // Signed in already, the tab stays so, and says why the link did nothing; the sign-in form says it beside itself.
      if (fromLink && this.draft.me && !this.draft.sessionEnded) this.notice = { kind: 'bad', text: () => this.i18n.t('linkRefused', { message }) };
      else this.signInError = message;
      if (!this.draft.api) this.draft.loadLocal();
      return;
    }
    // A link for another partner than the one this tab or browser works as could be anyone's: asked first.
    const current = this.draft.me?.partnerId ?? lastPartner();
    if (fromLink && current && current !== result.me.partnerId) {
      this.linkToConfirm = { token, ...result, current };
      return;
    }
    await this.takeSignIn(token, result);
  }

  private async takeSignIn(token: string, { api, me }: { api: Api; me: Me }): Promise<void> {
    this.linkToConfirm = null;
    this.signInError = '';
    store(token);
    rememberPartner(me.partnerId!);
    if (this.draft.me && this.draft.me.partnerId !== me.partnerId) await this.draft.flush();
    await this.draft.signedIn(api, me);
  }

  /** Stays as the partner this tab works as (or signed out) instead of the link's. */
  private declineLink(): void {
    this.linkToConfirm = null;
    if (!this.draft.api) this.draft.loadLocal();
  }

  /** Brings what the header's status asks for (far above, where the partner may have scrolled from) into view, focused. */
  private reveal(selector: string): void {
    const target = this.renderRoot.querySelector<HTMLElement>(selector);
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }

  private async signOut(): Promise<void> {
    await this.draft.flush();
    store(null);
    this.draft.signOut();
  }

  private async submit(): Promise<void> {
    this.fresh = new Set();
    if (!this.draft.validation.valid) {
      // Only new entries' messages were waiting: show them all now, from the summary.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#summary-title')?.focus();
      return;
    }
    await this.changeStatus(() => this.draft.submit());
  }

  private async resubmit(): Promise<void> {
    await this.changeStatus(() => this.draft.resubmit());
  }

  private async withdraw(submission: Submission): Promise<void> {
    await this.changeStatus(() => this.draft.withdraw(submission));
  }

  /**
   * Submits, resubmits or withdraws, then takes focus to the status, which says what changed:
   * the button pressed is disabled or gone by then, and focus would drop to the page.
   */
  private async changeStatus(action: () => Promise<Submission | void>): Promise<void> {
    try {
      const submission = await action();
      this.notice = submission ? { kind: 'ok', text: () => this.i18n.t('submitted', { date: this.i18n.date(submission.dueAt) }) } : null;
    } catch (error) {
      const stale = error instanceof ApiError && error.status === 412;
      this.notice = stale ? { kind: 'bad', text: () => this.i18n.t('submitStale') } : { ...errorNotice(error), ...(isInvalidDraft(error) ? { about: this.draft.doc } : {}) };
      return;
    }
    await this.updateComplete;
    await this.renderRoot.querySelector<LitElement>('cobrand-status-banner')?.updateComplete;
    this.reveal('#status');
  }

  private readonly onNotice = (event: CustomEvent<EditorApp['notice']>): void => {
    this.notice = event.detail;
  };

  private jump(part: string, event: Event): void {
    event.preventDefault();
    const section = this.renderRoot.querySelector<HTMLElement>(`#${part}`);
    section?.scrollIntoView({ block: 'start' });
    section?.focus();
  }

  // ---- rendering ------------------------------------------------------------------------

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    // The question is where the partner is taken to, as a dialog's would be.
    if (changed.has('linkToConfirm') && this.linkToConfirm && !changed.get('linkToConfirm')) {
      this.renderRoot.querySelector<HTMLElement>('#confirm-link-title')?.focus();
    }
  }

  protected override willUpdate(): void {
    if (this.notice?.about !== undefined && this.notice.about !== this.draft.doc) this.notice = null;
  }

  protected override render() {
    const { t } = this.i18n;
    const { me } = this.draft;
    const context = this.context();
    // Until the partner's draft is in the form, nothing in it can be edited (an edit would be lost under it).
    const busy = this.signingIn || this.draft.loading || this.draft.loadError !== null || (this.linkToConfirm !== null && !me);
    return html`
      <header class="top">
        <h1>Cobrand · ${t('editorTitle')}</h1>
        ${me ? html`<span>${t('signedInAs')} <strong>${me.partnerId}</strong></span>` : nothing}
        <span class="save ${this.draft.saveState}" role="status">${this.saveText()}</span>
        ${this.draft.sessionEnded ? html`<button type="button" class="primary" @click=${() => this.reveal('#token')}>${t('signInAgain')}</button>`
          : this.draft.saveState === 'conflict' ? html`<button type="button" class="primary" @click=${() => this.reveal('#conflict button')}>${t('resolveConflict')}</button>` : nothing}
        <span class="spacer"></span>
        <span class="history-buttons">
          <button type="button" aria-keyshortcuts="Control+Z" aria-disabled=${!this.draft.canUndo} @click=${() => this.step('undo')}>↶ ${t('undo')}</button>
          <button type="button" aria-keyshortcuts="Control+Shift+Z" aria-disabled=${!this.draft.canRedo} @click=${() => this.step('redo')}>↷ ${t('redo')}</button>
        </span>
        <button type="button" lang=${this.i18n.lang === 'zh-CN' ? 'en' : 'zh'} title=${t('languageLabel')} @click=${() => this.i18n.toggle()}>${t('language')}</button>
        ${me ? html`<button type="button" @click=${this.signOut}>${t('signOut')}</button>` : nothing}
      </header>
      ${this.renderLinkToConfirm()}
      ${(me && !this.draft.sessionEnded) || this.signingIn || this.linkToConfirm ? nothing : signInForm(this.i18n, { intro: t(me ? 'sessionEnded' : 'offline'), error: this.signInError, onToken: (token) => void this.signIn({ token, fromLink: false }) })}
      ${this.renderLoadError()}
      <main ?inert=${busy} aria-busy=${busy ? 'true' : nothing}>
        <cobrand-status-banner .context=${context} @resubmit=${this.resubmit}></cobrand-status-banner>
        <div class="form" @notice=${this.onNotice}>
          ${this.renderNotices()}
          <cobrand-comments-section .context=${context}></cobrand-comments-section>
          <cobrand-summary-section .context=${context} @submit-draft=${this.submit}></cobrand-summary-section>
          <nav class="parts" aria-label=${t('editorTitle')}>
            ${['brand', 'promotion', 'cloudMenu', 'operations', 'json'].map((part) => html`<a href="#${part}" @click=${(event: Event) => this.jump(part, event)}>${t(part as 'brand')}</a>`)}
            <a class="to-preview" href="#live-preview" @click=${(event: Event) => this.jump('live-preview', event)}>${t('preview')}</a>
          </nav>
          <cobrand-brand-section .context=${context}></cobrand-brand-section>
          <cobrand-promotion-section .context=${context}></cobrand-promotion-section>
          <cobrand-cloud-menu-section .context=${context}></cobrand-cloud-menu-section>
          <cobrand-operations-section .context=${context}></cobrand-operations-section>
          <cobrand-json-section .context=${context}></cobrand-json-section>
          <cobrand-history-section .context=${context} @withdraw=${(event: CustomEvent<Submission>) => this.withdraw(event.detail)}></cobrand-history-section>
        </div>
        ${this.renderPreview(context)}
      </main>`;
  }

  /** Keeps one side for the values both changed; focus goes to the first of them, as the buttons it was on go. */
  private async resolveConflict(keepMine: boolean): Promise<void> {
    const first = this.draft.conflict?.clashes[0];
    await this.draft.resolveConflict(keepMine);
    await this.updateComplete;
    if (first !== undefined) focusField(this.renderRoot, first);
    else this.renderRoot.querySelector<HTMLElement>('#summary-title')?.focus();
  }

  /** "Phone: theirs “…”, yours “…”": what each side wrote, for a value both changed (a list's order is named only). */
  private clashValues(path: string, theirs: unknown): string {
    const mine = getAt(this.draft.doc, path);
    if (Array.isArray(mine)) return this.clashName(path);
    const said = (value: unknown) => (value === undefined ? this.i18n.t('noValue') : typeof value === 'string' ? value : JSON.stringify(value)).slice(0, 120);
    return this.i18n.t('clashValues', { field: this.clashName(path), theirs: said(getAt(theirs, path)), mine: said(mine) });
  }

  /** A value both sides changed; for a menu that both reordered, its order (the entries' edits merged). */
  private clashName(path: string): string {
    const name = humanPath(path || '/', this.i18n.lang, this.draft.doc);
    return Array.isArray(getAt(this.draft.doc, path)) ? `${name} (${this.i18n.t('entriesOrder')})` : name;
  }

  private saveText(): string {
    const { t } = this.i18n;
    if (this.draft.loading) return t('loadingDraft');
    if (this.draft.loadError !== null) return t('draftNotLoaded');
    if (this.signingIn) return t('signingIn');
    switch (this.draft.saveState) {
      // Said where the partner looks wherever they scrolled to, as well as in the notice at the top.
      case 'saved': return t(this.draft.merged === 'elsewhere' ? 'savedMerged' : this.draft.merged === 'restored' ? 'savedRestored' : 'saved');
      case 'saving': return t('saving');
      case 'unsaved': return t('unsaved');
      case 'local': return t('savedLocally');
      case 'conflict': return t('conflict');
      case 'error': return t('saveFailed', { message: errorNotice(this.draft.saveError).text() });
    }
  }

  private renderLinkToConfirm(): TemplateResult | typeof nothing {
    const { t } = this.i18n;
    const link = this.linkToConfirm;
    if (!link) return nothing;
    const linked = link.me.partnerId!;
    return html`<section class="notice warn confirm-link" role="alert" aria-labelledby="confirm-link-title">
      <h2 id="confirm-link-title" tabindex="-1">${t('linkForOther', { linked })}</h2>
      <p>${t(this.draft.me ? 'linkSignedInAs' : 'linkLastWorkedAs', { current: link.current })} ${t('linkForOtherWhy', { linked })}</p>
      <div class="actions">
        <button type="button" @click=${() => void this.takeSignIn(link.token, link)}>${t('signInAs', { linked })}</button>
        <button type="button" class="primary" @click=${this.declineLink}>${this.draft.me ? t('stayAs', { current: link.current }) : t('cancel')}</button>
      </div>
    </section>`;
  }

  /** Outside the form, which stays inert while the draft is not loaded. */
  private renderLoadError(): TemplateResult | typeof nothing {
    const { t } = this.i18n;
    if (this.draft.loadError === null) return nothing;
    return html`<div class="notice bad load-error" role="alert">
      <p>${t('draftLoadFailed', { message: errorNotice(this.draft.loadError).text() })}</p>
      <div class="actions"><button type="button" class="primary" ?disabled=${this.draft.loading} @click=${() => void this.draft.open()}>${t('tryAgain')}</button></div>
    </div>`;
  }

  private renderNotices(): TemplateResult {
    const { t } = this.i18n;
    return html`
      ${this.draft.saveState === 'conflict' ? html`<div class="notice bad" role="alert" id="conflict">
        <p style="margin:0 0 8px">${this.draft.conflict
          ? t('conflictFields', { fields: this.draft.conflict.clashes.map((path) => this.clashName(path)).join('; ') })
          : t('conflict')}</p>
        ${this.draft.conflict ? html`<ul class="clashes">${this.draft.conflict.clashes.map((path) => html`<li>${this.clashValues(path, this.draft.conflict!.theirs)}</li>`)}</ul>` : nothing}
        <div class="actions"><button type="button" @click=${() => void this.resolveConflict(false)}>${t('reload')}</button>
          <button type="button" class="danger" @click=${() => void this.resolveConflict(true)}>${t('overwrite')}</button></div>
      </div>` : nothing}
      ${this.draft.signedOutEdits ? html`<div class="notice" role="alert">
        <p style="margin:0 0 8px">${t('signedOutEdits')}</p>
        <div class="actions"><button type="button" class="primary" @click=${() => this.draft.useSignedOutEdits(true)}>${t('useSignedOutEdits')}</button>
          <button type="button" @click=${() => this.draft.useSignedOutEdits(false)}>${t('discardSignedOutEdits')}</button></div>
      </div>` : nothing}
      ${noticeRegions(this.notice, this.draft.merged ? html`<div class="notice">${t(MERGE_NOTICES[this.draft.merged])}</div>` : nothing)}`;
  }

  private renderPreview(context: EditorContext): TemplateResult {
    const { t } = this.i18n;
    // Open comments not yet ticked are marked on the entry they concern (the marks are the preview's, not the bar's).
    const marks = [...this.commentPlaces().byPath].flatMap(([path, comments]) => comments.filter((comment) => !this.draft.resolving.has(comment.id)).map(() => path))
      .map((pointer, index) => ({ pointer, label: t('commentMark', { n: index + 1, field: humanPath(pointer, this.i18n.lang, this.draft.doc) }) }));
    return html`<aside class="preview card" id="live-preview" tabindex="-1" aria-labelledby="preview-title">
      <div class="actions"><h2 id="preview-title" style="margin:0">${t('preview')}</h2><span class="spacer" style="flex:1"></span>
        ${this.draft.me ? html`<cobrand-share-dialog .api=${this.draft.api} partner=${this.draft.me.partnerId ?? ""}></cobrand-share-dialog>` : nothing}
        ${widthSwitch(t('width'), this.previewWidth, (width) => { this.previewWidth = width; })}</div>
      ${asOfControl(this.i18n, this.asOf, (moment) => { this.asOf = moment; }, windowBoundaries(this.draft.doc))}
      ${(['zh-CN', 'en-US'] as const).map((lang) => html`<cobrand-preview-frame interactive hint=${t('previewHint')} .config=${this.draft.doc} .now=${this.asOf} lang=${lang} width=${this.previewWidth}
        .marks=${marks} marks-title=${t('commentsMarked')}
        label=${t('previewOf', { lang: lang === 'zh-CN' ? '简体中文' : 'English', width: this.previewWidth })}></cobrand-preview-frame>`)}
    </aside>`;
  }
}
