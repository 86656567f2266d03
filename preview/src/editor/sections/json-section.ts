import { html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Doc } from '../draft-controller.ts';
import { EditorSection } from './section.ts';

/** The whole document as JSON, kept in step with the form; text that does not parse leaves the document as it was. */
@customElement('cobrand-json-section')
export class CobrandJsonSection extends EditorSection {
  @state() private text = '';
  @state() private error = '';
  /** The document this text was parsed into, so that it is not rewritten under the cursor. */
  private parsed?: unknown;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('context') && this.context.doc !== this.parsed) {
      this.text = JSON.stringify(this.context.doc, null, 2);
      this.error = '';
      this.parsed = undefined;
    }
  }

  private onInput(event: Event): void {
    this.text = (event.target as HTMLTextAreaElement).value;
    try {
      const doc = JSON.parse(this.text) as Doc;
      this.error = '';
      this.parsed = doc;
      this.context.draft.setDoc(doc, { path: '#json' });
    } catch (error) {
      this.error = this.context.i18n.t('jsonInvalid', { message: (error as Error).message });
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
