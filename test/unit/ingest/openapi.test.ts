import { INGEST_LIMITS } from '../../../functions/domain/ingest/limits';
import { HANDLERS } from '../../../infra/config/handlers';
import { ADMIN_OPERATIONS, INGEST_OPERATIONS, openApiDocument } from '../../../functions/shared/openapi';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown>; requestBody?: unknown }>>;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, { maxItems?: number }> }> };
};

describe('the OpenAPI document', () => {
  const doc = openApiDocument() as unknown as Doc;

  it('is OpenAPI 3.1 and lists every ingest and read-back route', () => {
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual([...INGEST_OPERATIONS, ...ADMIN_OPERATIONS].map((o) => `${o.method.toUpperCase()} ${o.path}`).sort());
    expect(routes).toEqual(expect.arrayContaining(['POST /v1/interactions', 'POST /v1/events', 'GET /v1/kpis', 'GET /v1/openapi.json']));
  });

  it('is generated from the validating schemas: the required fields and the batch limit are theirs', () => {
    expect(doc.components.schemas.StartInteraction.required).toEqual(['channel', 'startedAt']);
    expect(doc.components.schemas.EventBatch.properties?.events.maxItems).toBe(INGEST_LIMITS.eventsPerBatch);
  });

  it('names the Idempotency-Key header, the 409 and the 413 where they apply', () => {
    const start = doc.paths['/v1/interactions'].post;
    expect(start.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    expect(Object.keys(start.responses)).toEqual(expect.arrayContaining(['201', '400', '409', '413']));
    expect(Object.keys(doc.paths['/v1/interactions/{id}/recording'].post.responses)).toEqual(expect.arrayContaining(['201', '403', '404']));
  });

  it('leaves no dangling reference', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref);
  });
});

describe('the OpenAPI document and the deployed routes', () => {
  const deployed = Object.fromEntries(HANDLERS.flatMap((h) => (h.routes ?? []).map((r) => [`${r.method} ${r.path}`, { handler: h.name, auth: r.auth }])));
  const documented = INGEST_OPERATIONS.map((o) => ({ route: `${o.method.toUpperCase()} ${o.path}`, auth: o.auth }));

  it('documents every route of the ingest handler and the OpenAPI route', () => {
    const ours = Object.entries(deployed)
      .filter(([, d]) => d.handler === 'ingest-api' || d.handler === 'readback-api')
      .map(([route]) => route);
    expect(documented.map((d) => d.route)).toEqual(expect.arrayContaining(ours));
  });

  it('documents only deployed routes, marked with the authorization they are deployed with', () => {
    for (const { route, auth } of documented) expect([route, deployed[route]?.auth]).toEqual([route, auth === 'none' ? 'none' : 'tenant']);
  });
});
