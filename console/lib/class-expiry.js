import { when } from './dom.js';

// An interaction's retention timeline as the API answers it (`ClassExpiry`), in words: its page
// shows every class in full, its search hit the classes it still holds.

/** The classes of an interaction as people name them. */
export const CLASS_NAMES = {
  interaction: 'General info',
  transcript: 'Chat log',
  recording: 'Recording',
  survey: 'Survey',
};

/** What the sweep does at expiry, as a past participle ("then deleted"). */
export const ACTION_NAMES = { delete: 'deleted', anonymize: 'anonymised', archive: 'archived' };

/** How far off an instant is, in whole days. @param {string} iso */
const inDays = (iso) => {
  const days = Math.ceil((new Date(iso).getTime() - Date.now()) / 86_400_000);
  return days > 0 ? ` (in ${days} day${days === 1 ? '' : 's'})` : ' (passed)';
};

/**
 * When a class's records expire: one instant, or the first and the last (chat-log lines expire
 * one by one), with how far off the last is.
 * @param {{ records: number, firstExpiresAt?: string, lastExpiresAt?: string }} c
 */
export function expiryText(c) {
  if (!c.records || !c.lastExpiresAt) return 'nothing stored';
  const last = `${when(c.lastExpiresAt)}${inDays(c.lastExpiresAt)}`;
  return when(c.firstExpiresAt) === when(c.lastExpiresAt) ? last : `first ${when(c.firstExpiresAt)}, last ${last}`;
}
