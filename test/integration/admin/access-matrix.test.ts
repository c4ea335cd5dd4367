import { ADMIN_ROLES, type AdminRole } from '../../../functions/domain/access/admin-roles';
import { callApi } from '../../support/api';
import { as, converse, editPolicy, fakeMp3, newTenant, type StaffUser, type Tenant } from './support';

/**
 * Every admin route × role × own/other tenant × own/other group: what is not allowed is denied,
 * with a 403 inside the tenant and a 404 (worded as a miss) for another tenant's interaction.
 * Tenant A allows vendor support access; tenant B does not.
 */
type Target = 'own group' | 'other group' | 'other tenant';
const TARGETS: Target[] = ['own group', 'other group', 'other tenant'];
/** Roles that reach the whole tenant; a manager reaches their group, an advisor what they handled. */
const TENANT_WIDE: AdminRole[] = ['admin', 'support', 'legal'];

const staff = (tenantId: string, role: AdminRole): StaffUser =>
  ({
    admin: { tenantId, role, user: 'u-admin', group: 'admins' },
    manager: { tenantId, role, user: 'u-manager', group: 'sales' },
    advisor: { tenantId, role, user: 'agent-sales', group: 'sales' },
    support: { tenantId, role, user: 'vendor-support' },
    legal: { tenantId, role, user: 'counsel' },
  })[role];

interface Conv {
  interactionId: string;
  recordingId: string;
}

let tenantA: Tenant;
let tenantB: Tenant;
/** Handled by agent-sales in group sales, and by agent-billing in group billing. */
let sales: Conv;
let billing: Conv;

const conversation = async (group: 'sales' | 'billing'): Promise<Conv> => {
  const c = await converse(tenantA, {
    group,
    agent: `agent-${group}`,
    queue: 'q1',
    participant: { phone: '+46701112233' },
    messages: ['hello', 'hi there'],
    audio: fakeMp3(group),
  });
  return { interactionId: c.interactionId, recordingId: c.recordingId! };
};

/** Who asks and about which interaction: a user of A (own or other group) or of B (other tenant). */
const caseOf = (role: AdminRole, target: Target, convs: { own: Conv; other: Conv }) => ({
  user: staff(target === 'other tenant' ? tenantB.tenantId : tenantA.tenantId, role),
  conv: target === 'other group' ? convs.other : convs.own,
});

/** 200 when the role may and the interaction is within its reach; 403 inside the tenant otherwise; 404 across tenants. */
function expected(role: AdminRole, target: Target, allowed: readonly AdminRole[]): number {
  if (target === 'other tenant') return 404;
  if (!allowed.includes(role)) return 403;
  return target === 'own group' || TENANT_WIDE.includes(role) ? 200 : 403;
}

beforeAll(async () => {
  tenantA = await newTenant('puzzel', 'Matrix A');
  tenantB = await newTenant('puzzel', 'Matrix B');
  const enabled = await editPolicy(staff(tenantA.tenantId, 'admin'), (p) => {
    p.access.supportAccess = true;
  });
  expect(enabled.status).toBe(200);
  sales = await conversation('sales');
  billing = await conversation('billing');
});

const ALL: AdminRole[] = [...ADMIN_ROLES];
const DOWNLOADERS: AdminRole[] = ['admin', 'manager', 'legal'];
const DELETERS: AdminRole[] = ['admin', 'manager'];

const READS: Array<{ route: string; path: (c: Conv) => string; allowed: AdminRole[] }> = [
  { route: 'GET /v1/interactions/{id}', path: (c) => `/v1/interactions/${c.interactionId}`, allowed: ALL },
  {
    route: 'GET /v1/interactions/{id}/content',
    path: (c) => `/v1/interactions/${c.interactionId}/content`,
    allowed: ALL,
  },
  {
    route: 'GET /v1/interactions/{id}/surveys',
    path: (c) => `/v1/interactions/${c.interactionId}/surveys`,
    allowed: ALL,
  },
  {
    route: 'GET /v1/interactions/{id}/transcript',
    path: (c) => `/v1/interactions/${c.interactionId}/transcript`,
    allowed: ALL,
  },
  {
    route: 'GET /v1/interactions/{id}/transcript?format=xml',
    path: (c) => `/v1/interactions/${c.interactionId}/transcript?format=xml`,
    allowed: DOWNLOADERS,
  },
  {
    route: 'GET /v1/interactions/{id}/recordings/{recordingId}/play',
    path: (c) => `/v1/interactions/${c.interactionId}/recordings/${c.recordingId}/play`,
    allowed: ALL,
  },
  {
    route: 'GET /v1/interactions/{id}/recordings/{recordingId}/download',
    path: (c) => `/v1/interactions/${c.interactionId}/recordings/${c.recordingId}/download`,
    allowed: DOWNLOADERS,
  },
];

