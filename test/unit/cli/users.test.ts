import { startFakeApi } from './fake-api';
import { lethe, withEnv } from './run-lethe';

const ROBIN = {
  userId: '5f0c5c1e-0000-4000-8000-000000000001',
  tenantId: 'T1',
  email: 'robin@example.org',
  role: 'manager',
  group: 'stockholm',
  enabled: true,
  status: 'CONFIRMED',
  createdAt: '2026-12-01T09:00:00.000Z',
};

/** Runs lethe against a fake API with an admin token given. */
async function againstFakeApi(routes: Parameters<typeof startFakeApi>[0], ...args: string[]) {
  const api = await startFakeApi(routes);
  const restore = withEnv({ LETHE_API: api.url, LETHE_ADMIN_TOKEN: 'admin.token.here', NO_COLOR: '1' });
  try {
    return await lethe(...args);
  } finally {
    restore();
    await api.close();
  }
}

describe('lethe users', () => {
  it("lists the tenant's staff as a table, and as the API's JSON with --json", async () => {
    // Prepare
    const routes = { 'GET /v1/staff': () => ({ status: 200, body: { items: [ROBIN] } }) };
    // Act
    const table = await againstFakeApi(routes, 'users', 'list');
    const json = await againstFakeApi(routes, 'users', 'list', '--json');
    // Assess
    expect(table.exitCode).toBe(0);
    expect(table.out).toMatch(/user id.*e-mail.*role.*group.*enabled.*status.*created/);
    expect(table.out).toContain('robin@example.org');
    expect(JSON.parse(json.out)).toEqual({ items: [ROBIN] });
  });

  it('sends the role and group of set-role', async () => {
    // Prepare
    const sent: unknown[] = [];
    const routes = {
      [`PUT /v1/staff/${ROBIN.userId}/role`]: (body: unknown) => {
        sent.push(body);
        return { status: 200, body: { ...ROBIN, role: 'manager', group: 'oslo' } };
      },
    };
    // Act
    const run = await againstFakeApi(
      routes,
      'users',
      'set-role',
      ROBIN.userId,
      '--role',
      'manager',
      '--group',
      'oslo',
      '--json',
    );
    // Assess
    expect(run.exitCode).toBe(0);
    expect(sent).toEqual([{ role: 'manager', group: 'oslo' }]);
    expect(JSON.parse(run.out).group).toBe('oslo');
  });

  it('refuses an unknown role as a usage error, before calling the API', async () => {
    // Prepare
    let called = false;
    const routes = {
      'POST /v1/staff': () => {
        called = true;
        return { status: 201, body: ROBIN };
      },
    };
    // Act
    const run = await againstFakeApi(routes, 'users', 'create', 'x@example.org', '--role', 'owner');
    // Assess
    expect(run.exitCode).toBe(2);
    expect(run.err).toContain('must be one of admin, manager, advisor, support, legal');
    expect(called).toBe(false);
  });

  it('names the field the API refused, exit 1', async () => {
    // Prepare
    const routes = {
      'POST /v1/staff': () => ({
        status: 400,
        body: {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'The staff profile is not valid.',
            fields: [{ path: 'group', message: 'a manager needs the agent group they manage' }],
          },
        },
      }),
    };
    // Act
    const run = await againstFakeApi(routes, 'users', 'create', 'x@example.org', '--role', 'manager');
    // Assess
    expect(run.exitCode).toBe(1);
    expect(run.err).toContain('group');
    expect(run.err).toContain('a manager needs the agent group they manage');
  });
});
