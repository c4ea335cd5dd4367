import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a recipient knows a webhook is Lethe's, unchanged and fresh (docs/admin-api.md, "Recipients
 * are told"):
 *
 *   Lethe-Webhook-Id:        <requestId>.<round>.<recipient>  (the same on every retry: deduplicate on it)
 *   Lethe-Webhook-Timestamp: <Unix seconds when this attempt was signed>
 *   Lethe-Webhook-Key-Id:    <the id of the secret's key that signed: a rotation makes a new one>
 *   Lethe-Webhook-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body bytes>")>
 *
 * While a rotation's grace period runs, the replaced key signs too: its signature follows the new
 * one, space-separated, and `Lethe-Webhook-Previous-Key-Id` names it, so a recipient still on the
 * old secret keeps verifying until it has moved.
 *
 * The timestamp is inside the signed bytes, so a captured webhook replayed later fails the
 * recipient's freshness check (WEBHOOK_TOLERANCE_SECONDS) and cannot be re-dated.
 */
export const WEBHOOK_HEADERS = {
  id: 'lethe-webhook-id',
  timestamp: 'lethe-webhook-timestamp',
  keyId: 'lethe-webhook-key-id',
  previousKeyId: 'lethe-webhook-previous-key-id',
  signature: 'lethe-webhook-signature',
} as const;

/** A key that signs, and the id the headers name it by. */
export interface SigningKey {
  secret: Uint8Array;
  keyId: string;
}

export const SIGNATURE_VERSION = 'v1';
/** How far a webhook's timestamp may be from the recipient's clock. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

const mac = (secret: Uint8Array, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body, 'utf8').digest();

/**
 * The headers of one attempt to deliver `body`, signed at `at` with the key `keyId` names (the
 * recipient picks its key by it while it moves to a rotated secret), and with `previous` too while
 * a rotation's grace period runs.
 */
export function signWebhook(
  secret: Uint8Array,
  keyId: string,
  id: string,
  body: string,
  at: Date,
  previous?: SigningKey,
): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  const signatures = [secret, ...(previous ? [previous.secret] : [])].map(
    (key) => `${SIGNATURE_VERSION}=${mac(key, timestamp, body).toString('hex')}`,
  );
  return {
    [WEBHOOK_HEADERS.id]: id,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.keyId]: keyId,
    ...(previous ? { [WEBHOOK_HEADERS.previousKeyId]: previous.keyId } : {}),
    [WEBHOOK_HEADERS.signature]: signatures.join(' '),
  };
}

export type WebhookCheck = { ok: true } | { ok: false; reason: 'malformed' | 'stale' | 'bad-signature' };

/** A recipient's check of a received webhook: a signature over the raw body by `secret` (any of those sent), then freshness. */
export function verifyWebhook(
  secret: Uint8Array,
  headers: Record<string, string | undefined>,
  body: string,
  now: Date,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): WebhookCheck {
  const timestamp = Number(headers[WEBHOOK_HEADERS.timestamp]);
  const signatures = (headers[WEBHOOK_HEADERS.signature] ?? '').split(' ').map((entry) => entry.split('='));
  const wellFormed = ([version, hex]: string[]) => version === SIGNATURE_VERSION && /^[0-9a-f]{64}$/.test(hex ?? '');
  if (!Number.isSafeInteger(timestamp) || !signatures.every(wellFormed)) return { ok: false, reason: 'malformed' };
  const expected = mac(secret, timestamp, body);
  if (!signatures.some(([, hex]) => timingSafeEqual(Buffer.from(hex, 'hex'), expected)))
    return { ok: false, reason: 'bad-signature' };
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale' };
  return { ok: true };
}
