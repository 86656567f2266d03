/** Form fields bound to a JSON Pointer in the document, each with its limit and its validation message beside it. */
import { html, nothing, type TemplateResult } from 'lit';
import type { ValidationError } from '../../../schema/errors.ts';
import type { ReviewComment } from '../shared/api.ts';
import type { LangController } from '../shared/i18n.ts';
import { normalizeUrl } from '../../../schema/url.ts';
import { getAt } from '../shared/pointer.ts';
import { maxLengthAt } from './limits.ts';

export interface FieldContext {
  doc: unknown;
  i18n: LangController;
  /** The message for exactly this path, in the page's language, once it is to be shown (see `touch`). */
  errorAt(path: string): string | undefined;
  /** Sets the value at `path`; `undefined` removes it. Edits with one `mergeKey` (default: the path) in quick succession are one undo step. */
  set(path: string, value: unknown, mergeKey?: string): void;
  /** The field at `path` was left: its message shows from now on, even in a new entry. */
  touch(path: string): void;
  /** Paths where a paste or a drop was longer than the limit, so the field says it was cut. */
  clipped: ReadonlySet<string>;
  clip(path: string, clipped: boolean): void;
  /** The reviewers' open comments on exactly this path, where it is now (shared/comment-anchor.ts). */
  commentsAt?(path: string): ReviewComment[];
}

/** An element id for the field of a path (`/brand/logos/zh-CN/src` → `f-brand-logos-zh-CN-src`). */
export const fieldId = (path: string): string => `f${path.replace(/[^A-Za-z0-9-]+/g, '-')}`;

export interface TextOptions {
  type?: 'text' | 'url' | 'email' | 'tel';
  /** ASCII only (an id): full-width letters and digits an input method types become ASCII when the field is left. */
  ascii?: boolean;
  hint?: string;
  placeholder?: string;
  /** What to do with the new value instead of setting it (the English name also renames an automatic id). */
  onValue?: (value: string | undefined) => void;
}

/** Insertions that `maxlength` may cut short. */
const CUT_INPUTS = new Set(['insertFromPaste', 'insertFromDrop']);
/** Typing, which puts in more than one UTF-16 unit at once for an input method's phrase, an emoji or a suggestion. */
const TYPED_INPUTS = new Set(['insertText', 'insertReplacementText']);

/** Whether an insertion is fitted here (cut by code points, and said) rather than by the browser's maxlength (UTF-16 units, silently). */
const fittedHere = (event: InputEvent): boolean => CUT_INPUTS.has(event.inputType) || (TYPED_INPUTS.has(event.inputType) && (event.data ?? '').length > 1);

/** Links and e-mail addresses are long by nature: their counter shows only near the limit. */
const quietCounter = (type: TextOptions['type']) => type === 'url' || type === 'email';

/**
 * A link or an address as the rules accept it, once the field is left: a pasted one often has
 * spaces around it or capitals, and one typed with a Chinese input method full-width characters.
 */
function spelledAs({ type, ascii }: TextOptions, value: string): string {
  if (type === 'url') return normalizeUrl(value);
  return ascii || type === 'email' || type === 'tel' ? value.normalize('NFKC').trim() : value;
}

