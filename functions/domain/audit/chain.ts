import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { AuditDraft, AuditEntry, AuditHead } from './entry';

/** `prevHash` of a tenant's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 (hex) of an entry's sequence number, content and predecessor, canonically encoded. */
export function hashEntry(prevHash: string, entry: AuditDraft & { seq: number }): string {
  const { seq, at, actor, action, interactionId, from, details } = entry;
  const linked = { v: 1, prevHash, seq, at, actor, action, interactionId, from, details };
  return createHash('sha256').update(canonicalJson(linked), 'utf8').digest('hex');
}

/** The next entry of a chain whose last link is `head` (none yet: the chain starts at seq 1). */
export function chainEntry(head: AuditHead | undefined, draft: AuditDraft): AuditEntry {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const { at, actor, action, interactionId, from, details } = draft;
  const entry = { at, actor: { ...actor }, action, interactionId, from, details: { ...details }, seq };
  return { kind: 'entry', ...entry, prevHash, hash: hashEntry(prevHash, entry) };
}
