/**
 * Audit entries: who did what to which interaction, when and from where. Never content and never
 * a data subject's identifiers in clear (a subject request is described by its id and counts).
 */
export const AUDIT_ACTIONS = [
  'recording.play',
  'recording.download',
  'recording.delete',
  'transcript.view',
  'transcript.download',
  'transcript.delete',
  'interaction.view',
  'event.view',
  'interaction.export',
  // Reads written only when vendor support makes them (every support access is logged).
  'interaction.search',
  'kpi.view',
  'policy.view',
  'register.view',
  'export',
  'subject-request',
  'legal-hold.place',
  'legal-hold.release',
  'litigation.retrieve',
  'policy.change',
  'tenant.terminate',
  // Staff profiles: the target is named by its user id (its e-mail is personal data).
  'staff.create',
  'staff.set-role',
  'staff.disable',
  'staff.delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The roles of the admin API, plus `system` for the sweep and other scheduled work. */
export const ACTOR_ROLES = ['admin', 'manager', 'advisor', 'support', 'legal', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export interface AuditActor {
  /** The staff user's id (token subject), never the data subject. */
  user: string;
  role: ActorRole;
  /** Vendor support access, always flagged (Puzzel: every support access is logged). */
  support: boolean;
}

/** Scalars only: a nested object is where content would sneak in. */
export type AuditDetailValue = string | number | boolean | null;

/** An entry as the caller writes it, before it is chained. */
export interface AuditDraft {
  /** ISO-8601 UTC. */
  at: string;
  actor: AuditActor;
  action: AuditAction;
  interactionId?: string;
  /** Where the request came from, truncated so it no longer names one machine: see `auditSource`. */
  from: string;
  details: Record<string, AuditDetailValue>;
}

/** The last link of a tenant's chain (stored as the directory's AUDITHEAD item). */
export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditEntry extends AuditDraft {
  kind: 'entry';
  /** 1, 2, 3, … per tenant, with no gaps. */
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * What replaces an entry deleted with its interaction (Puzzel: audit entries go when their
 * inquiry's general info goes). It keeps the links (seq, prevHash, hash) and drops the content;
 * the signature under the tenant audit key shows the system made it from an entry that hashed.
 */
export interface AuditTombstone {
  kind: 'tombstone';
  seq: number;
  prevHash: string;
  hash: string;
  tombstonedAt: string;
  signature: string;
}

export type AuditRecord = AuditEntry | AuditTombstone;
