import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { hashEntry } from './chain';
import type { AuditEntry, AuditTombstone } from './entry';

function signatureOf(key: Uint8Array, t: Omit<AuditTombstone, 'signature'>): string {
  const signed = { kind: t.kind, seq: t.seq, prevHash: t.prevHash, hash: t.hash, tombstonedAt: t.tombstonedAt };
  return createHmac('sha256', key).update(canonicalJson(signed), 'utf8').digest('hex');
}

/**
 * The tombstone that replaces `entry` when its interaction is deleted. Refuses an entry that does
 * not hash to its own `hash`: a tombstone must never launder an edited entry into a valid link.
 */
export function tombstoneOf(entry: AuditEntry, key: Uint8Array, tombstonedAt: Date): AuditTombstone {
  if (hashEntry(entry.prevHash, entry) !== entry.hash)
    throw new Error(`audit entry ${entry.seq} was edited: refusing to tombstone it`);
  const unsigned = {
    kind: 'tombstone' as const,
    seq: entry.seq,
    prevHash: entry.prevHash,
    hash: entry.hash,
    tombstonedAt: tombstonedAt.toISOString(),
  };
  return { ...unsigned, signature: signatureOf(key, unsigned) };
}

/** Whether a tombstone was signed with `key` and has not been changed since. */
export function tombstoneSignatureValid(tombstone: AuditTombstone, key: Uint8Array): boolean {
  const expected = Buffer.from(signatureOf(key, tombstone), 'hex');
  const actual = Buffer.from(tombstone.signature, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
