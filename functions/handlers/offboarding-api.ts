import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { notFound } from '../domain/errors';
import { requestSource } from '../shared/admin-access';
import { container } from '../shared/container';
import { json, withErrors } from '../shared/http';
import { offboardingOf } from '../usecases/offboarding/offboarding-record';
import { terminateTenant } from '../usecases/offboarding/terminate-tenant';

/**
 * Tenant offboarding, for operators (IAM-signed in AWS; the operator key locally):
 * `POST /v1/tenants/{tenantId}/termination` ends the contract (`lethe tenant terminate`): API keys
 * revoked, export package behind a short-lived link, deletion scheduled after the policy's grace;
 * `GET /v1/tenants/{tenantId}/termination` tells where it stands, with the final report once purged.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const deps = container();
  return withErrors(deps.logger, async (e) => {
    const route = `${e.httpMethod} ${e.resource}`;
    const tenantId = e.pathParameters?.tenantId ?? '';
    switch (route) {
      case 'POST /v1/tenants/{tenantId}/termination': {
        const result = await terminateTenant(deps, { tenantId, actor: { user: 'operator', role: 'system', support: false }, from: requestSource(e) });
        deps.logger.info('tenant terminated', { tenantId, purgeAfter: result.purgeAfter, records: result.package.records });
        return json(200, result);
      }
      case 'GET /v1/tenants/{tenantId}/termination': {
        const offboarding = await offboardingOf(deps.directory, tenantId);
        if (!offboarding) throw notFound(`The termination of tenant ${tenantId}`);
        return json(200, offboarding);
      }
      default:
        throw notFound(route);
    }
  })(event);
}
