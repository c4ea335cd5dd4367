import { LetheError } from '../../domain/errors';
import type { SubjectKey } from '../../domain/subject/subject-key';
import type { TenantDirectory } from '../../ports/tenant-directory';

/**
 * While an erasure or anonymisation runs, ingest must not recreate what it removes: the directory
 * keeps one marker per subject key (`ERASING#<hmacHex>`, the keyed hash only) from the job's first
 * inventory to its end, and ingest refuses a new conversation, consent or event for a marked
 * subject with 409 ERASURE_IN_PROGRESS. What slipped in before the marker is caught by the job's
 * next pass. The marker expires on its own after a week, should a job die and never be resumed.
 */
export const ERASING_MARKER_PREFIX = 'ERASING#';
const markerSk = (hmacHex: string) => `${ERASING_MARKER_PREFIX}${hmacHex}`;
const MARKER_SECONDS = 7 * 24 * 3600;

export async function markErasing(
  directory: TenantDirectory,
  tenantId: string,
  keys: readonly SubjectKey[],
  requestId: string,
  now: Date,
): Promise<void> {
  const expiresAt = Math.ceil(now.getTime() / 1000) + MARKER_SECONDS;
  for (const key of keys)
    await directory.putItem({ tenantId, sk: markerSk(key.hmacHex), requestId, since: now.toISOString(), expiresAt });
}

export async function clearErasing(
  directory: TenantDirectory,
  tenantId: string,
  keys: readonly SubjectKey[],
): Promise<void> {
  for (const key of keys) await directory.deleteItem(tenantId, markerSk(key.hmacHex));
}

/** Refuses a write naming a subject whose erasure or anonymisation is running. */
export async function refuseWhileErasing(
  directory: Pick<TenantDirectory, 'getItem'>,
  tenantId: string,
  subjectHmacs: readonly string[],
  now: Date,
): Promise<void> {
  const markers = await Promise.all(
    [...new Set(subjectHmacs)].map((h) => directory.getItem(tenantId, markerSk(h), { consistent: true })),
  );
  if (markers.some((m) => m !== undefined && !(typeof m.expiresAt === 'number' && m.expiresAt * 1000 <= now.getTime())))
    throw new LetheError(
      'ERASURE_IN_PROGRESS',
      'An erasure of this data subject is running: nothing new is stored for them until it ends. Send it again afterwards.',
    );
}
