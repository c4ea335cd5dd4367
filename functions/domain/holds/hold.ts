import type { SubjectKey } from '../subject/subject-key';

/**
 * A legal hold: records it covers are kept whatever their retention says and whatever erasure is
 * asked for, until an admin releases it (precedence: legal hold > erasure > retention).
 * A subject hold names the subject only by the keyed hashes of its identifiers.
 */
export type HoldTarget =
  | { kind: 'interaction'; interactionId: string }
  | { kind: 'subject'; subjectKeys: SubjectKey[] };

export interface LegalHold {
  holdId: string;
  tenantId: string;
  target: HoldTarget;
  /** Why the data must be kept (case reference, claim); written by the admin, shown in reports. */
  reason: string;
  /** ISO-8601 UTC. */
  placedAt: string;
  /** The staff user (token subject) who placed it. */
  placedBy: string;
  releasedAt?: string;
  releasedBy?: string;
}

export const isActiveHold = (hold: LegalHold): boolean => hold.releasedAt === undefined;
