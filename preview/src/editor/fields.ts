/** Form fields bound to a JSON Pointer in the document, each with its validation message beside it. */
import { html, nothing, type TemplateResult } from 'lit';
import type { ValidationError } from '../../../schema/errors.ts';
import { getAt } from '../shared/pointer.ts';

export interface FieldContext {
  doc: unknown;
  /** The message for exactly this path, in the page's language. */
  errorAt(path: string): string | undefined;
  /** Sets the value at `path`; `undefined` removes it. */
  set(path: string, value: unknown): void;
}

/** An element id for the field of a path (`/brand/logos/zh-CN/src` → `f-brand-logos-zh-CN-src`). */
export const fieldId = (path: string): string => `f${path.replace(/[^A-Za-z0-9-]+/g, '-')}`;

export interface TextOptions {
  type?: 'text' | 'url' | 'email' | 'tel';
  hint?: string;
  placeholder?: string;
  maxlength?: number;
}

export function textField(context: FieldContext, path: string, label: string, options: TextOptions = {}): TemplateResult {
  const id = fieldId(path);
  const error = context.errorAt(path);
  const value = getAt(context.doc, path);
  const described = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} data-path=${path} type=${options.type ?? 'text'} .value=${typeof value === 'string' ? value : value === undefined ? '' : String(value)}
      placeholder=${options.placeholder ?? nothing} maxlength=${options.maxlength ?? nothing} spellcheck="false"
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing}
      @input=${(event: InputEvent) => context.set(path, (event.target as HTMLInputElement).value || undefined)}>
    ${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing}
    ${errorText(id, error)}
  </div>`;
}

export function errorText(id: string, error: string | undefined): TemplateResult | typeof nothing {
  return error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing;
}

/** Messages grouped by path, in `lang`. */
export function errorsByPath(errors: ValidationError[], lang: string): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const error of errors) {
    const message = error.messages[lang as 'en-US' | 'zh-CN'] ?? error.message;
    byPath.set(error.path, byPath.has(error.path) ? `${byPath.get(error.path)} ${message}` : message);
  }
  return byPath;
}
