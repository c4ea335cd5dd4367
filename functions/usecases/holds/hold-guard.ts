import { requireDeletable } from '../../domain/holds/precedence';
import { isActiveHold } from '../../domain/holds/hold';
import { parsePartitionKey } from '../../domain/sweep/record-keys';
import type { RegionalStores } from '../../ports/regional-stores';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { loadHoldCoverage } from './hold-coverage';
import { partitionsOfHold } from './hold-partitions';
import { listHolds } from './hold-records';

type HoldLookupDeps = { stores: RegionalStores; directory: TenantDirectory };

/**
 * The one question every deletion asks before acting: which active legal holds keep these
 * partitions, by partition key → hold ids (an interaction hold its partition, a subject hold every
 * partition the subject index lists for its keys, in every region). Staff deletes refuse on it
 * (`requireNotHeld`); erasure, anonymisation and their verification skip what it names; the sweep
 * and the offboarding purge ask the same coverage (`loadHoldCoverage`) record by record. Asked
 * again right before acting, so a hold placed meanwhile is honoured too. Reads show its answer as
 * the `holds` of an interaction.
 */
export async function holdsOnPartitions(deps: HoldLookupDeps, tenantId: string, partitions: readonly { pk: string }[]): Promise<Map<string, string[]>> {
  const held = new Map<string, string[]>();
  const active = (await listHolds(deps.directory, tenantId)).filter(isActiveHold);
  if (!active.length || !partitions.length) return held;
  for (const region of deps.stores.regions) {
    const coverage = await loadHoldCoverage(deps.stores.storesFor(region).records, tenantId, active);
    for (const { pk } of partitions) {
      const ids = coverage.holdsOn(pk);
      if (ids.length) held.set(pk, [...new Set([...(held.get(pk) ?? []), ...ids])].sort());
    }
  }
  return held;
}

/**
 * A staff deletion (single or bulk, chat log or recording) of what these partitions hold: refused
 * as a whole, with HELD naming every hold that keeps any of them, before anything is deleted
 * (precedence: legal hold > erasure > retention, functions/domain/holds/precedence.ts).
 */
export async function requireNotHeld(deps: HoldLookupDeps, tenantId: string, pks: readonly string[], what: string): Promise<void> {
  const held = await holdsOnPartitions(deps, tenantId, pks.map((pk) => ({ pk })));
  requireDeletable(what, [...new Set([...held.values()].flat())]);
}

/** The interactions active legal holds keep, in any region (what a search with `held=true` looks through). */
export async function heldInteractionIds(deps: HoldLookupDeps, tenantId: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const hold of (await listHolds(deps.directory, tenantId)).filter(isActiveHold))
    for (const { pk } of await partitionsOfHold(deps.stores, hold)) {
      const partition = parsePartitionKey(pk);
      if (partition?.kind === 'interaction') ids.add(partition.id);
    }
  return [...ids];
}
