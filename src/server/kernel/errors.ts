/** One error vocabulary: every failure the API reports is an AppError with a code, a status and a message. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
    readonly headers?: Record<string, string>,
    /** For a duplicate: the record that already exists, so a client can link to it. */
    readonly existingId?: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, fields?: FieldErrors) =>
  new AppError(400, 'bad_request', message, fields);
export const validationError = (fields: FieldErrors, message = 'Some fields are not valid.') =>
  new AppError(400, 'validation_failed', message, fields);
export const unauthorized = (message = 'Please sign in.') => new AppError(401, 'unauthorized', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found.`);
export const conflict = (message: string, code = 'conflict') => new AppError(409, code, message);
/** 409 for a record that would duplicate an existing one; the body names the existing record's id. */
export const duplicate = (message: string, code: string, existingId: string, fields?: FieldErrors) =>
  new AppError(409, code, message, fields, undefined, existingId);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'too_many_requests', message, undefined, { 'retry-after': String(retryAfterSeconds) });

/** The record changed since the caller read it. */
export function versionConflict(entity: string, updatedBy: string | null, updatedAt: string): AppError {
  const by = updatedBy ? ` by ${updatedBy}` : '';
  return new AppError(
    409,
    'version_conflict',
    `This ${entity} was changed${by} at ${updatedAt} after you opened it. Reload it to see the changes, then save again.`,
  );
}
