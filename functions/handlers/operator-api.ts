import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { container, type Container } from '../shared/container';
import { json, parseJsonBody, routeFor, withErrors } from '../shared/http';
import { backfillNamePrefixes } from '../usecases/maintenance/backfill-name-prefixes';
import { createTenant } from '../usecases/tenants/create-tenant';

/**
 * Operator routes (IAM-signed in AWS; the local operator key locally): no tenant exists yet when
 * they run, so the tenant authorizer does not guard them. `POST /v1/tenants {name, preset}` opens
 * a tenant and returns its id, its first API key (shown only now) and an admin token (locally) or
 * the steps to create its first Cognito administrator (in AWS).
 * `POST /v1/tenants/{tenantId}/name-prefix-backfill` files the name-prefix entries of a tenant's
 * interactions stored before search by name start (`lethe tenant backfill-name-prefixes`): each
 * call goes on from the saved position, answers within the API's time limit with counts only, and
 * is called again until `complete`.
 */
const MAX_BODY_BYTES = 16 * 1024;
/** API Gateway gives up after 29 s: a backfill call answers well before, and is called again. */
const API_BUDGET_MS = 20_000;

type Route = (event: APIGatewayProxyEvent, deps: Container) => Promise<APIGatewayProxyResult>;

const ROUTES: Record<string, Route> = {
  'POST /v1/tenants': async (event, deps) => {
    const created = await createTenant(parseJsonBody(event, MAX_BODY_BYTES), {
      directory: deps.directory,
      keyVault: deps.keyVault,
      clock: deps.clock,
      homeRegion: deps.config.homeRegion,
      deployedRegions: deps.config.regions,
      tokenIssuer: deps.tokenIssuer,
    });
    return json(201, created);
  },
  'POST /v1/tenants/{tenantId}/name-prefix-backfill': async (event, deps) => {
    const started = Date.now();
    const tenantId = event.pathParameters?.tenantId ?? '';
    const report = await backfillNamePrefixes(deps, tenantId, {
      shouldStop: () => Date.now() - started > API_BUDGET_MS,
    });
    deps.logger.info('name-prefix backfill', { tenantId, complete: report.complete, counts: report.counts });
    return json(200, report);
  },
};

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const deps = container();
  return withErrors(deps.logger, async (e) => {
    return routeFor(ROUTES, e).route(e, deps);
  })(event);
}
