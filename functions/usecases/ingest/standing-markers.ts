import type { ConsentHistoryEntry } from '../../domain/ingest/consent';
import type { TenantDirectory, TenantItem } from '../../ports/tenant-directory';
import { WriteConflict } from '../../ports/write-conflict';

/**
 * The standing of a purpose for a subject, kept per subject key where one keyed read finds it,
 * however long the subject's history: `STANDING#<hmacHex>#<purpose>#consent` holds the latest
 * consent or withdrawal, `…#objection` the first objection. Keyed hashes only, never the
 * identifier. The proofs themselves stay in the consent partitions (record-consent.ts).
 */
const STANDING_PREFIX = 'STANDING#';
type MarkerKind = 'consent' | 'objection';
const keyPrefix = (hmacHex: string) => `${STANDING_PREFIX}${hmacHex}#`;
const subjectPrefix = (purpose: string, hmacHex: string) => `${keyPrefix(hmacHex)}${purpose}#`;

const entryFields = (e: ConsentHistoryEntry) => ({
  purpose: e.purpose,
  granted: e.granted,
  at: e.at,
  ...(e.objection ? { objection: true } : {}),
  ...(e.noticeVersion ? { noticeVersion: e.noticeVersion } : {}),
  ...(e.requestId ? { requestId: e.requestId } : {}),
});

const entryOf = (item: TenantItem): ConsentHistoryEntry => ({
  purpose: String(item.purpose),
  granted: item.granted === true,
  at: String(item.at),
  ...(item.objection === true ? { objection: true } : {}),
  ...(typeof item.noticeVersion === 'string' ? { noticeVersion: item.noticeVersion } : {}),
  ...(typeof item.requestId === 'string' ? { requestId: item.requestId } : {}),
});

/** Moves one marker to `entry` unless it already holds a later consent (an objection: unless one is there). */
async function markOne(
  directory: TenantDirectory,
  tenantId: string,
  hmacHex: string,
  entry: ConsentHistoryEntry,
): Promise<void> {
  const kind: MarkerKind = entry.objection ? 'objection' : 'consent';
  const sk = `${subjectPrefix(entry.purpose, hmacHex)}${kind}`;
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
  entry: ConsentHistoryEntry,
): Promise<void> {
  await Promise.all(subjectHmacs.map((h) => markOne(directory, tenantId, h, entry)));
}

/** The markers that decide `purpose` for these keys: the purpose's own and the GDPR notice's. */
export async function standingEntries(
  directory: TenantDirectory,
  tenantId: string,
  subjectHmacs: readonly string[],
  purpose: string,
): Promise<ConsentHistoryEntry[]> {
  const purposes = [...new Set([purpose, 'gdpr'])];
  const pages = await Promise.all(
    subjectHmacs.flatMap((h) => purposes.map((p) => directory.queryItems(tenantId, subjectPrefix(p, h)))),
  );
  return pages.flatMap((page) => page.items.map(entryOf));
}

/** The objections on record for these keys and purposes (a GetItem each). */
export async function objectionsOf(
  directory: TenantDirectory,
  tenantId: string,
  subjectHmacs: readonly string[],
  purposes: readonly string[],
): Promise<ConsentHistoryEntry[]> {
  const items = await Promise.all(
    subjectHmacs.flatMap((h) => purposes.map((p) => directory.getItem(tenantId, `${subjectPrefix(p, h)}objection`))),
  );
  return items.filter((i): i is TenantItem => i !== undefined).map(entryOf);
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
  for (const item of items) await markOne(directory, tenantId, newHmac, entryOf(item));
}

/**
 * An erasure or anonymisation removes the consent markers of the subject's keys with the proofs
 * they stand for. Objection markers stay: not processing the person again for that purpose is
 * what the objection asked (a keyed hash only, as in the subject index).
 */
export async function dropConsentStanding(
  directory: TenantDirectory,
  tenantId: string,
  subjectHmacs: readonly string[],
): Promise<void> {
  for (const hmacHex of subjectHmacs) {
    const { items } = await directory.queryItems(tenantId, keyPrefix(hmacHex));
    for (const item of items.filter((i) => i.sk.endsWith('#consent'))) await directory.deleteItem(tenantId, item.sk);
  }
}
