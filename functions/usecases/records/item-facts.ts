import { DATA_CLASSES, type DataClass } from '../../domain/data-class';
import type { DueRecord, RecordTier } from '../../domain/sweep/due-record';
import type { OpenedRecord } from '../../domain/records';
import { parsePartitionKey } from '../../domain/record-keys';
import type { StoredItem } from '../../ports/record-store';
import { clearFields, openedFields } from './record-items';
import { DataKeyGone, type PersonalDataVault } from '../personal-data/personal-data-vault';

const TIERS: readonly RecordTier[] = ['live', 'archived', 'statistics', 'litigation-batch'];

/** The sweep's facts about a stored item; undefined for an item that is no record (no known class or expiry). */
export function dueRecordOf(item: StoredItem): DueRecord | undefined {
  const dataClass = DATA_CLASSES.find((c) => c === item.class);
  if (!dataClass || typeof item.expiresAt !== 'number') return undefined;
  const tier = TIERS.find((t) => t === item.tier) ?? 'live';
  return {
    pk: item.pk,
    sk: item.sk,
    dataClass,
    expiresAt: item.expiresAt,
    tier,
    ...(typeof item.sealedIn === 'string' ? { sealedIn: item.sealedIn } : {}),
  };
}

/** The id of the data key that sealed an item's personal fields: its `dekId`, else its partition's id. */
export function dekIdOf(item: StoredItem): string | undefined {
  return typeof item.dekId === 'string' ? item.dekId : parsePartitionKey(item.pk)?.id;
}

/**
 * A record with its personal fields opened, for the exports only the legal role or the archive's
 * restricted readers get. A record whose key was already shredded still shows its clear fields
 * and says so.
 */
export async function openedRecordOf(
  vault: PersonalDataVault,
  region: string,
  item: StoredItem,
  dataClass: DataClass,
): Promise<OpenedRecord> {
  // Sealed under its partition's id, with the key the item names (a shared key, or the partition's own).
  const partitionId = parsePartitionKey(item.pk)?.id;
  let fields: Record<string, unknown>;
  try {
    fields = partitionId ? await openedFields(vault, region, partitionId, item) : clearFields(item);
  } catch (error) {
    if (!(error instanceof DataKeyGone)) throw error;
    fields = { ...clearFields(item), personalData: 'shredded' };
  }
  return { pk: item.pk, sk: item.sk, dataClass, expiresAt: Number(item.expiresAt), fields };
}
