import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context, ScheduledEvent } from 'aws-lambda';
import { notFound } from '../domain/errors';
import { SweepRequestSchema } from '../domain/sweep/sweep-request';
import { totalOf } from '../domain/sweep/summary';
import { parseOrThrow } from '../domain/validation';
import { container, type Container } from '../shared/container';
import { json, parseJsonBody, withErrors } from '../shared/http';
import { backfillNamePrefixes } from '../usecases/maintenance/backfill-name-prefixes';
import { runSweep, type SweepRun } from '../usecases/nightly-sweep/run-sweep';
import { countSweep } from '../usecases/nightly-sweep/sweep-metrics';

/** API Gateway gives up after 29 s: an operator's sweep call answers well before, and is called again. */
const API_BUDGET_MS = 20_000;
/** A scheduled run stops with this much of the Lambda's time left; the next night goes on from the checkpoints. */
const LAMBDA_RESERVE_MS = 60_000;

/**
 * The retention sweep Lambda. The nightly EventBridge schedule (issue 2, deployment `sweepCron`)
 * sweeps every tenant; operators run it on demand through `POST /v1/sweeps` (`lethe sweep`),
 * optionally for one tenant, as a dry run, or as of another instant. Logs carry counts and ids only.
 * The same function files a tenant's name-prefix entries of interactions stored before search by
 * name start (`POST /v1/tenants/{tenantId}/name-prefix-backfill`, `lethe tenant backfill-name-prefixes`):
 * each call goes on from the saved position, answers within the API's time limit, and is called
 * again until `complete`.
 */
export async function handler(
  event: ScheduledEvent | APIGatewayProxyEvent,
  context?: Context,
): Promise<APIGatewayProxyResult | SweepRun> {
  const deps = container();
  if (!('httpMethod' in event)) {
    const started = Date.now();
    const report = await runSweep(deps, {
      shouldStop: () => (context ? context.getRemainingTimeInMillis() < LAMBDA_RESERVE_MS : false),
    });
    countSweep(deps.metrics, report, { everyTenant: true });
    deps.logger.info('nightly sweep', {
      complete: report.complete,
      unitsDone: report.unitsDone,
      unitsTotal: report.unitsTotal,
      totals: totalOf(report.rows),
      failures: report.failures.length,
      seconds: Math.round((Date.now() - started) / 1000),
    });
    return report;
  }
  return withErrors(deps.logger, async (e) => {
    const route = `${e.httpMethod} ${e.resource}`;
    if (route === BACKFILL_ROUTE) return backfill(deps, e.pathParameters?.tenantId ?? '');
    if (route !== 'POST /v1/sweeps') throw notFound(route);
    const request = parseOrThrow(SweepRequestSchema, e.body ? parseJsonBody(e, 4096) : {}, 'The sweep request');
    const started = Date.now();
    const report = await runSweep(deps, {
      tenantId: request.tenantId,
      dryRun: request.dryRun,
      now: request.now ? new Date(request.now) : undefined,
      after: request.after,
      shouldStop: () => Date.now() - started > API_BUDGET_MS,
    });
    countSweep(deps.metrics, report, { everyTenant: !request.tenantId && !request.after });
    deps.logger.info('sweep requested', {
      tenantId: request.tenantId,
      dryRun: request.dryRun,
      complete: report.complete,
      unitsDone: report.unitsDone,
      unitsTotal: report.unitsTotal,
    });
    return json(200, report);
  })(event);
}

const BACKFILL_ROUTE = 'POST /v1/tenants/{tenantId}/name-prefix-backfill';

async function backfill(deps: Container, tenantId: string): Promise<APIGatewayProxyResult> {
  const started = Date.now();
  const report = await backfillNamePrefixes(deps, tenantId, {
    shouldStop: () => Date.now() - started > API_BUDGET_MS,
  });
  deps.logger.info('name-prefix backfill', { tenantId, complete: report.complete, counts: report.counts });
  return json(200, report);
}
