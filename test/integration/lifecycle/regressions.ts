import type { Spec } from './commands';

/**
 * Shrunk counterexamples the lifecycle model found, each kept as a fixed sequence that must run
 * clean, every step executed and every invariant checked: against the emulators
 * (lifecycle-regressions.test.ts) and against the in-memory twins (test/unit/lifecycle/).
 */
export interface Regression {
  name: string;
  specs: Spec[];
  /**
   * A correction of the model, not of the product (found by the twin soak): run on the twins only.
   * Several jump a year or more and sweep, which the emulators' sweep catches up night by night
   * (minutes under load); the product regressions run on both systems.
   */
  modelCorrection?: true;
}

export const REGRESSIONS: Regression[] = [
  {
    // issue 10 case 1: staff delete ignored a hold
    name: 'a bulk delete of a held interaction answers done and deletes its chat log',
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'message', tenant: 0, pick: 0 },
      { kind: 'holdInteraction', tenant: 0, pick: 0 },
      { kind: 'bulkDelete', tenant: 0, pick: 0 },
    ],
  },
  {
    // issue 10 case 1: staff delete ignored a hold
    name: 'a staff delete of a held recording answers 200 and deletes the audio',
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'record', tenant: 0, pick: 0 },
      { kind: 'holdSubject', tenant: 0, subject: 0 },
      { kind: 'deleteRecording', tenant: 0, pick: 0 },
    ],
  },
  {
    // issue 10 case 3: copies (export packages, bulk zips, playback) outlived their source
    name: 'a bulk-download zip keeps a chat log after staff deleted it',
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'message', tenant: 0, pick: 0 },
      { kind: 'bulkDownload', tenant: 0, pick: 0 },
      { kind: 'deleteTranscript', tenant: 0, pick: 0 },
    ],
  },
  {
    // issue 10 case 2: held records past their expiry were unreadable, legal included
    name: 'a held interaction past its expiry is a 404 for the legal role',
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'holdInteraction', tenant: 0, pick: 0 },
      { kind: 'advance', days: 181 },
    ],
  },
  {
    // issue 10 case 6: the offboarding zip outlived the purge
    name: "the offboarding package keeps a tenant's chat log after the purge",
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'message', tenant: 0, pick: 0 },
      { kind: 'terminate', tenant: 0 },
      { kind: 'advance', days: 61 },
      { kind: 'sweep', tenant: 0 },
    ],
  },
  {
    // issue 10, found by this model (none of the nine cases): restriction markers outlived erasure
    name: "an erased subject's keyed hashes stay in the restriction markers of an earlier restriction",
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'restrict', tenant: 0, subject: 0 },
      { kind: 'erase', tenant: 0, subject: 0 },
    ],
  },
  {
    // issue 10 case 8: anonymised interactions were missing from search by time
    name: 'an anonymised interaction is missing from search by time',
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'anonymise', tenant: 0, subject: 0 },
    ],
  },
  {
    // issue 10 case 5: audit entries were pruned on their own clock, not with their inquiry
    name: 'the audit trail of a held interaction is gone 181 days later, while the interaction is kept',
    specs: [
      { kind: 'ingest', tenant: 1, subject: 0 },
      { kind: 'record', tenant: 1, pick: 0 },
      { kind: 'holdSubject', tenant: 1, subject: 0 },
      { kind: 'play', tenant: 1, pick: 0 },
      { kind: 'advance', days: 181 },
    ],
  },
  {
    // issue 10, found by the soak (LIFECYCLE_SEED=-1252684249): a held subject's new records were written for TTL
    name: 'a conversation a held subject starts after the hold is a 404 for the legal role past its expiry',
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'holdSubject', tenant: 0, subject: 0 },
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'advance', days: 181 },
    ],
  },
  {
    // the same gap one level down: a message appended to a held interaction was written for TTL
    name: 'a message appended to a held interaction is lost from its transcript past its expiry',
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'holdInteraction', tenant: 0, pick: 0 },
      { kind: 'message', tenant: 0, pick: 0 },
      { kind: 'advance', days: 181 },
    ],
  },
  {
    // found by the twin soak (LIFECYCLE_SEED=160609476), a model error: a hold postpones an
    // anonymisation as it does an erasure, and its release re-applies it (subject-requests/deferrals.ts)
    name: "an anonymisation a hold postponed takes the held interaction's content when the hold goes",
    modelCorrection: true,
    specs: [
      { kind: 'ingest', tenant: 1, subject: 0 },
      { kind: 'message', tenant: 1, pick: 0 },
      { kind: 'holdInteraction', tenant: 1, pick: 0 },
      { kind: 'anonymise', tenant: 1, subject: 0 },
      { kind: 'message', tenant: 1, pick: 0 },
      { kind: 'release', tenant: 1, pick: 0 },
    ],
  },
  {
    // found by the twin soak (LIFECYCLE_SEED=542483054), a model error: an anonymised interaction
    // names nobody, so a later erasure of its former subject cannot and need not reach it
    name: 'an erasure after an anonymisation leaves the anonymised interaction (its statistics) in place',
    modelCorrection: true,
    specs: [
      { kind: 'ingest', tenant: 1, subject: 0 },
      { kind: 'anonymise', tenant: 1, subject: 0 },
      { kind: 'erase', tenant: 1, subject: 0 },
    ],
  },
  {
    // found by the twin soak (LIFECYCLE_SEED=327273159), a model error: a shortened retention
    // re-dates existing records at the next sweep (retention/rebucket.ts), not when the policy is saved
    name: 'a chat line re-dated by the sweep after a shortened retention leaves its chat log at its new expiry',
    modelCorrection: true,
    specs: [
      { kind: 'ingest', tenant: 1, subject: 0 },
      { kind: 'message', tenant: 1, pick: 0 },
      { kind: 'sweep', tenant: 1 },
      { kind: 'policy', tenant: 1, transcriptDays: 7 },
      { kind: 'sweep', tenant: 1 },
      { kind: 'advance', days: 31 },
    ],
  },
  {
    // found by the twin soak (LIFECYCLE_SEED=169996001), a model error: a line the sweep re-dates
    // into the past after a shortened retention goes in that same sweep
    name: 'a chat line a shortened retention puts in the past goes in the sweep that re-dates it',
    modelCorrection: true,
    specs: [
      { kind: 'sweep', tenant: 1 },
      { kind: 'ingest', tenant: 1, subject: 1 },
      { kind: 'message', tenant: 1, pick: 0 },
      { kind: 'advance', days: 400 },
      { kind: 'policy', tenant: 1, transcriptDays: 60 },
      { kind: 'sweep', tenant: 1 },
    ],
  },
  {
    // found by the twin soak (LIFECYCLE_SEED=1913858742), a model error: an admin is a held-data
    // reader, so a search by the corrected e-mail finds a held interaction past its expiry too
    name: 'a rectified e-mail finds the held interaction past its expiry for the admin',
    modelCorrection: true,
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'holdInteraction', tenant: 0, pick: 0 },
      { kind: 'advance', days: 400 },
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'rectify', tenant: 0, subject: 0 },
    ],
  },
  {
    // issue 10, found in review (and by the twin soak, seeds 1172888231, 1017008414, 1331639858):
    // rectification re-keyed a held subject's index away from the hold's keys
    name: 'a conversation a held subject starts under a corrected e-mail is a 404 for the legal role past its expiry',
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'holdSubject', tenant: 0, subject: 0 },
      { kind: 'rectify', tenant: 0, subject: 0 },
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'advance', days: 181 },
    ],
  },
  {
    // the same re-keying seen from the release: it no longer found what the hold kept
    name: "releasing a rectified subject's hold leaves the subject's conversations held for ever",
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'holdSubject', tenant: 0, subject: 0 },
      { kind: 'rectify', tenant: 0, subject: 0 },
      { kind: 'release', tenant: 0, pick: 0 },
      { kind: 'advance', days: 181 },
      { kind: 'sweep', tenant: 0 },
    ],
  },
  {
    // the same re-keying seen from a staff delete (twin soak): the hold guard no longer found the hold
    name: "a staff delete of a rectified held subject's chat log answers 200",
    specs: [
      { kind: 'ingest', tenant: 1, subject: 0 },
      { kind: 'message', tenant: 1, pick: 0 },
      { kind: 'holdSubject', tenant: 1, subject: 0 },
      { kind: 'rectify', tenant: 1, subject: 0 },
      { kind: 'deleteTranscript', tenant: 1, pick: 0 },
    ],
  },
  {
    // issue 10 case 3/6 family, found by the twin soak (LIFECYCLE_SEED=585263494): the sweep deleted an
    // expired chat line of a terminated tenant, and its offboarding package kept it until the purge
    name: "a terminated tenant's offboarding package keeps a chat line the sweep deleted during the grace",
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'message', tenant: 0, pick: 0 },
      { kind: 'terminate', tenant: 0 },
      { kind: 'advance', days: 31 },
      { kind: 'sweep', tenant: 0 },
    ],
  },
  {
    // issue 10, found by the model (a correction of it, 8ed2abc, had accepted it): a policy saved
    // before a tenant's first sweep had no checkpoint to compare with and re-dated nothing
    name: "a chat line written before a retention cut saved ahead of the tenant's first sweep outlives its new expiry",
    specs: [
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'message', tenant: 0, pick: 0 },
      { kind: 'policy', tenant: 0, transcriptDays: 7 },
      { kind: 'advance', days: 8 },
      { kind: 'sweep', tenant: 0 },
    ],
  },
  {
    // issue 10, the same family: lengthened then cut between two sweeps, the sweep read the buckets only
    // as far as the first revision's horizon, so a line written under the longer one kept its expiry
    name: 'a chat line written under a lengthened retention outlives a later cut applied by the next sweep',
    specs: [
      { kind: 'sweep', tenant: 0 },
      { kind: 'policy', tenant: 0, transcriptDays: 60 },
      { kind: 'ingest', tenant: 0, subject: 0 },
      { kind: 'message', tenant: 0, pick: 0 },
      { kind: 'policy', tenant: 0, transcriptDays: 7 },
      { kind: 'advance', days: 8 },
      { kind: 'sweep', tenant: 0 },
    ],
  },
  {
    // found by the twin soak (seed 1861107757): the model let a subject hold keep an interaction anonymised
    // before the hold was placed; anonymisation empties the subject index, so the purge rightly takes it
    name: 'a terminated tenant is purged of an interaction anonymised before a hold on its subject',
    modelCorrection: true,
    specs: [
      { kind: 'ingest', tenant: 0, subject: 1 },
      { kind: 'anonymise', tenant: 0, subject: 1 },
      { kind: 'holdSubject', tenant: 0, subject: 1 },
      { kind: 'terminate', tenant: 0 },
      { kind: 'advance', days: 100 },
      { kind: 'sweep', tenant: 0 },
    ],
  },
  {
    // found by the twin soak (seed 1689623380): the model re-applied a pending erasure when any hold was
    // released; the product re-applies it when a hold that postponed it goes (subject-requests/deferrals.ts)
    name: 'releasing a hold placed after an erasure leaves the erasure waiting for the hold that postponed it',
    modelCorrection: true,
    specs: [
      { kind: 'ingest', tenant: 1, subject: 0 },
      { kind: 'holdInteraction', tenant: 1, pick: 0 },
      { kind: 'erase', tenant: 1, subject: 0 },
      { kind: 'ingest', tenant: 1, subject: 0 },
      { kind: 'holdSubject', tenant: 1, subject: 0 },
      { kind: 'release', tenant: 1, pick: 1 },
      { kind: 'release', tenant: 1, pick: 0 },
    ],
  },
  {
    // found by the twin soak (seed 1159020745 at 7,929): one release re-applies an erasure and an anonymisation
    // of the same subject, which run side by side; the model assumed the anonymisation always came first
    name: 'a release that re-applies an erasure and an anonymisation of one subject leaves each interaction gone or anonymised',
    modelCorrection: true,
    specs: [
      { kind: 'ingest', tenant: 1, subject: 1 },
      { kind: 'holdInteraction', tenant: 1, pick: 0 },
      { kind: 'erase', tenant: 1, subject: 1 },
      { kind: 'holdSubject', tenant: 1, subject: 1 },
      { kind: 'release', tenant: 1, pick: 0 },
      { kind: 'anonymise', tenant: 1, subject: 1 },
      { kind: 'release', tenant: 1, pick: 0 },
    ],
  },
];
