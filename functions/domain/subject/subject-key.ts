import { createHmac } from 'node:crypto';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../data-class';
import { LetheError, validationFailed, type FieldProblem } from '../errors';
import type { SubjectIdentifiers } from '../records';
import { normaliseIdentifier, type NormalisedIdentifier } from './normalise';

export interface SubjectKey {
  kind: IdentifierKind;
  hmacHex: string;
}

/** A tenant secret shorter than the HMAC's own output would weaken every key made with it. */
const MIN_SECRET_BYTES = 32;

/**
 * The keyed hash an identifier is stored and looked up by: hex HMAC-SHA256 over
 * `<kind>:<normalised>` under the tenant's secret. Without the secret the key reveals nothing and
 * cannot be recomputed from a guessed phone number; the kind prefix keeps a visitor id that looks
 * like a phone number from colliding with that phone.
 */
export function subjectKey(secret: Uint8Array, kind: IdentifierKind, normalised: NormalisedIdentifier): string {
  return keyedHash(secret, kind, normalised);
}

/** Hex HMAC-SHA256 over `<domain>:<text>` under the tenant secret; the domain keeps keys of different meaning apart. */
export function keyedHash(secret: Uint8Array, domain: string, text: string): string {
  if (secret.byteLength < MIN_SECRET_BYTES)
    throw new RangeError(`the tenant secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return createHmac('sha256', secret).update(`${domain}:${text}`, 'utf8').digest('hex');
}

/**
 * The subject keys of every identifier present (blank values count as absent), in the order of
 * IDENTIFIER_KINDS. One VALIDATION_FAILED names every identifier that cannot be normalised.
 */
export function subjectKeysOf(
  identifiers: SubjectIdentifiers,
  secret: Uint8Array,
  defaultCallingCode: string,
): SubjectKey[] {
  const keys: SubjectKey[] = [];
  const problems: FieldProblem[] = [];
  for (const kind of IDENTIFIER_KINDS) {
    const raw = identifiers[kind];
    if (raw === undefined || !raw.trim()) continue;
    try {
      keys.push({ kind, hmacHex: subjectKey(secret, kind, normaliseIdentifier(kind, raw, defaultCallingCode)) });
    } catch (error) {
      if (!(error instanceof LetheError)) throw error;
      problems.push(...error.fields);
    }
  }
  if (problems.length) throw validationFailed(problems, 'Some identifiers are not valid.');
  return keys;
}
