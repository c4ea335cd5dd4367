import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { callApi } from '../support/api';
import { env } from '../support/emulators';
import { as, newTenant, type StaffUser } from '../integration/admin/support';

/**
 * The local runtime takes any query key and header name as data (finding L2), and its logs name
 * route templates, never the paths and queries sent (finding L3).
 */
const CANARY = `canary-${randomUUID()}@example.org`;
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
let admin: StaffUser;

beforeAll(async () => {
  const tenant = await newTenant('puzzel', 'Local runtime requests');
  admin = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
});

describe('query keys named like Object.prototype members', () => {
  it.each(PROTOTYPE_NAMES)('?%s=1 is served, not a 500', async (name) => {
    // Act
    const health = await callApi(`/v1/health?${name}=1`);
    const search = await as(admin, `/v1/interactions?${name}=1`);
    // Assess
    expect(health.status).toBe(200);
    expect(search.status).toBe(400);
  });
});

describe('the local runtime log', () => {
  it('names the route template of every request, never an identifier sent in the path or query', async () => {
    // Prepare
    const logBefore = readFileSync(env('LETHE_LOCAL_STACK_LOG'), 'utf8').length;
    // Act
    const answers = [
      (await as(admin, `/v1/interactions/${encodeURIComponent(CANARY)}?email=${encodeURIComponent(CANARY)}`)).status,
      (
        await as(
          admin,
          `/v1/interactions?email=${encodeURIComponent(CANARY)}&constructor=${encodeURIComponent(CANARY)}`,
        )
      ).status,
      (await callApi(`/v1/no-such-route/${encodeURIComponent(CANARY)}?q=${encodeURIComponent(CANARY)}`)).status,
      (await callApi(`/_local/${encodeURIComponent(CANARY)}`)).status,
    ];
    await new Promise((r) => setTimeout(r, 200));
    const log = readFileSync(env('LETHE_LOCAL_STACK_LOG'), 'utf8').slice(logBefore);
    // Assess
    expect(answers.every((status) => status < 500)).toBe(true);
    expect(log).toContain('GET /v1/interactions/{id} →');
    expect(log).not.toContain(CANARY);
    expect(log).not.toContain(encodeURIComponent(CANARY));
    expect(log).not.toContain('canary-');
  });
});
