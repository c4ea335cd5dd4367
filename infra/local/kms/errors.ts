/** A KMS error as the JSON protocol carries it: `{"__type": "...", "message": "..."}` with HTTP 400. */
export class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const validation = (message: string) => new KmsError('ValidationException', message);
export const notFound = (message: string) => new KmsError('NotFoundException', message);
