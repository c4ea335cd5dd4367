import { conflict, validationFailed } from '../errors';
import type { AdminRole } from '../access/admin-roles';

/**
 * The role and group a staff user may be given: a manager reaches the interactions of one agent
 * group, so needs one; where the tenant's policy lists its groups (access.groups), the group must
 * be one of them (ids only are checked otherwise: agent groups may live in the channels alone).
 */
export function assertRoleAndGroup(role: AdminRole, group: string | undefined, policyGroups: readonly string[]): void {
  if (role === 'manager' && !group)
    throw validationFailed([{ path: 'group', message: 'a manager needs the agent group they manage' }]);
  if (group !== undefined && policyGroups.length && !policyGroups.includes(group))
    throw validationFailed([
      { path: 'group', message: `must be one of the policy's groups: ${policyGroups.join(', ')}` },
    ]);
}

/**
 * An admin never changes the role of, disables or deletes their own profile: the last admin of a
 * tenant would lock everyone out, and a token already issued would outlive the change.
 */
export function assertNotSelf(actorUserId: string, targetUserId: string, what: string): void {
  if (actorUserId === targetUserId)
    throw conflict(`You cannot ${what} your own staff profile: ask another admin of the tenant.`);
}
