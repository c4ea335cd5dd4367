import { parsePartitionKey } from '../../domain/record-keys';
import type { ContentStore } from '../../ports/content-store';
import type { StoredItem } from '../../ports/record-store';
import { recordingIdOfPointer } from './recording-pointer-keys';

/**
 * Content objects of the content bucket (docs/storage-layout.md): `recording/<t>/<interactionId>/<recordingId>`
 * and `transcript/<t>/<interactionId>/…`. Deleting a record deletes every version of its objects,
 * so nothing is left for an old version to reveal.
 */
export const interactionContentPrefixes = (tenantId: string, interactionId: string): string[] => [
  `recording/${tenantId}/${interactionId}/`,
  `transcript/${tenantId}/${interactionId}/`,
];

/** The content objects one item points to: its recording, and any object key it names. */
export function contentKeysOfItem(tenantId: string, item: StoredItem): string[] {
  const keys = new Set<string>();
  const partition = parsePartitionKey(item.pk);
  const recordingId = recordingIdOfPointer(item);
  if (partition?.kind === 'interaction' && recordingId !== undefined)
    keys.add(`recording/${tenantId}/${partition.id}/${recordingId}`);
  for (const name of ['objectKey', 'contentKey', 'uploadKey']) {
    const value = item[name];
    if (typeof value === 'string' && value.split('/')[1] === tenantId) keys.add(value);
  }
  return [...keys];
}

/** Deletes every version of each key; returns how many versions went. */
export async function deleteEveryVersion(store: ContentStore, keys: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const key of keys) deleted += await store.deleteAllVersions(key);
  return deleted;
}

/** Deletes every version of every object under `prefix` (but those `kept`), a page of keys at a time. */
export async function deleteUnderPrefix(
  store: ContentStore,
  prefix: string,
  kept: (key: string) => boolean = () => false,
): Promise<number> {
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await store.listKeys(prefix, { cursor, limit: 1000 });
    deleted += await deleteEveryVersion(
      store,
      page.items.filter((key) => !kept(key)),
    );
    cursor = page.cursor;
  } while (cursor);
  return deleted;
}
