import { requireDeletable } from '../../domain/holds/precedence';
import { isActiveHold } from '../../domain/holds/hold';
import { parsePartitionKey } from '../../domain/record-keys';
import type { RegionalStores } from '../../ports/regional-stores';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { ulid } from 'ulid';
import type { Clock } from '../../ports/clock';
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
export async function holdsOnPartitions(
  deps: HoldLookupDeps,
  tenantId: string,
  partitions: readonly { pk: string }[],
): Promise<Map<string, string[]>> {
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
export async function requireNotHeld(
  deps: HoldLookupDeps,
  tenantId: string,
  pks: readonly string[],
  what: string,
): Promise<void> {
  const held = await holdsOnPartitions(
    deps,
    tenantId,
    pks.map((pk) => ({ pk })),
  );
  requireDeletable(what, [...new Set([...held.values()].flat())]);
}

/** A staff deletion under way on a partition (the directory item `DELETING#<pk>#<intent id>`), so a hold placed meanwhile waits for it. */
const deletingPrefix = (pk: string) => `DELETING#${pk}#`;
/** A deletion that died leaves its intent at most this long (DynamoDB TTL); a hold waits for it at most `DELETION_WAIT_MS`. */
const INTENT_SECONDS = 300;
const DELETION_WAIT_MS = 20_000; // under API Gateway's 29 s

/**
 * A staff deletion of what these partitions hold, exclusive with a hold's placement: the intent
 * to delete is recorded first, then the holds are read (strongly consistent): HELD, nothing
 * deleted; else `act` deletes and the intent goes. A hold placed meanwhile waits for the intent
 * to go before it answers (`awaitDeletions`): either the deletion sees the hold, or the hold's
 * placement answers only once the deletion has ended — never a placed hold whose data a
 * deletion still removes afterwards.
 */
export async function deleteUnlessHeld<T>(
  deps: HoldLookupDeps & { clock: Clock },
  tenantId: string,
  pks: readonly string[],
  what: string,
  act: () => Promise<T>,
): Promise<T> {
  const intentId = ulid();
  const expiresAt = Math.ceil(deps.clock.now().getTime() / 1000) + INTENT_SECONDS;
  const partitions = [...new Set(pks)];
  for (const pk of partitions)
    await deps.directory.putItem({ tenantId, sk: `${deletingPrefix(pk)}${intentId}`, expiresAt });
  try {
    await requireNotHeld(deps, tenantId, partitions, what);
    return await act();
  } finally {
    for (const pk of partitions) await deps.directory.deleteItem(tenantId, `${deletingPrefix(pk)}${intentId}`);
  }
}

/** What a hold's placement does once its record is written: wait for staff deletions of its partitions already under way to end. */
export async function awaitDeletions(
  deps: { directory: TenantDirectory; clock: Clock },
  tenantId: string,
  pks: readonly string[],
): Promise<void> {
  const until = Date.now() + DELETION_WAIT_MS;
  const live = (item: Record<string, unknown>) =>
    !(typeof item.expiresAt === 'number' && item.expiresAt * 1000 <= deps.clock.now().getTime());
  for (const pk of new Set(pks))
    while (
      (await deps.directory.queryItems(tenantId, deletingPrefix(pk), { limit: 10 })).items.some(live) &&
      Date.now() < until
    )
      await new Promise((resolve) => setTimeout(resolve, 100));
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
