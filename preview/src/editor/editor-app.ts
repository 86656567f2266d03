import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { CLOUD_MENU_AREAS, CLOUD_MENU_CATALOG, AREA_LABELS, type CloudMenuAreaId } from '../../../schema/catalog.ts';
import { DARK_TEXT, isHexColor, pickTextColor } from '../../../schema/contrast.ts';
import { MAX_DOCUMENT_BYTES } from '../../../schema/errors.ts';
import { validateCustomization, type ValidationResult } from '../../../schema/validate.ts';
import { ApiError, type Api, type Me, type Submission } from '../shared/api.ts';
import { LangController } from '../shared/i18n.ts';
import { humanPath } from '../shared/labels.ts';
import { getAt, setAt } from '../shared/pointer.ts';
import { PREVIEW_WIDTHS, widthSwitch, type PreviewWidth } from '../shared/preview-frame.ts';
import { signIn, signInForm, store, takeToken } from '../shared/session.ts';
import { appStyles } from '../shared/styles.ts';
import { errorsByPath, errorText, fieldId, textField } from './fields.ts';
import { entryList, type MenuContext } from './menu-fields.ts';

type Doc = Record<string, unknown>;
type SaveState = 'saved' | 'saving' | 'unsaved' | 'local' | 'conflict' | 'error';

const LOCAL_COPY = 'cobrand:editor-draft';
const AUTOSAVE_MS = 800;

/**
 * The partner editor: a form per part and a JSON view kept in step, validation beside each
 * field, a live preview in both languages at three widths, autosave with conflict handling,
 * import/export, and submission with its history. It works without a token or a service,
 * keeping the draft in the browser.
 */
@customElement('cobrand-editor-app')
export class CobrandEditorApp extends LitElement {
  static override styles = [appStyles, css`
    main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; padding: 20px; max-width: 1800px; margin: 0 auto; }
    @media (max-width: 1100px) { main { grid-template-columns: minmax(0, 1fr); } }
    @media (max-width: 600px) { main { padding: 12px; } header.top { padding: 8px 12px; } }
    .preview { position: sticky; top: 64px; align-self: start; display: grid; gap: 12px; }
    @media (max-width: 1100px) { .preview { position: static; grid-row: 1; } }
    .save { font-size: 13px; color: #475467; }
    .save.conflict, .save.error { color: #b42318; font-weight: 600; }
    .entry-list { list-style: none; margin: 0 0 8px; padding: 0; display: grid; gap: 8px; }
    .entry { border: 1px solid #d0d5dd; border-radius: 6px; padding: 8px 12px; background: #fcfcfd; }
    .entry-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 6px; }
    .entry-tools { display: inline-flex; gap: 4px; }
    fieldset { border: 1px solid #e4e7ec; border-radius: 6px; margin: 8px 0 0; padding: 8px 12px; }
    legend { font-weight: 600; color: #344054; padding: 0 4px; }
    .checkbox label { display: flex; align-items: center; gap: 6px; font-weight: 400; margin-top: 26px; }
    .catalog { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-bottom: 8px; }
    .catalog label { display: inline-flex; align-items: center; gap: 6px; font-weight: 400; }
    .logo-row { display: grid; grid-template-columns: 140px minmax(0, 1fr); gap: 12px; align-items: start; }
    /* A file input is hidden behind its label, which shows the input's focus. */
    input.file:focus-visible + label { outline: 2px solid #0b3d91; outline-offset: 2px; }
    @media (max-width: 600px) { .logo-row { grid-template-columns: minmax(0, 1fr); } }
    .thumb { width: 140px; height: 48px; border: 1px dashed #98a2b3; border-radius: 6px; display: grid; place-items: center; overflow: hidden; background: var(--thumb-bg, #0b3d91); }
    .thumb img { max-width: 132px; max-height: 40px; }
    .colour { display: flex; gap: 8px; align-items: center; }
    .colour input[type=text] { max-width: 120px; }
    .readout { display: flex; align-items: center; gap: 8px; margin-top: 6px; }
    .swatch { padding: 2px 10px; border-radius: 4px; font-weight: 600; }
    .summary ul { margin: 6px 0 0; padding-left: 20px; }
    .summary a { color: #912018; }
    textarea.json { min-height: 360px; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
    nav.parts { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 12px; }
    nav.parts a { color: #0b3d91; }
    .actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
  `];

