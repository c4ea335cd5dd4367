import { INGEST_LIMITS } from '../../../functions/domain/ingest/limits';
import { HANDLERS } from '../../../infra/config/handlers';
import { API_OPERATIONS, openApiDocument } from '../../../functions/shared/openapi/document';
import { authsOf } from '../../../functions/shared/openapi/operation';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown>; requestBody?: unknown }
    >
  >;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, { maxItems?: number }> }> };
};

describe('the OpenAPI document', () => {
  const doc = openApiDocument() as unknown as Doc;

  it('is OpenAPI 3.1 and lists every documented operation once', () => {
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(API_OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort());
    expect(routes).toEqual(
      expect.arrayContaining(['POST /v1/interactions', 'POST /v1/events', 'GET /v1/kpis', 'GET /v1/openapi.json']),
    );
  });

  it('is generated from the validating schemas: the required fields and the batch limit are theirs', () => {
    expect(doc.components.schemas.StartInteraction.required).toEqual(['channel', 'startedAt']);
    expect(doc.components.schemas.EventBatch.properties?.events.maxItems).toBe(INGEST_LIMITS.eventsPerBatch);
  });

  it('names the Idempotency-Key header, the 409 and the 413 where they apply', () => {
    const start = doc.paths['/v1/interactions'].post;
    expect(start.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    expect(Object.keys(start.responses)).toEqual(expect.arrayContaining(['201', '400', '409', '413']));
    expect(Object.keys(doc.paths['/v1/interactions/{id}/recording'].post.responses)).toEqual(
      expect.arrayContaining(['201', '403', '404']),
    );
  });

  it('leaves no dangling reference', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref);
  });
});

describe('the OpenAPI document and the deployed routes', () => {
  // The console's static files are a web page, not part of the API.
  const deployed = Object.fromEntries(
    HANDLERS.filter((h) => h.name !== 'console-assets').flatMap((h) =>
      (h.routes ?? []).map((r) => [`${r.method} ${r.path}`, r.auth]),
    ),
  );
  const documented = API_OPERATIONS.map((o) => ({ route: `${o.method.toUpperCase()} ${o.path}`, auths: authsOf(o) }));
  const deployedAuthOf = (auths: readonly string[]) =>
    auths.includes('none') ? 'none' : auths.includes('iam') ? 'iam' : 'tenant';

  it('documents every deployed route, and only those', () => {
    expect(documented.map((d) => d.route).sort()).toEqual(Object.keys(deployed).sort());
  });

  it('marks each route with the authorization it is deployed with', () => {
    for (const { route, auths } of documented) expect([route, deployed[route]]).toEqual([route, deployedAuthOf(auths)]);
  });

  it('lets a channel file and follow a subject request, and only staff confirm it', () => {
    const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, { security: unknown[] }>> };
    expect(doc.paths['/v1/subject-requests'].post.security).toEqual([{ adminToken: [] }, { apiKey: [] }]);
    expect(doc.paths['/v1/subject-requests/{requestId}/confirm'].post.security).toEqual([{ adminToken: [] }]);
    expect(doc.paths['/v1/sweeps'].post.security).toEqual([{ sigv4: [] }]);
  });
});
