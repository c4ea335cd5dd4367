import type { ChannelPolicy } from '../policy/schema';
import type { ConsentState, InteractionConsent } from '../records';
import { LetheError } from '../errors';

/** What a channel reports about the end user's choices when the interaction starts. */
export interface ReportedConsent {
  storeContent?: boolean;
  recording?: boolean;
  gdpr?: { granted: boolean; noticeVersion: string };
}

/**
 * A stored consent proof, reduced to what decides whether it still stands. An objection (GDPR
 * Art. 21, an `object` subject request) is a proof too: `granted` false, `objection` true. Its
 * purpose is a consent purpose or one of the purposes the tenant's policy names.
 */
export interface ConsentHistoryEntry {
  purpose: string;
  granted: boolean;
  at: string;
  objection?: boolean;
  noticeVersion?: string;
  requestId?: string;
}

/** Why something is not stored; recorded on the interaction and returned to the channel. */
export type Refusal = 'opted_out' | 'not_opted_in' | 'withdrawn' | 'objected';

/** Whether a purpose may be pursued for a subject, and the proof that decides it (none: nothing on record). */
export interface ConsentStanding {
  allowed: boolean;
  basis: 'objection' | 'withdrawal' | 'consent' | 'none';
  proof?: { recordedAt: string; noticeVersion?: string; requestId?: string };
}

const proofOf = (e: ConsentHistoryEntry): NonNullable<ConsentStanding['proof']> => ({
  recordedAt: e.at,
  ...(e.noticeVersion ? { noticeVersion: e.noticeVersion } : {}),
  ...(e.requestId ? { requestId: e.requestId } : {}),
});

/** The latest entry; a withdrawal and a grant at the same instant count as a withdrawal. */
const latestOf = (entries: readonly ConsentHistoryEntry[]) =>
  entries.reduce<ConsentHistoryEntry | undefined>(
    (current, e) => (!current || e.at > current.at || (e.at === current.at && !e.granted) ? e : current),
    undefined,
  );

/**
 * The standing of `purpose` at instant `asOf` (every proof on record when absent). An objection
 * beats any consent, earlier or later, from its instant on; processing before it is unaffected.
 * Otherwise a withdrawn `gdpr` withdraws the purpose, else the purpose's latest proof decides.
 */
export function standingAt(history: readonly ConsentHistoryEntry[], purpose: string, asOf?: string): ConsentStanding {
  const known = history.filter((e) => asOf === undefined || e.at <= asOf);
  const objection = known
    .filter((e) => e.objection && e.purpose === purpose)
    .sort((a, b) => a.at.localeCompare(b.at))[0];
  if (objection) return { allowed: false, basis: 'objection', proof: proofOf(objection) };
  const consents = known.filter((e) => !e.objection);
  const gdpr = latestOf(consents.filter((e) => e.purpose === 'gdpr'));
  if (gdpr && !gdpr.granted) return { allowed: false, basis: 'withdrawal', proof: proofOf(gdpr) };
  const latest = latestOf(consents.filter((e) => e.purpose === purpose));
  if (!latest) return { allowed: true, basis: 'none' };
  return { allowed: latest.granted, basis: latest.granted ? 'consent' : 'withdrawal', proof: proofOf(latest) };
}

/** The purposes a subject objected to, from each objection's instant on (every objection on record when `asOf` is absent). */
export function objectedPurposes(history: readonly ConsentHistoryEntry[], asOf?: string): Set<string> {
  return new Set(history.filter((e) => e.objection && (asOf === undefined || e.at <= asOf)).map((e) => e.purpose));
}

const state = (answer: boolean | undefined): ConsentState =>
  answer === true ? 'granted' : answer === false ? 'refused' : 'not-asked';

