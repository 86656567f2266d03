/**
 * The API's JSON bodies: parsed with secure-json-parse (what Fastify itself uses, so
 * `__proto__` and `constructor.prototype` keys are refused), and a body that is not JSON is
 * answered with where it goes wrong, as line and column, rather than Fastify's one sentence.
 */
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { decodeUtf8 } from '../schema/index.ts';
import { ApiError } from './errors.ts';

export function jsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      const encoding = request.headers['content-encoding'];
      if (encoding && encoding !== 'identity') {
        throw new ApiError(415, 'unsupported_media_type', `Send the body uncompressed: Content-Encoding ${encoding.slice(0, 40)} is not taken (the documents are small).`);
      }
      done(null, parseBody(utf8Text(body as Buffer)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

/** The body as text; bytes that are not UTF-8 are refused where they are (schema/parse.ts). */
function utf8Text(bytes: Uint8Array): string {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) throw new ApiError(400, 'invalid_json', `The body is not UTF-8: ${decoded.message}. Save or send the document as UTF-8.`);
  return decoded.text;
}

/** Finding where JSON.parse gave up takes a few more parses (errorPosition): only for bodies up to this many characters. */
const POSITION_SEARCH_MAX = 64 * 1024;

const EMPTY_BODY = 'The body is empty: send a JSON document (where a route takes no body, send none and no Content-Type).';

/** The document in `text`, or a 400 `invalid_json` that says what is wrong and where. */
export function parseBody(text: string): unknown {
  if (text.trim() === '') throw new ApiError(400, 'invalid_json', EMPTY_BODY);
  let parsed: unknown;
  try {
    parsed = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const message = (error as Error).message;
    if (/forbidden prototype property/.test(message)) {
      throw new ApiError(400, 'invalid_json', 'The body has a "__proto__" or "constructor.prototype" key, which is refused: remove it (no customization document has one).');
    }
    const position = errorPosition(text, message);
    if (position === undefined) {
      throw new ApiError(400, 'invalid_json', `The body is not valid JSON: ${lowerFirst(message)} (a body over ${POSITION_SEARCH_MAX / 1024} KB is not searched for the line and column: the excerpt shows the place).`);
    }
    const reason = position >= text.length ? 'it ends before the document does'
      : lowerFirst(message.replace(/^(Unexpected token '.+?'), .* is not valid JSON$/s, '$1').replace(/( in JSON)? at position \d+.*$/s, ''));
    throw new ApiError(400, 'invalid_json', `The body is not valid JSON: ${reason} (${lineAndColumn(text, position)}).`);
  }
  // A bare number is no document at all, and is refused as such by the routes.
  if (typeof parsed === 'object' && parsed !== null && MAYBE_TOO_LARGE.test(text)) refuseInfinity(parsed, '', text);
  return parsed;
}

/** Only a number of 309 digits or more, or with an exponent of three digits, can be beyond what a double holds. */
const MAYBE_TOO_LARGE = /\d{309}|[eE][+-]?0*[1-9]\d{2}/;

/** JSON.parse reads 1e400 as Infinity, which would be stored as null: a 400 naming where it is instead. */
function refuseInfinity(value: unknown, pointer: string, text: string): void {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    const written = /-?(?:\d{309,}|\d[\d.]*[eE]\+?0*[1-9]\d{2,})/.exec(text)?.[0] ?? String(value);
    const shown = written.length > 12 ? `${written.slice(0, 12)}…` : written;
    throw new ApiError(400, 'invalid_json', `The body has a number too large for JSON to hold at ${pointer} (${shown}): it would be stored as null. Send a number within ±${Number.MAX_VALUE}.`);
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, item] of Object.entries(value)) refuseInfinity(item, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, text);
}

/**
 * Where JSON.parse gave up. Some of its messages say (at position N); for the others, the
 * shortest prefix that fails for a reason other than ending early ends at the culprit (a
 * binary search: a few more parses, on the error path only, of a body within the size limit);
 * `undefined` for a body over POSITION_SEARCH_MAX, which is not searched.
 */
function errorPosition(text: string, message: string): number | undefined {
  const stated = /at position (\d+)/.exec(message);
  if (stated) return Number(stated[1]);
  if (endedEarly(message, text.length)) return text.length;
  if (text.length > POSITION_SEARCH_MAX) return undefined;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (failsWithin(text.slice(0, middle + 1))) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Whether `prefix` is wrong in itself, not merely unfinished. */
function failsWithin(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    return !endedEarly((error as Error).message, prefix.length);
  }
}

/** Whether JSON.parse's `message`, for a text of `length`, says only that the text stopped too soon. */
function endedEarly(message: string, length: number): boolean {
  return /Unexpected end of JSON input/.test(message) || Number(/at position (\d+)/.exec(message)?.[1]) >= length;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
