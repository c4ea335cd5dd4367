/**
 * S3 lifecycle expires objects by age and knows nothing of legal holds, whose end nobody knows in
 * advance, so no age is safe for what a hold keeps. The age backstops of the content bucket (under
 * these prefixes) and of the archive bucket therefore act only on objects tagged
 * `lethe-backstop=on`: record content and archived copies are written with that tag (or `held`
 * when the record is already held), a hold re-tags the objects of every record it keeps `held`,
 * and release tags them `on` again. An object without the tag (written before the tag existed,
 * or rewritten without it) is left to the sweep, the authority anyway: untagged errs on keeping.
 */
export const BACKSTOP_TAG = 'lethe-backstop';
/** The content bucket's prefixes that have an age backstop. */
export const BACKSTOP_PREFIXES = ['recording/', 'transcript/'] as const;

export type BackstopState = 'on' | 'held';

export const backstopTags = (state: BackstopState): Record<string, string> => ({ [BACKSTOP_TAG]: state });

/** Whether the content bucket's backstop can reach `key` at all (only these prefixes have one). */
export const underBackstop = (key: string): boolean => BACKSTOP_PREFIXES.some((prefix) => key.startsWith(prefix));
