import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { LetheError, notFound } from '../domain/errors';
import { type PackageJobEvent, parsePackageJobEvent } from '../domain/offboarding/package-job';
import { requestSource } from '../shared/admin-access';
import { container } from '../shared/container';
import { json, withErrors } from '../shared/http';
import { packageBuilds } from '../shared/offboarding-wiring';
import { buildTenantPackage } from '../usecases/offboarding/build-package';
import { offboardingOf, type OffboardingPackage } from '../usecases/offboarding/offboarding-record';
import { terminateTenant } from '../usecases/offboarding/terminate-tenant';
import { terminationView } from '../usecases/offboarding/termination-view';

/**
 * Tenant offboarding, for operators (IAM-signed in AWS; the operator key locally):
 * `POST /v1/tenants/{tenantId}/termination` ends the contract (`lethe tenant terminate`): API keys
 * revoked, deletion scheduled after the policy's grace, and `202` with the export package
 * `building`; `GET /v1/tenants/{tenantId}/termination` tells where it stands, with a fresh link
 * once the package is ready and the final report once purged.
 *
 * The same function builds the package, invoked directly (asynchronously, by the termination) with
 * `{ "kind": "offboarding-package", "tenantId", "requestId" }`; any other direct event is answered
 * with the API's error body and not retried. A build that fails is thrown, so Lambda retries it.
 */
export async function handler(event: unknown): Promise<APIGatewayProxyResult | PackageJobResult> {
  return isApiRequest(event) ? api(event) : packageJob(event);
}

export type PackageJobResult =
  | { tenantId: string; status: string; package: OffboardingPackage }
  | ReturnType<LetheError['toBody']>;

const isApiRequest = (event: unknown): event is APIGatewayProxyEvent =>
  typeof event === 'object' && event !== null && 'httpMethod' in event && 'resource' in event;

async function api(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const deps = container();
  return withErrors(deps.logger, async (e) => {
    const route = `${e.httpMethod} ${e.resource}`;
    const tenantId = e.pathParameters?.tenantId ?? '';
    switch (route) {
      case 'POST /v1/tenants/{tenantId}/termination': {
        const result = await terminateTenant(
          { ...deps, packageBuilds: packageBuilds(deps) },
          { tenantId, actor: { user: 'operator', role: 'system', support: false }, from: requestSource(e) },
        );
        deps.logger.info('tenant terminated', {
          tenantId,
          purgeAfter: result.purgeAfter,
          package: result.package.status,
        });
        return json(202, result);
      }
      case 'GET /v1/tenants/{tenantId}/termination': {
        const offboarding = await offboardingOf(deps.directory, tenantId);
        if (!offboarding) throw notFound(`The termination of tenant ${tenantId}`);
        return json(200, await terminationView(deps, offboarding));
      }
      default:
        throw notFound(route);
    }
  })(event);
}

async function packageJob(event: unknown): Promise<PackageJobResult> {
  let job: PackageJobEvent;
  try {
    job = parsePackageJobEvent(event);
  } catch (error) {
    if (error instanceof LetheError) return error.toBody();
    throw error;
  }
  const deps = container();
  try {
    const offboarding = await buildTenantPackage(deps, job.tenantId, job.requestId);
    return { tenantId: offboarding.tenantId, status: offboarding.status, package: offboarding.package };
  } catch (error) {
    if (error instanceof LetheError) return error.toBody();
    throw error;
  }
}
