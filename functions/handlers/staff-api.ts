import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { container } from '../shared/container';
import { adminRequestOf } from '../shared/admin-access';
import { json, parseJsonBody, routeFor, withErrors } from '../shared/http';
import { staffDepsOf } from '../shared/staff-wiring';
import type { AdminRequest } from '../usecases/admin/admin-request';
import {
  createStaff,
  deleteStaff,
  disableStaff,
  listStaff,
  setStaffRole,
  type StaffDeps,
} from '../usecases/staff/staff-admin';

/**
 * Staff profiles (Bearer admin token, `staff.manage`: the tenant's admins): list, invite, move to
 * another role, disable and delete the tenant's staff users in the user directory (Cognito in AWS).
 * Its own function, so only it holds the Cognito admin grant. Docs: docs/admin-api.md.
 */
const MAX_BODY_BYTES = 4 * 1024;

interface Call {
  deps: StaffDeps;
  request: AdminRequest;
  event: APIGatewayProxyEvent;
  userId?: string;
}

const ROUTES: Record<string, (call: Call) => Promise<APIGatewayProxyResult>> = {
  'GET /v1/staff': async ({ deps, request }) => json(200, await listStaff(deps, request)),
  'POST /v1/staff': async ({ deps, request, event }) =>
    json(201, await createStaff(deps, request, parseJsonBody(event, MAX_BODY_BYTES))),
  'PUT /v1/staff/{userId}/role': async ({ deps, request, event, userId }) =>
    json(200, await setStaffRole(deps, request, userId, parseJsonBody(event, MAX_BODY_BYTES))),
  'POST /v1/staff/{userId}/disable': async ({ deps, request, userId }) =>
    json(200, await disableStaff(deps, request, userId)),
  'DELETE /v1/staff/{userId}': async ({ deps, request, userId }) => json(200, await deleteStaff(deps, request, userId)),
};

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const c = container();
  return withErrors(c.logger, async (e) => {
    const { route } = routeFor(ROUTES, e);
    return route({
      deps: staffDepsOf(c),
      request: adminRequestOf(e, 'Staff routes'),
      event: e,
      userId: e.pathParameters?.userId,
    });
  })(event);
}
