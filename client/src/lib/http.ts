import { ErrorEnvelopeSchema, isErrorCode, type ErrorCode, type ErrorDetails } from '@app/shared';
import type { z } from 'zod';
import { currentLocale } from './i18n';

/** `network` is the client's own code for "the request never got an answer". */
export type ClientErrorCode = ErrorCode | 'network';

/** A failed API call: the server's error body, or a network failure. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status = 0,
    readonly fields?: Record<string, string>,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }

  /** True when the server rejected who we are (as opposed to what we asked). */
  get isAuthError(): boolean {
    return this.status === 401;
  }
}

export interface HttpOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  token?: string | null;
  signal?: AbortSignal;
  /** Extra request headers (money POSTs send `Idempotency-Key`). */
  headers?: Record<string, string>;
}

/**
 * One JSON request to the platform API. Resolves with the parsed body (or undefined for 204) and rejects with an
 * ApiError: the server's `{error:{code, message, fields}}`, or code `network` when no answer arrived.
 */
export async function httpJson<T>(path: string, schema: z.ZodType<T> | null, options: HttpOptions = {}): Promise<T> {
  // The server words its refusals (validation problems) in the language the person chose here, not the browser's.
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': currentLocale(),
  };
  // A Blob (a file upload) goes as it is, with its own type; anything else is sent as JSON.
  const raw = options.body instanceof Blob ? options.body : undefined;
  if (options.body !== undefined)
    headers['Content-Type'] = raw ? raw.type || 'application/octet-stream' : 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('network', 'Network request failed');
  }

  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204 || schema === null) return undefined as T;

  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ApiError('internal', `Unexpected response from ${path}`, response.status);
  return parsed.data;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const parsed = ErrorEnvelopeSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    // A proxy or a restarting server answers without our envelope: the request reached nobody who could answer.
    const code: ClientErrorCode = response.status >= 500 ? 'unavailable' : 'bad_request';
    return new ApiError(code, `HTTP ${response.status}`, response.status);
  }
  const { code, message, fields, details } = parsed.data.error;
  return new ApiError(isErrorCode(code) ? code : 'internal', message, response.status, fields, details);
}
