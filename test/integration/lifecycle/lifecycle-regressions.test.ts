import { startPrivateRuntime, type PrivateRuntime } from '../../support/private-runtime';
import type { Spec } from './commands';
import { bugOpen, type KnownBug } from './known-bugs';
import { fixedSequence, newCounts, runSequence } from './lifecycle';

/**
 * Shrunk counterexamples the lifecycle model found, each kept as a fixed sequence run with every
 * path and every invariant enforced (nothing stepped around). While its bug is still listed in
 * KNOWN_OPEN_BUGS the test asserts that the sequence still breaks exactly that invariant (so the
 * list stays true); once the fix is merged and the entry removed, it asserts the sequence passes.
 */
interface Regression {
  name: string;
  bug: KnownBug;
  /** What the sequence breaks while the bug is open. */
  breaks: RegExp;
  specs: Spec[];
}

const REGRESSIONS: Regression[] = [
  {
    name: 'a bulk delete of a held interaction answers done and deletes its chat log',
    bug: 'staff-delete-ignores-hold',
    breaks: /a staff delete of held \S+ answered 200, not 409 HELD/,
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'message', tenant: 0, pick: 0 },
      { kind: 'holdInteraction', tenant: 0, pick: 0 },
      { kind: 'bulkDelete', tenant: 0, pick: 0 },
    ],
  },
  {
    name: 'a staff delete of a held recording answers 200 and deletes the audio',
    bug: 'staff-delete-ignores-hold',
    breaks: /a staff delete of held \S+ answered 200, not 409 HELD/,
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'record', tenant: 0, pick: 0 },
      { kind: 'holdSubject', tenant: 0, subject: 0 },
      { kind: 'deleteRecording', tenant: 0, pick: 0 },
    ],
  },
  {
    name: 'a bulk-download zip keeps a chat log after staff deleted it',
    bug: 'copies-outlive-source',
    breaks: /goneContentLeavesNoCopy:[\s\S]*-exports downloads\//,
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'message', tenant: 0, pick: 0 },
      { kind: 'bulkDownload', tenant: 0, pick: 0 },
      { kind: 'deleteTranscript', tenant: 0, pick: 0 },
    ],
  },
  {
    name: 'a held interaction past its expiry is a 404 for the legal role',
    bug: 'held-records-unreadable',
    breaks: /heldReadableByLegal:[\s\S]*\(past its expiry\): GET as legal answered 404/,
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'holdInteraction', tenant: 0, pick: 0 },
      { kind: 'advance', days: 181 },
    ],
  },
  {
    name: "the offboarding package keeps a tenant's chat log after the purge",
    bug: 'offboarding-package-outlives-purge',
    breaks: /goneContentLeavesNoCopy:[\s\S]*-exports offboarding\//,
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'message', tenant: 0, pick: 0 },
      { kind: 'terminate', tenant: 0 },
      { kind: 'advance', days: 61 },
      { kind: 'sweep', tenant: 0 },
    ],
  },
  {
    name: "an erased subject's keyed hashes stay in the restriction markers of an earlier restriction",
    bug: 'restriction-marker-outlives-erasure',
    breaks: /erasedSubjectLeavesNoTrace:[\s\S]*keyed hash in table \S+-directory \S+ RESTRICTION#/,
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'restrict', tenant: 0, subject: 0 },
      { kind: 'erase', tenant: 0, subject: 0 },
    ],
  },
  {
    name: 'an anonymised interaction is missing from search by time',
    bug: 'anonymised-missing-from-search',
    breaks: /anonymisedFindableByTime:[\s\S]*not found by time/,
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'anonymise', tenant: 0, subject: 0 },
    ],
  },
  {
    name: 'the audit trail of a held interaction is gone 181 days later, while the interaction is kept',
    bug: 'audit-pruned-on-own-clock',
    breaks: /auditTrailLivesWithItsInquiry:[\s\S]*0 audit entries left of 1/,
    specs: [
      { kind: 'ingest', tenant: 1, subject: 0 },
      { kind: 'record', tenant: 1, pick: 0 },
      { kind: 'holdSubject', tenant: 1, subject: 0 },
      { kind: 'play', tenant: 1, pick: 0 },
      { kind: 'advance', days: 181 },
    ],
  },
];

describe('lifecycle model: regression sequences', () => {
  let runtime: PrivateRuntime;
  beforeAll(async () => {
    runtime = await startPrivateRuntime();
  }, 60_000);
  afterAll(async () => {
    await runtime?.close();
  });

  it.each(REGRESSIONS.map((r) => [r.name, r] as const))(
    '%s',
    async (_name, regression) => {
      // Prepare
      const counts = newCounts();

      // Act
      const run = runSequence(runtime, fixedSequence(regression.specs, counts), counts, { stepAround: [] });

      // Assess: broken exactly as recorded while the bug is open; clean, every step run, once it is fixed
      if (bugOpen(regression.bug)) await expect(run).rejects.toThrow(regression.breaks);
      else {
        await expect(run).resolves.toBeUndefined();
        expect(counts.steps).toBe(regression.specs.length);
      }
    },
    300_000,
  );
});
