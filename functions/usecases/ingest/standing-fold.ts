import { ttlEpochSeconds } from '../../domain/retention/exact-expiry';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { WriteConflict } from '../../ports/write-conflict';
import { consentProofsOf, historyEntryOf } from './consent-history';
import { entryFields, markerSortKey, markStanding, standingKeyOf, type StandingMark } from './standing-markers';
import { proofStands, type ReaderDeps } from './standing-proof';

/**
 * Sets a key's consent marker of `purpose` to `latest` (none: removes it), the deciding proof its
 * history holds now, unless the marker changed since it was read as `seen` (a proof recorded
 * meanwhile marked itself, and is the later one).
 */
async function settleConsentMarker(
  directory: TenantDirectory,
  tenantId: string,
  hmacHex: string,
  purpose: string,
  seen: StandingMark | undefined,
  latest: StandingMark | undefined,
): Promise<void> {
  const sk = markerSortKey(hmacHex, purpose, 'consent');
  const unchanged = seen
    ? { kind: 'matches' as const, attributes: { at: seen.at, granted: seen.granted } }
    : { kind: 'absent' as const };
  try {
    if (latest) await directory.putItem({ tenantId, sk, ...entryFields(latest) }, unchanged);
    else if (seen) await directory.deleteItem(tenantId, sk, unchanged);
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
  }
}

/**
 * How long a key's completeness marker lasts (DynamoDB TTL): then the key's history is read once
 * more, so the marker of a person whose data is long gone does not stay for ever.
 */
const COMPLETE_FOR_MS = 90 * 86_400_000;

/** Records that a key's markers hold every proof filed for it, for 90 days. */
async function markComplete(directory: TenantDirectory, tenantId: string, hmacHex: string, now: Date): Promise<void> {
  const expiresAt = ttlEpochSeconds(new Date(now.getTime() + COMPLETE_FOR_MS));
  await directory.putItem({ tenantId, sk: standingKeyOf(hmacHex), expiresAt });
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
export async function foldHistory(
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
