import type { Channel, DataClass } from '../../domain/data-class';
import type { TenantPolicy } from '../../domain/policy/schema';
import { ttlEpochSeconds } from '../../domain/retention/exact-expiry';
import { expiryOf } from '../../domain/retention/record-expiry';
import { bucketForExpiry } from '../../domain/sweep/checkpoint';
import type { ItemKey, StoredItem } from '../../ports/record-store';
import type { PersonalDataVault, SealingScope } from '../personal-data/personal-data-vault';

/**
 * How a record becomes an item (docs/storage-layout.md): its key, the retention attributes every
 * record carries, its non-personal fields as clear attributes under their names in
 * functions/domain/records.ts, and its personal fields as one JSON object sealed under the
 * partition's data key (`sealed`, `dekId`). Opening an item is the reverse: clear attributes plus
 * the opened `sealed`.
 */
export interface RecordMeta {
  tenantId: string;
  class: DataClass;
  createdAt: string;
  expiresAt: number;
  expiryBucket: string;
}

/** Attributes that are storage bookkeeping, not record fields. */
const BOOKKEEPING = ['pk', 'sk', 'tenantId', 'class', 'createdAt', 'expiresAt', 'expiryBucket', 'dekId', 'sealed'];

/**
 * When a record counts as created: when it happened, but never later than now, so a timestamp
 * from the future cannot stretch its retention.
 */
export const recordTime = (at: string, now: Date): Date => new Date(Math.min(Date.parse(at), now.getTime()));

/**
 * Expiry from the policy at write time: the TTL attribute and the `byExpiry` bucket. A backdated
 * record (`createdAt` long before `now`) may already be due: it goes to today's bucket, which every
 * sweep reads, since the sweep's checkpoint may be past the day it expired.
 */
export function recordMeta(
  policy: TenantPolicy,
  key: ItemKey,
  record: { tenantId: string; dataClass: DataClass; channel?: Channel; createdAt: Date },
  now: Date,
): RecordMeta {
  const expiresAt = ttlEpochSeconds(expiryOf(record, policy));
  return {
    tenantId: record.tenantId,
    class: record.dataClass,
    createdAt: record.createdAt.toISOString(),
    expiresAt,
    expiryBucket: bucketForExpiry(record.tenantId, record.dataClass, expiresAt, `${key.pk}|${key.sk}`, now),
  };
}

const hasValues = (o: Record<string, unknown>) => Object.values(o).some((v) => v !== undefined);

/** The item of a record: personal fields sealed (nothing sealed when there are none). */
export async function sealedItem(
  vault: PersonalDataVault,
  scope: SealingScope,
  key: ItemKey,
  meta: RecordMeta,
  clear: Record<string, unknown>,
  personal: Record<string, unknown>,
): Promise<StoredItem> {
  const defined = Object.fromEntries(Object.entries(clear).filter(([, v]) => v !== undefined));
  const sealed = hasValues(personal)
    ? { dekId: scope.dekId ?? scope.partitionId, sealed: await vault.sealJson(scope, personal) }
    : {};
  return { ...key, ...meta, ...defined, ...sealed };
}

/** The clear fields of an item, without bookkeeping. */
export function clearFields(item: StoredItem): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !BOOKKEEPING.includes(k)));
}

/** Where an item of partition `partitionId` was sealed: with the key it names (`dekId`), the partition's own by default. */
export function sealingScopeOf(region: string, partitionId: string, item: StoredItem): SealingScope {
  return {
    region,
    tenantId: item.tenantId as string,
    dataClass: item.class as DataClass,
    partitionId,
    ...(typeof item.dekId === 'string' ? { dekId: item.dekId } : {}),
  };
}

/** A record as stored: clear fields plus its opened personal fields. */
export async function openedFields(
  vault: PersonalDataVault,
  region: string,
  partitionId: string,
  item: StoredItem,
): Promise<Record<string, unknown>> {
  const personal =
    typeof item.sealed === 'string'
      ? await vault.openJson<Record<string, unknown>>(sealingScopeOf(region, partitionId, item), item.sealed)
      : {};
  return { ...clearFields(item), ...personal };
}
