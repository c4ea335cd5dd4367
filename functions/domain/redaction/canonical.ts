import { digitsOnly } from './chars';
import { canonicalEmail } from './detectors/email';
import { canonicalIban } from './detectors/iban';
import { canonicalIp } from './detectors/ip';
import { canonicalNir } from './detectors/nir';
import { canonicalPersonnummer } from './detectors/personnummer';
import { canonicalPhone } from './detectors/phone';
import { spokenDigits } from './detectors/spoken-digits';
import { writtenEmail } from './detectors/spoken-email';
import type { FindingType } from './types';

/**
 * The one spelling of a value that its pseudonym is computed from, so that every way of writing
 * it (spaces, case, `+46` or `0`, 12 or 10 digit personnummer, spelled out in a transcript) gives
 * the same token.
 */
export type Canonicaliser = (type: FindingType, value: string) => string;

export function canonicaliser(
  callingCode: string | undefined,
  caseInsensitivePatterns: ReadonlySet<string>,
): Canonicaliser {
  return (type, value) => {
    switch (type) {
      case 'email':
        return canonicalEmail(writtenEmail(value));
      case 'phone':
        return canonicalPhone(asDigits(value), callingCode);
      case 'card':
      case 'ssn':
        return digitsOnly(asDigits(value));
      case 'iban':
        return canonicalIban(value);
      case 'ip':
        return canonicalIp(value);
      case 'nir':
        return canonicalNir(asDigits(value));
      case 'personnummer':
        return canonicalPersonnummer(asDigits(value));
      case 'name':
        return value.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
      default:
        return caseInsensitivePatterns.has(type) ? value.toLowerCase() : value;
    }
  };
}

/** A number read out in words as its digits ("plus four six…" → +46…); a written one unchanged. */
const asDigits = (value: string) => spokenDigits(value) ?? value;
