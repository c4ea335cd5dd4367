import { token } from './session.js';

// The console is served at <stage>/console/ and the API at <stage>/v1/: same origin, relative base.
const API_BASE = new URL('../../v1/', import.meta.url);

/** The API's error body `{"error":{"code","message","fields"}}` as an exception. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {{path: string, message: string}[]} [fields]
   * @param {string} [correlationId]
   */
  constructor(status, code, message, fields = [], correlationId) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.correlationId = correlationId;
  }
}

/**
 * @typedef {{ method?: string, query?: Record<string, string|number|undefined|null>, body?: unknown, accept?: string }} Request
 * @typedef {{ status: number, headers: Headers, data: any }} Response
 */

/** The absolute URL of an API path such as `/v1/interactions/ID`. @param {string} path @param {Request['query']} [query] */
export function apiUrl(path, query = {}) {
  const url = new URL(path.replace(/^\/?(v1\/)?/, ''), API_BASE);
  // encodeURIComponent, not URLSearchParams: a space must travel as %20, since API Gateway does not
  // read `+` as a space (and "+46 70…" must stay a phone number).
  url.search = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return url;
}

/**
 * Calls the API with the session's token. JSON answers come back parsed, anything else as a Blob;
 * a 4xx/5xx becomes an ApiError carrying the API's code, message and per-field problems.
 * @param {string} path
 * @param {Request} [request]
 * @returns {Promise<Response>}
 */
export async function api(path, request = {}) {
  const headers = { accept: request.accept ?? 'application/json' };
  const bearer = token();
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(apiUrl(path, request.query), {
      method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The API could not be reached. Check the connection and try again.');
  }
  const type = res.headers.get('content-type') ?? '';
  const isJson = type.includes('json');
  const data = res.status === 204 ? null : isJson ? await res.json().catch(() => null) : await res.blob();
  if (!res.ok) {
    const error = isJson && data && typeof data === 'object' ? data.error : undefined;
    throw new ApiError(
      res.status,
      error?.code ?? `HTTP_${res.status}`,
      error?.message ?? `The API answered ${res.status} ${res.statusText}.`,
      Array.isArray(error?.fields) ? error.fields : [],
      error?.correlationId,
    );
  }
  return { status: res.status, headers: res.headers, data };
}

/** The file name of a Content-Disposition header, or the fallback. @param {Headers} headers @param {string} fallback */
export function fileNameOf(headers, fallback) {
  const disposition = headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match ? decodeURIComponent(match[1]) : fallback;
}
