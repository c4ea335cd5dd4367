/** Built-in detectors a tenant can switch on or off in its policy. */
export const DETECTOR_NAMES = [
  'email',
  'phone',
  'card',
  'iban',
  'ip',
  'ssn',
  'nir',
  'personnummer',
  /** user:password in URLs (https://user:secret@host). */
  'credentials',
  /** People named in free text (cue phrases, titles, known first names); see detectors/person-name.ts. */
  'name',
] as const;
export type DetectorName = (typeof DETECTOR_NAMES)[number];
