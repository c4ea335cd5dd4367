import type { AdminRole } from './admin-roles';
import { mayAccessRestricted } from '../subject-requests/restriction';
import type { Reader } from '../retention/visibility';
import { CONTENT_ACTIONS, type AccessAction } from './actions';
import { ACCESS_RULES, type Reach } from './rules';

/** A staff user as the authorizer established them (the admin principal). */
export interface Actor {
  tenantId: string;
  role: AdminRole;
  /** The agent group the user belongs to (Cognito `custom:group`). */
  group?: string;
  userId: string;
  /** Vendor support: every access is flagged in the audit log. */
  support: boolean;
}

/** The tenant a request touches, with the one policy setting access depends on. */
export interface TenantScope {
  tenantId: string;
  /** policy.access.supportAccess: whether vendor support may read at all. */
  supportAccess: boolean;
}

/** The facts about one interaction that access depends on; none of them personal. */
export interface InteractionScope {
  group?: string;
  /** The agent who handled it (the staff user id an advisor's token carries). */
  agent?: string;
  /** The data subject asked to restrict processing (GDPR Art. 18): content only for legal. */
  restricted?: boolean;
}

export interface AccessResource {
  tenant: TenantScope;
  /** Absent for tenant-level actions (search, KPIs, policy, register, audit log). */
  interaction?: InteractionScope;
}

export type AccessDecision =
  | {
      allowed: true;
      /** For tenant-level actions: how far the results must be narrowed (group, handled). */
      reach: Reach;
      /** The access is vendor support access and must be written to the audit log as such. */
      supportAccess: boolean;
    }
  | { allowed: false; status: 403 | 404; reason: string };

const deny = (status: 403 | 404, reason: string): AccessDecision => ({ allowed: false, status, reason });

/**
 * The one access decision of the admin API. Everything not allowed is denied:
 * - another tenant's resource: 404, exactly as if it did not exist (its existence never leaks);
 * - a role the action does not list: 403 (a user flagged as support counts as support);
 * - support while the tenant's policy does not allow support access: 403;
 * - a manager outside their own group, or without a group: 403;
 * - an advisor on an interaction they did not handle: 403;
 * - content of a restricted interaction for anyone but legal: 403.
 */
export function authorize(actor: Actor, action: AccessAction, resource: AccessResource): AccessDecision {
  if (resource.tenant.tenantId !== actor.tenantId) return deny(404, 'not found');
  const role = effectiveRole(actor);
  const reach = ACCESS_RULES[action][role];
  if (!reach) return deny(403, `the ${role} role may not ${action}`);
  const supportAccess = role === 'support';
  if (supportAccess && !resource.tenant.supportAccess)
    return deny(403, 'support access is not enabled in the tenant policy');
  if (reach === 'group' && !actor.group) return deny(403, `the ${role} role needs a group to ${action}`);

  const interaction = resource.interaction;
  if (interaction) {
    if (reach === 'group' && interaction.group !== actor.group)
      return deny(403, `the interaction belongs to another group than ${actor.group}`);
    if (reach === 'handled' && interaction.agent !== actor.userId)
      return deny(403, 'the interaction was handled by another agent');
    if (interaction.restricted && CONTENT_ACTIONS.includes(action) && !mayAccessRestricted(role))
      return deny(403, 'processing of this interaction is restricted: only the legal role may access its content');
  }
  return { allowed: true, reach, supportAccess };
}

/** Vendor support is read-only whatever other group the user is in: the support flag wins. */
export const effectiveRole = (actor: Actor): AdminRole => (actor.support ? 'support' : actor.role);

/** How a tenant-level listing must be narrowed for the actor: nothing, a group, or an agent. */
export type ListingScope = { kind: 'tenant' } | { kind: 'group'; group: string } | { kind: 'handled'; agent: string };

export function listingScope(actor: Actor, reach: Reach): ListingScope {
  if (reach === 'group') return { kind: 'group', group: actor.group ?? '' };
  if (reach === 'handled') return { kind: 'handled', agent: actor.userId };
  return { kind: 'tenant' };
}

/** Whether an interaction lies within a listing scope. */
export function withinScope(scope: ListingScope, interaction: InteractionScope): boolean {
  if (scope.kind === 'group') return interaction.group === scope.group;
  if (scope.kind === 'handled') return interaction.agent === scope.agent;
  return true;
}

/** Who may read what a legal hold keeps past its normal expiry: the legal role and admins (support never: its effective role wins). */
const HELD_READERS: readonly AdminRole[] = ['admin', 'legal'];
export const readerOf = (actor: Actor): Reader => ({ seesHeld: HELD_READERS.includes(effectiveRole(actor)) });
