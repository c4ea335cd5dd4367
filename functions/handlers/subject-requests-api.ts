import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod';
import { forbidden, validationFailed } from '../domain/errors';
import { assertMayHandle, requesterOf, type Caller } from '../domain/access/subject-request-access';
import { requestSource } from '../shared/admin-access';
import { container } from '../shared/container';
import { json, parseJsonBody, principalOf, routeFor, withErrors } from '../shared/http';
import type { Principal } from '../shared/principal';
import { subjectRequests } from '../shared/subject-requests-wiring';
import { tenantAccess } from '../usecases/admin/admin-request';
import type { SubjectRequestDeps } from '../usecases/subject-requests/deps';
import { extendDeadline } from '../usecases/subject-requests/extend-deadline';
import { fileSubjectRequest } from '../usecases/subject-requests/file-request';
import { listSubjectRequests } from '../usecases/subject-requests/list-requests';
import { cancelSubjectRequest, confirmSubjectRequest } from '../usecases/subject-requests/manage-request';
import { viewOf, viewSubjectRequest } from '../usecases/subject-requests/view-request';

/**
 * Data-subject requests over the API (admin token, or a channel's API key for self-service):
 * - `POST /v1/subject-requests` `{type, identifiers, options}` → 202 `{requestId, status}`; staff
 *   requests start at once, a channel's waits in `pending-verification`;
 * - `GET /v1/subject-requests?type&status&filedBy&overdue` (staff) → the desk: requests with their deadlines;
 * - `GET /v1/subject-requests/{requestId}` → status, progress, certificate, download link;
 * - `DELETE /v1/subject-requests/{requestId}` → cancels (at once, or at the next record);
 * - `POST /v1/subject-requests/{requestId}/confirm` (admin) → lets a channel's request run;
 * - `POST /v1/subject-requests/{requestId}/extension` (staff) `{months, reason}` → extends the deadline.
 * Jobs start through the JobRunner of shared/subject-requests-wiring.ts (in AWS: the worker Lambda).
 */
const MAX_BODY_BYTES = 16 * 1024;
const RequestIdSchema = z.ulid();

type Route = (deps: SubjectRequestDeps, call: Call) => Promise<APIGatewayProxyResult>;
interface Call {
  tenantId: string;
  caller: Caller;
  from: string;
  event: APIGatewayProxyEvent;
}

function requestIdOf(event: APIGatewayProxyEvent): string {
  const parsed = RequestIdSchema.safeParse(event.pathParameters?.requestId);
  if (!parsed.success)
    throw validationFailed(
      [{ path: 'requestId', message: 'must be a subject request id (ULID)' }],
      'The request id is not valid.',
    );
  return parsed.data;
}

/** The body without its optional `tenantId`, which must be the caller's own tenant when given. */
function bodyOf(event: APIGatewayProxyEvent, tenantId: string): unknown {
  const body = parseJsonBody(event, MAX_BODY_BYTES);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { tenantId: named, ...rest } = body as Record<string, unknown>;
  if (named !== undefined && named !== tenantId)
    throw forbidden('A subject request can only be filed for your own tenant.');
  return rest;
}

const ROUTES: Record<string, Route> = {
  'POST /v1/subject-requests': async (deps, { tenantId, caller, from, event }) => {
    const job = await fileSubjectRequest(deps, tenantId, requesterOf(caller), bodyOf(event, tenantId), from);
    return json(202, { requestId: job.requestId, status: job.status });
  },
  'GET /v1/subject-requests': async (deps, { tenantId, caller, event }) =>
    json(200, await listSubjectRequests(deps, tenantId, caller, event.queryStringParameters ?? {})),
  'GET /v1/subject-requests/{requestId}': async (deps, { tenantId, caller, event }) =>
    json(200, await viewSubjectRequest(deps, tenantId, caller, requestIdOf(event))),
  'DELETE /v1/subject-requests/{requestId}': async (deps, { tenantId, caller, event }) => {
    const job = await cancelSubjectRequest(deps, tenantId, caller, requestIdOf(event));
    return json(job.status === 'cancelled' ? 200 : 202, await viewOf(deps, job));
  },
  'POST /v1/subject-requests/{requestId}/confirm': async (deps, { tenantId, caller, from, event }) => {
    const job = await confirmSubjectRequest(deps, tenantId, caller, requestIdOf(event), from);
    return json(202, { requestId: job.requestId, status: job.status });
  },
  'POST /v1/subject-requests/{requestId}/extension': async (deps, { tenantId, caller, from, event }) => {
    const job = await extendDeadline(
      deps,
      tenantId,
      caller,
      requestIdOf(event),
      parseJsonBody(event, MAX_BODY_BYTES),
      from,
    );
    return json(200, await viewOf(deps, job));
  },
};

/** The caller, once allowed to handle the tenant's subject requests (staff: by the shared access decision). */
async function callerOf(deps: SubjectRequestDeps, principal: Principal): Promise<Caller> {
  if (principal.kind === 'ingest') return { kind: 'channel' };
  const { kind: _kind, ...actor } = principal;
  const caller: Caller = { kind: 'admin', ...actor };
  assertMayHandle(caller, (await tenantAccess(deps, actor)).scope);
  return caller;
}

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const c = container();
  return withErrors(c.logger, async (e) => {
    const { routeKey, route } = routeFor(ROUTES, e);
    const principal = principalOf(e);
    const deps = subjectRequests(c);
    const call = {
      tenantId: principal.tenantId,
      caller: await callerOf(deps, principal),
      from: requestSource(e),
      event: e,
    };
    const response = await route(deps, call);
    c.logger.info('subject request route', {
      route: routeKey,
      status: response.statusCode,
      tenantId: principal.tenantId,
    });
    return response;
  })(event);
}
