import { randomUUID } from 'node:crypto';
import { API_OPERATIONS } from '../../functions/shared/openapi/document';
import { HANDLERS, type TenantCredential } from '../../infra/config/handlers';
import { authsOf, type ApiOperation } from '../../functions/shared/openapi/operation';
import { callApi, type ApiRequest } from '../support/api';
import {
  as,
  converse,
  editPolicy,
  fakeMp3,
  ingest,
  newTenant,
  type StaffUser,
  type Tenant,
} from '../integration/admin/support';
import { asGroups } from './staff-token';

/**
 * The authorisation matrix: every operation of the OpenAPI document × every kind of credential ×
 * own or other tenant, each answered with the status one declarative table (MATRIX) says. An
 * operation without a row fails the suite. Tenant A allows vendor support access, tenant B does
 * not; every credential but "support, access off" belongs to A. "key and token" is the ingest key and
 * the admin's token in one request.
 */
const CREDENTIALS = [
  'none',
  'ingest key',
  'operator',
  'admin',
  'manager, own group',
  'manager, other group',
  'advisor, own',
  'advisor, other',
  'support, access on',
  'support, access off',
  'legal',
  'admin+support',
  'key and token',
] as const;
type Credential = (typeof CREDENTIALS)[number];

/** What one tenant holds for the requests: a conversation of group sales handled by agent-sales, a hold, a channel's pending request. */
interface Fixture {
  tenant: Tenant;
  interactionId: string;
  recordingId: string;
  holdId: string;
  channelRequestId: string;
}

interface Row {
  /** Who gets through, with the status they get; everyone else is refused (see `refusal`). */
  ok: Partial<Record<Credential, number>>;
  /** The request, against the target tenant's fixture; `fresh` gives one made for this request only (for what the request uses up). */
  request: (
    target: Fixture,
    fresh: () => Promise<Fixture>,
  ) => Promise<ApiRequest & { path: string }> | (ApiRequest & { path: string });
  /**
   * The path names a resource of the tenant: asked about another tenant's, the credentials that
   * get through answer 404 ('after access'), or everyone with a credential of the right kind does,
   * because the resource is looked up in the caller's tenant before any role check ('before access').
   */
  otherTenant?: 'after access' | 'before access';
}

const STAFF: Credential[] = [
  'admin',
  'manager, own group',
  'manager, other group',
  'advisor, own',
  'advisor, other',
  'support, access on',
  'support, access off',
  'legal',
  'admin+support',
];
const EVERYONE: Credential[] = [...CREDENTIALS];
const only = (status: number, who: readonly Credential[]): Partial<Record<Credential, number>> =>
  Object.fromEntries(who.map((c) => [c, status]));
/** Staff who read within their reach (support only while the tenant allows it; admin+support counts as support). */
const READERS: Credential[] = [
  'admin',
  'manager, own group',
  'advisor, own',
  'support, access on',
  'legal',
  'admin+support',
];
const READERS_TENANT_WIDE: Credential[] = [
  'admin',
  'manager, own group',
  'manager, other group',
  'advisor, own',
  'advisor, other',
  'support, access on',
  'legal',
  'admin+support',
];
const DOWNLOADERS: Credential[] = ['admin', 'manager, own group', 'legal'];
const DOWNLOADERS_TENANT_WIDE: Credential[] = ['admin', 'manager, own group', 'manager, other group', 'legal'];
const DELETERS: Credential[] = ['admin', 'manager, own group'];
const GOVERNORS: Credential[] = ['admin', 'legal'];
const OVERSEERS: Credential[] = ['admin', 'support, access on', 'legal', 'admin+support'];

const now = () => new Date().toISOString();
const CHAT = {
  channel: 'chat',
  startedAt: new Date(Date.now() - 60_000).toISOString(),
  participant: {},
  consent: { storeContent: true, recording: false, gdpr: { granted: true, noticeVersion: 'v1' } },
};
const interaction = (f: Pick<Fixture, 'interactionId'>) => `/v1/interactions/${f.interactionId}`;

