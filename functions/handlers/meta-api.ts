import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { version } from '../../package.json';
import { notFound, type LetheError } from '../domain/errors';

/**
 * Facts about the service itself, needing no tenant: `GET /v1/health` for load balancers and
 * uptime checks. Touches no store, so it answers even when a dependency is down.
 */
const ROUTES: Record<string, () => APIGatewayProxyResult> = {
  'GET /v1/health': () => json(200, { status: 'ok', version }),
};

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const route = ROUTES[`${event.httpMethod} ${event.resource}`];
  if (!route) return error(notFound(`${event.httpMethod} ${event.resource}`));
  return route();
}

function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

const error = (e: LetheError) => json(e.status, e.toBody());
