import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { notFound } from '../domain/errors';
import { auditActorOf, authorizedAdmin, requestSource } from '../shared/admin-access';
import { container } from '../shared/container';
import { json, withErrors } from '../shared/http';
import { listBatches } from '../usecases/litigation/list-batches';
import { retrieveBatch } from '../usecases/litigation/retrieve-batch';

/**
 * The litigation archive's retrieval API (iAdvize: open only to a few named people).
 * `GET /v1/litigation/batches` lists a tenant's sealed batches (legal or admin role);
 * `POST /v1/litigation/batches/{batchId}/retrievals` (legal role) writes the retrieval to the
 * audit log and says where the sealed batch lies. Fetching and opening it takes the legal-access
 * role's own AWS identity (`lethe litigation export`): the bucket's key and the batch's data key
 * decrypt for that role only, so an admin token alone reads nothing.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const deps = container();
  return withErrors(deps.logger, async (e) => {
    const route = `${e.httpMethod} ${e.resource}`;
    switch (route) {
      case 'GET /v1/litigation/batches': {
        const admin = await authorizedAdmin(e, deps, 'litigation.list', 'The litigation archive');
        return json(200, { batches: await listBatches(deps.stores, admin.tenantId) });
      }
      case 'POST /v1/litigation/batches/{batchId}/retrievals': {
        const legal = await authorizedAdmin(e, deps, 'litigation.retrieve', 'Retrieving a litigation batch');
        const retrieved = await retrieveBatch(deps, {
          tenantId: legal.tenantId,
          batchId: e.pathParameters?.batchId ?? '',
          actor: auditActorOf(legal),
          source: requestSource(e),
        });
        deps.logger.info('litigation batch retrieved', { tenantId: legal.tenantId, batchId: retrieved.batch.batchId });
        return json(201, { ...retrieved, keyAlias: deps.config.regional[retrieved.region]?.litigationKeyAlias });
      }
      default:
        throw notFound(route);
    }
  })(event);
}
