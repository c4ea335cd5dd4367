import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { forbidden } from '../domain/errors';
import { INGEST_LIMITS } from '../domain/ingest/limits';
import { container, type Container } from '../shared/container';
import { correlationIdOf, json, parseJsonBody, principalOf, routeFor, withErrors } from '../shared/http';
import { appendMessages } from '../usecases/ingest/append-messages';
import type { IngestResult } from '../usecases/ingest/deps';
import { endInteraction } from '../usecases/ingest/end-interaction';
import { ingestEvents } from '../usecases/ingest/ingest-events';
import { consentStanding } from '../usecases/ingest/consent-standing-query';
import { recordConsent } from '../usecases/ingest/record-consent';
import { requestRecording } from '../usecases/ingest/request-recording';
import { startInteraction } from '../usecases/ingest/start-interaction';
import { submitSurvey } from '../usecases/ingest/submit-survey';
import { completeRecording } from '../usecases/recordings/finalise-recording';

/**
 * The channel-facing ingest routes (x-api-key). The tenant comes only from the authorizer, never
 * from the body. Logs carry the route, status, tenant and correlation id: never a body, a message
 * or an identifier.
 */
interface IngestRequest {
  tenantId: string;
  id?: string;
  recordingId?: string;
  body: unknown;
  query: Record<string, string | undefined>;
  idempotencyKey?: string;
}

type Route = (deps: Container, request: IngestRequest) => Promise<IngestResult<unknown>>;

const ROUTES: Record<string, Route> = {
  'POST /v1/interactions': (deps, r) => startInteraction(deps, r.tenantId, r),
  'POST /v1/interactions/{id}/messages': (deps, r) => appendMessages(deps, r.tenantId, r.id, r),
  'POST /v1/interactions/{id}/end': (deps, r) => endInteraction(deps, r.tenantId, r.id, r),
  'POST /v1/interactions/{id}/recording': (deps, r) => requestRecording(deps, r.tenantId, r.id, r),
  'POST /v1/interactions/{id}/recording/{recordingId}/complete': (deps, r) =>
    completeRecording(deps, r.tenantId, r.id, r.recordingId),
  'POST /v1/events': (deps, r) => ingestEvents(deps, r.tenantId, r),
  'POST /v1/surveys': (deps, r) => submitSurvey(deps, r.tenantId, r),
  'POST /v1/consents': (deps, r) => recordConsent(deps, r.tenantId, r),
  'GET /v1/consents/standing': (deps, r) => consentStanding(deps, r.tenantId, r.query),
};

/** Routes whose body may be left out. */
const OPTIONAL_BODY = new Set([
  'POST /v1/interactions/{id}/recording',
  'POST /v1/interactions/{id}/recording/{recordingId}/complete',
]);

const headerOf = (event: APIGatewayProxyEvent, name: string) =>
  Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] ?? undefined;

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const deps = container();
  return withErrors(deps.logger, async (e) => {
    const { routeKey, route } = routeFor(ROUTES, e);
    const principal = principalOf(e);
    if (principal.kind !== 'ingest')
      throw forbidden('Ingest routes take the tenant API key (x-api-key), not an admin token.');
    const noBody = e.httpMethod === 'GET' || (OPTIONAL_BODY.has(routeKey) && !e.body);
    const request: IngestRequest = {
      tenantId: principal.tenantId,
      id: e.pathParameters?.id,
      recordingId: e.pathParameters?.recordingId,
      body: noBody ? {} : parseJsonBody(e, INGEST_LIMITS.bodyBytes),
      query: e.queryStringParameters ?? {},
      idempotencyKey: headerOf(e, 'idempotency-key'),
    };
    const result = await route(deps, request);
    deps.logger.info('ingested', {
      route: routeKey,
      status: result.status,
      replayed: result.replayed,
      tenantId: principal.tenantId,
      correlationId: correlationIdOf(e),
    });
    return json(result.status, result.body, result.replayed ? { 'idempotent-replayed': 'true' } : {});
  })(event);
}