/** The consent kept on the interaction. Refusing the GDPR notice refuses content and recording. */
export function interactionConsentOf(reported: ReportedConsent): InteractionConsent {
  const refusedNotice = reported.gdpr?.granted === false;
  return {
    content: refusedNotice ? 'refused' : state(reported.storeContent),
    recording: refusedNotice ? 'refused' : state(reported.recording),
    ...(reported.gdpr?.granted ? { noticeVersion: reported.gdpr.noticeVersion } : {}),
  };
}

/**
 * iAdvize: on a channel whose policy requires the GDPR notice, nothing at all is stored unless
 * the end user accepted it.
 */
export function assertNoticeAccepted(channel: ChannelPolicy, reported: ReportedConsent): void {
  if (channel.gdprNoticeRequired && reported.gdpr?.granted !== true)
    throw new LetheError(
      'CONSENT_REFUSED',
      'Consent was refused: this channel requires the GDPR notice to be accepted before anything is stored, and it was not. Nothing was stored.',
    );
}

/**
 * The purposes a subject has withdrawn, as of their latest proofs: per purpose the latest proof
 * decides (a withdrawal and a grant at the same instant count as a withdrawal). Withdrawing
 * `gdpr` withdraws every purpose; a later grant of one purpose does not undo it.
 */
export function withdrawnPurposes(history: readonly ConsentHistoryEntry[]): Set<string> {
  const consents = history.filter((e) => !e.objection);
  const purposes = new Set(consents.map((e) => e.purpose));
  return new Set([...purposes].filter((p) => !latestOf(consents.filter((e) => e.purpose === p))!.granted));
}

/** Whether the subject's standing refuses `purpose`: an objection to it, or its (or the GDPR notice's) withdrawal. */
export function standingRefusal(
  withdrawn: ReadonlySet<string>,
  objected: ReadonlySet<string>,
  purpose: 'storeContent' | 'recording',
): Refusal | undefined {
  if (objected.has(purpose)) return 'objected';
  if (withdrawn.has(purpose) || withdrawn.has('gdpr')) return 'withdrawn';
  return undefined;
}

function refusal(
  optIn: boolean,
  answer: ConsentState,
  withdrawn: ReadonlySet<string>,
  objected: ReadonlySet<string>,
  purpose: 'storeContent' | 'recording',
): Refusal | undefined {
  const standing = standingRefusal(withdrawn, objected, purpose);
  if (standing) return standing;
  if (answer === 'refused') return 'opted_out';
  if (optIn && answer !== 'granted') return 'not_opted_in';
  return undefined;
}

/**
 * Puzzel: with an opt-out channel the chat log is stored unless the end user ticked "I do not
 * accept that this chat is stored"; an opt-in channel stores it only when they agreed. A
 * withdrawn consent stops content storage from the moment it is recorded. General info is kept
 * either way.
 */
export function contentRefusal(
  channel: ChannelPolicy,
  consent: InteractionConsent,
  withdrawn: ReadonlySet<string>,
  objected: ReadonlySet<string> = new Set(),
): Refusal | undefined {
  return refusal(channel.contentConsent === 'opt-in', consent.content, withdrawn, objected, 'storeContent');
}

/** Puzzel: a call is recorded only with the caller's consent; otherwise `deny_recording`. */
export function recordingRefusal(
  channel: ChannelPolicy,
  consent: InteractionConsent,
  withdrawn: ReadonlySet<string>,
  objected: ReadonlySet<string> = new Set(),
): Refusal | undefined {
  return refusal(channel.recordingConsent === 'opt-in', consent.recording, withdrawn, objected, 'recording');
}

/** The 403 a channel gets when it asks to upload a recording the caller did not allow. */
export function recordingRefused(reason: Refusal): LetheError {
  const why = {
    opted_out: 'the caller refused recording',
    not_opted_in: 'the caller did not agree to recording',
    withdrawn: 'the caller withdrew their consent',
    objected: 'the caller objected to recording (GDPR Art. 21)',
  }[reason];
  return new LetheError(
    'CONSENT_REFUSED',
    `Recording consent was refused (${why}): no upload URL is issued and deny_recording is recorded on the interaction.`,
  );
}
