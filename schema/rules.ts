/**
 * The rules JSON Schema cannot say. They run on any input, valid or not, and only
 * look at values of the expected shape, so they never throw.
 */
import { CLOUD_MENU_AREAS, CLOUD_MENU_CATALOG, catalogEntry, type CloudMenuAreaId } from './catalog.ts';
import { AA_MIN_RATIO, isHexColor, pickTextColor } from './contrast.ts';
import { pointer, validationError, type ValidationError } from './errors.ts';
import { normalizeUrl, urlProblem, type UrlKind, type UrlProblem } from './url.ts';
import { eachWindowable, hasWindow, parseInstant } from './windows.ts';

export interface RuleOptions {
  /** The partner the document is stored for; `partnerId` must match it. */
  partnerId?: string;
  /** The moment of submission: a time window that has ended by then is refused. Without it, windows are checked only for form and order. */
  now?: number | Date;
}

type Json = Record<string, unknown>;

/**
 * The shapes a logo may have, from 1:2 (tall) to 8:1 (wide): the bar draws it in a 160 × 28 px
 * box (components/brand), where a wider one is under 20 px high and a taller one under 14 px
 * wide. An upload outside them is refused (server/images.ts), and so is a stated size.
 */
export const LOGO_MAX_WIDE_RATIO = 8;
export const LOGO_MAX_TALL_RATIO = 2;

/** True when a `width` × `height` logo is within those shapes. */
export const isLogoShape = (width: number, height: number): boolean => width <= height * LOGO_MAX_WIDE_RATIO && height <= width * LOGO_MAX_TALL_RATIO;

export function semanticErrors(doc: unknown, options: RuleOptions = {}): ValidationError[] {
  if (!isObject(doc)) return [];
  const errors: ValidationError[] = [];
  checkPartner(doc, options, errors);
  checkUrls(doc, [], errors);
  checkContrast(doc, errors);
  checkLogoShapes(doc, errors);
  checkMenuIds(doc, errors);
  checkHidden(doc, errors);
  checkWindows(doc, options, errors);
  return errors;
}

function checkPartner(doc: Json, { partnerId }: RuleOptions, errors: ValidationError[]): void {
  if (partnerId === undefined || doc.partnerId === partnerId) return;
  errors.push(validationError('/partnerId', 'partner.mismatch',
    `Set partnerId to "${partnerId}", the partner this customization belongs to.`,
    `请将 partnerId 设为 “${partnerId}”，即此定制所属的合作伙伴。`));
}

/** What to do, by problem; a misspelling's message names the link as it should be (see `urlError`). */
const URL_MESSAGES: Record<Exclude<UrlProblem, 'spelling'>, [string, string]> = {
  'script-scheme': ['Remove this link: links that run script or embed content (javascript:, data:, vbscript:) are not allowed, however they are spelled. Use an https:// URL.', '请删除此链接：不允许可执行脚本或内嵌内容的链接（javascript:、data:、vbscript: 等，无论如何书写）。请使用 https:// 地址。'],
  'protocol-relative': ['Write the full address with https:// at the start: links starting with // are not allowed.', '请写出以 https:// 开头的完整地址：不允许以 // 开头的链接。'],
  credentials: ['Remove the user name and password from this link (the part before @).', '请从链接中删除用户名和密码（@ 之前的部分）。'],
  whitespace: ['Remove spaces, line breaks and invisible characters from this link.', '请删除链接中的空格、换行和不可见字符。'],
  'not-https': ['Use an absolute https:// URL (e.g. https://partner.example/page) or a console path starting with a single /.', '请使用绝对 https:// 地址（如 https://partner.example/page）或以单个 / 开头的控制台路径。'],
  malformed: ['Fix this link: it is not a well-formed https:// URL with a host name.', '请修正此链接：它不是带有主机名的有效 https:// 地址。'],
  'too-long': ['Shorten this link to at most 2048 characters.', '请将链接缩短到 2048 个字符以内。'],
  'not-image-source': ['Upload the image, or use an https:// image URL: console paths cannot be logos.', '请上传图片或使用 https:// 图片地址：控制台路径不能用作标识。'],
  'dot-segment': ['Write this console path without "." or ".." segments (e.g. /billing): they would lead somewhere other than it reads.', '请去掉控制台路径中的 “.” 或 “..” 段（例如 /billing）：它们会指向与字面不同的位置。'],
};

/** An image cannot be a console path: its own words for a link that is not https. */
const IMAGE_NOT_HTTPS: [string, string] = ['Upload the image, or use an absolute https:// image URL (e.g. https://partner.example/logo.png).', '请上传图片，或使用绝对 https:// 图片地址（如 https://partner.example/logo.png）。'];

