import type { Command } from 'commander';
import type { NamePrefixBackfill } from '../../usecases/maintenance/backfill-name-prefixes';
import { LetheApiClient } from '../api-client';
import { jsonText } from '../output';

/**
 * `lethe tenant backfill-name-prefixes <tenantId>`: after upgrading to search by name start, files
 * the name-prefix entries of the interactions the tenant stored before, through the operator route.
 * Each call answers within the API's time limit and saves where it stopped; the command calls again
 * until the pass is complete (a command stopped half-way goes on from there when run again), then
 * prints the counts as JSON: scanned, backfilled, entries written, up to date, skipped by reason.
 * Registered under `lethe tenant`.
 */
export function register(program: Command): void {
  const tenant =
    program.commands.find((c) => c.name() === 'tenant') ?? program.command('tenant').description('Manage tenants.');
  tenant
    .command('backfill-name-prefixes <tenantId>')
    .description(
      "File the name-prefix entries of a tenant's interactions stored before search by name start; prints the counts.",
    )
    .action(async (tenantId: string) => {
      const report = await backfillToEnd(new LetheApiClient(), tenantId, (r) =>
        process.stderr.write(`\rscanned ${r.counts.scanned}, backfilled ${r.counts.backfilled}`),
      );
      process.stderr.write('\n');
      process.stdout.write(jsonText(report));
    });
}

/** Calls the backfill route until its pass is complete; the last answer holds the counts of the whole pass. */
export async function backfillToEnd(
  client: LetheApiClient,
  tenantId: string,
  progress: (report: NamePrefixBackfill) => void,
): Promise<NamePrefixBackfill> {
  const path = `/v1/tenants/${encodeURIComponent(tenantId)}/name-prefix-backfill`;
  for (;;) {
    const report = await client.request<NamePrefixBackfill>('POST', path, { operator: true });
    progress(report);
    if (report.complete) return report;
  }
}
