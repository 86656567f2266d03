import { html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Doc } from '../draft-controller.ts';
import { EditorSection } from './section.ts';

/**
 * The whole document as JSON, kept in step with the form; text that does not parse leaves the
 * document as it was, and is kept in this browser (per partner) until it parses or the form
 * rewrites it, so that a reload or a closed tab does not lose it.
 */
@customElement('cobrand-json-section')
export class CobrandJsonSection extends EditorSection {
  @state() private text = '';
  @state() private error = '';
  /** The document this text was parsed into, so that it is not rewritten under the cursor. */
  private parsed?: unknown;
  /** The partner whose kept text was looked for, once their draft was in the form. */
  private restoredFor?: string;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('context') || this.context.draft.loading) return;
    const partnerId = this.context.draft.partnerId;
    if (this.restoredFor !== partnerId) {
      this.restoredFor = partnerId;
      const kept = keptText(partnerId);
      if (kept !== null) return this.show(kept, true);
    }
    if (this.context.doc !== this.parsed) {
      this.text = JSON.stringify(this.context.doc, null, 2);
      this.error = '';
      this.parsed = undefined;
      keepText(partnerId, null);
    }
  }

  private onInput(event: Event): void {
    this.show((event.target as HTMLTextAreaElement).value, false);
  }

  /** Shows `text`; when it parses it becomes the document, otherwise the message says why and the text is kept. */
  private show(text: string, restored: boolean): void {
    this.text = text;
    try {
      const doc = JSON.parse(text) as Doc;
      this.error = '';
      this.parsed = doc;
      keepText(this.context.draft.partnerId, null);
      if (!restored) this.context.draft.setDoc(doc, { path: '#json' });
    } catch (error) {
      this.parsed = this.context.doc;
      this.error = this.context.i18n.t(restored ? 'jsonKept' : 'jsonInvalid', { message: (error as Error).message });
      keepText(this.context.draft.partnerId, text);
    }
  }

  protected override render() {
    const { t } = this.context.i18n;
    return this.section('json', t('json'), html`
      <label for="json-text" class="visually-hidden">${t('json')}</label>
      <textarea id="json-text" class="json" data-path="" spellcheck="false" .value=${this.text} aria-invalid=${this.error ? 'true' : 'false'}
        aria-describedby=${this.error ? 'json-error' : nothing} @input=${this.onInput}></textarea>
      ${this.error ? html`<p class="error" id="json-error" role="alert">${this.error}</p>` : nothing}`);
  }
}

const keptTextKey = (partnerId: string) => `cobrand:json-text:${partnerId}`;

function keptText(partnerId: string): string | null {
  try { return localStorage.getItem(keptTextKey(partnerId)); } catch { return null; }
}

function keepText(partnerId: string, text: string | null): void {
  try {
    if (text === null) localStorage.removeItem(keptTextKey(partnerId));
    else localStorage.setItem(keptTextKey(partnerId), text);
  } catch { /* kept in this page only */ }
}
