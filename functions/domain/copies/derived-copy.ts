import { createHash } from 'node:crypto';
import type { DataClass } from '../data-class';

/**
 * A derived copy: a plain object made from sealed records so someone can download it through a
 * short-lived link (a playback copy of a recording, a bulk-download zip, a subject's export
 * package, a tenant's offboarding package). Crypto-shredding cannot reach it, so it is registered
 * against every partition it holds data of, and whatever deletes data of that partition deletes
 * the copies holding that data (usecases/copies/copy-registry.ts).
 */
export type CopyKind = 'playback' | 'bulk-download' | 'subject-export' | 'offboarding';

export interface DerivedCopy {
  kind: CopyKind;
  /** Bucket kind: the content bucket of `region` (playback copies) or the home region's exports bucket. */
  bucket: 'content' | 'exports';
  region: string;
  objectKey: string;
  /** The classes of the partition's records the copy holds: deleting or anonymising one of them deletes the copy. */
  contains: DataClass[];
  createdAt: string;
  /** When its bucket's lifecycle removes it at the latest (epoch seconds); the entry outlives it by a day. */
  expiresAt: number;
}

/** Registry entries sit in the partition they point from, after its records: `COPY#<digest of where the object is>`. */
export const COPY_ENTRY_PREFIX = 'COPY#';
export const isCopyEntry = (item: { sk: string }): boolean => item.sk.startsWith(COPY_ENTRY_PREFIX);
export const copySortKey = (copy: Pick<DerivedCopy, 'bucket' | 'region' | 'objectKey'>): string =>
  `${COPY_ENTRY_PREFIX}${createHash('sha256').update(`${copy.bucket}|${copy.region}|${copy.objectKey}`).digest('hex').slice(0, 32)}`;

/** The partition of copies holding the whole tenant (the offboarding package): any erasure of a subject of the tenant deletes them. */
export const tenantCopiesPartition = (tenantId: string): string => `T#${tenantId}#COPIES`;

const ENTRY_GRACE_SECONDS = 86_400;
const DAY_SECONDS = 86_400;

/** How long each kind lives at most: its bucket's lifecycle rule (infra: content bucket 1 day for playback/, exports bucket 1 day for downloads/, 7 days otherwise). */
export const COPY_LIFETIME_SECONDS: Record<CopyKind, number> = {
  playback: DAY_SECONDS,
  'bulk-download': DAY_SECONDS,
  'subject-export': 7 * DAY_SECONDS,
  offboarding: 7 * DAY_SECONDS,
};

/** A copy made now, to be registered before it is written. */
export function newCopy(
  kind: CopyKind,
  at: Pick<DerivedCopy, 'bucket' | 'region' | 'objectKey' | 'contains'>,
  now: Date,
): DerivedCopy {
  return {
    kind,
    ...at,
    contains: [...new Set(at.contains)].sort(),
    createdAt: now.toISOString(),
    expiresAt: Math.ceil(now.getTime() / 1000) + COPY_LIFETIME_SECONDS[kind],
  };
}

/** The registry entry of a copy in partition `pk`: keys and kinds only, nothing personal; no class, so no sweep or count takes it for a record. */
export function copyEntry(
  tenantId: string,
  pk: string,
  copy: DerivedCopy,
): Record<string, unknown> & { pk: string; sk: string } {
  return { pk, sk: copySortKey(copy), tenantId, ...copy, expiresAt: copy.expiresAt + ENTRY_GRACE_SECONDS };
}

/** Which copies a deletion reaches: all of them, or those holding a class it removed. */
export type CopyReach = 'all' | DataClass;
export const reaches = (copy: Pick<DerivedCopy, 'contains'>, reach: CopyReach): boolean =>
  reach === 'all' || copy.contains.includes(reach);

/** A registry entry read back as the copy it names (undefined when it is not one). */
export function copyOf(item: Record<string, unknown>): DerivedCopy | undefined {
  const { kind, bucket, region, objectKey, contains, createdAt, expiresAt } = item;
  if (
    typeof objectKey !== 'string' ||
    (bucket !== 'content' && bucket !== 'exports') ||
    typeof region !== 'string' ||
    !Array.isArray(contains)
  )
    return undefined;
  return {
    kind: kind as CopyKind,
    bucket,
    region,
    objectKey,
    contains: contains as DataClass[],
    createdAt: String(createdAt),
    expiresAt: Number(expiresAt),
  };
}
