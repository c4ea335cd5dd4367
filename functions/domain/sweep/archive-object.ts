import type { DataClass } from '../data-class';
import { parsePartitionKey, isPartitionRoot } from '../record-keys';

/**
 * An archived record in the archive bucket: `<class>/<t>/<YYYY>/<MM>/<id>.json` by month of
 * transfer (docs/storage-layout.md), so the restricted CSV export lists a tenant's months by
 * prefix. The body is the stored item as it was, personal fields still sealed under the
 * partition's data key: shredding that key (an erasure) makes the archived copy unreadable too.
 */
export interface ArchivedRecord {
  format: 'lethe-archive';
  formatVersion: 1;
  archivedAt: string;
  region: string;
  item: Record<string, unknown> & { pk: string; sk: string };
}

/** The id part of the key: the partition id for a partition's root record, else partition id and sort key. */
function archiveId(pk: string, sk: string): string {
  const id = parsePartitionKey(pk)?.id ?? pk.replace(/[^A-Za-z0-9._-]/g, '-');
  return isPartitionRoot(pk, sk) ? id : `${id}.${sk.replace(/[^A-Za-z0-9._-]/g, '-')}`;
}

export function archiveObjectKey(
  tenantId: string,
  dataClass: DataClass,
  archivedAt: Date,
  pk: string,
  sk: string,
): string {
  const month = archivedAt.toISOString().slice(0, 7).replace('-', '/');
  return `${dataClass}/${tenantId}/${month}/${archiveId(pk, sk)}.json`;
}

/** The prefix of one tenant's archived records of one class transferred in one month (`YYYY-MM`). */
export const archiveMonthPrefix = (tenantId: string, dataClass: DataClass, month: string): string =>
  `${dataClass}/${tenantId}/${month.replace('-', '/')}/`;

export const archivedRecord = (item: ArchivedRecord['item'], archivedAt: Date, region: string): ArchivedRecord => ({
  format: 'lethe-archive',
  formatVersion: 1,
  archivedAt: archivedAt.toISOString(),
  region,
  item,
});

/** Reads an archived record back; undefined for an object that is not one. */
export function parseArchivedRecord(bytes: Uint8Array): ArchivedRecord | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<ArchivedRecord>;
    const ok =
      parsed.format === 'lethe-archive' &&
      parsed.formatVersion === 1 &&
      typeof parsed.item?.pk === 'string' &&
      typeof parsed.item.sk === 'string';
    return ok ? (parsed as ArchivedRecord) : undefined;
  } catch {
    return undefined;
  }
}
