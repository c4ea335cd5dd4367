import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import {
  policyChangeLines,
  summaryTable,
  SweepTallies,
  TALLY_COLUMNS,
  type SweepFailure,
} from '../../domain/sweep/summary';
import type { PolicyChangeImpact } from '../../domain/sweep/policy-impact';
import type { SweepRequest } from '../../domain/sweep/sweep-request';
import type { SweepRun } from '../../usecases/nightly-sweep/run-sweep';
import { LetheApiClient } from '../api-client';
import { instantOption } from '../instant-option';
import { jsonText, newTable } from '../output';

interface SweepOptions {
  tenant?: string;
  dryRun?: boolean;
  now?: string;
  json?: boolean;
}

/**
 * `lethe sweep [--tenant T] [--dry-run] [--now ISO]`: runs the retention sweep now, through the
 * operator route. Each call answers within the API's time limit and says where to go on; the
 * command calls again until every tenant × region × class is done, with a progress bar on stderr,
 * then prints the summary table (per tenant × class × region: due, deleted, anonymised, archived,
 * sealed, held, failed), what each policy change did, and every failure. Exit code 1 when
 * something failed (the next sweep retries it).
 */
export function register(program: Command): void {
  program
    .command('sweep')
    .description(
      'Apply retention now: delete, anonymise, archive or seal what has expired; print a summary per tenant × class × region.',
    )
    .option('--tenant <tenantId>', 'only this tenant')
    .option('--dry-run', 'count what would happen, change nothing')
    .option('--now <iso>', 'sweep as of this instant (default: the server clock)', instantOption('--now'))
    .option('--json', 'print the summary as JSON instead of a table')
    .action(async (options: SweepOptions) => {
      const report = await sweepToEnd(new LetheApiClient(), options, progressBar());
      process.stdout.write(options.json ? jsonText(reportJson(report)) : renderReport(report));
      if (report.failures.length) process.exitCode = 1;
    });
}

export interface MergedSweep {
  now: string;
  dryRun: boolean;
  tallies: SweepTallies;
  policyChanges: PolicyChangeImpact[];
  failures: SweepFailure[];
}

interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** Calls `POST /v1/sweeps` until no unit is left, merging the answers. */
export async function sweepToEnd(
  client: LetheApiClient,
  options: SweepOptions,
  progress: Progress,
): Promise<MergedSweep> {
  const merged: MergedSweep = {
    now: options.now ?? '',
    dryRun: Boolean(options.dryRun),
    tallies: new SweepTallies(),
    policyChanges: [],
    failures: [],
  };
  let after: string | undefined;
  try {
    do {
      const request: SweepRequest = {
        ...(options.tenant ? { tenantId: options.tenant } : {}),
        dryRun: Boolean(options.dryRun),
        // Every call sweeps as of the first call's instant, so one sweep is one point in time.
        ...(merged.now ? { now: merged.now } : {}),
        ...(after ? { after } : {}),
      };
      const run = await client.request<SweepRun>('POST', '/v1/sweeps', { operator: true, body: request });
      merged.now = run.now;
      for (const row of run.rows)
        for (const column of TALLY_COLUMNS)
          merged.tallies.count(row.tenantId, row.dataClass, row.region, column, row.tally[column]);
      merged.policyChanges.push(...run.policyChanges);
      merged.failures.push(...run.failures);
      progress.update(run.unitsDone, run.unitsTotal);
      after = run.nextUnit;
    } while (after !== undefined);
  } finally {
    progress.stop();
  }
  return merged;
}

export function renderReport(report: MergedSweep): string {
  const { head, body } = summaryTable({ rows: report.tallies.sorted() });
  const table = newTable(head);
  table.push(...body);
  const lines = [
    `Sweep as of ${report.now}${report.dryRun ? ' (dry run: nothing was changed)' : ''}`,
    table.toString(),
  ];
  const changes = policyChangeLines(report);
  if (changes.length) lines.push('Policy changes applied:', ...changes.map((l) => `  ${l}`));
  if (report.failures.length)
    lines.push(
      `${report.failures.length} failure(s); the next sweep retries them:`,
      ...report.failures.map(
        (f) => `  ${f.tenantId} ${f.dataClass} ${f.region}${f.pk ? ` ${f.pk} ${f.sk}` : ''}: ${f.reason}`,
      ),
    );
  return `${lines.join('\n')}\n`;
}

/** The summary for scripts: one row per tenant × class × region with its tallies. */
export function reportJson(report: MergedSweep): object {
  return {
    now: report.now,
    dryRun: report.dryRun,
    rows: report.tallies.sorted(),
    policyChanges: report.policyChanges,
    failures: report.failures,
  };
}

function progressBar(): Progress {
  const bar = new SingleBar({
    format: 'sweep [{bar}] {value}/{total} units',
    stream: process.stderr,
    clearOnComplete: true,
    hideCursor: true,
  });
  let started = false;
  return {
    update(done, total) {
      if (!started) bar.start(total, done);
      else bar.setTotal(total);
      bar.update(done);
      started = true;
    },
    stop: () => bar.stop(),
  };
}
