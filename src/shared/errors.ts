/**
 * Errors that cross the API boundary. Every transport turns a thrown LuoshiError into the same
 * envelope, so the renderer shows one kind of message whether it talks IPC or HTTP.
 */
export const errorCodes = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'stale',
  'unsupported',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  /** A plain-Chinese message that says what went wrong and what to do. */
  message: string;
  /** For invalid input: the path of the offending field, e.g. `tasks.3.title`. */
  field?: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

export class LuoshiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'LuoshiError';
    this.code = code;
    this.field = field;
  }

  toBody(): ApiErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

/** HTTP status for each error code; the IPC transport carries the code itself. */
export const httpStatusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 409,
  unsupported: 422,
  internal: 500,
};
