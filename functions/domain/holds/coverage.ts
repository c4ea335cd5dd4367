import { batchCoverageKey } from '../litigation/registry';
import { interactionPartition } from '../record-keys';
import { isActiveHold, type LegalHold } from './hold';

/** Which active holds keep a partition, for one tenant and one region. */
export interface HoldCoverage {
  holdsOn(partitionKey: string): string[];
  readonly size: number;
}

/**
 * The partitions the active holds of a tenant cover. An interaction hold covers its interaction's
 * partition; a subject hold covers every partition the subject index lists for any of its subject
 * keys, which the caller looks up beforehand (`partitionsOfSubject`, hmacHex → partition keys).
 */
export function holdCoverage(
  tenantId: string,
  holds: readonly LegalHold[],
  partitionsOfSubject: (hmacHex: string) => readonly string[],
): HoldCoverage {
  const byPartition = new Map<string, string[]>();
  const cover = (pk: string, holdId: string) => {
    const ids = byPartition.get(pk) ?? [];
    if (!ids.includes(holdId)) byPartition.set(pk, [...ids, holdId]);
  };
  for (const hold of holds) {
    if (!isActiveHold(hold) || hold.tenantId !== tenantId) continue;
    if (hold.target.kind === 'interaction')
      cover(interactionPartition(tenantId, hold.target.interactionId), hold.holdId);
    else
      for (const key of hold.target.subjectKeys)
        for (const pk of partitionsOfSubject(key.hmacHex)) cover(pk, hold.holdId);
  }
  return { holdsOn: (pk) => byPartition.get(pk) ?? [], size: byPartition.size };
}

/**
 * The holds that keep a sealed batch: those on any partition it holds records of (`members`), and
 * subject holds linked to it (the caller's `partitionsOfSubject` lists `batchCoverageKey`s too).
 */
export function holdsOnBatch(
  coverage: HoldCoverage,
  tenantId: string,
  batch: Readonly<Record<string, unknown>>,
): string[] {
  const members = Array.isArray(batch.members) ? batch.members.filter((m): m is string => typeof m === 'string') : [];
  const keys = [...members, ...(typeof batch.batchId === 'string' ? [batchCoverageKey(tenantId, batch.batchId)] : [])];
  return [...new Set(keys.flatMap((k) => coverage.holdsOn(k)))];
}
