/**
 * What each function may load at a cold start (index.mjs and the chunks it imports statically,
 * minified; infra/constructs/lethe-bundling.ts). test/infra/bundle-budget.test.ts bundles every
 * handler and fails when one passes its budget. A function over the default is listed here with
 * the reason, and its budget is what it needs today, so growth is seen.
 */
export const DEFAULT_BUNDLE_BUDGET_BYTES = 250_000;

export const BUNDLE_BUDGET_EXCEPTIONS: Readonly<Record<string, { bytes: number; reason: string }>> = {
  'ingest-api': {
    bytes: 400_000,
    reason: 'redacts every message with the tenant patterns, compiled by re2js (147 KiB) on the request path.',
  },
  'operator-api': {
    bytes: 350_000,
    reason: 'validates the policy of a new tenant, whose tenant patterns are checked by compiling them with re2js (147 KiB).',
  },
  'readback-api': {
    bytes: 390_000,
    reason: 'builds the OpenAPI document from the request schemas; the policy schema checks tenant patterns with re2js (147 KiB).',
  },
  'admin-api': {
    bytes: 740_000,
    reason:
      'serves every console route in one function: policy saves compile tenant patterns (re2js, 147 KiB) and chat-log downloads build XML synchronously (xmlbuilder2 with its DOM, 270 KiB); zip and xlsx load only on export routes.',
  },
  'subject-requests-api': {
    bytes: 740_000,
    reason: 'finishes a cancelled request in place: anonymisation re-redacts with tenant patterns (re2js) and the export writes chat logs as XML (xmlbuilder2, 270 KiB).',
  },
  'subject-request-worker': {
    bytes: 740_000,
    reason: 'runs subject requests: anonymisation re-redacts with tenant patterns (re2js) and the export writes chat logs as XML (xmlbuilder2, 270 KiB).',
  },
  'holds-api': {
    bytes: 740_000,
    reason: 'releasing a hold resumes the subject requests it paused, in place: the same code as subject-request-worker (re2js, xmlbuilder2).',
  },
};
