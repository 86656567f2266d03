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
