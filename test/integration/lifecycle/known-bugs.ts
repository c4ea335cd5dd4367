/**
 * Bugs of issue 10 still open on this branch, each by name. While one is listed, the lifecycle
 * model steps around exactly the path it names (see `bugOpen` call sites); empty this list when
 * the fixes are merged and the model checks every path again. Nothing else is ever skipped.
 */
export const KNOWN_OPEN_BUGS: readonly KnownBug[] = [];

export type KnownBug =
  /** Case 1: staff deletes (single, bulk) answer 200 and delete content a hold keeps. */
  | 'staff-delete-ignores-hold'
  /** Case 2: held records past their expiry are 404 for every role, legal included. */
  | 'held-records-unreadable'
  /** Case 3: export packages, bulk zips and playback copies outlive their source. */
  | 'copies-outlive-source'
  /** Case 6: the offboarding zip stays in the exports bucket after the purge. */
  | 'offboarding-package-outlives-purge'
  /** Case 5: audit entries are pruned on their own clock, not with their inquiry. */
  | 'audit-pruned-on-own-clock'
  /** Case 8: anonymised interactions are missing from search by time. */
  | 'anonymised-missing-from-search'
  /**
   * NOT one of the nine cases (found by this model): erasure and anonymisation leave the subject's
   * RESTRICTION#<keyed hash> markers in the directory, with no expiry, after the subject is forgotten.
   */
  | 'restriction-marker-outlives-erasure';

export const bugOpen = (bug: KnownBug) => KNOWN_OPEN_BUGS.includes(bug);

/** Whether a run steps around `bug` (the random run steps around the open ones; regression sequences around none). */
export const stepsAround = (m: { stepAround: readonly string[] }, bug: KnownBug) => m.stepAround.includes(bug);
