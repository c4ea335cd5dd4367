import { validationFailed } from '../errors';
import { normaliseName } from './normalise';
import { keyedHash } from './subject-key';

/**
 * Search by the start of a name ("Anna Berg" found by `ber` or `ann ber`) without storing the name:
 * an interaction is indexed under the keyed hash of each word prefix of its participant's name too.
 * The hash domain `namePrefix` differs from every identifier kind, so a prefix never equals the key
 * of a whole name: a subject request for "Anna" finds only "Anna", never "Annabelle".
 */
export const NAME_PREFIX_KIND = 'namePrefix';

export interface NamePrefixKey {
  kind: typeof NAME_PREFIX_KIND;
  hmacHex: string;
}

/** Shorter prefixes match too much of a tenant to be worth an index entry. */
export const MIN_PREFIX_LENGTH = 3;
/** Longer prefixes add entries, not selectivity: a search prefix is cut to this length. */
export const MAX_PREFIX_LENGTH = 16;
/**
 * Entries per name at most: a name's entries join the transactions that write or move its record
 * (start, end of a call, rectification re-keys old and new), which DynamoDB caps at 100 items.
 */
export const MAX_PREFIXES_PER_NAME = 32;

/** The words of a normalised name, split at whitespace and hyphens, as code points (an accent or emoji is one). */
const wordsOf = (normalised: string): string[][] =>
  normalised
    .split(/[\s\-\u2010-\u2015]+/u)
    .filter(Boolean)
    .map((word) => Array.from(word));

/**
 * The prefixes a name is findable by: of each word, those of 3 to 16 characters, shortest first
 * across words (so a long name keeps every word's short prefixes when the cap bites), without
 * repeats, at most MAX_PREFIXES_PER_NAME.
 */
export function namePrefixes(rawName: string): string[] {
  const words = wordsOf(normaliseName(rawName));
  const prefixes = new Set<string>();
  for (let length = MIN_PREFIX_LENGTH; length <= MAX_PREFIX_LENGTH; length++)
    for (const word of words)
      if (word.length >= length && prefixes.size < MAX_PREFIXES_PER_NAME) prefixes.add(word.slice(0, length).join(''));
  return [...prefixes];
}

export const namePrefixKey = (secret: Uint8Array, prefix: string): string =>
  keyedHash(secret, NAME_PREFIX_KIND, prefix);

/** The index keys of a name's prefixes; none without a name (blank counts as absent). */
export function namePrefixKeysOf(rawName: string | undefined, secret: Uint8Array): NamePrefixKey[] {
  if (rawName === undefined || !rawName.trim()) return [];
  return namePrefixes(rawName).map((prefix) => ({ kind: NAME_PREFIX_KIND, hmacHex: namePrefixKey(secret, prefix) }));
}

/**
 * What a search by name start looks up: each word typed, normalised as names are and cut to the
 * longest prefix indexed; every word must have at least MIN_PREFIX_LENGTH characters.
 */
export function searchedNamePrefixes(raw: string, path = 'namePrefix'): string[] {
  const words = wordsOf(normaliseName(raw, path));
  if (!words.length || words.some((word) => word.length < MIN_PREFIX_LENGTH))
    throw validationFailed(
      [{ path, message: `must be words of at least ${MIN_PREFIX_LENGTH} characters each, such as "ann" or "ann ber"` }],
      `The ${path} is not valid.`,
    );
  return [...new Set(words.map((word) => word.slice(0, MAX_PREFIX_LENGTH).join('')))];
}
