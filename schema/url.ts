/**
 * URL rules shared by the validator and the components: a link is an absolute
 * `https://` URL or a console path starting with a single `/`; an image source
 * is an uploaded asset path or an `https://` URL. Everything else is refused,
 * however it is spelled.
 */

export type UrlKind = 'link' | 'image';

export type UrlProblem =
  | 'script-scheme'
  | 'protocol-relative'
  | 'credentials'
  | 'whitespace'
  | 'not-https'
  | 'malformed'
  | 'too-long'
  | 'not-image-source'
  /** A console path with a `.` or `..` segment: it would lead elsewhere than it reads. */
  | 'dot-segment'
  /** An https URL written another way (capitals, spaces around it, an internationalised host): {@link normalizeUrl} spells it. */
  | 'spelling';

export const MAX_URL_LENGTH = 2048;

export const ASSET_PATH = /^\/assets\/[0-9a-f]{64}$/;

/** Whitespace, C0/C1 controls, invisible format characters and text-direction controls that browsers may drop or misread. */
const HIDDEN_CHARS = /[\s\u0000-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;
const ALL_HIDDEN_CHARS = new RegExp(HIDDEN_CHARS.source, 'g');
/** A `.` or `..` segment of a path (percent-encoded too), before any query or fragment. */
const DOT_SEGMENT = /^[^?#]*\/(?:\.|%2e){1,2}(?:[/?#]|$)/i;
const SCRIPT_SCHEME = /^(?:javascript|vbscript|data|file|blob|filesystem|about):/;
/** host[:port] of an https URL: DNS labels of ASCII letters, digits and inner hyphens. */
const AUTHORITY = /^((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?::(\d{1,5}))?$/i;
const NAMED_ENTITIES: Record<string, string> = {
  colon: ':', tab: '\t', newline: '\n', sol: '/', bsol: '\\', lpar: '(', rpar: ')',
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', period: '.',
};

/** Says what is wrong with `value` as a URL of `kind`, or `undefined` when it is safe. */
export function urlProblem(value: string, kind: UrlKind = 'link'): UrlProblem | undefined {
  const problem = strictUrlProblem(value, kind);
  // Only a refused value pays for the URL parser, and only a misspelling it can mend is called one.
  if (problem === 'whitespace' || problem === 'not-https' || problem === 'malformed') {
    const spelled = normalizeUrl(value);
    if (spelled !== value && strictUrlProblem(spelled, kind) === undefined) return 'spelling';
  }
  return problem;
}

/** The same verdict without naming misspellings: what the components use, without the URL parser's cost. */
function strictUrlProblem(value: string, kind: UrlKind): UrlProblem | undefined {
  if (value.length > MAX_URL_LENGTH) return 'too-long';
  const https = value.startsWith('https://');
  // Only a value that does not already start with https:// or / can be read as another scheme.
  if (!https && !value.startsWith('/') && SCRIPT_SCHEME.test(reveal(value))) return 'script-scheme';
  if (/^[/\\]{2}/.test(value)) return 'protocol-relative';
  if (HIDDEN_CHARS.test(value)) return 'whitespace';
  if (value.includes('\\')) return 'malformed';
  if (value.startsWith('/')) {
    if (kind === 'image' && !ASSET_PATH.test(value)) return 'not-image-source';
    return DOT_SEGMENT.test(value) ? 'dot-segment' : undefined;
  }
  if (!https) return 'not-https';
  const rest = value.slice('https://'.length);
  const end = rest.search(/[/?#]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  if (authority.includes('@')) return 'credentials';
  const match = AUTHORITY.exec(authority);
  if (!match || match[1]!.length > 253 || Number(match[2] ?? 0) > 65535) return 'malformed';
  return undefined;
}

/**
 * A link as a person types or pastes it, in the spelling the rules accept: spaces around it
 * trimmed, `https` in lower case, and the host in lower-case ASCII (an internationalised name
 * in its punycode form; the full-width letters, colon and ideographic full stop an input
 * method types become ASCII). Full-width characters anywhere become their ASCII forms (NFKC);
 * otherwise path, query and fragment stay as written. Anything else comes back so, for the
 * rules to refuse as it is.
 */
export function normalizeUrl(value: string): string {
  const text = value.normalize('NFKC').trim();
  const match = /^https[:\uFF1A]\/\/([^/?#\\@]*)([/?#].*)?$/is.exec(text);
  if (!match) return text;
  try {
    return `https://${new URL(`https://${match[1]}`).host}${match[2] ?? ''}`;
  } catch {
    return text;
  }
}

/** The URL itself when it is safe to put into the page, otherwise `undefined`. */
export function safeUrl(value: unknown, kind: UrlKind = 'link'): string | undefined {
  return typeof value === 'string' && strictUrlProblem(value, kind) === undefined ? value : undefined;
}

/** The URL as a browser might finally read it: entities and escapes decoded, hidden characters gone, lowercase. */
function reveal(value: string): string {
  let text = value;
  for (let round = 0; round < 4; round++) {
    const decoded = decodeEntities(decodePercent(text));
    if (decoded === text) break;
    text = decoded;
  }
  return text.replace(ALL_HIDDEN_CHARS, '').toLowerCase();
}

function decodePercent(text: string): string {
  return text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x0*([0-9a-f]{1,6});?/gi, (match, hex: string) => fromCodePoint(parseInt(hex, 16), match))
    .replace(/&#0*([0-9]{1,7});?/g, (match, dec: string) => fromCodePoint(parseInt(dec, 10), match))
    .replace(/&([a-z]+);/gi, (match, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? match);
}

function fromCodePoint(codePoint: number, fallback: string): string {
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : fallback;
}

/** The host of an absolute https URL (lowercase), or `undefined` for console paths and unsafe URLs. */
export function externalHost(value: string): string | undefined {
  if (strictUrlProblem(value, 'link') !== undefined || value.startsWith('/')) return undefined;
  return new URL(value).hostname;
}
