import { DATA_CLASSES } from '../../../functions/domain/data-class';
import { STAGE_NAME } from '../../../infra/constructs/lethe-api';
import { API_OPERATIONS, openApiDocument } from '../../../functions/shared/openapi/document';
import { BODY_EXAMPLES } from '../../../functions/shared/openapi/examples';
import { operationIdOf } from '../../../functions/shared/openapi/operation-id';
import { API_SERVERS } from '../../../functions/shared/openapi/servers';

type Response = { content?: Record<string, { schema: Record<string, unknown> }> };
type Operation = {
  operationId: string;
  tags: string[];
  responses: Record<string, Response>;
  requestBody?: { content: Record<string, { example?: unknown }> };
};
type Doc = {
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { properties?: Record<string, unknown> }> }> };
};

const doc = openApiDocument() as unknown as Doc;
const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
);

describe('the OpenAPI document as a client generator reads it', () => {
  it('names every operation by its method and path, each name once', () => {
    // Prepare
    const derived = API_OPERATIONS.map(operationIdOf);

    // Act
    const ids = operations.map(({ op }) => op.operationId);

    // Assess
    expect(new Set(ids).size).toBe(API_OPERATIONS.length);
    expect(ids.sort()).toEqual([...derived].sort());
    expect(doc.paths['/v1/interactions/{id}/recordings/{recordingId}/play'].get.operationId).toBe(
      'getInteractionsByIdRecordingsByRecordingIdPlay',
    );
    expect(doc.paths['/v1/interactions/bulk-download'].post.operationId).toBe('postInteractionsBulkDownload');
  });

  it('files every operation under one declared, described tag', () => {
    // Prepare
    const declared = doc.tags.map((t) => t.name);

    // Act
    const used = operations.map(({ route, op }) => [route, op.tags]);

    // Assess
    for (const [route, tags] of used)
      expect([route, tags.length, declared.includes(tags[0])]).toEqual([route, 1, true]);
    for (const tag of doc.tags) expect(tag.description.length).toBeGreaterThan(20);
  });

  it('serves the deployed stage and the local stack', () => {
    // Act
    const urls = API_SERVERS.map((s) => s.url);

    // Assess
    expect(urls).toEqual([
      'http://127.0.0.1:{port}',
      `https://{restApiId}.execute-api.{region}.amazonaws.com/${STAGE_NAME}`,
    ]);
  });

  it("describes the archive's class as a data class, a staff user by their directory UUID, every other path parameter as a ULID", () => {
    // Act
    const pathParams = operations.flatMap(({ op }) =>
      (
        (op as { parameters?: Array<{ name: string; in: string; schema: Record<string, unknown> }> }).parameters ?? []
      ).filter((p) => p.in === 'path'),
    );

    // Assess
    for (const param of pathParams)
      expect([param.name, param.schema]).toEqual(
        param.name === 'class'
          ? ['class', { type: 'string', enum: [...DATA_CLASSES] }]
          : param.name === 'userId'
            ? ['userId', { type: 'string', format: 'uuid' }]
            : [param.name, { type: 'string', description: 'ULID' }],
      );
    expect(pathParams.map((p) => p.name)).toContain('class');
  });

  it('lets an error carry the correlation id 5xx answers and API Gateway errors give', () => {
    // Act
    const errorFields = doc.components.schemas.Error.properties?.error.properties;

    // Assess
    expect(errorFields).toHaveProperty('correlationId');
  });

  it('documents the stage throttle (429) on every route, the public ones included', () => {
    // Act
    const without429 = operations.filter(({ op }) => !op.responses['429']).map(({ route }) => route);

    // Assess
    expect(without429).toEqual([]);
    expect(doc.paths['/v1/health'].get.responses['429'].content?.['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
  });

  it('declares the media type of every file a route answers with', () => {
    // Act
    const okTypes = (path: string, method = 'get') =>
      Object.keys(doc.paths[path][method].responses['200'].content ?? {});

    // Assess
    expect(okTypes('/v1/interactions/export')).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
    expect(okTypes('/v1/archive/{class}')).toEqual(['text/csv']);
    expect(okTypes('/v1/interactions/{id}/transcript')).toEqual(['application/json', 'application/xml']);
    expect(okTypes('/v1/register')).toEqual(['application/json', 'text/markdown']);
  });

  it('gives every answer a body a client can type, JSON unless a file', () => {
    // Act
    const bodiless = operations
      .filter(({ op }) => Object.values(op.responses).some((r) => !r.content || Object.keys(r.content).length === 0))
      .map(({ route }) => route);

    // Assess
    expect(bodiless).toEqual([]);
  });

  it('shows body examples the validating schemas accept, on every route taking such a body', () => {
    // Prepare
    const withExample = API_OPERATIONS.filter((op) => op.body && BODY_EXAMPLES.has(op.body));

    // Act
    const parsed = [...BODY_EXAMPLES].map(([schema, example]) => schema.safeParse(example));

    // Assess
    expect(parsed.map((p) => p.error?.issues ?? [])).toEqual([...BODY_EXAMPLES].map(() => []));
    expect(withExample.map((op) => `${op.method} ${op.path}`)).toEqual(
      expect.arrayContaining(['post /v1/interactions', 'post /v1/subject-requests']),
    );
    for (const op of withExample)
      expect(doc.paths[op.path][op.method].requestBody?.content['application/json'].example).toEqual(
        BODY_EXAMPLES.get(op.body!),
      );
  });
});
