import type { AdminRole } from '../access/admin-roles';

/**
 * A staff user of one tenant as the user directory holds them (Cognito in AWS): the sign-in
 * e-mail (personal data: shown to the tenant's admins, never logged), the role (the Cognito group)
 * and, for managers, the agent group whose interactions they reach.
 */
export interface StaffProfile {
  /** The directory's stable id (Cognito `sub`): the `sub` of the user's tokens and the audit log's actor. */
  userId: string;
  tenantId: string;
  email: string;
  /** Absent while the user is in no Lethe group (then no token of theirs opens anything). */
  role?: AdminRole;
  group?: string;
  /** False once disabled: the user can no longer sign in. */
  enabled: boolean;
  /** Cognito's user status (e.g. FORCE_CHANGE_PASSWORD until the first sign-in, CONFIRMED after). */
  status: string;
  createdAt: string;
}

/** What an admin gives to open a staff profile. */
export interface NewStaffProfile {
  tenantId: string;
  email: string;
  role: AdminRole;
  group?: string;
}

/** A staff user as a directory without Cognito first records it: enabled, a password still to choose, e-mail in lower case. */
export function newStaffProfile(profile: NewStaffProfile, userId: string, now: Date): StaffProfile {
  return {
    userId,
    tenantId: profile.tenantId,
    email: profile.email.toLowerCase(),
    role: profile.role,
    ...(profile.group ? { group: profile.group } : {}),
    enabled: true,
    status: 'FORCE_CHANGE_PASSWORD',
    createdAt: now.toISOString(),
  };
}