  private readonly i18n = new LangController(this);
  @state() private api: Api | null = null;
  @state() private me: Me | null = null;
  @state() private doc: Doc = { schemaVersion: 1, partnerId: 'my-partner' };
  @state() private jsonText = '';
  @state() private jsonError = '';
  @state() private revision = 0;
  @state() private saveState: SaveState = 'local';
  @state() private saveMessage = '';
  @state() private submissions: Submission[] = [];
  @state() private notice: { kind: 'ok' | 'bad'; text: string } | null = null;
  @state() private previewWidth: PreviewWidth = PREVIEW_WIDTHS[0];
  @state() private signInError = '';
  private validation: ValidationResult = { valid: true, errors: [] };
  private saveTimer?: ReturnType<typeof setTimeout>;
  private saving?: Promise<void>;

  override connectedCallback(): void {
    super.connectedCallback();
    const token = takeToken();
    if (token) void this.signIn(token);
    else this.loadLocal();
  }

  private get partnerId(): string {
    return this.me?.partnerId ?? (typeof this.doc.partnerId === 'string' ? this.doc.partnerId : '');
  }

  // ---- document state -------------------------------------------------------------------

  private setDoc(doc: Doc, { fromJson = false, persist = true } = {}): void {
    this.doc = doc;
    this.validation = validateCustomization(doc, this.me?.partnerId ? { partnerId: this.me.partnerId } : {});
    if (!fromJson) {
      this.jsonText = JSON.stringify(doc, null, 2);
      this.jsonError = '';
    }
    if (persist) this.scheduleSave();
  }

  private readonly set = (path: string, value: unknown): void => this.setDoc(setAt(this.doc, path, value));

  private readonly move = (path: string, index: number, delta: number): void => {
    const list = [...((getAt(this.doc, path) as unknown[]) ?? [])];
    const target = index + delta;
    if (target < 0 || target >= list.length) return;
    [list[index], list[target]] = [list[target], list[index]];
    this.set(path, list);
    void this.updateComplete.then(() => {
      const item = this.renderRoot.querySelector(`[data-path="${path}/${target}"]`);
      const button = item?.querySelector<HTMLButtonElement>(`:scope > .entry-head [data-action="${delta < 0 ? 'up' : 'down'}"]:not([disabled])`)
        ?? item?.querySelector<HTMLButtonElement>(':scope > .entry-head button:not([disabled])');
      button?.focus();
    });
  };

  private readonly errorAt = (path: string): string | undefined => this.errorMap().get(path);

  private errorMapCache?: { result: ValidationResult; lang: string; map: Map<string, string> };
  private errorMap(): Map<string, string> {
    const lang = this.i18n.lang;
    if (this.errorMapCache?.result !== this.validation || this.errorMapCache.lang !== lang) {
      this.errorMapCache = { result: this.validation, lang, map: errorsByPath(this.validation.errors, lang) };
    }
    return this.errorMapCache.map;
  }

  private get context(): MenuContext {
    return { doc: this.doc, errorAt: this.errorAt, set: this.set, move: this.move, i18n: this.i18n };
  }

  // ---- session and saving ---------------------------------------------------------------

  private async signIn(token: string): Promise<void> {
    const result = await signIn(token, 'partner', this.i18n.t('notPartner'));
    if ('error' in result) {
      this.signInError = result.offline ? this.i18n.t('offline') : result.error;
      if (!this.api) this.loadLocal();
      return;
    }
    ({ api: this.api, me: this.me } = result);
    this.signInError = '';
    await this.reload();
  }

  private signOut(): void {
    store(null);
    this.api = null;
    this.me = null;
    this.submissions = [];
    this.loadLocal();
  }

