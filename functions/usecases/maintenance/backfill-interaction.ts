import type { Participant } from '../../domain/records';
import { normaliseName } from '../../domain/subject/normalise';
import { subjectKey } from '../../domain/subject/subject-key';
import { expirySecondsOf } from '../../domain/retention/visibility';
import type { ItemKey, RecordStore, WriteOperation } from '../../ports/record-store';
import { WriteConflict } from '../../ports/write-conflict';
import { DataKeyGone, type PersonalDataVault } from '../personal-data/personal-data-vault';
import { openedFields } from '../records/record-items';
import {
  entriesOfPartition,
  namePrefixChanges,
  namePrefixKeysFor,
  namesSubject,
  subjectIndexEntryKey,
} from '../records/subject-index';

/**
 * Within this much of its expiry an interaction is left alone: the sweep deletes an expired
 * partition as it read it ("nothing is added to a partition whose root record has expired",
 * record-actions.ts), so the backfill never writes near that instant, whatever the clocks' skew.
 */
export const EXPIRY_MARGIN_SECONDS = 3600;

/** Why an interaction got no entries. Counts only: a report never names a person. */
export const SKIP_REASONS = [
  'gone',
  'archived',
  'anonymised',
  'inFlight',
  'expiring',
  'noName',
  'notIndexed',
  'changedMeanwhile',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];
export type Outcome =
  | { kind: 'backfilled'; entries: number }
  | { kind: 'upToDate' }
  | { kind: 'skipped'; reason: SkipReason };

export interface InteractionBackfill {
  records: RecordStore;
  region: string;
  tenantId: string;
  secret: Uint8Array;
  vault: PersonalDataVault;
  now: Date;
  /** Test seam: runs between the reads and the write, where a concurrent erasure could strike. */
  beforeWrite?: () => Promise<void>;
}

/**
 * Files the missing name-prefix entries of one interaction's general info (`key`, in this region)
 * beside its whole-name entry, with that entry's attributes and expiry. The write is one
 * transaction that holds only while the general info is as it was read (not erased, anonymised,
 * archived, re-dated or rectified: its `sealed` and expiry unchanged) and the name entry is still
 * there; erasure and anonymisation delete the index entries they find after the general info
 * changed, so an entry written before that goes with the rest, and one written after is refused.
 */
export async function backfillInteraction(b: InteractionBackfill, key: ItemKey): Promise<Outcome> {
  const skipped = (reason: SkipReason): Outcome => ({ kind: 'skipped', reason });
  const info = await b.records.get(key, { consistent: true });
  if (!info) return skipped('gone');
  if (info.anonymisedAt !== undefined || info.tier === 'statistics') return skipped('anonymised');
  // Nothing sealed: it was stored without participant or external id.
  if (typeof info.sealed !== 'string') return skipped('noName');
  // A call in its in-flight region moves at its end, which deletes the items it copied: one filed meanwhile would stay.
  if (info.phase === 'in-flight') return skipped('inFlight');
  const expiry = expirySecondsOf(info);
  const held = typeof info.heldExpiresAt === 'number';
  if (!held && (expiry === undefined || expiry * 1000 <= b.now.getTime() + EXPIRY_MARGIN_SECONDS * 1000))
    return skipped('expiring');
  const interactionId = String(info.interactionId);
  let opened: Record<string, unknown>;
  try {
    opened = await openedFields(b.vault, b.region, interactionId, info);
  } catch (error) {
    // Its data key was destroyed: an erasure is under way, and deletes the rest.
    if (error instanceof DataKeyGone) return skipped('gone');
    throw error;
  }
  const participant = (opened.participant ?? {}) as Participant;
  if (participant.name === undefined || !participant.name.trim()) return skipped('noName');
  // The name's key as ingest made it (subjectKeysOf): the name alone, without the phone library.
  const nameHmac = subjectKey(b.secret, 'name', normaliseName(participant.name));
  const entries = await entriesOfPartition(b.records, info.pk);
  const nameSk = subjectIndexEntryKey(info.pk, 'name', nameHmac).sk;
  const nameEntry = entries.find((e) => namesSubject(e) && e.sk === nameSk);
  if (!nameEntry) return skipped('notIndexed');
  const wanted = namePrefixKeysFor('interaction', participant.name, b.secret);
  const { missing } = namePrefixChanges(nameEntry, b.tenantId, wanted, entries);
  if (!missing.length) return { kind: 'upToDate' };
  const unchanged = Object.fromEntries(
    ['sealed', 'expiresAt', 'heldExpiresAt'].filter((a) => info[a] !== undefined).map((a) => [a, info[a]]),
  );
  const operations: WriteOperation[] = [
    { kind: 'check', key: { pk: info.pk, sk: info.sk }, condition: { kind: 'matches', attributes: unchanged } },
    { kind: 'check', key: { pk: nameEntry.pk, sk: nameEntry.sk }, condition: { kind: 'present' } },
    ...missing.map((item): WriteOperation => ({ kind: 'put', item })),
  ];
  await b.beforeWrite?.();
  try {
    await b.records.transactWrite(operations);
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    return skipped('changedMeanwhile');
  }
  return { kind: 'backfilled', entries: missing.length };
}
