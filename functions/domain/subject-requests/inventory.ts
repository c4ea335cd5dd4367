import type { DataClass } from '../data-class';
import type { PartitionKind } from '../record-keys';

/**
 * What a subject request found before acting: counts per region and store, never a record's
 * content and never the subject's identifiers. It is the "found" column of the certificate.
 * `copies` are derived copies (playback copies, bulk downloads, export and offboarding packages)
 * registered against the subject's partitions or the whole tenant, counted in the region of the object.
 */
export const STORES = ['records', 'subject-index', 'keys', 'content', 'archive', 'audit', 'copies'] as const;
export type StoreName = (typeof STORES)[number];

export interface StoreCount {
  region: string;
  store: StoreName;
  /** The class of the records or objects counted (records, content, archive). */
  dataClass?: DataClass;
  count: number;
}

/** A partition a legal hold keeps: not erased, listed with why and until when. */
export interface HeldPartition {
  partitionId: string;
  kind: PartitionKind;
  regions: string[];
  classes: DataClass[];
  records: number;
  holdIds: string[];
  /** When its own retention ends (the latest expiry among its records), ISO-8601. */
  retentionEndsAt?: string;
}

/** A litigation batch holding sealed copies of the subject's records: Object Lock keeps it until `retainUntil`. */
export interface SealedBatch {
  batchId: string;
  region: string;
  dataClass: DataClass;
  records: number;
  retainUntil?: string;
}

/** Per class: how many records, where, and when their retention ends (the export summary's table). */
export interface ClassHolding {
  dataClass: DataClass;
  count: number;
  regions: string[];
  firstExpiry?: string;
  lastExpiry?: string;
}

/**
 * A derived copy the request is to delete, and where its registry entry is: the verification
 * checks that neither is left (keys and places only, nothing personal).
 */
export interface FoundCopy {
  bucket: 'content' | 'exports';
  region: string;
  objectKey: string;
  entryPk: string;
  entryRegion: string;
}

export interface Inventory {
  at: string;
  /** Regions searched through the subject index. */
  regions: string[];
  keysSearched: number;
  /** Partitions the action step works on (held ones excluded). */
  partitions: number;
  counts: StoreCount[];
  held: HeldPartition[];
  litigation: SealedBatch[];
  /** Records marked restricted (GDPR Art. 18) among those found. */
  restrictedRecords: number;
  holdings: ClassHolding[];
  /** Erasure and anonymisation: the copies found, for the verification to look for again. */
  copies?: FoundCopy[];
}

/** Adds up counts by (region, store, class), in a stable order. */
export class CountTally {
  private readonly counts = new Map<string, StoreCount>();

  add(region: string, store: StoreName, dataClass: DataClass | undefined, by = 1): void {
    if (by === 0) return;
    const id = `${region}|${store}|${dataClass ?? ''}`;
    const current = this.counts.get(id) ?? { region, store, ...(dataClass ? { dataClass } : {}), count: 0 };
    this.counts.set(id, { ...current, count: current.count + by });
  }

  list(): StoreCount[] {
    const order = (c: StoreCount) => `${c.region}|${STORES.indexOf(c.store)}|${c.dataClass ?? ''}`;
    return [...this.counts.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }
}

/** Per class: counts, regions and expiry range, from one entry per record. */
export function holdingsOf(
  records: readonly { dataClass: DataClass; region: string; expiresAt?: number }[],
): ClassHolding[] {
  const byClass = new Map<DataClass, { count: number; regions: Set<string>; first?: number; last?: number }>();
  for (const r of records) {
    const h = byClass.get(r.dataClass) ?? { count: 0, regions: new Set<string>() };
    h.count++;
    h.regions.add(r.region);
    if (r.expiresAt !== undefined) {
      h.first = h.first === undefined ? r.expiresAt : Math.min(h.first, r.expiresAt);
      h.last = h.last === undefined ? r.expiresAt : Math.max(h.last, r.expiresAt);
    }
    byClass.set(r.dataClass, h);
  }
  const iso = (seconds?: number) => (seconds === undefined ? undefined : new Date(seconds * 1000).toISOString());
  return [...byClass].map(([dataClass, h]) => ({
    dataClass,
    count: h.count,
    regions: [...h.regions].sort(),
    ...(h.first !== undefined ? { firstExpiry: iso(h.first), lastExpiry: iso(h.last) } : {}),
  }));
}

/**
 * The inventory of a request that took several passes: what each pass found and acted on, added
 * up, so the certificate counts everything deleted, not only the first pass's share. Held
 * partitions and litigation batches are as the latest pass saw them (they are retained, not acted on).
 */
export function mergeInventories(earlier: Inventory, latest: Inventory): Inventory {
  const tally = new CountTally();
  for (const c of [...earlier.counts, ...latest.counts]) tally.add(c.region, c.store, c.dataClass, c.count);
  const holdings = new Map<DataClass, ClassHolding>();
  for (const h of [...earlier.holdings, ...latest.holdings]) {
    const known = holdings.get(h.dataClass);
    const first = [known?.firstExpiry, h.firstExpiry].filter((e): e is string => e !== undefined).sort()[0];
    const last = [known?.lastExpiry, h.lastExpiry]
      .filter((e): e is string => e !== undefined)
      .sort()
      .pop();
    holdings.set(h.dataClass, {
      dataClass: h.dataClass,
      count: (known?.count ?? 0) + h.count,
      regions: [...new Set([...(known?.regions ?? []), ...h.regions])].sort(),
      ...(first !== undefined ? { firstExpiry: first, lastExpiry: last } : {}),
    });
  }
  return {
    ...latest,
    at: earlier.at,
    partitions: earlier.partitions + latest.partitions,
    counts: tally.list(),
    restrictedRecords: earlier.restrictedRecords + latest.restrictedRecords,
    holdings: [...holdings.values()],
    copies: [
      ...new Map(
        [...(earlier.copies ?? []), ...(latest.copies ?? [])].map((c) => [
          `${c.bucket}|${c.region}|${c.objectKey}|${c.entryPk}`,
          c,
        ]),
      ).values(),
    ],
  };
}
