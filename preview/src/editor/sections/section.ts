/** What the editor's section elements share: the context they edit through, and light-DOM rendering. */
import { html, LitElement, type TemplateResult } from 'lit';
import type { ShapeCheck } from '../form-shape.ts';
import { property } from 'lit/decorators.js';
import type { DraftController } from '../draft-controller.ts';
import type { MenuContext } from '../menu-fields.ts';

export interface EditorContext extends MenuContext {
  /** Every message by path, in the page's language. */
  errors: Map<string, string>;
  /** The draft itself: submissions, status, whole-document changes. */
  draft: DraftController;
  /** Whether the message at `path` waits (a new entry's field not yet left, before any submit). */
  waiting(path: string): boolean;
}

/**
 * A part of the editor's form. It renders into the editor's own shadow tree (no shadow root
 * of its own), so ids, labels, `aria-describedby` and the error summary's links work
 * across sections and the editor's styles apply.
 */
export class EditorSection extends LitElement {
  /** A new object on each render of the editor, so every section follows each edit. */
  @property({ attribute: false }) context!: EditorContext;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected section(id: string, title: string, body: TemplateResult): TemplateResult {
    return html`<section class="card" id=${id} tabindex="-1" aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>${body}</section>`;
  }

  /** A section of the document's fields, or, when the document's shape there is not one they can show (form-shape.ts), why not. */
  protected fieldSection(id: string, title: string, shape: ShapeCheck, fields: () => TemplateResult): TemplateResult {
    const problem = shape(this.context.doc, '');
    if (problem === undefined) return this.section(id, title, fields());
    return this.section(id, title, html`<p class="notice bad" role="status">${this.context.i18n.t('formCannotShow', { path: problem })}</p>`);
  }
}
