import { GENESIS_HASH, hashEntry } from './chain';
import type { AuditHead, AuditRecord } from './entry';
import { tombstoneSignatureValid } from './tombstone';

export type ChainProblem = 'edited' | 'gap' | 'bad-signature';

export type ChainVerdict =
  | { ok: true; checked: number; head: AuditHead }
  | { ok: false; firstBadSeq: number; problem: ChainProblem };

export interface VerifyOptions {
  /**
   * The link just before the first record given: genesis (seq 0) by default; after old entries
   * aged out under the audit retention, the last one removed.
   */
  anchor?: AuditHead;
  /** The stored chain head: without it, entries cut off the end of the chain go unnoticed. */
  head?: AuditHead;
}

/**
 * Checks a tenant's audit records in the order stored (by seq): consecutive sequence numbers
 * ('gap' on a missing, repeated or reordered seq), each entry hashing to its own hash and linking
 * to its predecessor ('edited'), each tombstone carrying a valid signature ('bad-signature'), and
 * the last link matching the head when one is given. Reports the first seq that fails.
 */
export function verifyChain(
  records: readonly AuditRecord[],
  key: Uint8Array,
  options: VerifyOptions = {},
): ChainVerdict {
  let previous: AuditHead = options.anchor ?? { seq: 0, hash: GENESIS_HASH };
  for (const record of records) {
    const expectedSeq = previous.seq + 1;
    if (record.seq !== expectedSeq) return { ok: false, firstBadSeq: expectedSeq, problem: 'gap' };
    if (record.prevHash !== previous.hash) return { ok: false, firstBadSeq: record.seq, problem: 'edited' };
    if (record.kind === 'entry' && hashEntry(record.prevHash, record) !== record.hash)
      return { ok: false, firstBadSeq: record.seq, problem: 'edited' };
    if (record.kind === 'tombstone' && !tombstoneSignatureValid(record, key))
      return { ok: false, firstBadSeq: record.seq, problem: 'bad-signature' };
    previous = { seq: record.seq, hash: record.hash };
  }
  if (options.head) {
    if (options.head.seq > previous.seq) return { ok: false, firstBadSeq: previous.seq + 1, problem: 'gap' };
    if (options.head.seq !== previous.seq || options.head.hash !== previous.hash)
      return { ok: false, firstBadSeq: options.head.seq, problem: 'edited' };
  }
  return { ok: true, checked: records.length, head: previous };
}
