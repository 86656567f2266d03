/**
 * Structural limits, checked before the schema so that validation takes bounded time on
 * any input: list lengths, fields per object, nesting, text and key lengths, the number
 * of values; and, for the service, text that no store can keep (NUL, unpaired UTF-16
 * surrogates). Every
 * limit is far beyond what a valid document needs (see docs/schema.md), so only input
 * that cannot be a customization reaches one; validation then stops there.
 */
import { pointer, validationError, type ValidationError } from './errors.ts';
import { LIST_LIMITS } from './list-limits.generated.ts';

export const LIMITS = {
  /** Values nest at most this deep: an object or list at a path of this many steps is refused (a valid document nests 7). */
  depth: 10,
  /** Entries in one list (the schema allows at most 32). */
  listLength: 100,
  /** Fields in one object (the schema allows at most 8 of any kind). */
  fields: 100,
  /** Characters (UTF-16 units) in one text (the schema allows at most 2048). */
  textLength: 4096,
  /** Characters in one field name (the schema's longest is 13). */
  keyLength: 100,
  /** Values in the whole document (the largest valid document has about 2,450). */
  values: 4000,
} as const;

/** At most this many errors are reported; one more says how many were left out. */
export const MAX_REPORTED_ERRORS = 100;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** True when `text` has no unpaired UTF-16 surrogate: `String.prototype.isWellFormed` (ES2024, native and fast) where the engine has it. */
const isWellFormed: (text: string) => boolean = typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
  ? (text) => (text as unknown as { isWellFormed(): boolean }).isWellFormed()
  : (text) => !LONE_SURROGATE.test(text);

/** Text no store keeps nor any screen shows, wherever it is (the service's storage check, and the validator's text patterns). */
const TEXT_NUL = ['text.nul',
  'Remove the NUL character (\\u0000) here: it cannot be stored or shown.',
  '请删除此处的空字符（\\u0000）：它无法保存或显示。'] as const;
const TEXT_LONE_SURROGATE = ['text.lone-surrogate',
  'Fix the text here: it has an unpaired UTF-16 surrogate (such as \\ud800), half of a character that cannot be stored or shown.',
  '请修正此处的文本：其中有不成对的 UTF-16 代理项（如 \\ud800），这是半个字符，无法保存或显示。'] as const;

/** TEXT_NUL or TEXT_LONE_SURROGATE for a text no store keeps nor any screen shows, else undefined. */
export function unstorableText(text: string): readonly [code: string, en: string, zh: string] | undefined {
  if (text.includes('\u0000')) return TEXT_NUL;
  return isWellFormed(text) ? undefined : TEXT_LONE_SURROGATE;
}

/** What the schema's text patterns refuse besides control characters (schema/schema-errors.ts tells which), and free text too (below). */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/**
 * What shows as nothing: spaces, format characters, fillers, variation selectors. The schema's text
 * patterns (customization.schema.json) begin with this class: a text of only these is refused.
 */
export const INVISIBLE_CLASS = ' \\u00A0\\u00AD\\u034F\\u061C\\u115F\\u1160\\u1680\\u17B4\\u17B5\\u180B-\\u180F\\u2000-\\u200F\\u202F\\u205F-\\u2064\\u206A-\\u206F\\u2800\\u3000\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF9-\\uFFFB';
/** A free text of nothing visible: the invisible characters, and line breaks and tabs, which free text may have. */
const INVISIBLE_FREE_TEXT = new RegExp(`^[${INVISIBLE_CLASS}\\s]*$`);
export const TEXT_ERRORS = {
  bidi: ['text.bidi-control', 'Remove the text-direction controls (U+202A–U+202E, U+2066–U+2069): they make text display in another order than it is written, e.g. "\\u202Egnillib" shows as "billing".', '请删除文字方向控制字符（U+202A–U+202E、U+2066–U+2069）：它们会让文字以与书写不同的顺序显示，例如 “\\u202Egnillib” 会显示为 “billing”。'],
  invisible: ['text.invisible', 'Write something visible: this text has only spaces or invisible characters (such as U+200B).', '请填写可见的文字：此文本只有空格或不可见字符（如 U+200B）。'],
} as const;

/**
 * The C0 and C1 control characters and DEL that free text refuses: all but NUL (refused as `text.nul`) and
 * tab, line feed and carriage return (a free text may have several lines). A document's texts refuse these
 * and those three as well, by their schema pattern (`text.invalid`): they are single-line.
 */
