import type { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { LetheError, notFound, payloadTooLarge, validationFailed } from '../domain/errors';
import { principalFromContext, type Principal } from './principal';

/**
 * What every API handler shares: JSON responses, the one error body of the API conventions, body
 * parsing with a size limit, and the caller's principal.
 */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * A LetheError becomes its status and body. Anything else is our fault: a 500 with a correlation
 * id, and a log line with the error's name, message and stack but never the request (bodies and
 * identifiers are personal data).
 */
export function errorResponse(error: unknown, correlationId: string, logger: Logger): APIGatewayProxyResult {
  if (error instanceof LetheError) return json(error.status, error.toBody());
  const e = error instanceof Error ? error : new Error(String(error));
  logger.error('request failed', { correlationId, error: { name: e.name, message: e.message, stack: e.stack } });
  return json(500, {
    error: {
      code: 'INTERNAL',
      message: 'Something went wrong on our side; quote the correlation id when reporting it.',
      correlationId,
    },
  });
}

/** The correlation id of a request: API Gateway's request id, or a fresh one. */
export const correlationIdOf = (event: Pick<APIGatewayProxyEvent, 'requestContext'>): string =>
  event.requestContext?.requestId || randomUUID();

/** The JSON body of a request: 413 over `maxBytes`, 400 naming the body when it is missing or not JSON. */
export function parseJsonBody(
  event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded'>,
  maxBytes: number,
): unknown {
  if (event.body === null || event.body === undefined || event.body === '')
    throw validationFailed(
      [{ path: '(body)', message: 'is required: send a JSON object' }],
      'The request has no body.',
    );
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (raw.length > maxBytes)
    throw payloadTooLarge(`The request body is ${raw.length} bytes; the limit is ${maxBytes} bytes.`);
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw validationFailed([{ path: '(body)', message: 'is not valid JSON' }], 'The request body is not valid JSON.');
  }
}

/** The caller as the authorizer established it (401 when the request carries none). */
export const principalOf = (event: Pick<APIGatewayProxyEvent, 'requestContext'>): Principal =>
  principalFromContext(event.requestContext?.authorizer);

export type RouteHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/** Wraps a handler so every thrown error becomes the API's error response. */
export function withErrors(logger: Logger, handle: RouteHandler): RouteHandler {
  return async (event) => {
    try {
      return await handle(event);
    } catch (error) {
      return errorResponse(error, correlationIdOf(event), logger);
    }
  };
}

/** The route an event asks for (`<METHOD> <resource>`, as API Gateway names it), or 404 naming it. */
export function routeFor<R>(
  routes: Readonly<Record<string, R>>,
  event: Pick<APIGatewayProxyEvent, 'httpMethod' | 'resource'>,
): { routeKey: string; route: R } {
  const routeKey = `${event.httpMethod} ${event.resource}`;
  const route = routes[routeKey];
  if (!route) throw notFound(routeKey);
  return { routeKey, route };
}