  private loadLocal(): void {
    let doc: Doc = { schemaVersion: 1, partnerId: 'my-partner' };
    try {
      const stored = localStorage.getItem(LOCAL_COPY);
      if (stored) doc = JSON.parse(stored) as Doc;
    } catch { /* start afresh */ }
    this.saveState = 'local';
    this.setDoc(doc, { persist: false });
  }

  /** Loads the draft from the service, replacing what is in the form. */
  private async reload(): Promise<void> {
    if (!this.api || !this.me?.partnerId) return;
    const { data } = await this.api.draft(this.me.partnerId);
    this.revision = data.revision;
    this.saveState = 'saved';
    this.saveMessage = '';
    this.setDoc((data.config ?? {}) as Doc, { persist: false });
    await this.loadSubmissions();
  }

  private async loadSubmissions(): Promise<void> {
    if (this.api && this.me?.partnerId) this.submissions = await this.api.submissions(this.me.partnerId);
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    if (!this.api) {
      try { localStorage.setItem(LOCAL_COPY, JSON.stringify(this.doc)); } catch { /* the page keeps it */ }
      this.saveState = 'local';
      return;
    }
    if (this.saveState === 'conflict') return;
    this.saveState = 'unsaved';
    this.saveTimer = setTimeout(() => void this.save(), AUTOSAVE_MS);
  }

  /** Saves now (waiting for a save under way); a stale revision becomes the conflict state, never an overwrite. */
  private async save(revision = this.revision): Promise<void> {
    clearTimeout(this.saveTimer);
    if (!this.api || !this.me?.partnerId) return;
    await this.saving;
    if (this.saveState === 'saved' || (this.saveState === 'conflict' && revision === this.revision)) return;
    const doc = this.doc;
    this.saveState = 'saving';
    this.saving = this.api.saveDraft(this.me.partnerId, doc, revision).then(({ data }) => {
      this.revision = data.revision;
      this.saveState = this.doc === doc ? 'saved' : 'unsaved';
      if (this.saveState === 'unsaved') this.scheduleSave();
    }, (error: unknown) => {
      if (error instanceof ApiError && error.status === 412) {
        this.saveState = 'conflict';
        this.revision = error.body.revision ?? this.revision;
      } else {
        this.saveState = 'error';
        this.saveMessage = (error as Error).message;
      }
    });
    await this.saving;
  }

  private async resolveConflict(keepMine: boolean): Promise<void> {
    if (!keepMine) return this.reload();
    const latest = this.revision;
    this.saveState = 'unsaved';
    await this.save(latest);
  }

  private async submit(): Promise<void> {
    if (!this.api || !this.me?.partnerId) return;
    await this.save();
    try {
      const submission = await this.api.submit(this.me.partnerId);
      this.notice = { kind: 'ok', text: this.i18n.t('submitted', { date: this.i18n.date(submission.dueAt) }) };
    } catch (error) {
      this.notice = { kind: 'bad', text: (error as Error).message };
    }
    await this.loadSubmissions();
  }

  private async withdraw(submission: Submission): Promise<void> {
    if (!this.api || !this.me?.partnerId) return;
    try {
      await this.api.withdraw(this.me.partnerId, submission.id);
      this.notice = null;
    } catch (error) {
      this.notice = { kind: 'bad', text: (error as Error).message };
    }
    await this.loadSubmissions();
  }

  // ---- import, export, upload -----------------------------------------------------------

