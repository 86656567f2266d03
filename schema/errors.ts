/** Validation errors a partner administrator can act on: where (JSON Pointer), what (stable code), what to do (en-US and zh-CN). */

export type MessageLocale = 'en-US' | 'zh-CN';

export interface ValidationError {
  /** JSON Pointer to the value concerned, e.g. `/promotionMenu/0/href`; `""` for the whole document. */
  path: string;
  /** Stable machine-readable code, e.g. `url.script-scheme`. */
  code: string;
  /** What is wrong and what to do, in English. */
  message: string;
  /** The same message per locale. */
  messages: Record<MessageLocale, string>;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

export function validationError(path: string, code: string, en: string, zh: string): ValidationError {
  return { path, code, message: en, messages: { 'en-US': en, 'zh-CN': zh } };
}

/** Appends one reference token to a JSON Pointer (RFC 6901 escaping). */
export function pointer(base: string, token: string | number): string {
  const text = String(token);
  const escaped = /[~/]/.test(text) ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
  return `${base}/${escaped}`;
}

/** The message in `locale`, falling back to English. */
export function messageIn(error: ValidationError, locale: string): string {
  return error.messages[locale as MessageLocale] ?? error.message;
}

/** The largest customization document accepted anywhere (CLI, API, editor import). */
export const MAX_DOCUMENT_BYTES = 256 * 1024;
