import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { notFound } from '../domain/errors';
import { authorizedAdmin, requestSource } from '../shared/admin-access';
import { container } from '../shared/container';
import { json, parseJsonBody, withErrors } from '../shared/http';
import { subjectRequests } from '../shared/subject-requests-wiring';
import { listHolds } from '../usecases/holds/hold-records';
import { placeHold } from '../usecases/holds/place-hold';
import { releaseHold } from '../usecases/holds/release-hold';
import { reapplyDeferredRequests } from '../usecases/subject-requests/deferrals';

/**
 * Legal holds (admin token; `legal-hold.manage`: admin or legal, never read-only support):
 * `POST /v1/holds` places one on an interaction or a subject, `GET /v1/holds` lists them
 * (released ones too), `POST /v1/holds/{holdId}/release` releases one: what it kept is due again,
 * and the erasures it postponed run again. Identifiers in a request are hashed at once and never
 * logged or stored.
 */
const MAX_BODY_BYTES = 8 * 1024;

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const deps = container();
  return withErrors(deps.logger, async (e) => {
    const route = `${e.httpMethod} ${e.resource}`;
    const admin = await authorizedAdmin(e, deps, 'legal-hold.manage', 'Legal holds');
    const actor = {
      tenantId: admin.tenantId,
      userId: admin.userId,
      role: admin.role,
      support: admin.support,
      from: requestSource(e),
    };
    switch (route) {
      case 'POST /v1/holds':
        return json(201, await placeHold(deps, actor, parseJsonBody(e, MAX_BODY_BYTES)));
      case 'GET /v1/holds':
        return json(200, { holds: await listHolds(deps.directory, admin.tenantId) });
      case 'POST /v1/holds/{holdId}/release':
        return json(
          200,
          await releaseHold(
            { ...deps, afterRelease: (h) => reapplyDeferredRequests(subjectRequests(deps), h.tenantId, h.holdId) },
            actor,
            e.pathParameters?.holdId ?? '',
          ),
        );
      default:
        throw notFound(route);
    }
  })(event);
}
