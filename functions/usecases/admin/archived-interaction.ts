import type { AccessAction } from '../../domain/access/actions';
import { readerOf, type InteractionScope } from '../../domain/access/authorize';
import { requireAccess, type Granted } from '../../domain/access/require-access';
import { isRestricted } from '../../domain/subject-requests/restriction';
import type { StoredItem } from '../../ports/record-store';
import { interactionIdOf } from '../ingest/interaction-id';
import { locateInteraction, type LocatedInteraction } from '../ingest/interaction-info';
import type { AdminRequest, TenantAccess } from './admin-request';
import type { AdminDeps } from './deps';

/** What access to an interaction depends on, read from its general info item (clear attributes only). */
export function interactionScopeOf(item: StoredItem): InteractionScope {
  return {
    ...(typeof item.group === 'string' ? { group: item.group } : {}),
    ...(typeof item.agent === 'string' ? { agent: item.agent } : {}),
    restricted: isRestricted(item),
  };
}

export interface GrantedInteraction {
  interactionId: string;
  located: LocatedInteraction;
  granted: Granted;
}

/**
 * The interaction `rawId` of the actor's tenant, if the actor may do `action` to it. Missing,
 * expired and other tenants' interactions are all the same 404 (keys start with the actor's
 * tenant, so another tenant's id is simply not found); a denial within the tenant is a 403. Past
 * its expiry, an interaction a legal hold keeps is found for the legal role and admins.
 */
export async function grantedInteraction(
  deps: Pick<AdminDeps, 'stores' | 'clock'>,
  request: AdminRequest,
  tenant: TenantAccess,
  action: AccessAction,
  rawId: string | undefined,
): Promise<GrantedInteraction> {
  const interactionId = interactionIdOf(rawId);
  const located = await locateInteraction(deps, request.actor.tenantId, interactionId, readerOf(request.actor));
  const granted = requireAccess(
    request.actor,
    action,
    { tenant: tenant.scope, interaction: interactionScopeOf(located.item) },
    `Interaction ${interactionId}`,
  );
  return { interactionId, located, granted };
}