describe.each(READS)('$route', ({ path, allowed }) => {
  it.each(ALL.flatMap((role) => TARGETS.map((target) => [role, target] as const)))(
    '%s on an interaction of the %s',
    async (role, target) => {
      // Prepare
      const { user, conv } = caseOf(role, target, { own: sales, other: billing });
      // Act
      const res = await as<{ error?: { code: string; message: string } }>(user, path(conv));
      // Assess
      expect(res.status).toBe(expected(role, target, allowed));
      if (res.status === 404) expect(res.body.error?.message).toBe(`Interaction ${conv.interactionId} was not found.`);
    },
  );
});

const DELETES: Array<{
  route: string;
  path: (c: Conv) => string;
  gone: (after: { transcript: { messages: number }; recordings: unknown[] }) => boolean;
}> = [
  {
    route: 'DELETE /v1/interactions/{id}/transcript',
    path: (c) => `/v1/interactions/${c.interactionId}/transcript`,
    gone: (after) => after.transcript.messages === 0,
  },
  {
    route: 'DELETE /v1/interactions/{id}/recordings/{recordingId}',
    path: (c) => `/v1/interactions/${c.interactionId}/recordings/${c.recordingId}`,
    gone: (after) => after.recordings.length === 0,
  },
];

describe.each(DELETES)('$route', ({ path, gone }) => {
  it.each(ALL.flatMap((role) => TARGETS.map((target) => [role, target] as const)))(
    '%s on an interaction of the %s',
    async (role, target) => {
      // Prepare: fresh content to delete
      const { user, conv } = caseOf(role, target, {
        own: await conversation('sales'),
        other: await conversation('billing'),
      });
      const status = expected(role, target, DELETERS);
      // Act
      const res = await as(user, path(conv), { method: 'DELETE' });
      // Assess: deleted exactly when allowed
      expect(res.status).toBe(status);
      const after = await as<{ transcript: { messages: number }; recordings: unknown[] }>(
        staff(tenantA.tenantId, 'admin'),
        `/v1/interactions/${conv.interactionId}/content`,
      );
      expect(gone(after.body)).toBe(status === 200);
    },
  );
});

