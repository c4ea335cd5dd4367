import { PROJECT_ROOT } from '../../infra/app';
import { HANDLERS, validateHandlers, type HandlerSpec } from '../../infra/config/handlers';

const FIXTURE = 'test/infra/fixtures/echo-handler.ts';
const health: HandlerSpec = {
  name: 'meta-api',
  entry: FIXTURE,
  routes: [{ method: 'GET', path: '/v1/health', auth: 'none' }],
  access: [],
};

describe('handler registry', () => {
  it('ships meta-api serving GET /v1/health without auth, and is valid', () => {
    expect(HANDLERS).toContainEqual(
      expect.objectContaining({
        name: 'meta-api',
        entry: 'functions/handlers/meta-api.ts',
        routes: [{ method: 'GET', path: '/v1/health', auth: 'none' }],
      }),
    );
    expect(() => validateHandlers(HANDLERS, PROJECT_ROOT)).not.toThrow();
  });

  it('names every mistake at once: missing file, reused name, duplicate route, orphan and tenant route without authorizer', () => {
    // Prepare
    const registry: HandlerSpec[] = [
      health,
      { ...health, entry: 'functions/handlers/not-written-yet.ts' },
      {
        name: 'records-api',
        entry: FIXTURE,
        routes: [{ method: 'GET', path: '/v1/records', auth: 'tenant' }],
        access: ['records:r'],
      },
      { name: 'orphan', entry: FIXTURE, access: [] },
    ];
    // Act
    const act = () => validateHandlers(registry, PROJECT_ROOT);
    // Assess
    expect(act).toThrow(/meta-api: entry functions\/handlers\/not-written-yet.ts does not exist/);
    expect(act).toThrow(/meta-api: name is used twice/);
    expect(act).toThrow(/meta-api: route GET \/v1\/health is served twice/);
    expect(act).toThrow(/orphan: has no route, schedule or authorizer role/);
    expect(act).toThrow(/records-api: route GET \/v1\/records needs the tenant authorizer/);
  });

  it('allows one authorizer only, and it serves no routes', () => {
    // Prepare
    const registry: HandlerSpec[] = [
      { name: 'authorizer', entry: FIXTURE, authorizer: true, access: [] },
      { name: 'second-authorizer', entry: FIXTURE, authorizer: true, routes: health.routes, access: [] },
    ];
    // Act
    const act = () => validateHandlers(registry, PROJECT_ROOT);
    // Assess
    expect(act).toThrow(/only one handler may be the authorizer \(authorizer, second-authorizer\)/);
    expect(act).toThrow(/second-authorizer: the authorizer serves no routes or schedules/);
  });

  it('gives a tenant credential (whose decisions are cached) only to a handler with tenant routes', () => {
    // Prepare
    const registry: HandlerSpec[] = [
      { name: 'authorizer', entry: FIXTURE, authorizer: true, access: [] },
      { ...health, tenantCredential: 'api-key' },
    ];
    // Act
    const act = () => validateHandlers(registry, PROJECT_ROOT);
    // Assess
    expect(act).toThrow(/meta-api: tenantCredential needs a tenant route/);
  });

  it('caches the ingest routes on the API key and the admin routes on the admin token; subject requests take either', () => {
    // Assess
    const credentialOf = (name: string) => HANDLERS.find((h) => h.name === name)?.tenantCredential;
    expect(credentialOf('ingest-api')).toBe('api-key');
    for (const name of ['admin-api', 'holds-api', 'litigation-api', 'archive-api'])
      expect(credentialOf(name)).toBe('admin-token');
    expect(credentialOf('subject-requests-api')).toBeUndefined();
  });
});
