/**
 * One error type for everything the API refuses. The wire format is
 * `{ "error": { "code", "message", "details" } }`; stack traces never leave the server.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, code = 'NOT_FOUND') =>
  new AppError(code, 404, `${what} was not found.`);

export const forbidden = (message = 'You do not have the permission for this action.') =>
  new AppError('FORBIDDEN', 403, message);

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(code, 400, message, details);

export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(code, 409, message, details);
