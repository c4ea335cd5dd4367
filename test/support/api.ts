import { OPERATOR_KEY_HEADER } from '../../infra/local/operator-key';
import { env } from './emulators';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the response is JSON, else the text. */
  body: T;
}

export interface ApiRequest {
  method?: string;
  /** Sent as JSON unless it is a string or a Buffer. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Sends the operator key, as `npx lethe` does for operator (AWS_IAM) routes. */
  operator?: boolean;
}

/** Calls the local runtime the global setup started (LETHE_API), e.g. `callApi('/v1/health')`. */
export async function callApi<T = unknown>(path: string, request: ApiRequest = {}): Promise<ApiResponse<T>> {
  const { body } = request;
  const encoded = body === undefined || typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const res = await fetch(`${env('LETHE_API')}${path}`, {
    method: request.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(encoded !== undefined && !Buffer.isBuffer(body) && typeof body !== 'string'
        ? { 'content-type': 'application/json' }
        : {}),
      ...(request.operator ? { [OPERATOR_KEY_HEADER]: env('LETHE_OPERATOR_KEY') } : {}),
      ...request.headers,
    },
    body: encoded as BodyInit | undefined,
  });
  const text = await res.text();
  const isJson = res.headers.get('content-type')?.includes('json');
  return { status: res.status, headers: res.headers, body: (isJson && text ? JSON.parse(text) : text) as T };
}

/**
 * Moves the runtime's clock (POST /_local/clock); time flows on from there. The clock is shared by
 * every test of the run: put it back with `setLocalClock(new Date())` when done.
 */
export async function setLocalClock(instant: Date | string): Promise<Date> {
  const res = await callApi<{ now: string }>('/_local/clock', { body: { now: new Date(instant).toISOString() } });
  if (res.status !== 200) throw new Error(`POST /_local/clock answered ${res.status}: ${JSON.stringify(res.body)}`);
  return new Date(res.body.now);
}
