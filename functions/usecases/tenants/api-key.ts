import { createHash, randomBytes } from 'node:crypto';

/** Ingest API keys: `lk_` + 32 random bytes, base64url. The prefix makes a leaked key easy to spot in scanners. */
const PREFIX = 'lk_';
const KEY_BYTES = 32;

export function newApiKey(): string {
  return PREFIX + randomBytes(KEY_BYTES).toString('base64url');
}

/** The only form a key is stored and looked up in: SHA-256, hex. Random 256-bit keys need no slow hash. */
export function apiKeyHash(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}
