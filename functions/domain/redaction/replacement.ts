import { createHmac } from 'node:crypto';
import type { Canonicaliser } from './canonical';
import type { FindingType } from './types';

/**
 * What a finding becomes in stored text. Placeholder: its type (`[EMAIL]`, `[CUSTOMER_ID]`).
 * Pseudonym: type plus the first 8 hex digits of HMAC-SHA256(tenant key, type + canonical value)
 * (`[EMAIL:7f3a9c2e]`): the same value always gives the same token within a tenant, another
 * tenant's key gives another token, and nobody without the key can test a guess.
 */
export type Replacement = (type: FindingType, value: string) => string;

const MIN_KEY_BYTES = 16;

export function placeholder(): Replacement {
  const labels = new Map<FindingType, string>();
  return (type) => {
    let label = labels.get(type);
    if (label === undefined) labels.set(type, (label = `[${type.toUpperCase()}]`));
    return label;
  };
}

export function pseudonym(key: Uint8Array, canonical: Canonicaliser): Replacement {
  if (key.length < MIN_KEY_BYTES) throw new RangeError(`the pseudonym key needs at least ${MIN_KEY_BYTES} bytes`);
  return (type, value) => {
    const mac = createHmac('sha256', key)
      .update(`${type}\u0000${canonical(type, value)}`)
      .digest('hex');
    return `[${type.toUpperCase()}:${mac.slice(0, 8)}]`;
  };
}
