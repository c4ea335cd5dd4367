/**
 * Domain errors carry what the caller can fix. Handlers map them to HTTP status codes and the
 * error body of the API conventions; anything else is our fault and becomes a 500 with a
 * correlation id (never a stack trace or personal data).
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  /** A message for an interaction that has ended: its transcript is closed. */
  | 'ENDED'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'CONSENT_REFUSED'
  | 'HELD'
  | 'ERASURE_IN_PROGRESS'
  | 'TOO_MANY_REQUESTS';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONSENT_REFUSED: 403,
  NOT_FOUND: 404,
  ENDED: 409,
  CONFLICT: 409,
  HELD: 409,
  ERASURE_IN_PROGRESS: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
};

export class LetheError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'LetheError';
    this.status = STATUS[code];
  }

  toBody(): { error: { code: ErrorCode; message: string; fields?: FieldProblem[] } } {
    return {
      error: { code: this.code, message: this.message, ...(this.fields.length ? { fields: this.fields } : {}) },
    };
  }
}

export const validationFailed = (fields: FieldProblem[], message = 'The request is not valid.') =>
  new LetheError('VALIDATION_FAILED', message, fields);
export const notFound = (what: string) => new LetheError('NOT_FOUND', `${what} was not found.`);
export const forbidden = (why: string) => new LetheError('FORBIDDEN', why);
export const unauthorized = (why: string) => new LetheError('UNAUTHORIZED', why);
export const conflict = (why: string) => new LetheError('CONFLICT', why);
export const payloadTooLarge = (why: string) => new LetheError('PAYLOAD_TOO_LARGE', why);

/** A deletion a legal hold refuses (precedence: hold > erasure > retention): names the holds in the message and as `holdIds`. */
export class HeldError extends LetheError {
  constructor(
    what: string,
    readonly holdIds: readonly string[],
  ) {
    super('HELD', `${what} is kept by legal hold ${holdIds.join(', ')}: nothing was deleted. Release the hold first.`);
  }

  override toBody() {
    const body = super.toBody();
    return { error: { ...body.error, holdIds: [...this.holdIds] } };
  }
}
