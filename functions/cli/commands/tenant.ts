import type { Command } from 'commander';
import { PRESETS } from '../../domain/policy/presets';
import type { CreatedTenant } from '../../usecases/tenants/create-tenant';
import { LetheApiClient } from '../api-client';

/** `lethe tenant create <name> --preset <p>`: opens a tenant through the operator API and prints what it returns. */
export function register(program: Command): void {
  const tenant = program.command('tenant').description('Manage tenants.');
  tenant
    .command('create <name>')
    .description('Open a tenant; prints JSON {tenantId, apiKey, adminToken} (the API key is shown only this once).')
    .requiredOption('--preset <preset>', `starting policy: ${Object.keys(PRESETS).join(', ')}`)
    .action(async (name: string, options: { preset: string }) => {
      const created = await new LetheApiClient().request<CreatedTenant>('POST', '/v1/tenants', {
        operator: true,
        body: { name, preset: options.preset },
      });
      process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
    });
}
