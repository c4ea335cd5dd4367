import type { PersonalDataVault, SealingScope } from '../personal-data/personal-data-vault';

/** Where a finalised recording is kept in the content bucket of its region (docs/storage-layout.md). */
export const sealedRecordingKey = (tenantId: string, interactionId: string, recordingId: string) =>
  `recording/${tenantId}/${interactionId}/${recordingId}`;

/** To anyone without the key a sealed object is opaque bytes, not audio; the pointer keeps the audio's media type. */
export const SEALED_CONTENT_TYPE = 'application/octet-stream';

/**
 * A recording is sealed under its interaction's data key: the partition key (dekId = interaction
 * id) that ingest seals the general info, chat log and survey with, kept in the keys table of the
 * region that holds the recording. Shredding it there makes every copy unreadable: old object
 * versions, archive-tier copies, backups. Class `recording` is bound in as additional data, so
 * the envelope opens only as this interaction's recording.
 */
const scopeOf = (region: string, tenantId: string, interactionId: string): SealingScope => ({
  region,
  tenantId,
  dataClass: 'recording',
  partitionId: interactionId,
});

/**
 * The object body: the envelope as text (UTF-8 of its base64), the form in which archived copies
 * and subject exports read content objects back.
 */
export async function sealRecording(
  vault: PersonalDataVault,
  region: string,
  tenantId: string,
  interactionId: string,
  audio: Uint8Array,
): Promise<Buffer> {
  return Buffer.from(await vault.seal(scopeOf(region, tenantId, interactionId), audio), 'utf8');
}

/** The audio of a sealed object. Throws DataKeyGone once the interaction's key was shredded. */
export function openRecording(
  vault: PersonalDataVault,
  region: string,
  tenantId: string,
  interactionId: string,
  stored: Uint8Array,
): Promise<Buffer> {
  return vault.open(scopeOf(region, tenantId, interactionId), Buffer.from(stored).toString('utf8'));
}
