import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { container, type Container } from '../shared/container';
import { json, parseJsonBody, routeFor, withErrors } from '../shared/http';
import { createTenant } from '../usecases/tenants/create-tenant';

/**
 * Operator routes (IAM-signed in AWS; the local operator key locally): no tenant exists yet when
 * they run, so the tenant authorizer does not guard them. `POST /v1/tenants {name, preset}` opens
 * a tenant and returns its id, its first API key (shown only now) and an admin token (locally) or
 * the steps to create its first Cognito administrator (in AWS).
 */
const MAX_BODY_BYTES = 16 * 1024;

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
};

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const deps = container();
  return withErrors(deps.logger, async (e) => {
    return routeFor(ROUTES, e).route(e, deps);
  })(event);
}