function urlError(path: string, problem: UrlProblem, value: string, kind: UrlKind): ValidationError {
  if (problem === 'not-https' && kind === 'image') return validationError(path, 'url.not-https', ...IMAGE_NOT_HTTPS);
  if (problem !== 'spelling') return validationError(path, `url.${problem}`, ...URL_MESSAGES[problem]);
  const spelled = normalizeUrl(value);
  return validationError(path, 'url.spelling',
    `Write this link as "${spelled}": https:// in lower case, the host name in lower-case ASCII (punycode for an internationalised name), no spaces around it.`,
    `请将此链接写为“${spelled}”：https:// 用小写，主机名用小写 ASCII（国际化域名用 punycode 形式），前后不留空格。`);
}

/**
 * Every `href` is a link and every `src` an image source, wherever it stands.
 * The path is kept as a stack of tokens and becomes a pointer only for an error (this walk is the hot part of validation).
 */
function checkUrls(node: unknown, tokens: Array<string | number>, errors: ValidationError[]): void {
  if (node === null || typeof node !== 'object') return;
  const isArray = Array.isArray(node);
  for (const key of Object.keys(node)) {
    const value = (node as Record<string, unknown>)[key];
    tokens.push(isArray ? Number(key) : key);
    const kind: UrlKind | undefined = isArray ? undefined : key === 'href' ? 'link' : key === 'src' ? 'image' : undefined;
    if (kind && typeof value === 'string') {
      const problem = urlProblem(value, kind);
      if (problem) errors.push(urlError(tokens.reduce<string>(pointer, ''), problem, value, kind));
    } else {
      checkUrls(value, tokens, errors);
    }
    tokens.pop();
  }
}

function checkContrast(doc: Json, errors: ValidationError[]): void {
  const background = isObject(doc.brand) ? doc.brand.navBackground : undefined;
  if (typeof background !== 'string' || !isHexColor(background)) return;
  const choice = pickTextColor(background);
  if (choice.meetsAA) return;
  errors.push(validationError('/brand/navBackground', 'contrast.insufficient',
    `Choose a darker or lighter bar colour: neither white text (${choice.lightRatio}:1) nor dark text (${choice.darkRatio}:1) reaches the ${AA_MIN_RATIO}:1 contrast that WCAG AA requires.`,
    `请选择更深或更浅的导航栏颜色：白色文字（${choice.lightRatio}:1）和深色文字（${choice.darkRatio}:1）都达不到 WCAG AA 要求的 ${AA_MIN_RATIO}:1 对比度。`));
}

/**
 * A stated size is the image's (the service checks an upload's, the editor measures an
 * address's): one outside a logo's shapes is a typing slip, and would move the bar when the
 * image arrives with its true shape.
 */
function checkLogoShapes(doc: Json, errors: ValidationError[]): void {
  const logos = isObject(doc.brand) && isObject(doc.brand.logos) ? doc.brand.logos : {};
  for (const [lang, logo] of Object.entries(logos)) {
    if (!isObject(logo) || !isPixels(logo.width) || !isPixels(logo.height) || isLogoShape(logo.width, logo.height)) continue;
    const size = `${logo.width}×${logo.height}`;
    errors.push(validationError(pointer(pointer('/brand/logos', lang), 'width'), 'image.size-shape',
      `A logo of ${size} pixels is outside a logo's shapes: it may be at most ${LOGO_MAX_WIDE_RATIO} times as wide as it is high and ${LOGO_MAX_TALL_RATIO} times as high as it is wide. If that is the image's own size, crop the image closer to its artwork; if not, correct the width and height, or remove both.`,
      `${size} 像素的标识超出了标识的宽高比范围：宽度最多为高度的 ${LOGO_MAX_WIDE_RATIO} 倍，高度最多为宽度的 ${LOGO_MAX_TALL_RATIO} 倍。如果这是图片本身的尺寸，请将图片裁剪得更贴近图案；否则请更正宽度和高度，或两者都删除。`));
  }
}

const isPixels = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

/** Ids are unique within a menu: the whole promotion menu, each cloud area (its catalog included), and the custom menus. */
function checkMenuIds(doc: Json, errors: ValidationError[]): void {
  checkUniqueIds(entriesOf(doc.promotionMenu, '/promotionMenu'), new Map(), errors);
  const cloud = isObject(doc.cloudMenu) ? doc.cloudMenu : {};
  for (const area of CLOUD_MENU_AREAS) {
    const areaValue = isObject(cloud[area]) ? cloud[area] : {};
    const taken = new Map<string, MenuEntryRef | 'the console'>(CLOUD_MENU_CATALOG[area].map((entry) => [entry.id, 'the console']));
    checkUniqueIds(entriesOf(areaValue.custom, `/cloudMenu/${area}/custom`), taken, errors);
  }
  checkUniqueIds(entriesOf(cloud.custom, '/cloudMenu/custom'), new Map(), errors);
}

/** An entry of a menu: its id, where it is, and its name per language (to say which entry an id clashes with). */
type MenuEntryRef = [id: string, path: string, label: Record<string, unknown>];

