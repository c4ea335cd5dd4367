/**
 * What each function may load at a cold start (index.mjs and the chunks it imports statically,
 * minified; infra/constructs/lethe-bundling.ts). test/infra/bundle-budget.test.ts bundles every
 * handler and fails when one passes its budget. A function over the default is listed here with
 * the reason, and its budget is what it needs today, so growth is seen.
 */
export const DEFAULT_BUNDLE_BUDGET_BYTES = 250_000;

const RE2JS = 'tenant patterns are compiled with re2js (147 KiB), loaded with the policy schema that validates them';
const REDACTOR =
  "the redactor's name lexicon (first names, surnames, common words: 384 kB of JSON), libphonenumber-js's full metadata (145 kB) and the spoken-number word tables of five languages, which every free text stored goes through";

export const BUNDLE_BUDGET_EXCEPTIONS: Readonly<Record<string, { bytes: number; reason: string }>> = {
  'ingest-api': {
    bytes: 1_025_000,
    reason: `redacts every message with the tenant's patterns: ${RE2JS}; and ${REDACTOR}.`,
  },
  'operator-api': { bytes: 365_000, reason: `validates the policy of a new tenant: ${RE2JS}.` },
  'readback-api': {
    bytes: 820_000,
    reason: `builds the OpenAPI document from the request schemas, the policy schema among them: ${RE2JS}; the consent listings it documents load ${REDACTOR}.`,
  },
  'admin-api': {
    bytes: 1_090_000,
    reason: `serves every console route in one function, policy saves among them: ${RE2JS}; and ${REDACTOR}; the privacy KPIs read the subject-request deadlines, the holds and the sweep history; search by name start hashes each typed word's prefix.`,
  },
  'subject-requests-api': {
    bytes: 1_080_000,
    reason: `finishes a cancelled request in place (and sends the recipients' notices of a finished one), and anonymisation re-redacts: ${RE2JS}; and ${REDACTOR}; rectifying a name re-files its word prefixes.`,
  },
  'subject-request-worker': {
    bytes: 1_040_000,
    reason: `runs subject requests and sends the recipients' notices, and anonymisation re-redacts: ${RE2JS}; and ${REDACTOR}.`,
  },
  'holds-api': {
    bytes: 1_070_000,
    reason: `releasing a hold resumes the subject requests it paused, in place (as subject-request-worker), and hold reasons are redacted: ${RE2JS}; and ${REDACTOR}.`,
  },
  'retention-sweep': {
    bytes: 256_000,
    reason:
      "maintains the records: the nightly sweep and offboarding purge, and the name-prefix backfill (it opens each interaction's participant).",
  },
};
