/** API errors: a stable `code`, a message that says what to do, and for validation the list of path + message. */

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