const FREE_TEXT_CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** `U+0007`: a character as Unicode names it. */
const codePointName = (character: string): string => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * `text.control`, naming the first control character of `text` and its position (in characters, that is
 * code points, from 1), or undefined when it has none.
 */
function controlProblem(text: string): readonly [code: string, en: string, zh: string] | undefined {
  const found = text.match(FREE_TEXT_CONTROL);
  if (!found) return undefined;
  const index = text.search(FREE_TEXT_CONTROL);
  const position = [...text.slice(0, index)].length + 1;
  const name = codePointName(found[0]!);
  const more = found.length - 1;
  return ['text.control',
    `Remove the control character ${name} at character ${position}${more ? ` (and ${more} more after it)` : ''}: control characters show as nothing or garble the text for whoever reads it; only tabs and line breaks may be in it.`,
    `请删除第 ${position} 个字符处的控制字符 ${name}${more ? `（其后还有 ${more} 个）` : ''}：控制字符无法显示，或会让读者看到的文本错乱；文本中只允许制表符和换行。`];
}

/**
 * What is wrong with a free text a person writes for another to read (a reviewer's reason or comment, a
 * webhook's description), by the same rules as the document's texts, but for tabs and line breaks, which it
 * may have: `[code, en, zh]`, or undefined when it is fine. NUL and unpaired surrogates cannot be stored;
 * text-direction controls make it read in another order than it is written; other control characters
 * (U+0001–U+001F but tab, line feed and carriage return; U+007F–U+009F) show as nothing or garble it, and
 * are named with their position (`text.control`); a text of invisible characters only says nothing.
 */
export function freeTextProblem(text: string): readonly [code: string, en: string, zh: string] | undefined {
  const unstorable = unstorableText(text);
  if (unstorable) return unstorable;
  if (BIDI_CONTROL.test(text)) return TEXT_ERRORS.bidi;
  const control = controlProblem(text);
  if (control) return control;
  if (INVISIBLE_FREE_TEXT.test(text)) return TEXT_ERRORS.invisible;
  return undefined;
}

/** True when `text` can be stored and shown: no NUL, no unpaired surrogate. */
export const isStorableText = (text: string): boolean => unstorableText(text) === undefined;

class TooManyValues extends Error {}

/**
 * The structural problems of `doc`, or `[]`. The walk never goes deeper than
 * {@link LIMITS.depth} and never enumerates a list or object over its limit, so it is
 * cheap on any input and cannot overflow the stack.
 */
export function structuralErrors(doc: unknown): ValidationError[] {
  budget = LIMITS.values;
  if (fits(doc, 0)) return [];
  return describeStructure(doc, false);
}

/**
 * What keeps `doc` from being stored at all: the structural limits, and texts or field
 * names with NUL or unpaired surrogates anywhere (PostgreSQL jsonb refuses them). The
 * service answers 400 for these instead of saving the draft. Not on the validator's hot path.
 */
export function storageErrors(doc: unknown): ValidationError[] {
  return describeStructure(doc, true);
}

let budget = 0;

