/**
 * The one fetch client of the web app. It sends the session cookie and the CSRF token, parses answers with the
 * shared zod schemas, and turns every failure into an ApiError with the server's code, message and fields.
 */
import type { z } from 'zod';
import { errorBodySchema } from '../../shared/common.schema';
import { claimEarly } from './early';

export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isConflict(): boolean {
    return this.code === 'version_conflict';
  }
}

const FALLBACK: Record<number, string> = {
  400: 'The request was not accepted.',
  401: 'Please sign in to continue.',
  403: 'You are not allowed to do that.',
  404: 'That was not found.',
  409: 'That conflicts with the current state. Reload and try again.',
  413: 'That is too large to send.',
  429: 'Too many attempts. Wait a moment and try again.',
  502: 'The server is not reachable right now (bad gateway). Try again in a moment.',
  503: 'The server is unavailable right now. Try again in a moment.',
};

/** Builds the ApiError for a failed response from its status and raw body text (JSON or not). */
export function parseErrorResponse(status: number, bodyText: string): ApiError {
  let json: unknown = null;
  try {
    json = bodyText ? JSON.parse(bodyText) : null;
  } catch {
    json = null;
  }
  const parsed = errorBodySchema.safeParse(json);
  if (parsed.success) {
    const { code, message, fields } = parsed.data.error;
    return new ApiError(status, code, message, fields ?? {});
  }
  const message =
    FALLBACK[status] ??
    (status >= 500
      ? `Something went wrong on the server (HTTP ${status}). Try again in a moment.`
      : `The request failed (HTTP ${status}).`);
  return new ApiError(status, status >= 500 ? 'server_error' : 'http_error', message);
}

/** Any thrown value as a message a person can read. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong. Try again.';
}

/** Server field messages are phrased "is required"; inputs show them capitalised: "Is required". */
export function fieldMessages(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(
    Object.entries(err.fields).map(([k, v]) => [k, v.charAt(0).toUpperCase() + v.slice(1)]),
  );
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a signed-in request answers 401 (the session ended elsewhere or expired). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

interface RequestOptions<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  schema?: S;
  signal?: AbortSignal;
  /** The answer to this very request, already asked for (early.ts); a GET of an early address claims it. */
  early?: Promise<Response>;
}

const AUTH_PATHS = /^\/api\/v1\/auth\/(login|session|logout|password-reset)/;

export async function request<S extends z.ZodType = z.ZodUnknown>(
  path: string,
  opts: RequestOptions<S> = {},
): Promise<z.infer<S>> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const url = withQuery(path, opts.query);
  let res: Response;
  try {
    const early = opts.early ?? (method === 'GET' ? claimEarly(url) : undefined);
    res = await (early ??
      fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      }));
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Cannot reach the Accord server. Check your connection and try again.');
  }
  const text = await res.text();
  if (!res.ok) {
    const err = parseErrorResponse(res.status, text);
    if (res.status === 401 && !AUTH_PATHS.test(path)) onUnauthorized?.();
    throw err;
  }
  const json: unknown = text ? JSON.parse(text) : null;
  if (!opts.schema) return json as z.infer<S>;
  const parsed = opts.schema.safeParse(json);
  if (!parsed.success) {
    console.error(`Unexpected answer from ${method} ${path}`, parsed.error);
    throw new ApiError(
      res.status,
      'bad_response',
      'The server sent an answer this page does not understand. Reload the page; if it persists, the app may need an update.',
    );
  }
  return parsed.data;
}

export const api = {
  get: <S extends z.ZodType>(
    path: string,
    schema: S,
    query?: Query,
    signal?: AbortSignal,
    early?: Promise<Response>,
  ) => request(path, { schema, query, signal, early }),
  post: <S extends z.ZodType>(path: string, schema: S, body?: unknown) =>
    request(path, { method: 'POST', schema, body: body ?? {} }),
  patch: <S extends z.ZodType>(path: string, schema: S, body: unknown) =>
    request(path, { method: 'PATCH', schema, body }),
  put: <S extends z.ZodType>(path: string, schema: S, body: unknown) =>
    request(path, { method: 'PUT', schema, body }),
  delete: <S extends z.ZodType>(path: string, schema: S) => request(path, { method: 'DELETE', schema }),
};

interface UploadOptions<S extends z.ZodType> {
  method?: 'POST' | 'PUT';
  schema: S;
  /** Called as the bytes go out: loaded and total, in bytes. */
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends a file as multipart/form-data (field "file"). XMLHttpRequest rather than fetch, because only it
 * reports upload progress; errors come back as the same ApiError as every other call.
 */
export function upload<S extends z.ZodType>(
  path: string,
  file: File,
  opts: UploadOptions<S>,
): Promise<z.infer<S>> {
  const method = opts.method ?? 'POST';
  const body = new FormData();
  body.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded, e.total);
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, 'network', 'Cannot reach the Accord server. Check your connection and try again.'),
      );
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onload = () => {
      const text = xhr.responseText;
      if (xhr.status < 200 || xhr.status >= 300) {
        if (xhr.status === 401) onUnauthorized?.();
        reject(parseErrorResponse(xhr.status, text));
        return;
      }
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = undefined;
      }
      const parsed = opts.schema.safeParse(json);
      if (!parsed.success) {
        console.error(`Unexpected answer from ${method} ${path}`, parsed.error);
        reject(
          new ApiError(
            xhr.status,
            'bad_response',
            'The server sent an answer this page does not understand.',
          ),
        );
        return;
      }
      resolve(parsed.data);
    };
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}