const MATRIX: Record<string, Row> = {
  // Channels (API key)
  'POST /v1/interactions': { ok: only(201, ['ingest key']), request: () => ({ path: '/v1/interactions', body: CHAT }) },
  // The fixture's conversation has ended (a line after /end is 409 ENDED): a chat still open, so the access decision is what answers.
  'POST /v1/interactions/{id}/messages': {
    ok: only(201, ['ingest key']),
    otherTenant: 'after access',
    request: async (f) => ({
      path: `/v1/interactions/${await started(f.tenant)}/messages`,
      body: { messages: [{ from: 'visitor', at: now(), text: 'one more line' }] },
    }),
  },
  'POST /v1/interactions/{id}/end': {
    ok: only(200, ['ingest key']),
    otherTenant: 'after access',
    request: async (f) => ({ path: `/v1/interactions/${await started(f.tenant)}/end`, body: { endedAt: now() } }),
  },
  'POST /v1/interactions/{id}/recording': {
    ok: only(201, ['ingest key']),
    otherTenant: 'after access',
    request: (f) => ({ path: `${interaction(f)}/recording`, body: { contentType: 'audio/mpeg' } }),
  },
  'POST /v1/interactions/{id}/recording/{recordingId}/complete': {
    ok: only(200, ['ingest key']),
    otherTenant: 'after access',
    request: (f) => ({ path: `${interaction(f)}/recording/${f.recordingId}/complete`, body: {} }),
  },
  'POST /v1/events': {
    ok: only(200, ['ingest key']),
    request: () => ({
      path: '/v1/events',
      body: {
        events: [
          {
            id: `m-${Date.now()}`,
            type: 'question',
            userType: 'visitor',
            source: 'web',
            environment: 'production',
            at: now(),
            payload: { text: 'Where is my parcel?' },
          },
        ],
      },
    }),
  },
  'POST /v1/surveys': {
    ok: only(201, ['ingest key']),
    request: (f) => ({ path: '/v1/surveys', body: { interactionId: f.interactionId, score: 9 } }),
  },
  'GET /v1/consents/standing': {
    ok: only(200, ['ingest key']),
    request: () => ({ path: '/v1/consents/standing?purpose=recording&email=matrix@example.org' }),
  },
  'POST /v1/consents': {
    ok: only(201, ['ingest key']),
    request: () => ({
      path: '/v1/consents',
      body: {
        subject: { email: 'matrix@example.org' },
        purpose: 'storeContent',
        granted: true,
        noticeVersion: 'v1',
        channel: 'chat',
        at: now(),
      },
    }),
  },

  // Staff (admin token): interactions, decided per interaction
  'GET /v1/interactions/{id}': {
    ok: only(200, READERS),
    otherTenant: 'before access',
    request: (f) => ({ path: interaction(f) }),
  },
  'GET /v1/interactions/{id}/content': {
    ok: only(200, READERS),
    otherTenant: 'before access',
    request: (f) => ({ path: `${interaction(f)}/content` }),
  },
  'GET /v1/interactions/{id}/transcript': {
    ok: only(200, READERS),
    otherTenant: 'before access',
    request: (f) => ({ path: `${interaction(f)}/transcript` }),
  },
  'GET /v1/interactions/{id}/recordings/{recordingId}/play': {
    ok: only(200, READERS),
    otherTenant: 'before access',
    request: (f) => ({ path: `${interaction(f)}/recordings/${f.recordingId}/play` }),
  },
  'GET /v1/interactions/{id}/recordings/{recordingId}/download': {
    ok: only(200, DOWNLOADERS),
    otherTenant: 'before access',
    request: (f) => ({ path: `${interaction(f)}/recordings/${f.recordingId}/download` }),
  },
  // The fixture's conversation is held (a staff delete of it is 409 HELD): one of its own, unheld.
  'DELETE /v1/interactions/{id}/transcript': {
    ok: only(200, DELETERS),
    otherTenant: 'before access',
    request: async (f) => ({ path: `${interaction(await conversation(f.tenant))}/transcript`, method: 'DELETE' }),
  },
  'DELETE /v1/interactions/{id}/recordings/{recordingId}': {
    ok: only(200, DELETERS),
    otherTenant: 'before access',
    request: async (f) => {
      const unheld = await conversation(f.tenant);
      return { path: `${interaction(unheld)}/recordings/${unheld.recordingId}`, method: 'DELETE' };
    },
  },
  'GET /v1/interactions/{id}/surveys': {
    ok: only(200, READERS),
    otherTenant: 'before access',
    request: (f) => ({ path: `${interaction(f)}/surveys` }),
  },
  'GET /v1/interactions/{id}/consents': {
    ok: only(200, GOVERNORS),
    otherTenant: 'before access',
    request: (f) => ({ path: `${interaction(f)}/consents` }),
  },
  // Staff: tenant-level, narrowed to the reach
  'GET /v1/consents': { ok: only(200, GOVERNORS), request: () => ({ path: '/v1/consents?email=matrix@example.org' }) },
  'GET /v1/sweep-history': { ok: only(200, GOVERNORS), request: () => ({ path: '/v1/sweep-history' }) },
  'GET /v1/privacy-kpis': {
    ok: only(200, GOVERNORS),
    request: () => ({ path: `/v1/privacy-kpis?from=${day(-1)}&to=${day(1)}` }),
  },
  'GET /v1/chatbot-events': {
    ok: only(200, GOVERNORS),
    request: () => ({ path: '/v1/chatbot-events?sessionId=matrix-session' }),
  },
  // Access is decided before the event is looked up: the roles allowed learn it does not exist, the others get 403.
  'GET /v1/chatbot-events/{id}': {
    ok: only(404, GOVERNORS),
    request: () => ({ path: '/v1/chatbot-events/matrix-no-such-event' }),
  },
  'GET /v1/me': { ok: only(200, STAFF), request: () => ({ path: '/v1/me' }) },
  'GET /v1/interactions': { ok: only(200, READERS_TENANT_WIDE), request: () => ({ path: '/v1/interactions' }) },
  'GET /v1/interactions/export': {
    ok: only(200, DOWNLOADERS_TENANT_WIDE),
    request: () => ({ path: '/v1/interactions/export?format=csv' }),
  },
  'POST /v1/interactions/bulk-download': {
    ok: only(200, DOWNLOADERS_TENANT_WIDE),
    request: (f) => ({
      path: '/v1/interactions/bulk-download',
      body: { interactionIds: [f.interactionId], content: ['transcript'] },
    }),
  },
  'POST /v1/interactions/bulk-delete': {
    ok: only(200, ['admin', 'manager, own group', 'manager, other group']),
    request: () => ({
      path: '/v1/interactions/bulk-delete',
      body: { interactionIds: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'], content: ['transcript'] },
    }),
  },
  'GET /v1/kpis': {
    ok: only(200, ['admin', 'manager, own group', 'manager, other group', 'support, access on', 'admin+support']),
    request: () => ({ path: `/v1/kpis?from=${day(-1)}&to=${day(1)}` }),
  },
  'GET /v1/policy': { ok: only(200, OVERSEERS), request: () => ({ path: '/v1/policy' }) },
  'GET /v1/policy/revisions': { ok: only(200, OVERSEERS), request: () => ({ path: '/v1/policy/revisions' }) },
  'POST /v1/policy/diff': {
    ok: only(200, ['admin']),
    request: async (f) => ({ path: '/v1/policy/diff', body: await livePolicy(f) }),
  },
  'PUT /v1/policy': {
    ok: only(200, ['admin']),
    request: async (f) => ({ path: '/v1/policy', method: 'PUT', body: await livePolicy(f) }),
  },
  'POST /v1/recipient-secrets': {
    ok: only(201, ['admin']),
    request: () => ({ path: '/v1/recipient-secrets', body: { recipient: 'crm' } }),
  },
  'GET /v1/register': { ok: only(200, OVERSEERS), request: () => ({ path: '/v1/register' }) },
  'GET /v1/audit': { ok: only(200, GOVERNORS), request: () => ({ path: '/v1/audit' }) },
  // Staff profiles: the tenant's admins only; another tenant's staff user reads as missing
  'GET /v1/staff': { ok: only(200, ['admin']), request: () => ({ path: '/v1/staff' }) },
  'POST /v1/staff': {
    ok: only(201, ['admin']),
    request: () => ({ path: '/v1/staff', body: { email: `matrix-${randomUUID()}@example.org`, role: 'advisor' } }),
  },
  'PUT /v1/staff/{userId}/role': {
    ok: only(200, ['admin']),
    otherTenant: 'after access',
    request: async (f) => ({ path: `/v1/staff/${await staffMember(f)}/role`, method: 'PUT', body: { role: 'legal' } }),
  },
  'POST /v1/staff/{userId}/disable': {
    ok: only(200, ['admin']),
    otherTenant: 'after access',
    request: async (f) => ({ path: `/v1/staff/${await staffMember(f)}/disable`, method: 'POST' }),
  },
  'DELETE /v1/staff/{userId}': {
    ok: only(200, ['admin']),
    otherTenant: 'after access',
    request: async (f) => ({ path: `/v1/staff/${await staffMember(f)}`, method: 'DELETE' }),
  },
  // Governance: subject requests (staff or the channel), holds, litigation archive, archive tier
  'POST /v1/subject-requests': {
    ok: { ...only(202, GOVERNORS), 'ingest key': 202 },
    request: () => ({
      path: '/v1/subject-requests',
      body: { type: 'export', identifiers: { email: 'nobody-in-the-matrix@example.org' }, options: {} },
    }),
  },
  'GET /v1/subject-requests': { ok: only(200, GOVERNORS), request: () => ({ path: '/v1/subject-requests' }) },
  'GET /v1/subject-requests/{requestId}': {
    ok: { ...only(200, GOVERNORS), 'ingest key': 200 },
    otherTenant: 'after access',
    request: (f) => ({ path: `/v1/subject-requests/${f.channelRequestId}` }),
  },
  'DELETE /v1/subject-requests/{requestId}': {
    ok: { ...only(200, GOVERNORS), 'ingest key': 200 },
    otherTenant: 'after access',
    request: async (_f, fresh) => ({
      path: `/v1/subject-requests/${(await fresh()).channelRequestId}`,
      method: 'DELETE',
    }),
  },
  'POST /v1/subject-requests/{requestId}/confirm': {
    ok: only(202, ['admin']),
    otherTenant: 'after access',
    request: async (_f, fresh) => ({
      path: `/v1/subject-requests/${(await fresh()).channelRequestId}/confirm`,
      method: 'POST',
    }),
  },
  'POST /v1/subject-requests/{requestId}/extension': {
    ok: only(200, GOVERNORS),
    otherTenant: 'after access',
    request: async (f) => ({
      path: `/v1/subject-requests/${await channelRequest(f.tenant)}/extension`,
      body: { months: 1, reason: 'matrix: the records span several systems' },
    }),
  },
  'POST /v1/holds': {
    ok: only(201, GOVERNORS),
    request: (f) => ({ path: '/v1/holds', body: { interactionId: f.interactionId, reason: 'matrix case 1' } }),
  },
  'GET /v1/holds': { ok: only(200, GOVERNORS), request: () => ({ path: '/v1/holds' }) },
  'POST /v1/holds/{holdId}/release': {
    ok: only(200, GOVERNORS),
    otherTenant: 'after access',
    request: async (_f, fresh) => ({ path: `/v1/holds/${(await fresh()).holdId}/release`, method: 'POST' }),
  },
  'GET /v1/litigation/batches': { ok: only(200, GOVERNORS), request: () => ({ path: '/v1/litigation/batches' }) },
  // No batch is sealed in these tenants: the legal role gets through to a 404.
  'POST /v1/litigation/batches/{batchId}/retrievals': {
    ok: only(404, ['legal']),
    request: () => ({ path: '/v1/litigation/batches/01ARZ3NDEKTSV4RRFFQ69G5FAV/retrievals', method: 'POST' }),
  },
  'GET /v1/archive/{class}': { ok: only(200, GOVERNORS), request: () => ({ path: '/v1/archive/transcript' }) },
  'GET /v1/archive/{class}/months': {
    ok: only(200, GOVERNORS),
    request: () => ({ path: '/v1/archive/event/months' }),
  },
  // Public
  'GET /v1/openapi.json': { ok: only(200, EVERYONE), request: () => ({ path: '/v1/openapi.json' }) },
  'GET /v1/health': { ok: only(200, EVERYONE), request: () => ({ path: '/v1/health' }) },
  // Operators (IAM in AWS, the operator key locally); account-wide, so no other tenant
  'POST /v1/tenants': {
    ok: only(201, ['operator']),
    request: () => ({ path: '/v1/tenants', body: { name: 'Matrix operator', preset: 'puzzel' } }),
  },
  'POST /v1/tenants/{tenantId}/termination': {
    ok: only(202, ['operator']),
    request: async () => ({
      path: `/v1/tenants/${(await newTenant('puzzel', 'Matrix termination')).tenantId}/termination`,
      method: 'POST',
    }),
  },
  'GET /v1/tenants/{tenantId}/termination': {
    ok: only(404, ['operator']),
    request: (f) => ({ path: `/v1/tenants/${f.tenant.tenantId}/termination` }),
  },
  'POST /v1/tenants/{tenantId}/name-prefix-backfill': {
    ok: only(200, ['operator']),
    request: (f) => ({ path: `/v1/tenants/${f.tenant.tenantId}/name-prefix-backfill`, method: 'POST' }),
  },
  'POST /v1/sweeps': {
    ok: only(200, ['operator']),
    request: (f) => ({ path: '/v1/sweeps', body: { tenantId: f.tenant.tenantId, dryRun: true } }),
  },
};

/** The one credential the route's handler takes (infra/config/handlers.ts), or undefined when it takes either or is not a tenant route. */
function credentialTaken(op: ApiOperation): TenantCredential | undefined {
  const method = op.method.toUpperCase();
  return HANDLERS.find((h) => h.routes?.some((r) => r.method === method && r.path === op.path))?.tenantCredential;
}

/**
 * How a credential that does not get through is refused: no credentials 401 (403 on IAM routes,
 * as API Gateway answers a missing signature); the operator key alone carries no token or API key
 * (401), nor do both credentials at once (401); a credential of the wrong kind 401 where the route
 * takes one credential only (the cached authorizer keys on it, docs/admin-api.md "Errors"), 403
 * elsewhere; a role the action does not allow 403.
 */
function refusal(op: ApiOperation, credential: Credential): number {
  if (credential === 'none') return authsOf(op).includes('iam') ? 403 : 401;
  if (credential === 'operator') return 401;
  // The authorizer decides on one credential only; an IAM route asks for a signature whatever else is sent.
  if (credential === 'key and token') return authsOf(op).includes('iam') ? 403 : 401;
  const taken = credentialTaken(op);
  const kind: TenantCredential = credential === 'ingest key' ? 'api-key' : 'admin-token';
  return taken !== undefined && taken !== kind ? 401 : 403;
}

function expectedStatus(
  op: ApiOperation,
  row: Row,
  credential: Credential,
  target: 'own tenant' | 'other tenant',
): number {
  const granted = row.ok[credential];
  if (target === 'own tenant') return granted ?? refusal(op, credential);
  const rightKind =
    credential === 'ingest key'
      ? authsOf(op).includes('apiKey')
      : STAFF.includes(credential) && authsOf(op).includes('admin');
  if (row.otherTenant === 'before access' && rightKind) return 404;
  return granted !== undefined ? 404 : refusal(op, credential);
}

const routeOf = (op: ApiOperation) => `${op.method.toUpperCase()} ${op.path}`;

let tenantA: Tenant;
let tenantB: Tenant;
const fixtures = new Map<Tenant, Fixture>();

const staffOf = (
  tenant: Tenant,
): Record<Exclude<Credential, 'none' | 'ingest key' | 'operator' | 'admin+support' | 'key and token'>, StaffUser> => ({
  admin: { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin', group: 'admins' },
  'manager, own group': { tenantId: tenant.tenantId, role: 'manager', user: 'u-manager-sales', group: 'sales' },
  'manager, other group': { tenantId: tenant.tenantId, role: 'manager', user: 'u-manager-billing', group: 'billing' },
  'advisor, own': { tenantId: tenant.tenantId, role: 'advisor', user: 'agent-sales', group: 'sales' },
  'advisor, other': { tenantId: tenant.tenantId, role: 'advisor', user: 'agent-billing', group: 'billing' },
  'support, access on': { tenantId: tenant.tenantId, role: 'support', user: 'vendor-support' },
  'support, access off': { tenantId: tenant.tenantId, role: 'support', user: 'vendor-support' },
  legal: { tenantId: tenant.tenantId, role: 'legal', user: 'counsel' },
});

/** Calls as `credential`, whose home tenant is `home`. */
async function callAs(credential: Credential, home: Tenant, request: ApiRequest & { path: string }) {
  const { path, ...rest } = request;
  if (credential === 'none') return callApi(path, rest);
  if (credential === 'operator') return callApi(path, { ...rest, operator: true });
  if (credential === 'ingest key')
    return callApi(path, { ...rest, headers: { 'x-api-key': home.apiKey, ...rest.headers } });
  if (credential === 'key and token')
    return as(staffOf(home).admin, path, { ...rest, headers: { 'x-api-key': home.apiKey, ...rest.headers } });
  if (credential === 'admin+support')
    return asGroups({ tenantId: home.tenantId, groups: ['admin', 'support'], user: 'vendor-admin' }, path, rest);
  return as(staffOf(home)[credential], path, rest);
}

/** A conversation of group sales handled by agent-sales, with its recording, in `tenant`. */
async function conversation(tenant: Tenant): Promise<{ interactionId: string; recordingId: string }> {
  const { interactionId } = await converse(tenant, {
    group: 'sales',
    agent: 'agent-sales',
    queue: 'q1',
    messages: ['hello', 'hi there'],
    audio: fakeMp3('matrix'),
  });
  const content = await as<{ recordings: Array<{ recordingId: string }> }>(
    staffOf(tenant).admin,
    `/v1/interactions/${interactionId}/content`,
  );
  return { interactionId, recordingId: content.body.recordings[0].recordingId };
}

/** A channel's subject request in `tenant`, pending verification. */
async function channelRequest(tenant: Tenant): Promise<string> {
  return (
    await ingest<{ requestId: string }>(tenant, '/v1/subject-requests', {
      type: 'erase',
      identifiers: { email: 'matrix-subject@example.org' },
      options: {},
    })
  ).requestId;
}

/** A conversation, a hold on it and a channel's pending subject request, in `tenant`. */
async function fixtureOf(tenant: Tenant): Promise<Fixture> {
  const { interactionId, recordingId } = await conversation(tenant);
  const hold = await as<{ holdId: string }>(staffOf(tenant).admin, '/v1/holds', {
    body: { interactionId, reason: 'matrix fixture' },
  });
  return {
    tenant,
    interactionId,
    recordingId,
    holdId: hold.body.holdId,
    channelRequestId: await channelRequest(tenant),
  };
}

/** A chat just started in `tenant` and not yet ended (the fixture's has ended). */
async function started(tenant: Tenant): Promise<string> {
  return (await ingest<{ interactionId: string }>(tenant, '/v1/interactions', CHAT)).interactionId;
}

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A staff user of the fixture's tenant made for one request, invited by its admin. */
async function staffMember(f: Fixture): Promise<string> {
  const made = await as<{ userId: string }>(staffOf(f.tenant).admin, '/v1/staff', {
    method: 'POST',
    body: { email: `matrix-${randomUUID()}@example.org`, role: 'advisor' },
  });
  if (made.status !== 201) throw new Error(`staff creation answered ${made.status}`);
  return made.body.userId;
}

async function livePolicy(f: Fixture): Promise<unknown> {
  return (await as<{ policy: unknown }>(staffOf(f.tenant).admin, '/v1/policy')).body.policy;
}

beforeAll(async () => {
  tenantA = await newTenant('puzzel', 'Matrix A');
  tenantB = await newTenant('puzzel', 'Matrix B');
  const enabled = await editPolicy(staffOf(tenantA).admin, (p) => {
    p.access.supportAccess = true;
  });
  expect(enabled.status).toBe(200);
  fixtures.set(tenantA, await fixtureOf(tenantA));
  fixtures.set(tenantB, await fixtureOf(tenantB));
}, 120_000);

describe('the matrix covers the API', () => {
  it('every operation of the OpenAPI document has a row, and every row an operation', () => {
    // Act
    const documented = API_OPERATIONS.map(routeOf).sort();
    // Assess
    expect(Object.keys(MATRIX).sort()).toEqual(documented);
  });
});

describe.each(API_OPERATIONS.map((op) => [routeOf(op), op] as const))('%s', (route, op) => {
  const row = MATRIX[route];
  const targets = (row?.otherTenant ? ['own tenant', 'other tenant'] : ['own tenant']) as Array<
    'own tenant' | 'other tenant'
  >;
  it.each(CREDENTIALS.flatMap((credential) => targets.map((target) => [credential, target] as const)))(
    '%s, %s',
    async (credential, target) => {
      // Prepare
      if (!row) throw new Error(`${route} has no row in the authorisation matrix`);
      const home = credential === 'support, access off' ? tenantB : tenantA;
      const addressed = target === 'own tenant' ? home : home === tenantA ? tenantB : tenantA;
      const request = await row.request(fixtures.get(addressed)!, () => fixtureOf(addressed));
      // Act
      const res = await callAs(credential, home, request);
      // Assess
      expect({ route, credential, target, status: res.status }).toEqual({
        route,
        credential,
        target,
        status: expectedStatus(op, row, credential, target),
      });
    },
  );
});
