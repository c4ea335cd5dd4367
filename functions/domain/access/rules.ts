import type { AdminRole } from './admin-roles';
import type { AccessAction } from './actions';

/**
 * How far a role reaches for one action: the whole tenant, the interactions of the user's own
 * agent group (manager), or only the interactions the user handled as agent (advisor).
 */
export type Reach = 'tenant' | 'group' | 'handled';

/**
 * Who may do what (iAdvize roles, Puzzel archive). A role missing from an action's entry is
 * denied it; there is no default allow.
 * - admin: everything in the tenant except the litigation archive (legal alone opens it).
 * - manager: reports and interactions of their own group only, content included.
 * - advisor: only the interactions they handled, to read; no downloads, no exports.
 * - support (vendor): read-only, and only while the tenant's policy allows support access.
 * - legal: the litigation archive, restricted data, legal holds, subject requests, the audit log;
 *   reads and downloads evidence, changes nothing else.
 */
export const ACCESS_RULES: Record<AccessAction, Partial<Record<AdminRole, Reach>>> = {
  'interaction.search': { admin: 'tenant', manager: 'group', advisor: 'handled', support: 'tenant', legal: 'tenant' },
  'interaction.view': { admin: 'tenant', manager: 'group', advisor: 'handled', support: 'tenant', legal: 'tenant' },
  'interaction.export': { admin: 'tenant', manager: 'group', legal: 'tenant' },
  'transcript.view': { admin: 'tenant', manager: 'group', advisor: 'handled', support: 'tenant', legal: 'tenant' },
  'transcript.download': { admin: 'tenant', manager: 'group', legal: 'tenant' },
  'transcript.delete': { admin: 'tenant', manager: 'group' },
  'recording.play': { admin: 'tenant', manager: 'group', advisor: 'handled', support: 'tenant', legal: 'tenant' },
  'recording.download': { admin: 'tenant', manager: 'group', legal: 'tenant' },
  'recording.delete': { admin: 'tenant', manager: 'group' },
  'kpi.view': { admin: 'tenant', manager: 'group', support: 'tenant' },
  'policy.view': { admin: 'tenant', support: 'tenant', legal: 'tenant' },
  'policy.change': { admin: 'tenant' },
  'register.view': { admin: 'tenant', support: 'tenant', legal: 'tenant' },
  'audit.view': { admin: 'tenant', legal: 'tenant' },
  'litigation.list': { admin: 'tenant', legal: 'tenant' },
  'litigation.retrieve': { legal: 'tenant' },
  'legal-hold.manage': { admin: 'tenant', legal: 'tenant' },
  'subject-request.manage': { admin: 'tenant', legal: 'tenant' },
  // Releasing a channel's request on the strength of the end user's verified identity is an admin's call.
  'subject-request.confirm': { admin: 'tenant' },
  'archive.export': { admin: 'tenant', legal: 'tenant' },
  // Consent proofs and objections, per person or per interaction (iAdvize: provided on request).
  'consent.view': { admin: 'tenant', legal: 'tenant' },
  // What each night's sweep deleted, anonymised, archived and sealed: counts per class and region.
  'sweep.view': { admin: 'tenant', legal: 'tenant' },
  // Staff profiles (iAdvize: create, modify, delete profiles): the tenant's own staff, admins only.
  'staff.manage': { admin: 'tenant' },
  // The privacy office's figures: requests filed, completed and overdue, removals per night, holds.
  'privacy-kpi.view': { admin: 'tenant', legal: 'tenant' },
  // Raw chatbot events (Inbenta) while retained: searched by session, each read with its payload.
  'event.view': { admin: 'tenant', legal: 'tenant' },
};