  private async importFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_DOCUMENT_BYTES) {
      this.notice = { kind: 'bad', text: `${file.name}: ${file.size} bytes > ${MAX_DOCUMENT_BYTES}` };
      return;
    }
    try {
      this.setDoc(JSON.parse(await file.text()) as Doc);
      this.notice = null;
    } catch (error) {
      this.notice = { kind: 'bad', text: this.i18n.t('jsonInvalid', { message: `${file.name}: ${(error as Error).message}` }) };
    }
  }

  private exportFile(): void {
    const blob = new Blob([`${JSON.stringify(this.doc, null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${this.partnerId || 'customization'}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  private async upload(lang: string, event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (!this.api || !this.me?.partnerId) {
      this.notice = { kind: 'bad', text: this.i18n.t('uploadNeedsSignIn') };
      return;
    }
    try {
      const asset = await this.api.upload(this.me.partnerId, file);
      this.set(`/brand/logos/${lang}/src`, asset.src);
      this.notice = null;
    } catch (error) {
      this.notice = { kind: 'bad', text: `${file.name}: ${(error as Error).message}` };
    }
  }

  private onJsonInput(event: Event): void {
    this.jsonText = (event.target as HTMLTextAreaElement).value;
    try {
      const parsed = JSON.parse(this.jsonText) as Doc;
      this.jsonError = '';
      this.setDoc(parsed, { fromJson: true });
    } catch (error) {
      this.jsonError = this.i18n.t('jsonInvalid', { message: (error as Error).message });
    }
  }

  /** Focuses the field of an error, or the nearest enclosing part of the form that has one. */
  private focusPath(path: string, event: Event): void {
    event.preventDefault();
    for (let candidate = path; ; candidate = candidate.slice(0, candidate.lastIndexOf('/'))) {
      const target = this.renderRoot.querySelector<HTMLElement>(`[data-path="${CSS.escape(candidate)}"]`);
      if (target) {
        target.scrollIntoView({ block: 'center' });
        target.focus();
        return;
      }
      if (!candidate) break;
    }
    this.renderRoot.querySelector<HTMLElement>('#json')?.focus();
  }

  // ---- rendering ------------------------------------------------------------------------

  protected override render() {
    const { t } = this.i18n;
    return html`
      <header class="top">
        <h1>Cobrand · ${t('editorTitle')}</h1>
        ${this.me ? html`<span>${t('signedInAs')} <strong>${this.me.partnerId}</strong></span>` : nothing}
        <span class="save ${this.saveState}" role="status">${this.saveText()}</span>
        <span class="spacer"></span>
        <button type="button" lang=${this.i18n.lang === 'zh-CN' ? 'en' : 'zh'} title=${t('languageLabel')} @click=${() => this.i18n.toggle()}>${t('language')}</button>
        ${this.me ? html`<button type="button" @click=${this.signOut}>${t('signOut')}</button>` : nothing}
      </header>
      ${this.renderSignIn()}
      <main>
        <div class="form">
          ${this.renderNotices()}
          ${this.renderSummary()}
          <nav class="parts" aria-label=${t('editorTitle')}>
            ${['brand', 'promotion', 'cloudMenu', 'operations', 'json'].map((part) => html`<a href="#${part}" @click=${(event: Event) => this.jump(part, event)}>${t(part as 'brand')}</a>`)}
          </nav>
          ${this.renderBrand()} ${this.renderPromotion()} ${this.renderCloudMenu()} ${this.renderOperations()} ${this.renderJson()}
          ${this.renderHistory()}
        </div>
        ${this.renderPreview()}
      </main>`;
  }

  private jump(part: string, event: Event): void {
    event.preventDefault();
    const section = this.renderRoot.querySelector<HTMLElement>(`#${part}`);
    section?.scrollIntoView({ block: 'start' });
    section?.focus();
  }

  private saveText(): string {
    const { t } = this.i18n;
    switch (this.saveState) {
      case 'saved': return t('saved');
      case 'saving': return t('saving');
      case 'unsaved': return t('unsaved');
      case 'local': return t('savedLocally');
      case 'conflict': return t('conflict');
      case 'error': return t('saveFailed', { message: this.saveMessage });
    }
  }

  private renderSignIn(): TemplateResult | typeof nothing {
    if (this.me) return nothing;
    return signInForm(this.i18n, { intro: this.i18n.t('offline'), error: this.signInError, onToken: (token) => void this.signIn(token) });
  }

  private renderNotices(): TemplateResult {
    const { t } = this.i18n;
    return html`
      ${this.saveState === 'conflict' ? html`<div class="notice bad" role="alert">
        <p style="margin:0 0 8px">${t('conflict')}</p>
        <div class="actions"><button type="button" @click=${() => this.resolveConflict(false)}>${t('reload')}</button>
          <button type="button" class="danger" @click=${() => this.resolveConflict(true)}>${t('overwrite')}</button></div>
      </div>` : nothing}
      ${this.notice ? html`<div class="notice ${this.notice.kind === 'bad' ? 'bad' : ''}" role=${this.notice.kind === 'bad' ? 'alert' : 'status'}>${this.notice.text}</div>` : nothing}`;
  }

  private renderSummary(): TemplateResult {
    const { t } = this.i18n;
    const errors = this.validation.errors;
    const canSubmit = this.validation.valid && !!this.me && this.saveState !== 'conflict' && !this.submissions.some((s) => s.status === 'pending');
    return html`<section class="card summary" aria-labelledby="summary-title">
      <h2 id="summary-title" tabindex="-1">${errors.length ? t('problems', { count: errors.length }) : t('noProblems')}</h2>
      ${errors.length ? html`<ul>${errors.map((error) => html`<li><a href="#${fieldId(error.path)}" @click=${(event: Event) => this.focusPath(error.path, event)}>
        ${humanPath(error.path, this.i18n.lang, this.doc)}</a>: ${error.messages[this.i18n.lang] ?? error.message}</li>`)}</ul>` : nothing}
      <div class="actions" style="margin-top:12px">
        <button type="button" class="primary" ?disabled=${!canSubmit} @click=${this.submit}>${t('submit')}</button>
        <input id="import" class="visually-hidden file" type="file" accept="application/json,.json" @change=${this.importFile}>
        <label class="button" for="import">${t('importJson')}</label>
        <button type="button" @click=${this.exportFile}>${t('exportJson')}</button>
      </div>
    </section>`;
  }

  private section(id: string, title: string, body: TemplateResult): TemplateResult {
    return html`<section class="card" id=${id} tabindex="-1" aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>${body}</section>`;
  }

  private renderBrand(): TemplateResult {
    const { t } = this.i18n;
    const context = this.context;
    const background = getAt(this.doc, '/brand/navBackground');
    const colour = typeof background === 'string' && isHexColor(background) ? background : '';
    const choice = colour ? pickTextColor(colour) : undefined;
    return this.section('brand', t('brand'), html`
      ${(['zh-CN', 'en-US'] as const).map((lang) => {
        const base = `/brand/logos/${lang}`;
        const src = getAt(this.doc, `${base}/src`);
        const shown = typeof src === 'string' && (src.startsWith('/assets/') || src.startsWith('https://')) ? src : '';
        const uploadId = `upload-${lang}`;
        return html`<fieldset data-path=${base} tabindex="-1"><legend>${t(lang === 'zh-CN' ? 'logoZh' : 'logoEn')}</legend>
          ${errorText(fieldId(base), this.errorAt(base))}
          <div class="logo-row">
            <div>
              <div class="thumb" style=${colour ? `--thumb-bg:${colour}` : ''}>${shown ? html`<img src=${shown} alt="">` : nothing}</div>
              <input id=${uploadId} class="visually-hidden file" type="file" accept="image/png,image/jpeg,image/webp,image/svg+xml" @change=${(event: Event) => this.upload(lang, event)}>
              <label class="button" for=${uploadId} style="margin-top:6px">${t('upload')}</label>
            </div>
            <div>
              ${textField(context, `${base}/src`, t('image'), { type: 'url' })}
              <div class="row">${textField(context, `${base}/href`, t('link'), { type: 'url', placeholder: 'https://' })}
                ${textField(context, `${base}/alt`, t('altText'), { maxlength: 80 })}</div>
            </div>
          </div>
        </fieldset>`;
      })}
      <div class="field" style="margin-top:12px">
        <label for=${fieldId('/brand/navBackground')}>${t('barColour')}</label>
        <div class="colour">
          <input type="color" aria-label=${t('barColour')} .value=${colour || '#252b3a'}
            @input=${(event: Event) => this.set('/brand/navBackground', (event.target as HTMLInputElement).value.toUpperCase())}>
          <input type="text" id=${fieldId('/brand/navBackground')} data-path="/brand/navBackground" .value=${typeof background === 'string' ? background : ''}
            placeholder="#0B3D91" maxlength="7" aria-invalid=${this.errorAt('/brand/navBackground') ? 'true' : 'false'}
            aria-describedby="contrast-readout ${this.errorAt('/brand/navBackground') ? `${fieldId('/brand/navBackground')}-error` : ''}"
            @input=${(event: Event) => this.set('/brand/navBackground', (event.target as HTMLInputElement).value || undefined)}>
        </div>
        <div class="readout" id="contrast-readout">${choice ? html`
          <span class="swatch" style="background:${colour};color:${choice.color}">Aa 控制台</span>
          <span>${t('contrast', { color: t(choice.color === DARK_TEXT ? 'dark' : 'white'), ratio: choice.ratio })} —
            <strong>${t(choice.meetsAA ? 'meetsAA' : 'failsAA')}</strong></span>` : nothing}</div>
        ${errorText(fieldId('/brand/navBackground'), this.errorAt('/brand/navBackground'))}
      </div>`);
  }

  private renderPromotion(): TemplateResult {
    const { t } = this.i18n;
    return this.section('promotion', t('promotion'),
      entryList(this.context, '/promotionMenu', { withChildren: true, addLabel: t('addEntry') }));
  }

  private renderCloudMenu(): TemplateResult {
    const { t } = this.i18n;
    const lang = this.i18n.lang;
    return this.section('cloudMenu', t('cloudMenu'), html`
      ${CLOUD_MENU_AREAS.map((area) => this.renderArea(area, lang))}
      <h3>${AREA_LABELS.custom[lang]}</h3>
      ${entryList(this.context, '/cloudMenu/custom', { withChildren: true, addLabel: t('addMenu') })}`);
  }

  private renderArea(area: CloudMenuAreaId, lang: 'zh-CN' | 'en-US'): TemplateResult {
    const { t } = this.i18n;
    const hiddenPath = `/cloudMenu/${area}/hidden`;
    const hidden = new Set((getAt(this.doc, hiddenPath) as unknown[] | undefined) ?? []);
    const toggle = (id: string, shown: boolean) => {
      const next = CLOUD_MENU_CATALOG[area].map((entry) => entry.id).filter((candidate) => (candidate === id ? !shown : hidden.has(candidate)));
      this.set(hiddenPath, next.length ? next : undefined);
    };
    return html`<fieldset data-path="/cloudMenu/${area}" tabindex="-1"><legend>${AREA_LABELS[area][lang]}</legend>
      <div class="catalog" data-path=${hiddenPath} tabindex="-1" role="group" aria-label="${AREA_LABELS[area][lang]}: ${t('show')}">
        ${CLOUD_MENU_CATALOG[area].map((entry) => html`<label>
          <input type="checkbox" .checked=${entry.mandatory ? true : !hidden.has(entry.id)} ?disabled=${entry.mandatory}
            @change=${(event: Event) => toggle(entry.id, (event.target as HTMLInputElement).checked)}>
          ${entry.label[lang]}${entry.mandatory ? html` <span class="hint">(${t('mandatory')})</span>` : nothing}</label>`)}
      </div>
      ${errorText(fieldId(hiddenPath), [...this.errorMap()].filter(([path]) => path.startsWith(`${hiddenPath}/`)).map(([, message]) => message).join(' ') || undefined)}
      <h3>${t('customEntries')}</h3>
      ${entryList(this.context, `/cloudMenu/${area}/custom`, { withChildren: false, addLabel: t('addEntry') })}
    </fieldset>`;
  }

  private renderOperations(): TemplateResult {
    const { t } = this.i18n;
    const context = this.context;
    const level = getAt(this.doc, '/operations/announcement/level');
    return this.section('operations', t('operations'), html`
      <fieldset data-path="/operations/contact" tabindex="-1"><legend>${t('contact')}</legend>
        ${errorText(fieldId('/operations/contact'), this.errorAt('/operations/contact'))}
        <div class="row">${textField(context, '/operations/contact/phone', t('phone'), { type: 'tel', placeholder: '+86 400 000 0000' })}
          ${textField(context, '/operations/contact/email', t('email'), { type: 'email' })}</div>
        <div class="row">${textField(context, '/operations/contact/hours/zh-CN', t('hoursZh'))}
          ${textField(context, '/operations/contact/hours/en-US', t('hoursEn'))}</div>
        ${textField(context, '/operations/contact/href', t('supportPage'), { type: 'url', placeholder: 'https://' })}
      </fieldset>
      <fieldset data-path="/operations/announcement" tabindex="-1"><legend>${t('announcement')}</legend>
        ${errorText(fieldId('/operations/announcement'), this.errorAt('/operations/announcement'))}
        ${textField(context, '/operations/announcement/text/zh-CN', t('textZh'))}
        ${textField(context, '/operations/announcement/text/en-US', t('textEn'))}
        <div class="row">${textField(context, '/operations/announcement/href', t('link'), { type: 'url', placeholder: 'https://' })}
          <div class="field"><label for="announcement-level">${t('level')}</label>
            <select id="announcement-level" data-path="/operations/announcement/level" @change=${(event: Event) => this.set('/operations/announcement/level', (event.target as HTMLSelectElement).value)}>
              ${(['info', 'warning', 'critical'] as const).map((value) => html`<option value=${value} ?selected=${(level ?? 'info') === value}>${t(value)}</option>`)}
            </select></div></div>
      </fieldset>`);
  }

  private renderJson(): TemplateResult {
    const { t } = this.i18n;
    return this.section('json', t('json'), html`
      <label for="json" class="visually-hidden">${t('json')}</label>
      <textarea id="json" class="json" data-path="" spellcheck="false" .value=${this.jsonText} aria-invalid=${this.jsonError ? 'true' : 'false'}
        aria-describedby=${this.jsonError ? 'json-error' : nothing} @input=${this.onJsonInput}></textarea>
      ${this.jsonError ? html`<p class="error" id="json-error" role="alert">${this.jsonError}</p>` : nothing}`);
  }

  private renderHistory(): TemplateResult | typeof nothing {
    if (!this.me) return nothing;
    const { t } = this.i18n;
    return this.section('history', t('history'), this.submissions.length === 0
      ? html`<p>${t('noSubmissions')}</p>`
      : html`<table class="stack">
        <thead><tr><th>${t('submittedAt')}</th><th>${t('status')}</th><th>${t('due')}</th><th>${t('reason')}</th><th><span class="visually-hidden">${t('actions')}</span></th></tr></thead>
        <tbody>${this.submissions.map((submission) => html`<tr>
          <td data-label=${t('submittedAt')}>${this.i18n.date(submission.submittedAt)}</td>
          <td><span class="badge ${submission.status}">${t(`status_${submission.status}`)}</span></td>
          <td data-label=${t('due')}>${this.i18n.date(submission.dueAt)}</td>
          <td class="reason">${submission.reason ?? ''}</td>
          <td>${submission.status === 'pending' ? html`<button type="button" @click=${() => this.withdraw(submission)}>${t('withdraw')}</button>` : nothing}</td>
        </tr>`)}</tbody></table>`);
  }

  private renderPreview(): TemplateResult {
    const { t } = this.i18n;
    return html`<aside class="preview card" aria-labelledby="preview-title">
      <div class="actions"><h2 id="preview-title" style="margin:0">${t('preview')}</h2><span class="spacer" style="flex:1"></span>
        ${widthSwitch(t('width'), this.previewWidth, (width) => { this.previewWidth = width; })}</div>
      ${(['zh-CN', 'en-US'] as const).map((lang) => html`<cobrand-preview-frame .config=${this.doc} lang=${lang} width=${this.previewWidth}
        label=${t('previewOf', { lang: lang === 'zh-CN' ? '简体中文' : 'English', width: this.previewWidth })}></cobrand-preview-frame>`)}
    </aside>`;
  }
}
