import type { ConsentHistoryEntry } from '../../domain/ingest/consent';
import type { TenantDirectory, TenantItem } from '../../ports/tenant-directory';
import { WriteConflict } from '../../ports/write-conflict';

/**
 * The standing of a purpose for a subject, kept per subject key where one keyed read finds it,
 * however long the subject's history: `STANDING#<hmacHex>#<purpose>#consent` holds the latest
 * consent or withdrawal (and where its proof lives, so a reader can confirm it still stands),
 * `…#objection` the first objection, and `STANDING#<hmacHex>` says the markers of that key are
 * complete (every proof filed before markers existed has been folded in: standing-fold.ts;
 * it expires after 90 days).
 * Keyed hashes only, never the identifier. The proofs themselves stay in the consent partitions
 * (record-consent.ts).
 */
const STANDING_PREFIX = 'STANDING#';
type MarkerKind = 'consent' | 'objection';
/** Every item of one key: its markers and its completeness marker. */
export const standingKeyOf = (hmacHex: string) => `${STANDING_PREFIX}${hmacHex}`;
const keyPrefix = (hmacHex: string) => `${standingKeyOf(hmacHex)}#`;
const subjectPrefix = (purpose: string, hmacHex: string) => `${keyPrefix(hmacHex)}${purpose}#`;
export const markerSortKey = (hmacHex: string, purpose: string, kind: MarkerKind) =>
  `${subjectPrefix(purpose, hmacHex)}${kind}`;

/** Where a consent proof is stored: its region and partition (its sort key is always `CONSENT`). */
export interface ProofLocation {
  region: string;
  pk: string;
}

/** A proof as a marker keeps it: the entry the consent rules read, and where the proof lives. */
export type StandingMark = ConsentHistoryEntry & { proof?: ProofLocation };

export const entryFields = (e: StandingMark) => ({
  purpose: e.purpose,
  granted: e.granted,
  at: e.at,
  ...(e.objection ? { objection: true } : {}),
  ...(e.noticeVersion ? { noticeVersion: e.noticeVersion } : {}),
  ...(e.requestId ? { requestId: e.requestId } : {}),
  ...(e.proof ? { proofRegion: e.proof.region, proofPk: e.proof.pk } : {}),
});

/** A marker item as the entry it stands for; undefined for the completeness marker. */
export const markOf = (item: TenantItem): StandingMark | undefined =>
  typeof item.purpose !== 'string'
    ? undefined
    : {
        purpose: item.purpose,
        granted: item.granted === true,
        at: String(item.at),
        ...(item.objection === true ? { objection: true } : {}),
        ...(typeof item.noticeVersion === 'string' ? { noticeVersion: item.noticeVersion } : {}),
        ...(typeof item.requestId === 'string' ? { requestId: item.requestId } : {}),
        ...(typeof item.proofRegion === 'string' && typeof item.proofPk === 'string'
          ? { proof: { region: item.proofRegion, pk: item.proofPk } }
          : {}),
      };

/** Moves one marker to `entry` unless it already holds a later consent (an objection: unless one is there). */
async function markOne(
  directory: TenantDirectory,
  tenantId: string,
  hmacHex: string,
  entry: StandingMark,
): Promise<void> {
  const kind: MarkerKind = entry.objection ? 'objection' : 'consent';
  const sk = markerSortKey(hmacHex, entry.purpose, kind);
  // Proofs may arrive out of order: the later instant wins, a tie goes to the withdrawal.
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await directory.getItem(tenantId, sk, { consistent: true });
    if (
      current &&
      (kind === 'objection' || String(current.at) > entry.at || (current.at === entry.at && current.granted === false))
    )
      return;
    try {
      await directory.putItem(
        { tenantId, sk, ...entryFields(entry) },
        current ? { kind: 'matches', attributes: { at: current.at, granted: current.granted } } : { kind: 'absent' },
      );
      return;
    } catch (error) {
      if (!(error instanceof WriteConflict)) throw error;
    }
  }
}

/** Records a proof on the markers of every key of its subject. Repeating it changes nothing. */
export async function markStanding(
  directory: TenantDirectory,
  tenantId: string,
  subjectHmacs: readonly string[],
  entry: StandingMark,
): Promise<void> {
  await Promise.all(subjectHmacs.map((h) => markOne(directory, tenantId, h, entry)));
}

/**
 * A rectified identifier keeps its standing: the markers of its old keyed hash are recorded under
 * the new one too (the old ones stay, as the proofs' old index entries are removed by the caller).
 */
export async function carryStanding(
  directory: TenantDirectory,
  tenantId: string,
  oldHmac: string,
  newHmac: string,
): Promise<void> {
  const { items } = await directory.queryItems(tenantId, keyPrefix(oldHmac));
  for (const mark of items.map(markOf)) if (mark) await markOne(directory, tenantId, newHmac, mark);
}

/**
 * An erasure or anonymisation removes the consent markers of the subject's keys with the proofs
 * they stand for, and their completeness marker, so that whatever proof the request leaves is
 * folded in again from the history at the next read. Objection markers stay: not processing the
 * person again for that purpose is what the objection asked (a keyed hash only, as in the subject
 * index).
 */
export async function dropConsentStanding(
  directory: TenantDirectory,
  tenantId: string,
  subjectHmacs: readonly string[],
): Promise<void> {
  for (const hmacHex of subjectHmacs) {
    const { items } = await directory.queryItems(tenantId, standingKeyOf(hmacHex));
    for (const item of items.filter((i) => !i.sk.endsWith('#objection'))) await directory.deleteItem(tenantId, item.sk);
  }
}
