import { z } from 'zod';
import { INGEST_LIMITS } from '../domain/ingest/limits';
import {
  ConsentStoredSchema,
  EventsIngestedSchema,
  InteractionCreatedSchema,
  InteractionEndedSchema,
  InteractionViewSchema,
  MessagesAppendedSchema,
  RecordingUploadSchema,
  SurveyStoredSchema,
  TranscriptViewSchema,
} from '../domain/ingest/responses';
import {
  AppendMessagesSchema,
  ConsentSchema,
  EndInteractionSchema,
  EventBatchSchema,
  RecordingRequestSchema,
  StartInteractionSchema,
  SurveySchema,
} from '../domain/ingest/schemas';
import { KPI_GROUPINGS } from '../domain/kpi/query';
import { KpiReportSchema } from '../domain/kpi/report';

/**
 * The OpenAPI 3.1 document of the API, generated from the very zod schemas that validate the
 * requests (OpenAPI 3.1 schemas are JSON Schema 2020-12, which `z.toJSONSchema` writes). Each
 * operation lists the statuses the API answers with; every error has the one error body.
 */

type Auth = 'apiKey' | 'admin' | 'none';

export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: `/v1/${string}`;
  summary: string;
  auth: Auth;
  body?: z.ZodType;
  /** Takes an `Idempotency-Key` header. */
  idempotent?: boolean;
  query?: Array<{ name: string; required: boolean; description: string; schema: Record<string, unknown> }>;
  ok: { status: number; description: string; schema?: z.ZodType };
  /** Error statuses besides the ones every authenticated route can answer (400, 401, 403, 500). */
  errors: Record<number, string>;
}

const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

const SIZE = `413: over the size limits (body ${INGEST_LIMITS.bodyBytes} bytes, see the schema maxima)`;
const CONFLICT = 'the Idempotency-Key was used before with another request';

export const INGEST_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/interactions',
    summary: 'Start an interaction (general info, participant, consent).',
    auth: 'apiKey',
    body: StartInteractionSchema,
    idempotent: true,
    ok: { status: 201, description: 'stored', schema: InteractionCreatedSchema },
    errors: { 403: 'CONSENT_REFUSED: the channel requires the GDPR notice and it was not accepted', 409: CONFLICT, 413: SIZE },
  },
  {
    method: 'post',
    path: '/v1/interactions/{id}/messages',
    summary: 'Append messages; redacted, hidden fields and masked digits dropped, nothing stored without content consent.',
    auth: 'apiKey',
    body: AppendMessagesSchema,
    idempotent: true,
    ok: { status: 201, description: 'accepted', schema: MessagesAppendedSchema },
    errors: { 404: 'unknown interaction', 409: CONFLICT, 413: SIZE },
  },
  {
    method: 'post',
    path: '/v1/interactions/{id}/end',
    summary: 'End an interaction; call metadata moves from its in-flight region to its final region.',
    auth: 'apiKey',
    body: EndInteractionSchema,
    idempotent: true,
    ok: { status: 200, description: 'ended', schema: InteractionEndedSchema },
    errors: { 404: 'unknown interaction', 409: `${CONFLICT}, or the interaction already ended otherwise`, 413: SIZE },
  },
  {
    method: 'post',
    path: '/v1/interactions/{id}/recording',
    summary: 'Get a presigned upload URL for the call recording, only with recording consent.',
    auth: 'apiKey',
    body: RecordingRequestSchema,
    idempotent: true,
    ok: { status: 201, description: 'upload URL issued', schema: RecordingUploadSchema },
    errors: { 403: 'CONSENT_REFUSED: recording consent was refused; deny_recording is recorded', 404: 'unknown interaction', 409: CONFLICT },
  },
  {
    method: 'post',
    path: '/v1/events',
    summary: `Store a batch of at most ${INGEST_LIMITS.eventsPerBatch} chatbot events; an event id already stored is skipped.`,
    auth: 'apiKey',
    body: EventBatchSchema,
    ok: { status: 200, description: 'stored', schema: EventsIngestedSchema },
    errors: { 413: SIZE },
  },
  {
    method: 'post',
    path: '/v1/surveys',
    summary: 'Store the survey of an interaction (score 0-10, comment redacted).',
    auth: 'apiKey',
    body: SurveySchema,
    idempotent: true,
    ok: { status: 201, description: 'stored', schema: SurveyStoredSchema },
    errors: { 404: 'unknown interaction', 409: CONFLICT, 413: SIZE },
  },
  {
    method: 'post',
    path: '/v1/consents',
    summary: 'Store proof of consent given or withdrawn; a withdrawal stops content storage for the subject from now on.',
    auth: 'apiKey',
    body: ConsentSchema,
    idempotent: true,
    ok: { status: 201, description: 'stored', schema: ConsentStoredSchema },
    errors: { 409: CONFLICT, 413: SIZE },
  },
  {
    method: 'get',
    path: '/v1/interactions/{id}',
    summary: 'General info of an interaction (admin).',
    auth: 'admin',
    ok: { status: 200, description: 'the general info', schema: InteractionViewSchema },
    errors: { 404: 'unknown or expired interaction' },
  },
  {
    method: 'get',
    path: '/v1/interactions/{id}/transcript',
    summary: 'Stored (redacted) messages of an interaction (admin).',
    auth: 'admin',
    ok: { status: 200, description: 'the transcript', schema: TranscriptViewSchema },
    errors: { 404: 'unknown or expired interaction' },
  },
  {
    method: 'get',
    path: '/v1/kpis',
    summary: 'Daily KPI counters, summed per requested grouping (admin).',
    auth: 'admin',
    query: [
      { name: 'from', required: true, description: 'first day, tenant time zone', schema: { type: 'string', format: 'date' } },
      { name: 'to', required: true, description: 'last day, included', schema: { type: 'string', format: 'date' } },
      { name: 'groupBy', required: false, description: `comma-separated: ${KPI_GROUPINGS.join(', ')}; default day`, schema: { type: 'string' } },
    ],
    ok: { status: 200, description: 'the report', schema: KpiReportSchema },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/openapi.json',
    summary: 'This document.',
    auth: 'none',
    ok: { status: 200, description: 'OpenAPI 3.1 document' },
    errors: {},
  },
];

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
    op.auth === 'none' ? {} : { 400: 'VALIDATION_FAILED: every bad field is named', 401: 'no or bad credentials', 403: 'not allowed' };
  const errors = { ...common, ...op.errors, 500: 'our fault; the body carries a correlation id' };
  return {
    summary: op.summary,
    ...(op.auth === 'apiKey' ? { security: [{ apiKey: [] }] } : op.auth === 'admin' ? { security: [{ adminToken: [] }] } : { security: [] }),
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
export function openApiDocument(operations: readonly ApiOperation[] = INGEST_OPERATIONS): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  hoist(ErrorBodySchema, 'output', components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op, components);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lethe API',
      version: '1',
      description: 'Channels ingest conversations with an x-api-key; admins read back with a Bearer token. Times are ISO-8601 UTC, ids are ULIDs.',
    },
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        adminToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
    },
  };
}
