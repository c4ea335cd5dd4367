import { createHmac } from 'node:crypto';
import type { IdentifierKind } from '../data-class';
import type { JobOutcome } from './job-status';
import type { SubjectRequestType } from './request';
import type { SubjectKey } from '../subject/subject-key';

/**
 * GDPR Art. 19: recipients are told of every rectification (Art. 16), erasure (17) and
 * restriction (18); an objection (21) is told too, so a CRM stops the purpose as well. An export
 * changes nothing a recipient holds. A cancelled request is not told: it ends without its action.
 */
export const NOTIFYING_TYPES: readonly SubjectRequestType[] = ['erase', 'anonymize', 'rectify', 'restrict', 'object'];
export const notifies = (type: SubjectRequestType, outcome: JobOutcome): boolean =>
  NOTIFYING_TYPES.includes(type) && outcome !== 'cancelled';

/** A subject as recipients know them: a keyed hash per identifier kind, never the identifier. */
export interface PseudonymousSubjectKey {
  kind: IdentifierKind;
  key: string;
}

/**
 * The recipients' key of an identifier: derived from the tenant's subject-index secret, so it is
 * the same for every notice about the same identifier of the tenant (a recipient can relate an
 * erasure to an earlier restriction), yet it is not the subject index's own key: a recipient
 * cannot look anything up in Lethe's tables with it.
 */
export function pseudonymousSubjectKeys(
  subjectIndexSecret: Uint8Array,
  keys: readonly SubjectKey[],
): PseudonymousSubjectKey[] {
  const recipientKey = createHmac('sha256', subjectIndexSecret).update('lethe:recipient-subject-key').digest();
  return keys.map((k) => ({ kind: k.kind, key: createHmac('sha256', recipientKey).update(k.hmacHex).digest('hex') }));
}

export const NOTICE_EVENT = 'subject-request.completed';

/** The webhook body. */
export interface RecipientNotice {
  event: typeof NOTICE_EVENT;
  tenantId: string;
  requestId: string;
  round: number;
  type: SubjectRequestType;
  outcome: JobOutcome;
  completedAt: string;
  /** The request's options that name no one: `lift` of a restriction, the `purpose` objected to, the kinds rectified. */
  options: Record<string, string | boolean | string[]>;
  subjectKeys: PseudonymousSubjectKey[];
}
