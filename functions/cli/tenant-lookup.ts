import { localStack } from './local-stack';
import { storeContainer } from './store-access';

/** Whether a tenant exists: true or false, or undefined when this shell cannot read the directory of the stack it talks to. */
export type TenantLookup = (tenantId: string) => Promise<boolean | undefined>;

/**
 * Reads the tenant directory the way `lethe audit` does: with LETHE_ACCOUNT, the deployment's
 * tables with this shell's AWS credentials; else the local stack, when that is the API the CLI
 * talks to. Against any other API it cannot know which directory is behind it, so it does not guess.
 */
export function directoryLookup(env: NodeJS.ProcessEnv = process.env): TenantLookup {
  return async (tenantId) => {
    if (!env.LETHE_ACCOUNT && !localStack(env)) return undefined;
    try {
      return (await storeContainer(env).directory.getProfile(tenantId)) !== undefined;
    } catch {
      return undefined;
    }
  };
}

/** The one message for a tenant id that names no tenant, whichever command met it. */
export const unknownTenantMessage = (tenantId: string) =>
  `unknown tenant ${tenantId}: no tenant has this id (\`lethe tenant create\` prints the id of a new tenant)`;

/** Stops a command that reads a tenant's stores when the tenant does not exist. */
export async function requireKnownTenant(lookup: TenantLookup, tenantId: string): Promise<void> {
  if ((await lookup(tenantId)) === false) throw new Error(unknownTenantMessage(tenantId));
}
