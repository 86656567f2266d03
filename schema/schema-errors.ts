/** Turns ajv's errors into {@link ValidationError}s with readable, bilingual messages. */
import { pointer, validationError, type ValidationError } from './errors.ts';
import { BIDI_CONTROL, TEXT_ERRORS, unstorableText } from './limits.ts';
import { dateTimeError } from './rules.ts';

/** What this module reads of an ajv error (ajv's `ErrorObject`): the standalone validator makes them, so ajv is no runtime dependency, not even for types. */
export interface ErrorObject {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, any>;
  message?: string;
}

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['text', '文本'],
  object: ['an object', '对象'],
  array: ['a list', '列表'],
  number: ['a number', '数字'],
  integer: ['a whole number', '整数'],
  boolean: ['true or false', '布尔值'],
  null: ['null', 'null'],
};

const { code: dateTimeCode, messages: dateTimeMessages } = dateTimeError('');
const DATE_TIME_ERROR: [string, string, string] = [dateTimeCode, dateTimeMessages['en-US'], dateTimeMessages['zh-CN']];

/** What a `pattern` failure means, by the field it concerns. */
const PATTERN_ERRORS: Record<string, [code: string, en: string, zh: string]> = {
  partnerId: ['partner-id.invalid', 'Use lowercase letters, digits and hyphens for the partner id, e.g. "acme-cloud".', '合作伙伴 id 只能包含小写字母、数字和连字符，例如 “acme-cloud”。'],
  navBackground: ['color.invalid', 'Use a colour code of the form #RRGGBB, e.g. #0B3D91.', '请使用 #RRGGBB 形式的颜色代码，例如 #0B3D91。'],
  phone: ['phone.invalid', 'Use a phone number of digits, spaces, hyphens and brackets, optionally starting with +, e.g. +86 400 000 0000.', '电话号码只能包含数字、空格、连字符和括号，可以 + 开头，例如 +86 400 000 0000。'],
  id: ['id.invalid', 'Use an id of lowercase letters, digits and hyphens that starts with a letter (at most 40), e.g. "backup".', 'id 须以小写字母开头，只含小写字母、数字和连字符（最多 40 个），例如 “backup”。'],
  href: ['url.invalid', 'Use an absolute https:// URL (e.g. https://partner.example/page) or a console path starting with a single /.', '请使用绝对 https:// 地址（如 https://partner.example/page）或以单个 / 开头的控制台路径。'],
  src: ['url.invalid-image', 'Upload the image, or use an https:// image URL.', '请上传图片，或使用 https:// 图片地址。'],
  // Allowed in an address by RFC 5322, but in the bar's mailto: link they begin headers (a hidden Bcc).
  email: ['email.invalid', 'Use an email address without ?, #, % or &, such as support@partner.example: in the bar\'s mailto: link they would add hidden recipients (Cc, Bcc).', '请使用不含 ?、#、% 或 & 的邮箱地址，例如 support@partner.example：在导航栏的 mailto: 链接中，它们会添加隐藏的收件人（抄送、密送）。'],
  locale: ['locale.invalid', 'Use a language tag such as zh-CN or en-US.', '请使用语言标记，例如 zh-CN 或 en-US。'],
  activeFrom: DATE_TIME_ERROR,
  activeUntil: DATE_TIME_ERROR,
  text: ['text.invalid', 'Use visible text on one line, without control characters.', '请填写可见的单行文本，不要包含控制字符。'],
};

/**
 * The path {@link fromAjvError} reports `error` at, or `undefined` when it reports nothing;
 * cheap, so that a document with thousands of errors has messages made only for those shown.
 */
export function ajvErrorPath(error: ErrorObject, data: unknown): string | undefined {
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': return pointer(path, String(params.missingProperty));
    case 'additionalProperties': return pointer(path, String(params.additionalProperty));
    case 'propertyNames': return pointer(path, String(params.propertyName));
    case 'uniqueItems': return pointer(path, Number(params.j));
    case 'dependentRequired': return pointer(path, String(params.missingProperty));
    case 'pattern': return typeof valueAt(data, path) === 'string' ? path : undefined;
    case 'if': return undefined;
    default: return path;
  }
}

