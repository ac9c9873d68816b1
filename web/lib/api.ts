/**
 * The one way the web app talks to the Homeward API (see docs/http-api.md).
 *
 * - Cookies only travel same-origin; the session cookie is httpOnly, so the browser never sees it.
 * - Writes carry the CSRF token the server returned from login or /api/auth/me. It is kept in
 *   memory only (never in storage) so another tab or an injected script cannot read it back.
 * - Updates carry `If-Match` with the ETag of what the user looked at; creations carry an
 *   `Idempotency-Key` so that a retried submission does not register a household twice.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (error: unknown, code?: string): error is ApiError =>
  error instanceof ApiError && (code === undefined || error.code === code);

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  /** JSON-serialised, unless it is a FormData (multipart upload). */
  body?: unknown;
  /** Sent as `If-Match`. */
  etag?: string | null;
  /** `true` makes a fresh key; a string reuses a key (a retry of the same submission). */
  idempotencyKey?: string | boolean;
  signal?: AbortSignal;
  /** Most calls send the user back to sign-in on 401; sign-in itself must not. */
  redirectOn401?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
  status: number;
}

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();
const errorListeners = new Set<(error: ApiError) => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Subscribes to "the session is gone" (any 401); returns the unsubscribe function. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Subscribes to every refused request (e.g. to notice that TOTP enrolment became required). */
export function onApiError(listener: (error: ApiError) => void): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
}

/**
 * crypto.randomUUID only exists in secure contexts; offices on a closed network may serve
 * Homeward over plain HTTP on a LAN address, where getRandomValues still works.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext !== false) {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function parseError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy error page, an empty body): fall through to a status-based code.
  }
  const body = (payload ?? {}) as {
    error?: { code?: string; message?: string; details?: Record<string, unknown> };
    message?: string;
  };
  const retryAfter = response.headers.get('Retry-After');
  if (body.error?.code) {
    const details = retryAfter ? { ...body.error.details, retryAfter } : body.error.details;
    return new ApiError(response.status, body.error.code, body.error.message ?? '', details);
  }
  const code =
    response.status === 429
      ? 'RATE_LIMITED'
      : response.status === 401
        ? 'UNAUTHENTICATED'
        : response.status === 403
          ? 'FORBIDDEN'
          : response.status === 404
            ? 'NOT_FOUND'
            : response.status === 413
              ? 'PAYLOAD_TOO_LARGE'
              : response.status >= 500
                ? 'SERVER_ERROR'
                : `HTTP_${response.status}`;
  return new ApiError(
    response.status,
    code,
    body.message ?? response.statusText,
    retryAfter ? { retryAfter } : undefined,
  );
}

async function refreshCsrfToken(): Promise<boolean> {
  try {
    const response = await fetch('/api/auth/me', {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) return false;
    const me = (await response.json()) as { csrfToken?: string };
    if (!me.csrfToken) return false;
    csrfToken = me.csrfToken;
    return true;
  } catch {
    return false;
  }
}

export async function apiRequest<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
  isRetry = false,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (isForm) {
      body = options.body as FormData;
    } else {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.etag) headers['If-Match'] = options.etag;
  if (options.idempotencyKey) {
    headers['Idempotency-Key'] =
      options.idempotencyKey === true ? newIdempotencyKey() : options.idempotencyKey;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }

  if (!response.ok) {
    const error = await parseError(response);
    // A session may outlive the token the page loaded with (another tab signed in again).
    if (error.code === 'CSRF_TOKEN_INVALID' && method !== 'GET' && !isRetry) {
      if (await refreshCsrfToken()) return apiRequest<T>(method, path, options, true);
    }
    if (response.status === 401 && options.redirectOn401 !== false) {
      csrfToken = null;
      for (const listener of unauthorizedListeners) listener();
    }
    for (const listener of errorListeners) listener(error);
    throw error;
  }

  const etag = response.headers.get('ETag');
  let data: unknown = null;
  if (response.status !== 204) {
    const text = await response.text();
    data = text ? JSON.parse(text) : null;
  }
  return { data: data as T, etag, status: response.status };
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) =>
    apiRequest<T>('GET', path, options).then((r) => r.data),
  getWithEtag: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>('POST', path, { ...options, body }).then((r) => r.data),
  /** A POST that creates something: always carries an Idempotency-Key. */
  create: <T>(path: string, body: unknown, options?: RequestOptions) =>
    apiRequest<T>('POST', path, { idempotencyKey: true, ...options, body }).then((r) => r.data),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    apiRequest<T>('PATCH', path, { ...options, body }).then((r) => r.data),
  delete: <T>(path: string, options?: RequestOptions) =>
    apiRequest<T>('DELETE', path, options).then((r) => r.data),
};

/**
 * The ETag the server gives a versioned resource (`"<id>.<version>"`), for records that come in a
 * list (roles, household members) rather than with their own ETag header.
 */
export const etagOf = (id: string, version: number | undefined | null): string | null =>
  version === undefined || version === null ? null : `"${id}.${version}"`;

/** List endpoints answer either a bare array or `{ items }` (or `{ <key> }`). */
export function listOf<T>(data: unknown, key = 'items'): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    const value = record[key] ?? record.items;
    if (Array.isArray(value)) return value as T[];
  }
  return [];
}

/** Encodes a path segment (ids are UUIDs, but never trust a value spliced into a URL). */
export const seg = (value: string) => encodeURIComponent(value);

/** Drops empty values so that a request (or a saved filter) holds only what the user chose. */
export function compactBody<T extends object>(body: T): T {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && !value.trim()) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    result[key] = typeof value === 'string' ? value.trim() : value;
  }
  return result as T;
}

/**
 * A multipart upload that reports its progress (fetch cannot): `onProgress` gets the share sent,
 * 0 to 1. Refusals are `ApiError`s as for `apiRequest`; an Idempotency-Key makes a retry safe.
 */
export function uploadWithProgress<T>(path: string, form: FormData, onProgress: (share: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.setRequestHeader('Idempotency-Key', newIdempotencyKey());
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'The upload did not reach the server.'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onload = () => {
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? 'application/json' },
      });
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : null) as T);
        return;
      }
      void parseError(response).then((error) => {
        if (xhr.status === 401) for (const listener of unauthorizedListeners) listener();
        for (const listener of errorListeners) listener(error);
        reject(error);
      });
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
