import type { ChannelPolicy } from '../policy/schema';
import type { ConsentState, InteractionConsent } from '../records';
import { LetheError } from '../errors';
import type { ConsentPurpose } from './schemas';

/** What a channel reports about the end user's choices when the interaction starts. */
export interface ReportedConsent {
  storeContent?: boolean;
  recording?: boolean;
  gdpr?: { granted: boolean; noticeVersion: string };
}

/** A stored consent proof, reduced to what decides whether it still stands. */
export interface ConsentHistoryEntry {
  purpose: ConsentPurpose;
  granted: boolean;
  at: string;
}

/** Why something is not stored; recorded on the interaction and returned to the channel. */
export type Refusal = 'opted_out' | 'not_opted_in' | 'withdrawn';

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
export function withdrawnPurposes(history: readonly ConsentHistoryEntry[]): Set<ConsentPurpose> {
  const latest = new Map<ConsentPurpose, ConsentHistoryEntry>();
  for (const entry of history) {
    const current = latest.get(entry.purpose);
    const later = !current || entry.at > current.at || (entry.at === current.at && !entry.granted);
    if (later) latest.set(entry.purpose, entry);
  }
  return new Set([...latest.values()].filter((e) => !e.granted).map((e) => e.purpose));
}

function refusal(
  optIn: boolean,
  answer: ConsentState,
  withdrawn: ReadonlySet<ConsentPurpose>,
  purpose: 'storeContent' | 'recording',
): Refusal | undefined {
  if (withdrawn.has(purpose) || withdrawn.has('gdpr')) return 'withdrawn';
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
  withdrawn: ReadonlySet<ConsentPurpose>,
): Refusal | undefined {
  return refusal(channel.contentConsent === 'opt-in', consent.content, withdrawn, 'storeContent');
}

/** Puzzel: a call is recorded only with the caller's consent; otherwise `deny_recording`. */
export function recordingRefusal(
  channel: ChannelPolicy,
  consent: InteractionConsent,
  withdrawn: ReadonlySet<ConsentPurpose>,
): Refusal | undefined {
  return refusal(channel.recordingConsent === 'opt-in', consent.recording, withdrawn, 'recording');
}

/** The 403 a channel gets when it asks to upload a recording the caller did not allow. */
export function recordingRefused(reason: Refusal): LetheError {
  const why = {
    opted_out: 'the caller refused recording',
    not_opted_in: 'the caller did not agree to recording',
    withdrawn: 'the caller withdrew their consent',
  }[reason];
  return new LetheError(
    'CONSENT_REFUSED',
    `Recording consent was refused (${why}): no upload URL is issued and deny_recording is recorded on the interaction.`,
  );
}
