import { ACTOR_ROLES, type ActorRole } from '../audit/entry';

/** Roles of the admin API (Cognito groups of the same names): every audit actor role but `system`. */
export type AdminRole = Exclude<ActorRole, 'system'>;
export const ADMIN_ROLES: readonly AdminRole[] = ACTOR_ROLES.filter((r): r is AdminRole => r !== 'system');
