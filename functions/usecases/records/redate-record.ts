import { CHANNELS, type Channel } from '../../domain/data-class';
import type { TenantPolicy } from '../../domain/policy/schema';
import type { DueRecord } from '../../domain/sweep/due-record';
import { planRebucket, type RebucketStep } from '../../domain/sweep/policy-impact';
import { parsePartitionKey, ROOT_SORT_KEY } from '../../domain/record-keys';
import type { RecordStore, StoredItem } from '../../ports/record-store';
import type { RegionalStores } from '../../ports/regional-stores';
import { WriteConflict } from '../../ports/write-conflict';
import { redateListing } from './interaction-listing';
import { entriesOfPartition } from './subject-index';

/** Marks a record re-dated for a policy revision, so a record moved into a later bucket is not counted twice. */
export const EXPIRY_REVISION = 'expiryRevision';

/**
 * What the current policy makes of a record's expiry (`planRebucket`). Two paths re-date records
 * with it: the sweep after a policy change, for the records it finds in `byExpiry` (rebucket.ts),
 * and the release of a legal hold, for the records the hold kept out of `byExpiry` where no sweep
 * could re-date them (hold-protection.ts). Undefined for an item without a readable `createdAt`.
 */
export async function replanExpiry(
  records: RecordStore,
  item: StoredItem,
  record: DueRecord,
  policy: TenantPolicy,
  now: Date,
): Promise<RebucketStep | undefined> {
  const createdAt = typeof item.createdAt === 'string' ? new Date(item.createdAt) : undefined;
  if (!createdAt || Number.isNaN(createdAt.getTime())) return undefined;
  const channel = await channelOf(records, item);
  return planRebucket(
    {
      tier: record.tier,
      dataClass: record.dataClass,
      channel,
      createdAt,
      expiresAt: new Date(record.expiresAt * 1000),
    },
    policy,
    now,
  );
}

/** A record's channel (per-channel retention): its own, or its interaction's general info's. */
async function channelOf(records: RecordStore, item: StoredItem): Promise<Channel | undefined> {
  const own = CHANNELS.find((c) => c === item.channel);
  if (own) return own;
  const partition = parsePartitionKey(item.pk);
  if (partition?.kind !== 'interaction' || item.sk === ROOT_SORT_KEY.interaction) return undefined;
  const info = await records.get({ pk: item.pk, sk: ROOT_SORT_KEY.interaction });
  return CHANNELS.find((c) => c === info?.channel);
}

/**
 * The listing entry expires with the general info: re-dated with it, so a lengthened retention
 * does not drop a live interaction from searches. Any other item has no entry.
 */
export async function redateListingOf(
  deps: { stores: RegionalStores },
  tenantId: string,
  item: StoredItem,
  expiresAt: number,
): Promise<void> {
  const partition = parsePartitionKey(item.pk);
  if (partition?.kind === 'interaction' && item.sk === ROOT_SORT_KEY.interaction && typeof item.startedAt === 'string')
    await redateListing(deps, tenantId, { interactionId: partition.id, startedAt: item.startedAt }, expiresAt);
}

/**
 * Subject-index entries carry the expiry of the record they were written with, as TTL. When a
 * record of their partition is re-dated later, TTL would otherwise remove them before it, and a
 * subject request could no longer find a record that is still held: they are extended to at
 * least `expiresAt`. Never shortened (an entry that outlives its record points at nothing and goes
 * with its partition); entries under a hold have no TTL and are left alone.
 */
export async function extendIndexEntries(records: RecordStore, pk: string, expiresAt: number): Promise<number> {
  let extended = 0;
  for (const entry of await entriesOfPartition(records, pk)) {
    const current = entry.expiresAt;
    if (typeof current !== 'number' || current >= expiresAt) continue;
    try {
      await records.update(
        { pk: entry.pk, sk: entry.sk },
        { set: { expiresAt } },
        { kind: 'matches', attributes: { expiresAt: current } },
      );
      extended++;
    } catch (error) {
      // Changed meanwhile (deleted with its partition, held, extended by a parallel run): leave it.
      if (!(error instanceof WriteConflict)) throw error;
    }
  }
  return extended;
}
