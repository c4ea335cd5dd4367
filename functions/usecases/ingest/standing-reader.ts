import { ROOT_SORT_KEY } from '../../domain/sweep/record-keys';
import { isVisibleAt } from '../../domain/sweep/visibility';
import type { IngestDeps } from './deps';
import { consentProofsOf, historyEntryOf } from './consent-history';
import { allPages } from './pages';
import {
  markComplete,
  markOf,
  markStanding,
  settleConsentMarker,
  standingKeyOf,
  type StandingMark,
} from './standing-markers';

type ReaderDeps = Pick<IngestDeps, 'stores' | 'clock' | 'directory'>;

/**
 * What the consent rules need to know about a subject, for `purposes`: per key the latest consent
 * or withdrawal of each purpose and its objections. One keyed Query per key, whatever the length
 * of the subject's history (its markers, standing-markers.ts), plus one GetItem per withdrawal
 * marker: a withdrawal counts only while its proof does (retention, erasure and deletes remove
 * proofs, never markers), exactly as when the proofs themselves were read.
 *
 * Falls back to the subject's history (the subject-index Queries of `consentProofsOf`) for a key
 * whose markers are not known to be complete, and then makes them so: a key whose proofs were
 * filed before markers existed, or whose markers an erasure dropped, or whose withdrawal marker
 * names a proof that no longer stands. That read happens once per such key; every later read is
 * keyed again.
 */
export async function standingOf(
  deps: ReaderDeps,
  tenantId: string,
  subjectHmacs: readonly string[],
  purposes: readonly string[],
): Promise<StandingMark[]> {
  const perKey = await Promise.all(subjectHmacs.map((h) => standingOfKey(deps, tenantId, h, new Set(purposes))));
  return perKey.flat();
}

async function standingOfKey(
  deps: ReaderDeps,
  tenantId: string,
  hmacHex: string,
  purposes: ReadonlySet<string>,
): Promise<StandingMark[]> {
  const items = await allPages((cursor) => deps.directory.queryItems(tenantId, standingKeyOf(hmacHex), { cursor }));
  const marks = items.map(markOf).filter((m): m is StandingMark => m !== undefined);
  const asked = (entries: readonly StandingMark[]) => entries.filter((m) => purposes.has(m.purpose));
  const complete = items.some((i) => i.sk === standingKeyOf(hmacHex) && isVisibleAt(i, deps.clock.now()));
  const withdrawals = asked(marks).filter((m) => !m.objection && !m.granted);
  const standing = complete && (await Promise.all(withdrawals.map((w) => proofStands(deps, w)))).every(Boolean);
  return asked(standing ? marks : await foldHistory(deps, tenantId, hmacHex, marks));
}

/** Whether the proof a marker names is still stored, visible and the same proof. */
async function proofStands(deps: ReaderDeps, mark: StandingMark): Promise<boolean> {
  if (!mark.proof) return false;
  const proof = await deps.stores
    .storesFor(mark.proof.region)
    .records.get({ pk: mark.proof.pk, sk: ROOT_SORT_KEY.consent }, { consistent: true });
  return (
    proof !== undefined &&
    isVisibleAt(proof, deps.clock.now()) &&
    proof.purpose === mark.purpose &&
    proof.at === mark.at &&
    proof.granted === mark.granted
  );
}

/** Ascending by instant, a withdrawal after a grant of the same instant: the last of a purpose decides. */
const byInstant = (a: StandingMark, b: StandingMark) =>
  a.at.localeCompare(b.at) || Number(b.granted) - Number(a.granted);

/**
 * The key's standing from its history (every visible proof indexed under it) and from those of its
 * markers whose proofs still stand (a proof just stored marks itself before the index may list it),
 * written back to its markers, every purpose: each purpose's latest proof, the first objection of
 * each purpose, then the mark that they are complete. The objection markers already there count
 * too (they outlive the proofs they stand for).
 */
async function foldHistory(
  deps: ReaderDeps,
  tenantId: string,
  hmacHex: string,
  seen: readonly StandingMark[],
): Promise<StandingMark[]> {
  const seenConsents = seen.filter((m) => !m.objection);
  const [proofs, stands] = await Promise.all([
    consentProofsOf(deps, tenantId, [hmacHex]),
    Promise.all(seenConsents.map((m) => proofStands(deps, m))),
  ]);
  const history: StandingMark[] = proofs
    .map(({ region, item }) => ({ ...historyEntryOf(item), proof: { region, pk: item.pk } }))
    .sort(byInstant);
  const consents = [...history.filter((e) => !e.objection), ...seenConsents.filter((_, i) => stands[i])].sort(
    byInstant,
  );
  const latestOf = (purpose: string) => consents.filter((e) => e.purpose === purpose).at(-1);
  const purposes = new Set([...consents, ...seenConsents].map((e) => e.purpose));
  await Promise.all(
    [...purposes].map((p) =>
      settleConsentMarker(
        deps.directory,
        tenantId,
        hmacHex,
        p,
        seenConsents.find((m) => m.purpose === p),
        latestOf(p),
      ),
    ),
  );
  const objections = history.filter((e) => e.objection);
  for (const objection of objections) await markStanding(deps.directory, tenantId, [hmacHex], objection);
  await markComplete(deps.directory, tenantId, hmacHex, deps.clock.now());
  return [...consents, ...objections, ...seen.filter((m) => m.objection)];
}