const codePoints = (text: string): number => [...text].length;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest beginning of `text` of at most `max` code points that splits no character (an emoji's parts, a letter and its accents). */
function cutToCodePoints(text: string, max: number): string {
  let kept = '';
  let count = 0;
  for (const { segment } of graphemes.segment(text)) {
    count += codePoints(segment);
    if (count > max) break;
    kept += segment;
  }
  return kept;
}

export function textField(context: FieldContext, path: string, label: string, options: TextOptions = {}): TemplateResult {
  const id = fieldId(path);
  const error = context.errorAt(path);
  const value = getAt(context.doc, path);
  const text = typeof value === 'string' ? value : value === undefined ? '' : String(value);
  const max = maxLengthAt(path);
  // The schema counts code points; the browser's maxlength counts UTF-16 units, in which a rare
  // Chinese character or an emoji is two. The limit given to the browser is the schema's plus
  // what the text already has in second units; a paste, a drop or text put in at once is cut here instead.
  const length = codePoints(text);
  const maxLength = max === undefined ? undefined : max + (text.length - length);
  const showCounter = max !== undefined && (!quietCounter(options.type) || length > max * 0.8);
  const clipped = context.clipped.has(path);
  const comments = context.commentsAt?.(path) ?? [];
  const described = [options.hint ? `${id}-hint` : '', showCounter ? `${id}-count` : '', clipped ? `${id}-clipped` : '', error ? `${id}-error` : '', comments.length ? `${id}-comment` : ''].filter(Boolean).join(' ');
  const onBeforeInput = (event: InputEvent) => {
    if (max !== undefined && fittedHere(event)) (event.target as HTMLInputElement).maxLength = max * 2 + text.length;
  };
  // What a paste, a drop or a phrase brought beyond the limit is cut, at a character as people see one, and the field says so.
  const fitted = (input: HTMLInputElement, event: InputEvent): string => {
    if (max === undefined || !fittedHere(event)) return input.value;
    input.maxLength = maxLength!; // as rendered: the next render sets it anew only when it changes
    const caret = input.selectionEnd ?? input.value.length;
    let start = 0;
    while (start < caret && start < text.length && input.value[start] === text[start]) start++;
    const [before, inserted, after] = [input.value.slice(0, start), input.value.slice(start, caret), input.value.slice(caret)];
    const room = max - codePoints(before) - codePoints(after);
    const kept = cutToCodePoints(inserted, Math.max(0, room));
    context.clip(path, kept !== inserted);
    if (kept === inserted) return input.value;
    input.value = before + kept + after;
    input.setSelectionRange(before.length + kept.length, before.length + kept.length);
    return input.value;
  };
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input id=${id} data-path=${path} type=${options.type ?? 'text'} .value=${text}
      placeholder=${options.placeholder ?? nothing} maxlength=${maxLength ?? nothing} spellcheck="false"
      aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing}
      @beforeinput=${onBeforeInput} @blur=${(event: FocusEvent) => {
        const input = event.target as HTMLInputElement;
        const spelled = spelledAs(options, input.value);
        if (spelled !== input.value) context.set(path, spelled || undefined);
        context.touch(path);
      }}
      @input=${(event: InputEvent) => {
        const next = fitted(event.target as HTMLInputElement, event) || undefined;
        if (!fittedHere(event) && clipped) context.clip(path, false);
        if (options.onValue) options.onValue(next); else context.set(path, next);
      }}>
    <span class="field-foot">
      ${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : nothing}
      ${showCounter ? html`<span class="counter ${length >= max! ? 'full' : ''}" id="${id}-count">${context.i18n.t('counter', { count: length, max: max! })}</span>` : nothing}
    </span>
    ${clipped ? html`<p class="clipped" id="${id}-clipped" role="status">${context.i18n.t('clipped', { max: max! })}</p>` : nothing}
    ${errorText(id, error)}
    ${commentNote(context, id, comments)}
  </div>`;
}

/** The reviewers' comments on a field, beside it (and read with it: the field's aria-describedby names `${id}-comment`). */
export function commentNote(context: Pick<FieldContext, 'i18n'>, id: string, comments: ReviewComment[]): TemplateResult | typeof nothing {
  if (!comments.length) return nothing;
  const { t } = context.i18n;
  return html`<div class="review-comment" id="${id}-comment">${comments.map((comment) => html`<p><strong>${t('commentLabel')}:</strong> <span class="text">${comment.text}</span>
    <span class="by">— ${t('commentBy', { who: t('actorReviewer', { name: comment.author.split('/')[1] ?? '' }), date: context.i18n.date(comment.createdAt) })}</span></p>`)}</div>`;
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

/** Focuses the field of `path` in `root`, or the nearest enclosing part of the form that has one (the JSON box at last). */
export function focusField(root: ParentNode, path: string): void {
  for (let candidate = path; ; candidate = candidate.slice(0, candidate.lastIndexOf('/'))) {
    const target = root.querySelector<HTMLElement>(`[data-path="${CSS.escape(candidate)}"]`);
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.focus();
      return;
    }
    if (!candidate) break;
  }
  root.querySelector<HTMLElement>('textarea#json-text')?.focus();
}
