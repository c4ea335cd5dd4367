import type { IdentifierKind } from '../data-class';
import { validationFailed } from '../errors';
import { validE164 } from '../redaction/detectors/phone-plans';

/**
 * An identifier in the one spelling Lethe hashes. Only the normalisers below make one, so a raw
 * value can never be hashed by mistake (two spellings of one phone would be two subjects).
 * Normalisers are idempotent: normalising a normalised value returns it unchanged.
 */
export type NormalisedIdentifier = string & { readonly __normalised: unique symbol };

const as = (value: string) => value as NormalisedIdentifier;
const rejected = (path: string, message: string) => validationFailed([{ path, message }], `The ${path} is not valid.`);

// Separators people write inside phone numbers: spaces, dots, dashes (incl. Unicode dashes), parentheses.
const PHONE_SEPARATORS = /[\s.\-\u2010-\u2015\u2212()]/g;

/**
 * A phone number in E.164 (`+46701234567`). `+` and `00` start an international number; a leading
 * 0 is the national trunk prefix and is replaced by the tenant's calling code; any other digits
 * are a national number without trunk prefix (as in North America) and get the calling code too.
 * The `(0)` some write after the country code (`+46 (0)70…`) is dropped. A number valid in
 * libphonenumber's plans takes its E.164 from there, so a leading 0 that belongs to the number
 * stays (Italy: `06 1234 5678` and `+39 06 1234 5678` are both `+390612345678`). Anything else is
 * refused, without echoing the value (errors may be logged; the value is personal).
 */
export function normalisePhone(raw: string, defaultCallingCode: string, path = 'phone'): NormalisedIdentifier {
  // A leading `(0)` is the trunk prefix of a national number; after a country code it is dropped.
  const compact = raw
    .normalize('NFKC')
    .trim()
    .replace(/^\(0\)/, '0')
    .replace(/\(0\)/g, '')
    .replace(PHONE_SEPARATORS, '');
  const digits = /^\+\d+$/.test(compact)
    ? compact.slice(1)
    : /^00\d+$/.test(compact)
      ? compact.slice(2)
      : /^0\d+$/.test(compact)
        ? defaultCallingCode + compact.slice(1)
        : /^\d+$/.test(compact)
          ? defaultCallingCode + compact
          : undefined;
  // E.164: a country code starting 1–9 and at most 15 digits in all; 7 is the shortest in use.
  if (!digits || !/^[1-9]\d{6,14}$/.test(digits))
    throw rejected(path, 'must be a phone number such as +46 70 123 45 67, 0046701234567 or 070-123 45 67');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  return as(validE164(international, defaultCallingCode) ?? `+${digits}`);
}

/**
 * An e-mail address trimmed and lower-cased (NFC first, so composed and decomposed accents match).
 * Plus-tags stay: whether `anna+shop@x` reaches `anna@x` is the mail provider's private rule, and
 * merging them could hand one person's data to another in an export or erase the wrong person.
 */
export function normaliseEmail(raw: string, path = 'email'): NormalisedIdentifier {
  const email = raw.normalize('NFC').trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw rejected(path, 'must be an e-mail address such as anna@example.com');
  return as(email);
}

/** A visitor id (cookie or chat id) exactly as issued, minus surrounding whitespace. */
export function normaliseVisitorId(raw: string, path = 'visitorId'): NormalisedIdentifier {
  const id = raw.trim();
  if (!id || id.length > 256 || /\p{Cc}/u.test(id)) throw rejected(path, 'must be 1 to 256 printable characters');
  return as(id);
}

/**
 * A person's name compared the way people read it: Unicode NFKC, case-folded (ß and ss, Σ and ς
 * match), whitespace runs collapsed to one space.
 */
/**
 * Upper then lower case approximates full case folding, which JavaScript lacks; one round is not
 * always enough (capital ẞ lowers to ß, which upper-cases to SS), so it repeats until nothing
 * changes. Every round can only shorten or keep the cased letters, so a few rounds settle it.
 */
function caseFolded(text: string): string {
  let current = text;
  for (let round = 0; round < 4; round++) {
    const next = current.toUpperCase().toLowerCase().normalize('NFKC');
    if (next === current) break;
    current = next;
  }
  return current;
}

export function normaliseName(raw: string, path = 'name'): NormalisedIdentifier {
  const folded = caseFolded(raw.normalize('NFKC'));
  const name = folded.replace(/\s+/gu, ' ').trim();
  if (!name) throw rejected(path, 'must not be empty');
  return as(name);
}

/** Normalises one identifier of any kind; the field path in errors is the kind. */
export function normaliseIdentifier(
  kind: IdentifierKind,
  raw: string,
  defaultCallingCode: string,
): NormalisedIdentifier {
  switch (kind) {
    case 'phone':
      return normalisePhone(raw, defaultCallingCode);
    case 'email':
      return normaliseEmail(raw);
    case 'visitorId':
      return normaliseVisitorId(raw);
    case 'name':
      return normaliseName(raw);
  }
}
