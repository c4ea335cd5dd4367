import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Phone numbering plans from libphonenumber's metadata. The 'max' set (about 145 kB) is chosen on
 * purpose: it validates numbers against each country's real number ranges, where 'min' checks
 * lengths only and would take many order numbers and amounts for phones.
 */

/** Countries whose national numbers people write in the languages Lethe serves (EN, FR, SV, DE,
 *  ES) and their neighbours; a number written without country code is a phone when it is valid
 *  in one of them (or in the tenant's own plan). */
const NEARBY_COUNTRIES: readonly CountryCode[] = [
  'US',
  'GB',
  'IE',
  'FR',
  'BE',
  'CH',
  'SE',
  'NO',
  'DK',
  'FI',
  'DE',
  'AT',
  'NL',
  'ES',
  'PT',
  'IT',
  'MX',
];

/** E.164 (`+390612345678`) of a valid number: international when it starts with `+`, else in the
 *  plan of `callingCode`; undefined when the number is not valid there. */
export function validE164(text: string, callingCode: string | undefined): string | undefined {
  const parsed = parsePhoneNumberFromString(
    text,
    callingCode ? { defaultCallingCode: callingCode, extract: false } : { extract: false },
  );
  return parsed?.isValid() ? parsed.number : undefined;
}

/** A national number valid in the tenant's plan or in one of the nearby countries. */
export function isValidNationalNumber(text: string, callingCode: string | undefined): boolean {
  if (callingCode && validE164(text, callingCode)) return true;
  return NEARBY_COUNTRIES.some((country) =>
    parsePhoneNumberFromString(text, { defaultCountry: country, extract: false })?.isValid(),
  );
}

/** Digits that are a valid number once read as international: `44 207 946 0958`. */
export const isInternationalWithoutPlus = (digits: string) => validE164(`+${digits}`, undefined) !== undefined;
