import type { Channel } from '../../domain/data-class';
import type { TenantPolicy } from '../../domain/policy/schema';
import { regionFor } from '../../domain/residency/region-for';
import { ttlEpochSeconds } from '../../domain/retention/exact-expiry';
import { expiryOf } from '../../domain/retention/record-expiry';
import type { ItemKey, StoredItem, WriteOperation } from '../../ports/record-store';
import type { RegionalStores } from '../../ports/regional-stores';
import { WriteConflict } from '../../ports/write-conflict';

/**
 * The archive's time index: one small item per interaction in a per-tenant, per-day partition
 * (`T#<t>#DAY#<YYYY-MM-DD of startedAt, UTC>`, sort key `<startedAt>#<interactionId>`), so a
 * search by time, queue, agent, group or channel reads the days it covers instead of scanning
 * the table. It holds only what the general info keeps in clear (channel, queue, agent, group,
 * start) and lives in the interaction's final region. It is a pointer, not a record: no class,
 * no `expiryBucket`; every read checks the general info itself, so a listing entry outliving
 * its interaction shows nothing. Its TTL is the interaction's expiry: a policy change that
 * re-dates the general info re-dates the entry too (`redateListing`), so a lengthened retention
 * does not drop a live interaction from the listing; so does anonymisation, which keeps the
 * interaction (searchable by its clear facts) as long as statistics are kept. Erasure, and the
 * sweep when the general info leaves the live table (deleted, archived: neither is searched),
 * remove it (`unlistInteraction`).
 */
export interface ListingFacts {
  interactionId: string;
  channel: Channel;
  queue?: string;
  agent?: string;
  group?: string;
  /** ISO-8601 UTC. */
  startedAt: string;
}

export const listingDay = (startedAt: string) => startedAt.slice(0, 10);
export const listingPartition = (tenantId: string, day: string) => `T#${tenantId}#DAY#${day}`;
export const listingSortKey = (facts: Pick<ListingFacts, 'startedAt' | 'interactionId'>) =>
  `${facts.startedAt}#${facts.interactionId}`;

export const listingKey = (tenantId: string, facts: Pick<ListingFacts, 'startedAt' | 'interactionId'>): ItemKey => ({
  pk: listingPartition(tenantId, listingDay(facts.startedAt)),
  sk: listingSortKey(facts),
});

export function listingEntry(tenantId: string, facts: ListingFacts, policy: TenantPolicy): StoredItem {
  const expiry = expiryOf(
    { dataClass: 'interaction', channel: facts.channel, createdAt: new Date(facts.startedAt) },
    policy,
  );
  const { interactionId, channel, queue, agent, group, startedAt } = facts;
  const defined = Object.fromEntries(
    Object.entries({ interactionId, channel, queue, agent, group, startedAt }).filter(([, v]) => v !== undefined),
  );
  return { ...listingKey(tenantId, facts), tenantId, ...defined, expiresAt: ttlEpochSeconds(expiry) };
}

/**
 * Lists a new interaction. In its final region: when that is where its general info is written,
 * the entry joins the same transaction (returned); otherwise (a call stored in its in-flight
 * region until /end) it is written first, on its own, so the archive never holds general info it
 * cannot list; an entry whose transaction then fails points at nothing and is skipped by reads.
 */
export async function listingWrites(
  deps: { stores: RegionalStores },
  tenantId: string,
  policy: TenantPolicy,
  infoRegion: string,
  facts: ListingFacts,
): Promise<WriteOperation[]> {
  const item = listingEntry(tenantId, facts, policy);
  const region = regionFor(policy, 'interaction', facts.channel, 'final');
  if (region === infoRegion) return [{ kind: 'put', item }];
  await deps.stores.storesFor(region).records.put(item);
  return [];
}

/**
 * Removes an interaction's listing entry in every region (the policy's regions may have changed
 * since it was written): an erased interaction must leave nothing behind that names it. Needs the
 * start from its general info, so erasure calls it before deleting the partition.
 */
export async function unlistInteraction(
  deps: { stores: RegionalStores },
  tenantId: string,
  facts: Pick<ListingFacts, 'startedAt' | 'interactionId'>,
): Promise<void> {
  const key = listingKey(tenantId, facts);
  for (const region of deps.stores.regions) await deps.stores.storesFor(region).records.deleteItems([key]);
}

/**
 * Gives an interaction's listing entry a new expiry (its general info was re-dated by a policy
 * change), in every region that holds one; an entry already gone (TTL, erasure) stays gone.
 */
export async function redateListing(
  deps: { stores: RegionalStores },
  tenantId: string,
  facts: Pick<ListingFacts, 'startedAt' | 'interactionId'>,
  expiresAt: number,
): Promise<void> {
  const key = listingKey(tenantId, facts);
  for (const region of deps.stores.regions) {
    try {
      await deps.stores.storesFor(region).records.update(key, { set: { expiresAt } }, { kind: 'present' });
    } catch (error) {
      if (!(error instanceof WriteConflict)) throw error;
    }
  }
}
