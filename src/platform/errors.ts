/**
 * The one error type of the application. `code` is stable (clients and tests
 * match on it); `messageKey` is an i18n catalog key so the same error can be
 * shown in zh-Hant or English. HTTP mapping lives in one place: statusFor().
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unavailable'
  | 'internal';

export interface FieldError {
  /** form field name, as in the HTML `name` attribute */
  field: string;
  /** i18n catalog key */
  key: string;
  /** values interpolated into the message */
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  readonly fields: FieldError[];

  constructor(
    code: ErrorCode,
    messageKey: string,
    opts: { params?: Record<string, string | number>; fields?: FieldError[]; cause?: unknown } = {},
  ) {
    super(`${code}: ${messageKey}`, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.params = opts.params ?? {};
    this.fields = opts.fields ?? [];
  }
}

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
  internal: 500,
};

export function statusFor(code: ErrorCode): number {
  return STATUS[code];
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
