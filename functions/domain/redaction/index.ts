/** Public surface of the redaction engine; see redactor.ts for the API and its rules. */
export {
  createRedactor,
  type Redactor,
  type RedactorOptions,
  type RedactionSettingsInput,
  type FormField,
  type DtmfEntry,
} from './redactor';
export { validateTenantPatterns } from './tenant-patterns';
export { DETECTOR_NAMES, type DetectorName } from './detector-names';
export type { Finding, FindingType, KnownIdentifiers, RedactionResult } from './types';
