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

export type ErrorDetails = Record<string, unknown>;

/** A code's one HTTP status and its default message (a call site may say more precisely what failed). */
export interface ErrorSpec {
  status: number;
  message: string;
}

/** Makes the error of one code: `errors.CASE_NOT_FOUND()`, `errors.VALIDATION_FAILED({ field }, 'Unknown country.')`. */
export interface ErrorFactory {
  (details?: ErrorDetails, message?: string): AppError;
  readonly code: string;
  readonly status: number;
}

export type ErrorList<S> = { readonly [K in keyof S]: ErrorFactory };

const lists: { owner: string; specs: Record<string, ErrorSpec> }[] = [];

/**
 * The closed list of codes a module (or the platform) answers with, each with its HTTP status
 * defined here once. Use cases throw only what these factories make, so one code always answers
 * the same status wherever it is raised.
 */
export function defineErrors<const S extends Record<string, ErrorSpec>>(owner: string, specs: S): ErrorList<S> {
  lists.push({ owner, specs });
  const out: Record<string, ErrorFactory> = {};
  for (const [code, spec] of Object.entries(specs)) {
    const make = (details?: ErrorDetails, message?: string) => new AppError(code, spec.status, message ?? spec.message, details);
    out[code] = Object.assign(make, { code, status: spec.status });
  }
  return out as ErrorList<S>;
}

/** Every list defined so far, with its owner (for the test that a code is defined only once). */
export const definedErrorLists = (): readonly { owner: string; specs: Readonly<Record<string, ErrorSpec>> }[] => lists;
