import type { Command } from 'commander';
import type { TerminationView } from '../../usecases/offboarding/termination-view';
import { LetheApiClient } from '../api-client';

interface TerminateOptions {
  pollMs: string;
  timeoutMinutes: string;
}

/**
 * `lethe tenant terminate <tenantId>`: ends a tenant's contract through the operator API, then
 * follows the export package (built in the background) until it is ready and prints its
 * short-lived download link and when the sweep will delete everything (the policy's offboarding
 * grace later). A failed package, or one not ready in time, ends with exit code 1. Registered
 * under `lethe tenant`.
 */
export function register(program: Command): void {
  const tenant =
    program.commands.find((c) => c.name() === 'tenant') ?? program.command('tenant').description('Manage tenants.');
  tenant
    .command('terminate <tenantId>')
    .description(
      'End a tenant: revoke its API keys, export everything it holds (zip link), schedule its deletion after the grace.',
    )
    .option('--poll-ms <ms>', 'how often to ask whether the package is ready', '1000')
    .option('--timeout-minutes <minutes>', 'how long to wait for the package', '20')
    .action(async (tenantId: string, o: TerminateOptions) => {
      const client = new LetheApiClient();
      const path = `/v1/tenants/${encodeURIComponent(tenantId)}/termination`;
      let result = await client.request<TerminationView>('POST', path, { operator: true });
      process.stderr.write(
        `Tenant ${tenantId} is terminated: its API keys are revoked; everything it holds is deleted by the sweep after ${result.purgeAfter}.\n`,
      );
      const started = Date.now();
      const deadline = started + Number(o.timeoutMinutes) * 60_000;
      let polls = 0;
      while (result.package.status === 'building' && Date.now() < deadline) {
        polls++;
        process.stderr.write(`\rBuilding the export package… ${Math.round((Date.now() - started) / 1000)} s`);
        await new Promise((r) => setTimeout(r, Number(o.pollMs)));
        result = await client.request<TerminationView>('GET', path, { operator: true });
      }
      if (polls) process.stderr.write('\n'); // ends the progress line
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      const pkg = result.package;
      if (pkg.status === 'ready') {
        process.stderr.write(
          `The package (${pkg.records} records) is ready; its link works until ${pkg.urlExpiresAt}.\n`,
        );
        return;
      }
      process.exitCode = 1;
      if (pkg.status === 'failed') process.stderr.write(`The export package failed: ${pkg.reason}\n`);
      else
        process.stderr.write(
          `The export package is still being built after ${o.timeoutMinutes} minutes; it goes on in the background, and GET ${path} shows its link once it is ready.\n`,
        );
    });
}
