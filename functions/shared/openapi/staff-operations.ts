import {
  NewStaffSchema,
  StaffDeletedSchema,
  StaffListSchema,
  StaffProfileSchema,
  StaffRoleChangeSchema,
} from '../../usecases/staff/staff-schemas';
import type { ApiOperation } from './operation';

const STAFF_ID = {
  userId: {
    description: "the staff user's directory id (Cognito sub, a UUID)",
    schema: { type: 'string', format: 'uuid' },
  },
};
const NOT_YOURS = "not a staff user of the caller's tenant";
const SELF = "the caller's own profile (another admin must change, disable or delete it)";

/** Staff profiles (iAdvize: create, modify, delete profiles): the tenant's admins manage its staff users. */
export const STAFF_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/staff',
    summary: "The tenant's staff users with their role, agent group and whether they may sign in (admin).",
    auth: 'admin',
    ok: { status: 200, description: 'every staff user of the tenant, by e-mail', schema: StaffListSchema },
    errors: {},
  },
  {
    method: 'post',
    path: '/v1/staff',
    summary:
      'Invites a staff user into the tenant with a role (a manager also names their agent group); the directory e-mails a temporary password (admin, audited by user id).',
    auth: 'admin',
    body: NewStaffSchema,
    ok: { status: 201, description: 'the new staff profile', schema: StaffProfileSchema },
    errors: { 409: 'a staff user with that e-mail already exists' },
  },
  {
    method: 'put',
    path: '/v1/staff/{userId}/role',
    summary: 'Moves a staff user of the tenant to another role and agent group (admin, audited).',
    auth: 'admin',
    body: StaffRoleChangeSchema,
    pathParams: STAFF_ID,
    ok: { status: 200, description: 'the changed profile', schema: StaffProfileSchema },
    errors: { 404: NOT_YOURS, 409: SELF },
  },
  {
    method: 'post',
    path: '/v1/staff/{userId}/disable',
    summary: 'Disables a staff user of the tenant: they can no longer sign in; the profile stays (admin, audited).',
    auth: 'admin',
    pathParams: STAFF_ID,
    ok: { status: 200, description: 'the disabled profile', schema: StaffProfileSchema },
    errors: { 404: NOT_YOURS, 409: SELF },
  },
  {
    method: 'delete',
    path: '/v1/staff/{userId}',
    summary: 'Deletes a staff user of the tenant from the user directory (admin, audited).',
    auth: 'admin',
    pathParams: STAFF_ID,
    ok: { status: 200, description: 'the user is gone', schema: StaffDeletedSchema },
    errors: { 404: NOT_YOURS, 409: SELF },
  },
];
