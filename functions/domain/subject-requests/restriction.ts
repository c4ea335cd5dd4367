/**
 * Restriction of processing (GDPR Art. 18, Botpress seed: the right to restrict): a restricted
 * record carries `restricted` (the id of the request that restricted it) until the restriction is
 * lifted. While it does, it is left out of exports, KPI recomputation and content access, except
 * for the legal role. Every reader of records checks it with these two predicates.
 */
export const RESTRICTED_ATTRIBUTE = 'restricted';

/** Whether a stored record (an item of the records table) is restricted. */
export function isRestricted(item: Readonly<Record<string, unknown>>): boolean {
  const value = item[RESTRICTED_ATTRIBUTE];
  return typeof value === 'string' && value.length > 0;
}

/** Only the legal role may still read restricted records (to establish or defend legal claims). */
export const mayAccessRestricted = (role: string | undefined): boolean => role === 'legal';

/** Whether `role` may read this record's content or include it in an export or a recomputation. */
export const mayProcess = (item: Readonly<Record<string, unknown>>, role: string | undefined): boolean =>
  !isRestricted(item) || mayAccessRestricted(role);
