import * as z from 'zod';
import { ADMIN_OPERATIONS } from './admin-operations';
import { GOVERNANCE_OPERATIONS } from './governance-operations';
import { INGEST_OPERATIONS } from './ingest-operations';
import { authsOf, type ApiAuth, type ApiOperation } from './operation';
import { OPERATOR_OPERATIONS } from './operator-operations';

/**
 * The OpenAPI 3.1 document of the API, generated from the very zod schemas that validate the
 * requests (OpenAPI 3.1 schemas are JSON Schema 2020-12, which `z.toJSONSchema` writes). Each
 * operation lists the statuses the API answers with; every error has the one error body.
 */

/** Every documented route; test/unit/ingest/openapi.test.ts holds it equal to the deployed ones. */
export const API_OPERATIONS: readonly ApiOperation[] = [...INGEST_OPERATIONS, ...ADMIN_OPERATIONS, ...GOVERNANCE_OPERATIONS, ...OPERATOR_OPERATIONS];

const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      holdIds: z.array(z.string()).optional().describe('HELD: the legal holds that refused the deletion'),
    }),
  })
  .meta({ id: 'Error' });

const SECURITY_SCHEME: Record<Exclude<ApiAuth, 'none'>, string> = { apiKey: 'apiKey', admin: 'adminToken', iam: 'sigv4' };

/** JSON Schema of `schema` with its named parts moved to `components.schemas`. */
function hoist(schema: z.ZodType, io: 'input' | 'output', components: Record<string, unknown>): unknown {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema: _dialect, $defs, ...root } = JSON.parse(
    JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/'),
  ) as Record<string, unknown> & { $defs?: Record<string, unknown> };
  Object.assign(components, $defs ?? {});
  return root;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function operationObject(op: ApiOperation, components: Record<string, unknown>) {
  const parameters: unknown[] = [];
  for (const name of op.path.match(/\{(\w+)\}/g) ?? [])
    parameters.push({ name: name.slice(1, -1), in: 'path', required: true, schema: { type: 'string', description: 'ULID' } });
  for (const q of op.query ?? []) parameters.push({ in: 'query', ...q });
  if (op.idempotent)
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'A retry with the same key and body returns the stored result and stores nothing again; another body gives 409.',
      schema: { type: 'string', maxLength: 200 },
    });
  const common: Record<number, string> =
    authsOf(op).includes('none') ? {} : { 400: 'VALIDATION_FAILED: every bad field is named', 401: 'no or bad credentials', 403: 'not allowed' };
  const errors = { ...common, ...op.errors, 500: 'our fault; the body carries a correlation id' };
  return {
    summary: op.summary,
    security: authsOf(op).flatMap((auth) => (auth === 'none' ? [] : [{ [SECURITY_SCHEME[auth]]: [] }])),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: hoist(op.body, 'input', components) } } } }
      : {}),
    responses: {
      [op.ok.status]: {
        description: op.ok.description,
        ...(op.ok.schema ? { content: { 'application/json': { schema: hoist(op.ok.schema, 'output', components) } } } : {}),
      },
      ...Object.fromEntries(Object.entries(errors).map(([status, description]) => [status, errorResponse(description)])),
    },
  };
}

/** The whole document for `operations`. */
export function openApiDocument(operations: readonly ApiOperation[] = API_OPERATIONS): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  hoist(ErrorBodySchema, 'output', components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op, components);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lethe API',
      version: '1',
      description: 'Channels ingest conversations with an x-api-key; staff read back, hold and request with a Bearer token; operators sign with IAM. Times are ISO-8601 UTC, ids are ULIDs.',
    },
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        adminToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        sigv4: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'AWS Signature Version 4 of an operator IAM identity (locally: the x-lethe-operator-key header)' },
      },
    },
  };
}
