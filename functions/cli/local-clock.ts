import type { LetheApiClient } from './api-client';

/**
 * The instant the local runtime behind `client` is at (it moves with `POST /_local/clock`), or
 * undefined when there is none to ask: the stack is not running, or the API is AWS (no such route).
 */
export async function localRuntimeClock(client: LetheApiClient): Promise<string | undefined> {
  try {
    return (await client.request<{ now: string }>('GET', '/_local/clock')).now;
  } catch {
    return undefined;
  }
}