function checkUniqueIds(entries: MenuEntryRef[], taken: Map<string, MenuEntryRef | 'the console'>, errors: ValidationError[]): void {
  for (const entry of entries) {
    const [id, path] = entry;
    const owner = taken.get(id);
    if (owner === undefined) {
      taken.set(id, entry);
      continue;
    }
    const name = (lang: string) => (owner !== 'the console' && typeof owner[2][lang] === 'string' ? `“${owner[2][lang] as string}”` : '');
    const [en, zh] = owner === 'the console'
      ? ['the console\'s own entry', '的控制台自有菜单项']
      : [`the entry ${name('en-US') ? `${name('en-US')} ` : ''}(${owner[1]})`, `的菜单项${name('zh-CN')}（${owner[1]}）`];
    errors.push(validationError(`${path}/id`, 'menu.duplicate-id',
      `Use another id: "${id}" is already used by ${en} in this menu.`,
      `请使用其他 id：“${id}” 已被本菜单中${zh}使用。`));
  }
}

/** Every entry in a menu list and their children. */
function entriesOf(list: unknown, path: string, found: MenuEntryRef[] = []): MenuEntryRef[] {
  if (!Array.isArray(list)) return found;
  for (let index = 0; index < list.length; index++) {
    const entry: unknown = list[index];
    if (!isObject(entry)) continue;
    if (typeof entry.id === 'string') found.push([entry.id, `${path}/${index}`, isObject(entry.label) ? entry.label : {}]);
    entriesOf(entry.children, `${path}/${index}/children`, found);
  }
  return found;
}

function checkHidden(doc: Json, errors: ValidationError[]): void {
  const cloud = isObject(doc.cloudMenu) ? doc.cloudMenu : {};
  for (const area of CLOUD_MENU_AREAS) {
    const hidden = isObject(cloud[area]) ? cloud[area].hidden : undefined;
    if (!Array.isArray(hidden)) continue;
    hidden.forEach((id, index) => {
      if (typeof id === 'string') checkHiddenEntry(area, id, `/cloudMenu/${area}/hidden/${index}`, errors);
    });
  }
}

function checkHiddenEntry(area: CloudMenuAreaId, id: string, path: string, errors: ValidationError[]): void {
  const entry = catalogEntry(area, id);
  if (!entry) {
    const known = CLOUD_MENU_CATALOG[area].filter((candidate) => !candidate.mandatory).map((candidate) => candidate.id).join(', ');
    errors.push(validationError(path, 'catalog.unknown-entry',
      `"${id}" is not an entry of the ${area} area; you can hide: ${known}.`,
      `“${id}” 不是 ${area} 区域的菜单项；可隐藏的有：${known}。`));
  } else if (entry.mandatory) {
    errors.push(validationError(path, 'catalog.mandatory',
      `Remove "${id}" from hidden: the console always shows "${entry.label['en-US']}".`,
      `请从 hidden 中删除 “${id}”：控制台始终显示“${entry.label['zh-CN']}”。`));
  }
}

/** A window's end comes after its start and, at submission (`now`), is still ahead. */
function checkWindows(doc: Json, { now }: RuleOptions, errors: ValidationError[]): void {
  eachWindowable(doc, (item, path) => {
    if (!hasWindow(item)) return;
    for (const field of ['activeFrom', 'activeUntil'] as const) {
      if (typeof item[field] === 'string' && parseInstant(item[field]) === undefined) errors.push(dateTimeError(`${path}/${field}`));
    }
    const from = parseInstant(item.activeFrom);
    const until = parseInstant(item.activeUntil);
    if (until === undefined) return;
    if (from !== undefined && until <= from) {
      errors.push(validationError(`${path}/activeUntil`, 'window.order',
        `Set the end of the time window (activeUntil) after its start (activeFrom, ${String(item.activeFrom)}): the window would never open.`,
        `请将时间段的结束时间（activeUntil）设为晚于开始时间（activeFrom，${String(item.activeFrom)}）：否则此时间段永远不会开始。`));
    } else if (now !== undefined && until <= (typeof now === 'number' ? now : now.getTime())) {
      errors.push(validationError(`${path}/activeUntil`, 'window.ended',
        `This time window ended at ${String(item.activeUntil)}: set a later end (activeUntil), or remove the entry, before submitting.`,
        `此时间段已于 ${String(item.activeUntil)} 结束：提交前请设置更晚的结束时间（activeUntil），或删除此项。`));
    }
  });
}

export function dateTimeError(path: string): ValidationError {
  return validationError(path, 'date-time.invalid',
    'Use a date and time with its offset from UTC (RFC 3339), e.g. 2026-12-01T00:00:00+08:00 or 2026-11-30T16:00:00Z.',
    '请使用带时区偏移（与 UTC 的差）的日期时间（RFC 3339），例如 2026-12-01T00:00:00+08:00 或 2026-11-30T16:00:00Z。');
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
