import { interactionPartition } from '../../domain/record-keys';
import type { ItemKey } from '../../ports/record-store';

/**
 * A recording pointer sits in its interaction's partition under `REC#<recordingId>`
 * (docs/storage-layout.md). This module is the only one that spells that key
 * (test/unit/architecture/key-ownership.test.ts keeps it so).
 */
export const RECORDING_POINTER_PREFIX = 'REC#';

export const recordingPointerSortKey = (recordingId: string): string => `${RECORDING_POINTER_PREFIX}${recordingId}`;

export const recordingPointerKey = (tenantId: string, interactionId: string, recordingId: string): ItemKey => ({
  pk: interactionPartition(tenantId, interactionId),
  sk: recordingPointerSortKey(recordingId),
});

export const isRecordingPointer = (item: { sk: string }): boolean => item.sk.startsWith(RECORDING_POINTER_PREFIX);

/** The recording id a pointer's sort key names; undefined for any other item. */
export const recordingIdOfPointer = (item: { sk: string }): string | undefined =>
  isRecordingPointer(item) ? item.sk.slice(RECORDING_POINTER_PREFIX.length) : undefined;
