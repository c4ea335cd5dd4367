import type { AdminRole } from '../domain/access/admin-roles';
import type { NewStaffProfile, StaffProfile } from '../domain/staff/staff-profile';

/** The e-mail is already a staff user's sign-in (in any tenant: e-mails are unique in the pool). */
export class StaffEmailTaken extends Error {
  constructor() {
    super('a staff user with that e-mail already exists');
    this.name = 'StaffEmailTaken';
  }
}

/**
 * Where staff users live and sign in: the Cognito user pool in AWS, the directory table locally,
 * memory in tests (test/support/user-directory-contract.ts holds them to one behaviour). The
 * adapters know no tenant rule beyond storing `tenantId`: the use cases (functions/usecases/staff)
 * keep each tenant's admins to their own staff.
 */
export interface UserDirectory {
  /** Invites a new user (Cognito e-mails a temporary password); throws StaffEmailTaken for a known e-mail. */
  create(profile: NewStaffProfile): Promise<StaffProfile>;
  /** Every staff user of the tenant, ordered by e-mail. */
  list(tenantId: string): Promise<StaffProfile[]>;
  /** The user, whatever their tenant, or undefined. */
  get(userId: string): Promise<StaffProfile | undefined>;
  /** Puts the user in exactly one Lethe group, `role`, and sets (or clears) their agent group. */
  setRole(userId: string, role: AdminRole, group: string | undefined): Promise<StaffProfile>;
  /** The user can no longer sign in; their profile stays. */
  disable(userId: string): Promise<StaffProfile>;
  /** Removes the user from the directory. */
  delete(userId: string): Promise<void>;
}