const TENANT_ROUTES: Array<{ route: string; call: (u: StaffUser) => ReturnType<typeof as>; allowed: AdminRole[] }> = [
  { route: 'GET /v1/me', call: (u) => as(u, '/v1/me'), allowed: ALL },
  { route: 'GET /v1/interactions', call: (u) => as(u, '/v1/interactions'), allowed: ALL },
  {
    route: 'GET /v1/interactions/export',
    call: (u) => as(u, '/v1/interactions/export?format=csv'),
    allowed: DOWNLOADERS,
  },
  {
    route: 'GET /v1/kpis',
    call: (u) => as(u, `/v1/kpis?from=${day(-1)}&to=${day(1)}`),
    allowed: ['admin', 'manager', 'support'],
  },
  { route: 'GET /v1/policy', call: (u) => as(u, '/v1/policy'), allowed: ['admin', 'support', 'legal'] },
  {
    route: 'GET /v1/policy/revisions',
    call: (u) => as(u, '/v1/policy/revisions'),
    allowed: ['admin', 'support', 'legal'],
  },
  {
    route: 'POST /v1/policy/diff',
    call: async (u) => as(u, '/v1/policy/diff', { body: await livePolicy(u.tenantId) }),
    allowed: ['admin'],
  },
  {
    route: 'PUT /v1/policy',
    call: async (u) => as(u, '/v1/policy', { method: 'PUT', body: await livePolicy(u.tenantId) }),
    allowed: ['admin'],
  },
  { route: 'GET /v1/register', call: (u) => as(u, '/v1/register'), allowed: ['admin', 'support', 'legal'] },
  { route: 'GET /v1/audit', call: (u) => as(u, '/v1/audit'), allowed: ['admin', 'legal'] },
  { route: 'GET /v1/sweep-history', call: (u) => as(u, '/v1/sweep-history'), allowed: ['admin', 'legal'] },
  { route: 'GET /v1/staff', call: (u) => as(u, '/v1/staff'), allowed: ['admin'] },
  {
    route: 'GET /v1/chatbot-events',
    call: (u) => as(u, '/v1/chatbot-events?sessionId=bot-session-1'),
    allowed: ['admin', 'legal'],
  },
  {
    route: 'GET /v1/archive/{class}/months',
    call: (u) => as(u, '/v1/archive/event/months'),
    allowed: ['admin', 'legal'],
  },
  {
    route: 'GET /v1/privacy-kpis',
    call: (u) => as(u, '/v1/privacy-kpis?from=2026-03-01&to=2026-03-31'),
    allowed: ['admin', 'legal'],
  },
  {
    route: 'POST /v1/interactions/bulk-download',
    call: (u) =>
      as(u, '/v1/interactions/bulk-download', {
        body: { interactionIds: [sales.interactionId], content: ['transcript'] },
      }),
    allowed: DOWNLOADERS,
  },
  {
    route: 'POST /v1/interactions/bulk-delete',
    call: (u) =>
      as(u, '/v1/interactions/bulk-delete', {
        body: { interactionIds: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'], content: ['transcript'] },
      }),
    allowed: DELETERS,
  },
];

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

async function livePolicy(tenantId: string): Promise<unknown> {
  return (await as<{ policy: unknown }>(staff(tenantId, 'admin'), '/v1/policy')).body.policy;
}

describe.each(TENANT_ROUTES)('$route', ({ route, call, allowed }) => {
  it.each(ALL)('%s of a tenant that allows support access', async (role) => {
    const res = await call(staff(tenantA.tenantId, role));
    expect([role, res.status]).toEqual([role, allowed.includes(role) ? 200 : 403]);
  });

  it.each(ALL)('%s of a tenant that does not allow support access', async (role) => {
    const res = await call(staff(tenantB.tenantId, role));
    // Support of a tenant without support access learns who they are, and nothing else.
    const status = role === 'support' ? (route === 'GET /v1/me' ? 200 : 403) : allowed.includes(role) ? 200 : 403;
    expect([role, res.status]).toEqual([role, status]);
  });
});

describe('isolation between tenants', () => {
  it("another tenant's users find none of its interactions, by phone or by time, and none of its audit entries", async () => {
    // Act
    const byPhone = await as<{ items: unknown[] }>(
      staff(tenantB.tenantId, 'admin'),
      '/v1/interactions?phone=%2B46701112233',
    );
    const byTime = await as<{ items: unknown[] }>(staff(tenantB.tenantId, 'admin'), '/v1/interactions');
    const audit = await as<{ items: Array<{ interactionId?: string }> }>(
      staff(tenantB.tenantId, 'legal'),
      `/v1/audit?interactionId=${sales.interactionId}`,
    );
    // Assess
    expect(byPhone.body.items).toEqual([]);
    expect(byTime.body.items).toEqual([]);
    expect(audit.body.items).toEqual([]);
  });

  it("a manager's search holds their group only, an advisor's only what they handled", async () => {
    // Act
    const ids = async (role: AdminRole) =>
      (
        await as<{ items: Array<{ interactionId: string; group: string; agent: string }> }>(
          staff(tenantA.tenantId, role),
          '/v1/interactions?limit=200',
        )
      ).body.items;
    const [admin, manager, advisor] = [await ids('admin'), await ids('manager'), await ids('advisor')];
    // Assess
    expect(admin.map((i) => i.interactionId)).toEqual(
      expect.arrayContaining([sales.interactionId, billing.interactionId]),
    );
    expect(manager.map((i) => i.interactionId)).toContain(sales.interactionId);
    expect(new Set(manager.map((i) => i.group))).toEqual(new Set(['sales']));
    expect(new Set(advisor.map((i) => i.agent))).toEqual(new Set(['agent-sales']));
  });

  it('bulk requests report each interaction outside the reach as forbidden and another tenant’s as not found', async () => {
    // Prepare
    const foreign = await converse(tenantB, { group: 'sales', messages: ['x'] });
    // Act
    const res = await as<{ results: Array<{ interactionId: string; status: string }> }>(
      staff(tenantA.tenantId, 'manager'),
      '/v1/interactions/bulk-download',
      {
        body: {
          interactionIds: [sales.interactionId, billing.interactionId, foreign.interactionId],
          content: ['transcript'],
        },
      },
    );
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.status)).toEqual(['done', 'forbidden', 'not-found']);
  });

  it('an ingest API key opens no admin route (the admin authorizer keys on Authorization: 401), and no credentials get a 401', async () => {
    const withKey = await callApi(`/v1/interactions/${sales.interactionId}`, {
      headers: { 'x-api-key': tenantA.apiKey },
    });
    const anonymous = await callApi('/v1/interactions');
    expect(withKey.status).toBe(401);
    expect(anonymous.status).toBe(401);
  });
});
