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
import { AUDIT_ACTIONS } from '../domain/audit/entry';
import { CHANNELS } from '../domain/data-class';
import { PolicyDiffSchema } from '../domain/policy-diff/schema';
import { TenantPolicySchema } from '../domain/policy/schema';
import { RecordOfProcessingSchema } from '../domain/register/schema';
import {
  AuditPageSchema,
  BulkDeletedSchema,
  BulkDownloadSchema,
  BulkRequestSchema,
  ContentDeletedSchema,
  InteractionContentSchema,
  MediaLinkSchema,
  MeSchema,
  PolicyDocumentSchema,
  PolicyRevisionsSchema,
  SavedPolicySchema,
  SearchResultSchema,
} from '../usecases/admin/responses';
import { SEARCH_DEFAULT_DAYS, SEARCH_MAX_DAYS, SEARCH_MAX_LIMIT } from '../usecases/admin/search-query';
import { RecordingCompletedSchema } from '../usecases/recordings/responses';
import { RECORDING_UPLOAD_LIMITS } from '../usecases/recordings/upload-rules';

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
    path: '/v1/interactions/{id}/recording/{recordingId}/complete',
    summary: `Call once the PUT to uploadUrl succeeded: the upload (at most ${RECORDING_UPLOAD_LIMITS.maxBytes} bytes, of the content type the URL was issued for) is sealed under the interaction's data key and deleted. Until then the recording cannot be played. Safe to repeat.`,
    auth: 'apiKey',
    ok: { status: 200, description: 'stored, sealed', schema: RecordingCompletedSchema },
    errors: {
      400: 'VALIDATION_FAILED: a bad id; or the upload is empty or of another content type (the upload is deleted)',
      404: 'unknown interaction or recording',
      409: 'nothing was uploaded yet, or the recording no longer takes an upload (its content was deleted)',
      413: `the upload is over ${RECORDING_UPLOAD_LIMITS.maxBytes} bytes (the upload is deleted)`,
    },
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
    summary: 'Stored (redacted) messages of an interaction (admin); with ?format=xml or Accept: application/xml the chat log as an XML download.',
    auth: 'admin',
    query: [{ name: 'format', required: false, description: 'json (default, a view) or xml (a download); both are audited', schema: { type: 'string', enum: ['json', 'xml'] } }],
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

/** Query parameters of an archive search (GET /v1/interactions and its export). */
const SEARCH_QUERY: NonNullable<ApiOperation['query']> = [
  { name: 'phone', required: false, description: 'through the keyed-hash index, normalised as at ingest; anonymised interactions are not found', schema: { type: 'string' } },
  { name: 'email', required: false, description: 'through the keyed-hash index', schema: { type: 'string' } },
  { name: 'name', required: false, description: 'through the keyed-hash index: the whole name, case and spacing ignored', schema: { type: 'string' } },
  { name: 'from', required: false, description: `ISO instant; without identifiers default ${SEARCH_DEFAULT_DAYS} days before to, at most ${SEARCH_MAX_DAYS} days`, schema: { type: 'string', format: 'date-time' } },
  { name: 'to', required: false, description: 'ISO instant; default now', schema: { type: 'string', format: 'date-time' } },
  { name: 'channel', required: false, description: CHANNELS.join(' | '), schema: { type: 'string', enum: [...CHANNELS] } },
  { name: 'queue', required: false, description: 'exact queue', schema: { type: 'string' } },
  { name: 'agent', required: false, description: 'exact agent id', schema: { type: 'string' } },
  { name: 'group', required: false, description: 'exact agent group (a manager only ever sees their own)', schema: { type: 'string' } },
];
const PAGE_QUERY = (max: number): NonNullable<ApiOperation['query']> => [
  { name: 'limit', required: false, description: `1 to ${max}, default 50`, schema: { type: 'integer', maximum: max } },
  { name: 'nextToken', required: false, description: 'from the previous page', schema: { type: 'string' } },
];
const NOT_FOUND = 'unknown, expired or another tenant\'s interaction (the same answer for each)';
const DENIED = 'FORBIDDEN: the role may not, or the interaction is of another group, another agent, or restricted';

