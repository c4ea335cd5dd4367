import type { Command } from 'commander';
import type { TerminationResult } from '../../usecases/offboarding/terminate-tenant';
import { LetheApiClient } from '../api-client';

/**
 * `lethe tenant terminate <tenantId>`: ends a tenant's contract through the operator API. Prints
 * the export package's short-lived download link and when the sweep will delete everything
 * (the policy's offboarding grace later). Registered under `lethe tenant`.
 */
export function register(program: Command): void {
  const tenant = program.commands.find((c) => c.name() === 'tenant') ?? program.command('tenant').description('Manage tenants.');
  tenant
    .command('terminate <tenantId>')
    .description('End a tenant: revoke its API keys, export everything it holds (zip link), schedule its deletion after the grace.')
    .action(async (tenantId: string) => {
      const result = await new LetheApiClient().request<TerminationResult>('POST', `/v1/tenants/${encodeURIComponent(tenantId)}/termination`, { operator: true });
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.stderr.write(`Tenant ${tenantId} is terminated; everything it holds is deleted by the sweep after ${result.purgeAfter}. The package link works until ${result.package.urlExpiresAt}.\n`);
    });
}
