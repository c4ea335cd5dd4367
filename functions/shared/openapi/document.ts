import * as z from 'zod';
import { ADMIN_OPERATIONS } from './admin-operations';
import { GOVERNANCE_OPERATIONS } from './governance-operations';
import { INGEST_OPERATIONS } from './ingest-operations';
import { BODY_EXAMPLES } from './examples';
import { authsOf, FILE_MEDIA_TYPES, type ApiAuth, type ApiOperation } from './operation';
import { operationIdOf } from './operation-id';
import { OPERATOR_OPERATIONS } from './operator-operations';
import { STAFF_OPERATIONS } from './staff-operations';
import { API_SERVERS } from './servers';

/**
 * The OpenAPI 3.1 document of the API, generated from the very zod schemas that validate the
 * requests (OpenAPI 3.1 schemas are JSON Schema 2020-12, which `z.toJSONSchema` writes). Each
 * operation lists the statuses the API answers with; every error has the one error body.
 */

/** The areas of the API, each a tag of the document: who calls it and for what. */
const API_AREAS: ReadonlyArray<{ tag: string; description: string; operations: readonly ApiOperation[] }> = [
  {
    tag: 'Conversations',
    description: 'Channels ingest conversations with their x-api-key; staff read them back.',
    operations: INGEST_OPERATIONS,
  },
  {
    tag: 'Administration',
    description:
      'Staff (Bearer token): archive search, exports, content deletion, policy, record of processing, audit.',
    operations: ADMIN_OPERATIONS,
  },
  {
    tag: 'Staff',
    description: "The tenant's admins (Bearer token): invite, list, move, disable and delete the tenant's staff users.",
    operations: STAFF_OPERATIONS,
  },
  {
    tag: 'Governance',
    description:
      'Data-subject requests (staff, or a channel for its end user), legal holds, the litigation archive and the archive tier.',
    operations: GOVERNANCE_OPERATIONS,
  },
  {
    tag: 'Operations',
    description: "The platform's operators (IAM-signed): tenants and sweeps; and the public health check.",
    operations: OPERATOR_OPERATIONS,
  },
];

/** Every documented route; test/unit/handlers/openapi.test.ts holds it equal to the deployed ones. */
export const API_OPERATIONS: readonly ApiOperation[] = API_AREAS.flatMap((area) => area.operations);
const tagOf = (op: ApiOperation) => API_AREAS.find((area) => area.operations.includes(op))?.tag;

const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      holdIds: z.array(z.string()).optional().describe('HELD: the legal holds that refused the deletion'),
      correlationId: z
        .string()
        .optional()
        .describe('5xx (and errors API Gateway answers itself): quote it when reporting the failure'),
    }),
  })
  .meta({
    id: 'Error',
    examples: [
      {
        error: {
          code: 'INTERNAL',
          message: 'Something went wrong on our side; quote the correlation id when reporting it.',
          correlationId: '3f0c1a52-9d5e-4d8e-9b8a-2f1e6c7d4a10',
        },
      },
    ],
  });

const SECURITY_SCHEME: Record<Exclude<ApiAuth, 'none'>, string> = {
  apiKey: 'apiKey',
  admin: 'adminToken',
  iam: 'sigv4',
};

/** JSON Schema of `schema` with its named parts moved to `components.schemas`. */
function hoist(schema: z.ZodType, io: 'input' | 'output', components: Record<string, unknown>): unknown {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  const {
    $schema: _dialect,
    $defs,
    ...root
  } = JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/')) as Record<string, unknown> & {
    $defs?: Record<string, unknown>;
  };
  Object.assign(components, $defs ?? {});
  return root;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** The success body: JSON (some object when no schema describes it), unless the route answers only with files. */
function okContent(op: ApiOperation, components: Record<string, unknown>) {
  const files = op.ok.files ?? [];
  const json = op.ok.schema
    ? hoist(op.ok.schema, 'output', components)
    : files.length
      ? undefined
      : { type: 'object', additionalProperties: true };
  return {
    ...(json ? { 'application/json': { schema: json } } : {}),
    ...Object.fromEntries(
      files.map((mediaType) => [
        mediaType,
        {
          schema: FILE_MEDIA_TYPES[mediaType] === 'binary' ? { type: 'string', format: 'binary' } : { type: 'string' },
        },
      ]),
    ),
  };
}

function operationObject(op: ApiOperation, components: Record<string, unknown>) {
  const parameters: unknown[] = [];
  for (const name of op.path.match(/\{(\w+)\}/g) ?? [])
    parameters.push({
      name: name.slice(1, -1),
      in: 'path',
      required: true,
      ...(op.pathParams?.[name.slice(1, -1)] ?? { schema: { type: 'string', description: 'ULID' } }),
    });
  for (const q of op.query ?? []) parameters.push({ in: 'query', ...q });
  if (op.idempotent)
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'A retry with the same key and body returns the stored result and stores nothing again; another body gives 409.',
      schema: { type: 'string', maxLength: 200 },
    });
  const common: Record<number, string> = authsOf(op).includes('none')
    ? {}
    : { 400: 'VALIDATION_FAILED: every bad field is named', 401: 'no or bad credentials', 403: 'not allowed' };
  // The stage throttles every route (infra/constructs/lethe-api.ts), public ones included.
  const errors = {
    ...common,
    ...op.errors,
    429: "TOO_MANY_REQUESTS: over the stage's request rate; retry with backoff",
    500: 'our fault; the body carries a correlation id',
  };
  const example = op.body && BODY_EXAMPLES.get(op.body);
  return {
    operationId: operationIdOf(op),
    summary: op.summary,
    tags: [tagOf(op)],
    security: authsOf(op).flatMap((auth) => (auth === 'none' ? [] : [{ [SECURITY_SCHEME[auth]]: [] }])),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: hoist(op.body, 'input', components), ...(example ? { example } : {}) },
            },
          },
        }
      : {}),
    responses: {
      [op.ok.status]: { description: op.ok.description, content: okContent(op, components) },
      ...Object.fromEntries(
        Object.entries(errors).map(([status, description]) => [status, errorResponse(description)]),
      ),
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
      description:
        'Channels ingest conversations with an x-api-key; staff read back, hold and request with a Bearer token; operators sign with IAM. Times are ISO-8601 UTC, ids are ULIDs.',
      // package.json says UNLICENSED: nobody outside is granted a licence. SPDX names such terms LicenseRef-*.
      license: { name: 'Proprietary (UNLICENSED)', identifier: 'LicenseRef-Proprietary' },
    },
    servers: API_SERVERS,
    tags: API_AREAS.map(({ tag, description }) => ({ name: tag, description })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        adminToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        sigv4: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: 'AWS Signature Version 4 of an operator IAM identity (locally: the x-lethe-operator-key header)',
        },
      },
    },
  };
}
