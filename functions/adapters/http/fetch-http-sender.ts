import type { AttemptResult } from '../../domain/recipients/delivery';
import type { HttpSender, WebhookRequest } from '../../ports/http-sender';

/** How long a recipient has to answer one attempt. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * Sends webhooks with Node's fetch. Redirects are not followed (the signed URL is the one the
 * policy names; a redirect is an answer the recipient must fix), and the answer's body is not read
 * beyond what closing it takes.
 */
export class FetchHttpSender implements HttpSender {
  constructor(private readonly timeoutMs = WEBHOOK_TIMEOUT_MS) {}

  async post(request: WebhookRequest): Promise<AttemptResult> {
    try {
      const res = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...request.headers },
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await res.body?.cancel();
      return { kind: 'answered', status: res.status };
    } catch (error) {
      // The timeout's DOMException is not always an Error of this realm: go by its name.
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      return { kind: 'unanswered', reason: timedOut ? 'timeout' : 'unreachable' };
    }
  }
}