/** The hot path: true when `value` is within every limit (no paths kept, nothing allocated). */
function fits(value: unknown, depth: number): boolean {
  if (--budget < 0) return false;
  if (typeof value === 'string') return value.length <= LIMITS.textLength;
  if (value === null || typeof value !== 'object') return true;
  if (depth >= LIMITS.depth) return false;
  if (Array.isArray(value)) {
    if (value.length > LIMITS.listLength) return false;
    for (let index = 0; index < value.length; index++) if (!fits(value[index], depth + 1)) return false;
    return true;
  }
  let fields = 0;
  for (const key in value) {
    if (++fields > LIMITS.fields || key.length > LIMITS.keyLength) return false;
    if (!fits((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** A list past the structural limit, refused with the schema's own limit for it where it has one. */
function listTooLong(path: string, length: number, schemaLimit: number | undefined): ValidationError {
  return schemaLimit === undefined
    ? validationError(path, 'limit.list-length',
      `Shorten this list: it has ${length} entries, and no list may have more than ${LIMITS.listLength}. The document was not checked further.`,
      `请缩短此列表：它有 ${length} 项，任何列表都不能超过 ${LIMITS.listLength} 项。文档未作进一步检查。`)
    : validationError(path, 'limit.list-length',
      `Shorten this list to at most ${schemaLimit} entries: it has ${length}. The document was not checked further.`,
      `请将此列表缩短到最多 ${schemaLimit} 项：当前有 ${length} 项。文档未作进一步检查。`);
}

/** The slow path: every structural problem, with its path; with `text`, NUL and unpaired surrogates too. */
function describeStructure(doc: unknown, text: boolean): ValidationError[] {
  const errors: ValidationError[] = [];
  const tokens: Array<string | number> = [];
  let values = 0;
  const at = () => tokens.reduce<string>(pointer, '');

  const visit = (value: unknown): void => {
    if (++values > LIMITS.values) throw new TooManyValues();
    if (typeof value === 'string') {
      checkText(value, text, at, errors);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (tokens.length >= LIMITS.depth) {
      errors.push(validationError(at(), 'limit.depth',
        `Remove this nesting: values nest at most ${LIMITS.depth} levels deep in a customization. The document was not checked further.`,
        `请删除此处的嵌套：定制文档中的值最多嵌套 ${LIMITS.depth} 层。文档未作进一步检查。`));
      return;
    }
    if (Array.isArray(value)) {
      if (value.length > LIMITS.listLength) {
        errors.push(listTooLong(at(), value.length, LIST_LIMITS[tokens.map((token) => (typeof token === 'number' ? '/*' : `/${token}`)).join('')]));
        return;
      }
      for (let index = 0; index < value.length; index++) {
        tokens.push(index);
        visit(value[index]);
        tokens.pop();
      }
      return;
    }
    const keys = Object.keys(value);
    if (keys.length > LIMITS.fields) {
      errors.push(validationError(at(), 'limit.fields',
        `Remove fields here: this object has ${keys.length}, and no object may have more than ${LIMITS.fields}. The document was not checked further.`,
        `请删除此处的字段：此对象有 ${keys.length} 个字段，任何对象都不能超过 ${LIMITS.fields} 个。文档未作进一步检查。`));
      return;
    }
    for (const key of keys) {
      tokens.push(key);
      if (key.length > LIMITS.keyLength) {
        errors.push(validationError(at(), 'limit.key-length',
          `Rename this field: field names are at most ${LIMITS.keyLength} characters (this one has ${key.length}).`,
          `请重命名此字段：字段名最多 ${LIMITS.keyLength} 个字符（当前 ${key.length} 个）。`));
      } else {
        checkText(key, text, at, errors);
        visit((value as Record<string, unknown>)[key]);
      }
      tokens.pop();
    }
  };

  try {
    visit(doc);
  } catch (error) {
    if (!(error instanceof TooManyValues)) throw error;
    return [validationError('', 'limit.values',
      `Make the document smaller: it has more than ${LIMITS.values} values (texts, numbers, lists, objects), more than any customization needs. It was not checked further.`,
      `请精简文档：它包含超过 ${LIMITS.values} 个值（文本、数字、列表、对象），超出任何定制所需。文档未作进一步检查。`)];
  }
  return capErrors(errors);
}

/** Over-long texts stop validation; with `content`, NUL and unpaired surrogates (which no store keeps, nor any screen shows) too. */
function checkText(text: string, content: boolean, at: () => string, errors: ValidationError[]): void {
  if (text.length > LIMITS.textLength) {
    errors.push(validationError(at(), 'limit.text-length',
      `Shorten this text: it has ${text.length} characters, and no text may have more than ${LIMITS.textLength}. The document was not checked further.`,
      `请缩短此文本：它有 ${text.length} 个字符，任何文本都不能超过 ${LIMITS.textLength} 个。文档未作进一步检查。`));
    return;
  }
  if (!content) return;
  const unstorable = unstorableText(text);
  if (unstorable) errors.push(validationError(at(), ...unstorable));
}

/** The first {@link MAX_REPORTED_ERRORS} errors, and one that says how many more there are (of `total`). */
export function capErrors(errors: ValidationError[], total = errors.length): ValidationError[] {
  if (total <= MAX_REPORTED_ERRORS) return errors;
  const more = total - MAX_REPORTED_ERRORS;
  return [...errors.slice(0, MAX_REPORTED_ERRORS), validationError('', 'errors.more',
    `…and ${more} more errors not listed here: fix these first, then validate again.`,
    `……另有 ${more} 个错误未列出：请先修正以上错误，再重新校验。`)];
}
