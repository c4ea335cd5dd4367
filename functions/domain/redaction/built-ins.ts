import { scanCredentials } from './detectors/credentials';
import { scanEmails } from './detectors/email';
import { isCardWindow } from './detectors/card';
import { isIPv4Window, scanIPv6 } from './detectors/ip';
import { isNirWindow, scanCorsicanNir } from './detectors/nir';
import { scanPersonNames } from './detectors/person-name';
import { isPersonnummerWindow } from './detectors/personnummer';
import { phoneEnd, phoneStart, phoneWindowCheck } from './detectors/phone';
import { tokenMarks } from './detectors/spoken-digits';
import { scanSpokenEmails } from './detectors/spoken-email';
import { scanSpokenNumbers } from './detectors/spoken-number';
import { isSsnWindow } from './detectors/ssn';
import type { DetectorName } from './detector-names';
import { scanDigitRuns, type DigitDetector } from './digit-runs';
import type { FindingSink } from './types';

/**
 * The enabled built-in detectors as one scan: the digit detectors share one pass (digit-runs.ts),
 * the others start only from their marker character (`@`, `://`, `:`), found with indexOf, and
 * the Corsican NIR only when the digit scan saw a `2A` or `2B`. Phones, cards and e-mails spelled
 * out in call transcripts are found by the same detectors' spoken scans (detectors/spoken-*.ts).
 * When a window fits several digit detectors the first in this order names it; the most
 * specific checks come first and phone, the loosest, last.
 */
const digitDetectors = (callingCode: string | undefined): ReadonlyArray<DigitDetector & { type: DetectorName }> => [
  { type: 'ip', minDigits: 4, maxDigits: 12, groups: 4, accepts: isIPv4Window },
  { type: 'ssn', minDigits: 9, maxDigits: 9, accepts: isSsnWindow },
  { type: 'personnummer', minDigits: 10, maxDigits: 12, accepts: isPersonnummerWindow },
  { type: 'nir', minDigits: 15, maxDigits: 15, accepts: isNirWindow },
  { type: 'card', minDigits: 12, maxDigits: 19, accepts: isCardWindow },
  // 6 digits (a local number after a phone word: Swedish local numbers have 5 to 8) up to 15 after the
  // country code, plus a 00 prefix and a (0) trunk. Below 7 digits only a phone word admits a number.
  {
    type: 'phone',
    minDigits: 6,
    maxDigits: 18,
    accepts: phoneWindowCheck(callingCode),
    start: phoneStart,
    end: phoneEnd,
  },
];

export type BuiltInScan = (text: string, out: FindingSink, knownPhone?: DigitDetector) => void;

/** `callingCode` is the tenant's: its national numbers are phones even in layouts other countries do not use. */
export function builtInScan(enabled: readonly DetectorName[], callingCode?: string): BuiltInScan {
  const on = new Set(enabled);
  const detectors = digitDetectors(callingCode).filter((d) => on.has(d.type));
  const [email, credentials, ip, iban, nir, name, phone, card, ssn, personnummer] = (
    ['email', 'credentials', 'ip', 'iban', 'nir', 'name', 'phone', 'card', 'ssn', 'personnummer'] as const
  ).map((d) => on.has(d));
  const digitOptions = { detectors, iban };
  // Spoken forms are the same detectors read from transcripts, on when they are.
  const spokenNumbers =
    phone || card || ssn || personnummer || nir ? { phone, card, ssn, personnummer, nir, callingCode } : undefined;
  return (text, out, knownPhone) => {
    const digitScan = detectors.length > 0 || iban || knownPhone !== undefined;
    // One pass over the tokens serves the spoken-number and the digit scans, and tells the
    // scans that start from a marker character whether it occurs.
    const marks = spokenNumbers || digitScan ? tokenMarks(text) : undefined;
    if (email) {
      if (!marks || marks.hasAtSign) scanEmails(text, out);
      scanSpokenEmails(text, out);
    }
    if (spokenNumbers) scanSpokenNumbers(text, spokenNumbers, out, marks);
    if (name) scanPersonNames(text, out);
    if (credentials && (!marks || marks.hasColon)) scanCredentials(text, out);
    if (ip && (!marks || marks.hasColon)) scanIPv6(text, out);
    if (!digitScan) return;
    const corsica = scanDigitRuns(text, knownPhone ? { ...digitOptions, known: knownPhone } : digitOptions, out, marks);
    if (corsica && nir) scanCorsicanNir(text, out);
  };
}