/** The admin API (docs/admin-api.md): Bearer admin token; roles decided by functions/domain/access. */
export const ADMIN_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/me',
    summary: 'The caller: tenant, user, role, group, support flag and the actions the role allows.',
    auth: 'admin',
    ok: { status: 200, description: 'the caller', schema: MeSchema },
    errors: { 404: 'unknown tenant' },
  },
  {
    method: 'get',
    path: '/v1/interactions',
    summary: 'Search the archive by identifier, time, queue, agent, group, channel; newest first, narrowed to what the role may see.',
    auth: 'admin',
    query: [...SEARCH_QUERY, ...PAGE_QUERY(SEARCH_MAX_LIMIT)],
    ok: { status: 200, description: 'one page of hits (general info without participant)', schema: SearchResultSchema },
    errors: { 413: 'more than 1000 interactions name the identifier: add criteria' },
  },
  {
    method: 'get',
    path: '/v1/interactions/export',
    summary: 'General info (participant included) of every interaction the search finds, as xlsx (send Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) or CSV.',
    auth: 'admin',
    query: [{ name: 'format', required: false, description: 'xlsx (default) or csv', schema: { type: 'string', enum: ['xlsx', 'csv'] } }, ...SEARCH_QUERY],
    ok: { status: 200, description: 'the file, as an attachment; restricted interactions are left out except for the legal role' },
    errors: { 413: 'more than 2000 interactions match: narrow the search' },
  },
  {
    method: 'post',
    path: '/v1/interactions/bulk-download',
    summary: 'Zip of the chat logs (XML) and recordings of selected interactions, fetched by a presigned URL valid 5 minutes.',
    auth: 'admin',
    body: BulkRequestSchema,
    ok: { status: 200, description: 'the link and an outcome per interaction (done, forbidden, not-found)', schema: BulkDownloadSchema },
    errors: { 413: 'the recordings exceed 100 MB: select fewer' },
  },
  {
    method: 'post',
    path: '/v1/interactions/bulk-delete',
    summary: 'Delete the chat logs and/or recordings of selected interactions, keeping their general info.',
    auth: 'admin',
    body: BulkRequestSchema,
    ok: { status: 200, description: 'an outcome per interaction (done, forbidden, not-found)', schema: BulkDeletedSchema },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/interactions/{id}/content',
    summary: 'What content an interaction still has: chat-log lines, recordings, whether the chat log was deleted, whether it is restricted.',
    auth: 'admin',
    ok: { status: 200, description: 'the content summary', schema: InteractionContentSchema },
    errors: { 403: DENIED, 404: NOT_FOUND },
  },
  {
    method: 'delete',
    path: '/v1/interactions/{id}/transcript',
    summary: 'Delete the chat log (every line, every version of any transcript object); the general info stays.',
    auth: 'admin',
    ok: { status: 200, description: 'deleted', schema: ContentDeletedSchema },
    errors: { 403: DENIED, 404: NOT_FOUND },
  },
  {
    method: 'get',
    path: '/v1/interactions/{id}/recordings/{recordingId}/play',
    summary: 'A presigned URL (5 minutes) that plays the recording inline.',
    auth: 'admin',
    ok: { status: 200, description: 'the link', schema: MediaLinkSchema },
    errors: { 403: DENIED, 404: `${NOT_FOUND}; or the audio was never uploaded` },
  },
  {
    method: 'get',
    path: '/v1/interactions/{id}/recordings/{recordingId}/download',
    summary: 'A presigned URL (5 minutes) that downloads the recording as a file.',
    auth: 'admin',
    ok: { status: 200, description: 'the link', schema: MediaLinkSchema },
    errors: { 403: DENIED, 404: `${NOT_FOUND}; or the audio was never uploaded` },
  },
  {
    method: 'delete',
    path: '/v1/interactions/{id}/recordings/{recordingId}',
    summary: 'Delete a recording (its pointer and every version of its audio); the general info stays.',
    auth: 'admin',
    ok: { status: 200, description: 'deleted', schema: ContentDeletedSchema },
    errors: { 403: DENIED, 404: NOT_FOUND },
  },
  {
    method: 'get',
    path: '/v1/policy',
    summary: 'The live tenant policy and its revision.',
    auth: 'admin',
    ok: { status: 200, description: 'the policy', schema: PolicyDocumentSchema },
    errors: {},
  },
  {
    method: 'put',
    path: '/v1/policy',
    summary: 'Save the policy as the next revision; its `revision` must be the live one. Answers with what the change does at the next sweep.',
    auth: 'admin',
    body: TenantPolicySchema,
    ok: { status: 200, description: 'saved', schema: SavedPolicySchema },
    errors: { 409: 'CONFLICT: the policy changed since the revision sent (or a concurrent save won): reload and reapply' },
  },
  {
    method: 'post',
    path: '/v1/policy/diff',
    summary: 'What saving this policy would do at the next sweep, per class, with estimated record counts; nothing is saved.',
    auth: 'admin',
    body: TenantPolicySchema,
    ok: { status: 200, description: 'the diff', schema: PolicyDiffSchema },
    errors: { 409: 'CONFLICT: the policy changed since the revision sent' },
  },
  {
    method: 'get',
    path: '/v1/policy/revisions',
    summary: 'Saved revisions of the policy, newest first.',
    auth: 'admin',
    query: PAGE_QUERY(100),
    ok: { status: 200, description: 'one page of revisions', schema: PolicyRevisionsSchema },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/register',
    summary: 'Record of processing (GDPR Art. 30) from the live policy and the deployment; Markdown with ?format=md or Accept: text/markdown.',
    auth: 'admin',
    query: [{ name: 'format', required: false, description: 'json (default) or md', schema: { type: 'string', enum: ['json', 'md'] } }],
    ok: { status: 200, description: 'the record of processing', schema: RecordOfProcessingSchema },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/audit',
    summary: 'Audit entries, newest first: who did what to which interaction, when, from which network.',
    auth: 'admin',
    query: [
      { name: 'user', required: false, description: 'staff user id', schema: { type: 'string' } },
      { name: 'action', required: false, description: AUDIT_ACTIONS.join(' | '), schema: { type: 'string', enum: [...AUDIT_ACTIONS] } },
      { name: 'interactionId', required: false, description: 'ULID', schema: { type: 'string' } },
      { name: 'from', required: false, description: 'ISO instant, inclusive', schema: { type: 'string', format: 'date-time' } },
      { name: 'to', required: false, description: 'ISO instant, inclusive', schema: { type: 'string', format: 'date-time' } },
      { name: 'support', required: false, description: 'true: vendor support accesses only', schema: { type: 'string', enum: ['true', 'false'] } },
      ...PAGE_QUERY(500),
    ],
    ok: { status: 200, description: 'one page of entries', schema: AuditPageSchema },
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
export function openApiDocument(operations: readonly ApiOperation[] = [...INGEST_OPERATIONS, ...ADMIN_OPERATIONS]): Record<string, unknown> {
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
