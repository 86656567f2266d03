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

/** 400 for a document that cannot be stored (structural limits, NUL, unpaired surrogates): nothing is saved. */
export function invalidDocument(errors: Array<{ path: string; code: string; message: string }>): ApiError {
  const [first] = errors;
  const where = first?.path ? `at ${first.path}` : 'in the document';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems, listed in errors)` : '';
  return new ApiError(400, 'invalid_document', `The document cannot be saved: ${where}: ${first?.message ?? 'it is not valid.'}${more}`, {
    errors: errors.map(({ path, code, message }) => ({ path, code, message })),
  });
}
