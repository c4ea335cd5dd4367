import { as, converse, editPolicy, newTenant, type StaffUser, type Tenant } from '../integration/admin/support';
import { asGroups, type GroupsUser } from './staff-token';

/**
 * Vendor support is read-only on every route (finding M1): a token in the groups [admin, support]
 * is support wherever it goes, so the archive, holds and litigation routes answer it as they
 * answer support, and the tenant's support-access setting counts there too.
 */
let tenant: Tenant;
let interactionId: string;
let admin: StaffUser;
let adminSupport: GroupsUser;

const GOVERNANCE_ROUTES = (holdId: string) => [
  { route: 'GET /v1/archive/{class}', path: '/v1/archive/transcript', request: {} },
  { route: 'GET /v1/holds', path: '/v1/holds', request: {} },
  { route: 'POST /v1/holds', path: '/v1/holds', request: { body: { interactionId, reason: 'case 12' } } },
  { route: 'POST /v1/holds/{holdId}/release', path: `/v1/holds/${holdId}/release`, request: { method: 'POST' } },
  { route: 'GET /v1/litigation/batches', path: '/v1/litigation/batches', request: {} },
  {
    route: 'POST /v1/litigation/batches/{batchId}/retrievals',
    path: '/v1/litigation/batches/01HBATCHAAAAAAAAAAAAAAAAAA/retrievals',
    request: { method: 'POST' },
  },
];

beforeAll(async () => {
  tenant = await newTenant('puzzel', 'Support read-only');
  admin = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
  adminSupport = { tenantId: tenant.tenantId, groups: ['admin', 'support'], user: 'vendor-admin' };
  ({ interactionId } = await converse(tenant, { group: 'sales', agent: 'agent-1', messages: ['hello'] }));
});

describe('an admin who is also in the support group is read-only support on every route', () => {
  it.each([false, true])(
    'with support access %s in the policy, changes nothing and opens no archive',
    async (supportAccess) => {
      // Prepare
      const edited = await editPolicy(admin, (p) => {
        p.access.supportAccess = supportAccess;
      });
      expect(edited.status).toBe(200);
      const placed = await as<{ holdId: string }>(admin, '/v1/holds', { body: { interactionId, reason: 'case 11' } });
      expect(placed.status).toBe(201);
      // Act
      const statuses = [];
      for (const { route, path, request } of GOVERNANCE_ROUTES(placed.body.holdId))
        statuses.push([route, (await asGroups(adminSupport, path, request)).status]);
      // Assess
      expect(statuses).toEqual(GOVERNANCE_ROUTES(placed.body.holdId).map(({ route }) => [route, 403]));
      const holds = await as<{ holds: Array<{ holdId: string; reason: string; releasedAt?: string }> }>(
        admin,
        '/v1/holds',
      );
      expect(holds.body.holds.filter((h) => !h.releasedAt).map((h) => h.holdId)).toContain(placed.body.holdId);
      expect(holds.body.holds.every((h) => h.reason !== 'case 12')).toBe(true);
    },
  );

  it('is refused the interaction search while support access is off, as before', async () => {
    // Prepare
    await editPolicy(admin, (p) => {
      p.access.supportAccess = false;
    });
    // Act
    const search = await asGroups(adminSupport, '/v1/interactions');
    // Assess
    expect(search.status).toBe(403);
  });

  it('the same routes still answer a plain admin', async () => {
    // Act
    const statuses = await Promise.all(
      ['/v1/archive/transcript', '/v1/holds', '/v1/litigation/batches'].map(
        async (path) => (await as(admin, path)).status,
      ),
    );
    // Assess
    expect(statuses).toEqual([200, 200, 200]);
  });
});
