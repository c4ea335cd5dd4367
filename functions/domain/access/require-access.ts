import { forbidden, notFound } from '../errors';
import type { AccessAction } from './actions';
import { authorize, type AccessDecision, type AccessResource, type Actor } from './authorize';

export type Granted = Extract<AccessDecision, { allowed: true }>;

/**
 * `authorize` as the API answers it: the grant, or a 403 saying why, or a 404 worded exactly as
 * for something that does not exist (`what`, e.g. "Interaction 01H…"), so a denial for another
 * tenant reads the same as a miss.
 */
export function requireAccess(actor: Actor, action: AccessAction, resource: AccessResource, what: string): Granted {
  const decision = authorize(actor, action, resource);
  if (decision.allowed) return decision;
  if (decision.status === 404) throw notFound(what);
  throw forbidden(`Not allowed: ${decision.reason}.`);
}
