/** API errors: a stable `code`, a message that says what to do, and for validation the list of path + message. */
import type { FastifyBaseLogger, FastifyError } from 'fastify';

/** What errorAnswer reads of a request. */
export interface FailedRequest {
  log: FastifyBaseLogger;
  routeOptions?: { bodyLimit?: number };
  params?: unknown;
}

export interface ErrorBody {
  code: string;
  message: string;
  errors?: Array<{ path: string; message: string; code?: string }>;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly extra: Omit<ErrorBody, 'code' | 'message'> = {}) {
    super(message);
  }

  body(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`);

/** 400 for a page's `cursor` that no answer of this service gave out. */
export const foreignCursor = () => new ApiError(400, 'invalid_request', 'The cursor is not one this service gave out: use the nextCursor of the previous page, or leave cursor out for the first page.');

/**
 * 404 for an id that is no partner (docs/api.md, "Partners"): no token was made for it and nothing is stored
 * for it. What a reviewer gets for reading such a partner's draft, submissions, status, history or comments, rather than
 * the empty answer of a partner that has nothing yet.
 */
export const unknownPartner = (partnerId: string) => new ApiError(404, 'not_found',
  `No partner "${partnerId}": no token was made for it, and it has no draft, submission or version. Check the id in the partner directory (GET /v1/review/partners).`);

/** 400 for a document that cannot be stored (structural limits, NUL, unpaired surrogates): nothing is saved. */
export function invalidDocument(errors: Array<{ path: string; code: string; message: string }>): ApiError {
  const [first] = errors;
  const where = first?.path ? `at ${first.path}` : 'in the document';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems, listed in errors)` : '';
  return new ApiError(400, 'invalid_document', `The document cannot be saved: ${where}: ${first?.message ?? 'it is not valid.'}${more}`, {
    errors: errors.map(({ path, code, message }) => ({ path, code, message })),
  });
}

/** Where a refused value was, in words: Fastify's names for the parts of a request are not the reader's. */
const PLACES: Record<string, string> = { params: 'address', querystring: 'query', headers: 'headers' };

/** What a failed request gets: the status it deserves and `{ code, message }` (a 5xx logged, never showing internals). */
export function errorAnswer(error: FastifyError, request: FailedRequest, defaultBodyLimit: number): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) return { status: error.status, body: error.body() };
  if (error.validation) {
    const where = error.validationContext ?? 'body';
    const missing = where === 'body' && (request as { body?: unknown }).body == null;
    const errors = error.validation.map((issue) => {
      const path = issue.instancePath || '/';
      // A free text's problem keeps the validator's code (text.control, text.bidi-control…: server/routes/schemas.ts).
      const code = (issue.params as { params?: { code?: unknown } } | undefined)?.params?.code;
      return {
        path,
        message: missing && path === '/' ? 'it is missing: this takes a JSON object (Content-Type: application/json)' : issue.message ?? 'is not valid',
        ...(typeof code === 'string' ? { code } : {}),
      };
    });
    const named = (path: string) => (where === 'params' && path === '/pid'
      ? `the partner id "${String((request as { params?: { pid?: unknown } }).params?.pid ?? '').slice(0, 80)}" in the address`
      : where === 'body' ? (path === '/' ? 'the body' : `${path} in the body`) // a JSON Pointer, as the documents' errors give
        : `${path === '/' ? 'it' : path.slice(1)} in the ${PLACES[where] ?? where}`);
    return { status: 400, body: { code: 'invalid_request', message: `Not valid: ${errors.map((e) => `${named(e.path)}: ${e.message}`).join('; ')}.`, errors } };
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error(error);
    return { status: 500, body: { code: 'internal', message: 'Something went wrong on our side; it has been logged. Try again.' } };
  }
  const known: Record<string, [string, string]> = {
    FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', `The request body is too large: this takes at most ${Math.floor((request.routeOptions?.bodyLimit ?? defaultBodyLimit) / 1024)} KB.`],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Send JSON (Content-Type: application/json), or an image for uploads.'],
  };
  const [code, message] = known[error.code] ?? [error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' ? 'invalid_request' : 'bad_request', error.message];
  return { status, body: { code, message } };
}
