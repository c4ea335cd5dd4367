import { createHash } from 'node:crypto';

/**
 * Where derived copies go: plain (unsealed) objects made from a tenant's records so that someone
 * can download them through a short-lived link. Every such key is built here, so erasure,
 * retention, content deletion and the offboarding purge know all the places a copy can be.
 */

/** Playback copies of one recording, in the content bucket of the recording's region. */
export const playbackPrefix = (tenantId: string) => `playback/${tenantId}/`;

/**
 * The folder of one interaction's playback copies: a digest of its id, so a link names neither
 * the interaction nor the recording.
 */
export const playbackFolderOf = (tenantId: string, interactionId: string): string =>
  `${playbackPrefix(tenantId)}${createHash('sha256').update(`${tenantId}|${interactionId}`).digest('hex').slice(0, 32)}/`;

/** A bulk download of the admin API (chat logs and recordings in the clear), in the exports bucket. */
export const bulkDownloadKey = (tenantId: string, downloadId: string) => `downloads/${tenantId}/${downloadId}.zip`;

/** A subject-request export package, in the exports bucket. */
export const subjectPackageKey = (tenantId: string, requestId: string) =>
  `subject-requests/${tenantId}/${requestId}/package.zip`;

/** A terminated tenant's offboarding package, in the exports bucket. */
export const offboardingPackageKey = (tenantId: string, requestId: string) =>
  `offboarding/${tenantId}/${requestId}.zip`;

/** Every prefix of the exports bucket holding a tenant's objects. */
export const exportsPrefixesOf = (tenantId: string): string[] => [
  `subject-requests/${tenantId}/`,
  `downloads/${tenantId}/`,
  `offboarding/${tenantId}/`,
];
