import type { AttemptResult } from '../domain/recipients/delivery';

/** One signed webhook to send: a POST of `body` (JSON) with `headers`. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends webhooks to the recipients a tenant's policy names. Never throws for what the recipient
 * does (an error status, a refused connection, a timeout): those are the attempt's result.
 */
export interface HttpSender {
  post(request: WebhookRequest): Promise<AttemptResult>;
}
