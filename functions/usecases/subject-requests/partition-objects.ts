import type { DataClass } from '../../domain/data-class';
import type { RegionalStores } from '../../ports/regional-stores';
import { uploadKey } from '../ingest/request-recording';
import { contentKeysOfItem } from '../records/content-objects';
import type { PartitionPiece, SubjectPartition } from './find-subject';
import { recordingIdOfPointer } from '../records/recording-pointer-keys';

/** An object a partition owns: in a content bucket (recordings, large transcripts, pending uploads) or the archive bucket. */
export interface PartitionObject {
  region: string;
  bucket: 'content' | 'archive';
  key: string;
  dataClass: DataClass;
}

const classOfContentKey = (key: string): DataClass => (key.startsWith('transcript/') ? 'transcript' : 'recording');

/** Where the channel uploads an interaction's recordings before ingest seals them: raw audio. */
export const uploadPrefixOf = (tenantId: string, interactionId: string): string =>
  uploadKey(tenantId, interactionId, '');

/**
 * Every object of a partition: the objects its items name (a recording pointer names its sealed
 * object and its upload), the archive-tier copies its archive pointers list, and whatever waits
 * under its upload prefix in each region holding its items. Sealed objects are only ever written
 * for an item that names them; raw uploads are plain, which crypto-shredding cannot protect, so
 * their prefix is listed as well. Derived copies (playback, downloads, packages) are found through
 * their registry (usecases/copies/copy-registry.ts). Nothing scans a bucket.
 */
export async function partitionObjects(
  stores: RegionalStores,
  tenantId: string,
  partition: SubjectPartition,
  pieces: readonly PartitionPiece[],
): Promise<PartitionObject[]> {
  const objects = new Map<string, PartitionObject>();
  const add = (o: PartitionObject) => objects.set(`${o.region}|${o.bucket}|${o.key}`, o);
  for (const piece of pieces)
    for (const item of piece.items) {
      const keys = contentKeysOfItem(tenantId, item);
      const recordingId = recordingIdOfPointer(item);
      if (partition.kind === 'interaction' && recordingId !== undefined)
        keys.push(uploadKey(tenantId, partition.id, recordingId));
      for (const key of keys) add({ region: piece.region, bucket: 'content', key, dataClass: classOfContentKey(key) });
      if (Array.isArray(item.archiveKeys))
        for (const key of item.archiveKeys)
          if (typeof key === 'string')
            add({ region: piece.region, bucket: 'archive', key, dataClass: item.class as DataClass });
    }
  if (partition.kind === 'interaction')
    for (const { region } of pieces) {
      let cursor: string | undefined;
      do {
        const page = await stores
          .storesFor(region)
          .content.listKeys(uploadPrefixOf(tenantId, partition.id), { cursor, limit: 1000 });
        for (const key of page.items) add({ region, bucket: 'content', key, dataClass: 'recording' });
        cursor = page.cursor;
      } while (cursor);
    }
  return [...objects.values()];
}

/** The data-key ids of a partition: its own id, and any other key an item says sealed it. */
export function dataKeyIdsOf(partition: SubjectPartition, pieces: readonly PartitionPiece[]): string[] {
  const ids = new Set([partition.id]);
  for (const piece of pieces) for (const item of piece.items) if (typeof item.dekId === 'string') ids.add(item.dekId);
  return [...ids];
}
