import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { MAX_DOCUMENT_BYTES } from '../../../../schema/errors.ts';
import { humanPath } from '../../shared/labels.ts';
import { sendNotice, type Notice } from '../../shared/notice.ts';
import type { Doc } from '../draft-controller.ts';
import { fieldId, focusField } from '../fields.ts';
import { isObject } from '../form-shape.ts';
import { EditorSection } from './section.ts';

/** The problems to fix, each a link to its field; submit; import and export JSON. */
@customElement('cobrand-summary-section')
export class CobrandSummarySection extends EditorSection {
  /** A file read and found to be a document, which replaces the draft only once the partner says so. */
  @state() private importing: { name: string; doc: Doc } | null = null;

  /** The editor's shadow tree, where every field is. */
  private get root(): ParentNode {
    return this.getRootNode() as ParentNode;
  }

  private notify(notice: Notice | null): void {
    sendNotice(this, notice);
  }

  private async importFile(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_DOCUMENT_BYTES) {
      this.notify({ kind: 'bad', text: () => this.context.i18n.t('importTooLarge', { name: file.name, kb: Math.ceil(file.size / 1024), max: MAX_DOCUMENT_BYTES / 1024 }) });
      return;
    }
    try {
      const imported: unknown = JSON.parse(await file.text());
      if (!isDocumentLike(imported)) {
        this.notify({ kind: 'bad', text: () => this.context.i18n.t('importNotDocument', { name: file.name }) });
        return;
      }
      this.importing = { name: file.name, doc: imported };
    } catch (error) {
      this.notify({ kind: 'bad', text: () => this.context.i18n.t('jsonInvalid', { message: `${file.name}: ${(error as Error).message}` }) });
    }
  }

  private replaceWithImport(): void {
    const importing = this.importing;
    this.importing = null;
    if (!importing) return;
    this.context.draft.setDoc(importing.doc);
    this.notify({ kind: 'ok', text: () => this.context.i18n.t('importDone', { name: importing.name }) });
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    // The question is where the partner is taken to, as a dialog's would be.
    if (changed.has('importing') && this.importing) this.querySelector<HTMLElement>('#import-question')?.focus();
  }

  private renderImportQuestion() {
    if (!this.importing) return nothing;
    const { t } = this.context.i18n;
    const { name, doc } = this.importing;
    const partner = this.context.draft.partnerId;
    const other = typeof doc.partnerId === 'string' && partner && doc.partnerId !== partner ? doc.partnerId : null;
    return html`<div class="notice warn import-question" role="alert">
      <p id="import-question" tabindex="-1"><strong>${t('importQuestion', { name })}</strong>
        ${other ? t('importOtherPartner', { name, other, partner }) : nothing} ${t('importQuestionWhy')}</p>
      <div class="actions">
        <button type="button" class="danger" @click=${this.replaceWithImport}>${t('importReplace')}</button>
        <button type="button" class="primary" @click=${() => { this.importing = null; }}>${t('cancel')}</button>
      </div>
    </div>`;
  }

  private exportFile(): void {
    const blob = new Blob([`${JSON.stringify(this.context.draft.doc, null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${this.context.draft.partnerId || 'customization'}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  private focusPath(path: string, event: Event): void {
    event.preventDefault();
    focusField(this.root, path);
  }

  protected override render() {
    const { draft, i18n, waiting } = this.context;
    const { t } = i18n;
    const { validation, me, saveState, doc } = draft;
    // Errors in new entries wait until their field is left, or until submit is pressed.
    const errors = validation.errors.filter((error) => !waiting(error.path));
    const unfinished = validation.errors.length - errors.length;
    const canSubmit = (validation.valid || errors.length === 0) && !!me && saveState !== 'conflict' && !draft.pending;
    const title = errors.length ? i18n.plural('problems', errors.length) : unfinished ? t('finishNew') : t(canSubmit ? 'noProblems' : 'noProblemsOnly');
    const rejected = canSubmit ? draft.unchangedSinceRejection : null;
    return html`<section class="card summary" aria-labelledby="summary-title">
      <h2 id="summary-title" tabindex="-1">${title}</h2>
      ${rejected?.decidedAt ? html`<p class="notice warn unchanged-since-rejection">${t('unchangedSinceRejection', { date: i18n.date(rejected.decidedAt) })}</p>` : nothing}
      ${errors.length ? html`<ul>${errors.map((error) => html`<li><a href="#${fieldId(error.path)}" @click=${(event: Event) => this.focusPath(error.path, event)}>
        ${humanPath(error.path, i18n.lang, doc)}</a>: ${error.messages[i18n.lang] ?? error.message}</li>`)}</ul>` : nothing}
      <div class="actions" style="margin-top:12px">
        <button type="button" class="primary" ?disabled=${!canSubmit} @click=${() => this.dispatchEvent(new CustomEvent('submit-draft', { bubbles: true }))}>${t('submit')}</button>
        <input id="import" class="visually-hidden file" type="file" accept="application/json,.json" @change=${this.importFile}>
        <label class="button" for="import">${t('importJson')}</label>
        <button type="button" @click=${this.exportFile}>${t('exportJson')}</button>
      </div>
      ${this.renderImportQuestion()}
    </section>`;
  }
}

/** An object with at least one of a customization document's own fields: anything else would replace the draft with nonsense. */
function isDocumentLike(value: unknown): value is Doc {
  return isObject(value) && ['schemaVersion', 'partnerId', 'brand', 'promotionMenu', 'cloudMenu', 'operations'].some((field) => field in value);
}