export function fromAjvError(error: ErrorObject, data: unknown): ValidationError | undefined {
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return required(path, String(params.missingProperty), error.schemaPath);
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      return validationError(pointer(path, name), 'unknown-field',
        `Remove "${name}": it is not a field of the customization format here.`,
        `请删除 “${name}”：此处不是定制文档格式中的字段。`);
    }
    case 'propertyNames': {
      const [code, en, zh] = PATTERN_ERRORS.locale!;
      return validationError(pointer(path, String(params.propertyName)), code, en, zh);
    }
    case 'type': {
      const [en, zh] = TYPE_NAMES[String(params.type)] ?? [String(params.type), String(params.type)];
      return validationError(path, 'type', `Use ${en} here.`, `此处应为${zh}。`);
    }
    case 'const':
      return validationError(path, 'const', `Set this to ${JSON.stringify(params.allowedValue)}.`, `此处应为 ${JSON.stringify(params.allowedValue)}。`);
    case 'enum': {
      const options = (params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ');
      return validationError(path, 'enum', `Use one of: ${options}.`, `请使用以下值之一：${options}。`);
    }
    case 'dependentRequired': {
      const [given, missing] = [String(params.property), String(params.missingProperty)];
      return validationError(pointer(path, missing), 'image.size-incomplete',
        `Add "${missing}" beside "${given}": an image's size is its width and its height in pixels, or neither.`,
        `请在 “${given}” 旁补充 “${missing}”：图片尺寸须同时给出宽和高（像素），或都不填。`);
    }
    case 'minimum':
      return validationError(path, 'number.too-small', `Use a number of at least ${params.limit} here.`, `此处的数字不能小于 ${params.limit}。`);
    case 'maximum':
      return validationError(path, 'number.too-large', `Use a number of at most ${params.limit} here.`, `此处的数字不能大于 ${params.limit}。`);
    case 'minLength':
      return validationError(path, 'text.empty', 'Fill this in: it cannot be empty.', '请填写此项，不能为空。');
    case 'maxLength': {
      const limit = Number(params.limit);
      const now = characterCount(valueAt(data, path));
      return validationError(path, 'text.too-long',
        `Shorten this to at most ${limit} characters (it has ${now}).`,
        `请缩短到 ${limit} 个字符以内（当前 ${now} 个）。`);
    }
    case 'minItems':
      return validationError(path, 'list.empty', 'Add at least one entry, or remove the empty list.', '请至少添加一项，或删除这个空列表。');
    case 'maxItems':
    case 'maxProperties': {
      const limit = Number(params.limit);
      const value = valueAt(data, path);
      const now = Array.isArray(value) ? value.length : Object.keys(value ?? {}).length;
      return validationError(path, 'list.too-many',
        `Keep at most ${limit} entries here (there are ${now}).`,
        `此处最多保留 ${limit} 项（当前 ${now} 项）。`);
    }
    case 'minProperties':
      return validationError(path, 'object.empty', 'Fill in at least one field, or remove this part.', '请至少填写一个字段，或删除此部分。');
    case 'uniqueItems': {
      const duplicate = JSON.stringify(valueAt(data, pointer(path, Number(params.j))));
      return validationError(pointer(path, Number(params.j)), 'list.duplicate',
        `Remove this entry: ${duplicate} is already in the list.`,
        `请删除此项：${duplicate} 已在列表中。`);
    }
    case 'format':
      return validationError(path, 'email.invalid', 'Use an email address such as support@partner.example.', '请使用有效的邮箱地址，例如 support@partner.example。');
    case 'pattern':
      return pattern(path, data);
    case 'if':
      return undefined; // the `then` branch reports what is missing
    default:
      return validationError(path, error.keyword, error.message ?? 'Invalid value.', '值无效。');
  }
}

function required(path: string, missing: string, schemaPath: string): ValidationError {
  const at = pointer(path, missing);
  if (missing === 'zh-CN' || missing === 'en-US') {
    return validationError(at, 'locale.missing',
      `Add the ${missing} text: every visible text needs both zh-CN and en-US.`,
      `请补充 ${missing} 文本：所有可见文本都需要 zh-CN 和 en-US 两种语言。`);
  }
  if (schemaPath.includes('/then/')) {
    return validationError(at, 'menu.link-or-children',
      'Give this entry a link (href) or drop-down entries (children).',
      '请为此菜单项设置链接（href）或下拉子项（children）。');
  }
  return validationError(at, 'required', `Add "${missing}": it is required here.`, `请填写必填项 “${missing}”。`);
}

function pattern(path: string, data: unknown): ValidationError | undefined {
  // A property name's pattern failure is reported by its `propertyNames` error, with the name.
  const value = valueAt(data, path);
  if (typeof value !== 'string') return undefined;
  // NUL and unpaired surrogates are named as such in any field, as the service's storage check names them.
  const [code, en, zh] = unstorableText(value) ?? PATTERN_ERRORS[fieldOf(path)] ?? textError(value);
  return validationError(path, code, en, zh);
}

/** A text refused by its pattern (NUL and unpaired surrogates told apart already): direction controls, control characters, or nothing visible. */
function textError(value: string): readonly [string, string, string] {
  if (BIDI_CONTROL.test(value)) return TEXT_ERRORS.bidi;
  // the same characters as the schema's pattern refuses anywhere in a text
  if (/[\u0000-\u001F\u007F-\u009F\u2028\u2029]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) return PATTERN_ERRORS.text!;
  return TEXT_ERRORS.invisible;
}

/** `/promotionMenu/0/href` → `href`; items of a `hidden` list are ids. */
function fieldOf(path: string): string {
  const tokens = path.split('/');
  const last = tokens.at(-1) ?? '';
  return /^\d+$/.test(last) && tokens.at(-2) === 'hidden' ? 'id' : last;
}

export function valueAt(data: unknown, path: string): unknown {
  let value = data;
  let start = 1;
  while (start <= path.length) {
    if (value === null || typeof value !== 'object') return undefined;
    const end = path.indexOf('/', start);
    const raw = path.slice(start, end === -1 ? path.length : end);
    value = (value as Record<string, unknown>)[raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw];
    if (end === -1) break;
    start = end + 1;
  }
  return value;
}

function characterCount(value: unknown): number {
  return typeof value === 'string' ? [...value].length : 0;
}
