import { isVisibleAt } from '../../domain/retention/visibility';
import { allPages } from '../records/pages';
import type { TenantItem } from '../../ports/tenant-directory';
import { markerSortKey, markOf, standingKeyOf, type StandingMark } from './standing-markers';
import { proofStands, type ReaderDeps } from './standing-proof';

/**
 * What the consent rules need to know about a subject, for `purposes`: per key the latest consent
 * or withdrawal of each purpose and its objections. One batched keyed read of every key's markers
 * and completeness marker, whatever the number of keys or the length of the subject's history
 * (standing-markers.ts), plus one GetItem per withdrawal marker: a withdrawal counts only while its
 * proof does (retention, erasure and deletes remove proofs, never markers), exactly as when the
 * proofs themselves were read.
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
  const keysOf = (hmacHex: string) => [
    standingKeyOf(hmacHex),
    ...purposes.flatMap((p) => [markerSortKey(hmacHex, p, 'consent'), markerSortKey(hmacHex, p, 'objection')]),
  ];
  const items = await deps.directory.getItems(tenantId, subjectHmacs.flatMap(keysOf));
  const perKey = await Promise.all(
    subjectHmacs.map((h) =>
      standingOfKey(
        deps,
        tenantId,
        h,
        new Set(purposes),
        items.filter((i) => keysOf(h).includes(i.sk)),
      ),
    ),
  );
  return perKey.flat();
}

async function standingOfKey(
  deps: ReaderDeps,
  tenantId: string,
  hmacHex: string,
  purposes: ReadonlySet<string>,
  items: readonly TenantItem[],
): Promise<StandingMark[]> {
  const marks = items.map(markOf).filter((m): m is StandingMark => m !== undefined);
  const asked = (entries: readonly StandingMark[]) => entries.filter((m) => purposes.has(m.purpose));
  const complete = items.some((i) => i.sk === standingKeyOf(hmacHex) && isVisibleAt(i, deps.clock.now()));
  const withdrawals = asked(marks).filter((m) => !m.objection && !m.granted);
  const standing = complete && (await Promise.all(withdrawals.map((w) => proofStands(deps, w)))).every(Boolean);
  if (standing) return asked(marks);
  // Rare (once per key and quarter), so not loaded at start-up: its own chunk. The fold settles
  // every purpose, so it starts from all of the key's markers, not only those asked for.
  const { foldHistory } = await import('./standing-fold');
  const every = await allPages((cursor) => deps.directory.queryItems(tenantId, standingKeyOf(hmacHex), { cursor }));
  const seen = every.map(markOf).filter((m): m is StandingMark => m !== undefined);
  return asked(await foldHistory(deps, tenantId, hmacHex, seen));
}
