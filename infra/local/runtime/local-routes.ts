import type { IncomingMessage } from 'node:http';
import { notFound, validationFailed, type LetheError } from '../../../functions/domain/errors';
import { parseInstant, type FlowingClock } from './flowing-clock';

export interface LocalReply {
  statusCode: number;
  body: unknown;
}

const INSTANT_HINT = 'must be an ISO-8601 instant with a time zone, e.g. 2030-01-01T00:00:00Z';

/**
 * Routes only the local runtime has (they 404 in AWS): `GET /_local/clock` reads the runtime's
 * clock, `POST /_local/clock {"now": ISO}` moves it; time keeps flowing from there.
 */
export function localRoute(req: IncomingMessage, path: string, body: Buffer, clock: FlowingClock): LocalReply {
  if (path !== '/_local/clock' || (req.method !== 'GET' && req.method !== 'POST'))
    return failure(notFound(`${req.method} ${path}`));
  if (req.method === 'GET') return { statusCode: 200, body: { now: clock.now().toISOString() } };
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8'));
  } catch {
    return failure(validationFailed([{ path: 'body', message: 'must be JSON like {"now": "2030-01-01T00:00:00Z"}' }]));
  }
  const instant = parseInstant((input as { now?: unknown } | null)?.now);
  if (!instant) return failure(validationFailed([{ path: 'now', message: INSTANT_HINT }]));
  clock.set(instant);
  return { statusCode: 200, body: { now: clock.now().toISOString() } };
}

function failure(error: LetheError): LocalReply {
  return { statusCode: error.status, body: error.toBody() };
}
