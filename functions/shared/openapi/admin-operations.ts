import { AUDIT_ACTIONS } from '../../domain/audit/entry';
import { CHANNELS } from '../../domain/data-class';
import { PolicyDiffSchema } from '../../domain/policy-diff/schema';
import { TenantPolicySchema } from '../../domain/policy/schema';
import { RecordOfProcessingSchema } from '../../domain/register/schema';
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
  RecipientSecretRequestSchema,
  RecipientSecretSchema,
  SavedPolicySchema,
  SearchResultSchema,
} from '../../usecases/admin/responses';
import { SEARCH_DEFAULT_DAYS, SEARCH_MAX_DAYS, SEARCH_MAX_LIMIT } from '../../usecases/admin/search-query';
import { InteractionConsentsSchema, SubjectConsentsSchema } from '../../usecases/admin/consent-records';
import { ChatbotEventDetailSchema, ChatbotEventListSchema } from '../../usecases/admin/chatbot-events';
import { InteractionSurveysSchema } from '../../usecases/admin/interaction-surveys';
import { PrivacyKpiReportSchema } from '../../domain/kpi/privacy-report';
import { MAX_SWEEP_HISTORY_PAGE, SweepHistoryPageSchema } from '../../usecases/admin/sweep-history-admin';
import { MIN_PREFIX_LENGTH } from '../../domain/subject/name-prefixes';
import { pageQuery, SUBJECT_QUERY, type ApiOperation, type ApiQuery } from './operation';

/** Query parameters of an archive search (GET /v1/interactions and its export). */
const SEARCH_QUERY: ApiQuery = [
  {
    name: 'phone',
    required: false,
    description: 'through the keyed-hash index, normalised as at ingest; anonymised interactions are not found',
    schema: { type: 'string' },
  },
  { name: 'email', required: false, description: 'through the keyed-hash index', schema: { type: 'string' } },
  {
    name: 'name',
    required: false,
    description: 'through the keyed-hash index: the whole name, case and spacing ignored',
    schema: { type: 'string' },
  },
  {
    name: 'namePrefix',
    required: false,
    description: `the start of the name's words, each of ${MIN_PREFIX_LENGTH} or more characters (\`ann ber\` finds Anna Berg and Annika Bergström); through the keyed-hash index of word prefixes, only interactions matching every word; 413 when one word starts more than 1000 names`,
    schema: { type: 'string', minLength: MIN_PREFIX_LENGTH },
  },
  {
    name: 'from',
    required: false,
    description: `ISO instant; without identifiers default ${SEARCH_DEFAULT_DAYS} days before to, at most ${SEARCH_MAX_DAYS} days`,
    schema: { type: 'string', format: 'date-time' },
  },
  {
    name: 'to',
    required: false,
    description: 'ISO instant; default now',
    schema: { type: 'string', format: 'date-time' },
  },
  {
    name: 'channel',
    required: false,
    description: CHANNELS.join(' | '),
    schema: { type: 'string', enum: [...CHANNELS] },
  },
  { name: 'queue', required: false, description: 'exact queue', schema: { type: 'string' } },
  { name: 'agent', required: false, description: 'exact agent id', schema: { type: 'string' } },
  {
    name: 'group',
    required: false,
    description: 'exact agent group (a manager only ever sees their own)',
    schema: { type: 'string' },
  },
  {
    name: 'held',
    required: false,
    description:
      'true: only interactions an active legal hold keeps (whole history unless from/to); false: only those none keeps',
    schema: { type: 'string', enum: ['true', 'false'] },
  },
];
const NOT_FOUND = "unknown, expired or another tenant's interaction (the same answer for each)";
const DENIED = 'FORBIDDEN: the role may not, or the interaction is of another group, another agent, or restricted';
const HELD = 'HELD: a legal hold keeps the interaction; `holdIds` names the holds and nothing was deleted';

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
    summary:
      'Search the archive by identifier, time, queue, agent, group, channel; newest first, narrowed to what the role may see.',
    auth: 'admin',
    query: [...SEARCH_QUERY, ...pageQuery(SEARCH_MAX_LIMIT)],
    ok: { status: 200, description: 'one page of hits (general info without participant)', schema: SearchResultSchema },
    errors: { 413: 'more than 1000 interactions name the identifier: add criteria' },
  },
  {
    method: 'get',
    path: '/v1/interactions/export',
    summary:
      'General info (participant included) of every interaction the search finds, as xlsx (send Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) or CSV.',
    auth: 'admin',
    query: [
      {
        name: 'format',
        required: false,
        description: 'xlsx (default) or csv',
        schema: { type: 'string', enum: ['xlsx', 'csv'] },
      },
      ...SEARCH_QUERY,
    ],
    ok: {
      status: 200,
      description: 'the file, as an attachment; restricted interactions are left out except for the legal role',
      files: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
    },
    errors: { 413: 'more than 2000 interactions match: narrow the search' },
  },
  {
    method: 'post',
    path: '/v1/interactions/bulk-download',
    summary:
      'Zip of the chat logs (XML) and recordings of selected interactions, fetched by a presigned URL valid 5 minutes.',
    auth: 'admin',
    body: BulkRequestSchema,
    ok: {
      status: 200,
      description:
        'the link (it serves an application/zip) and an outcome per interaction (done, forbidden, not-found)',
      schema: BulkDownloadSchema,
    },
    errors: { 413: 'the recordings exceed 100 MB: select fewer' },
  },
  {
    method: 'post',
    path: '/v1/interactions/bulk-delete',
    summary: 'Delete the chat logs and/or recordings of selected interactions, keeping their general info.',
    auth: 'admin',
    body: BulkRequestSchema,
    ok: {
      status: 200,
      description: 'an outcome per interaction (done, forbidden, not-found)',
      schema: BulkDeletedSchema,
    },
    errors: { 409: `${HELD} (the whole request is refused when a hold keeps any selected interaction)` },
  },
  {
    method: 'get',
    path: '/v1/interactions/{id}/content',
    summary:
      'What content an interaction still has: chat-log lines, recordings, whether the chat log was deleted, whether it is restricted.',
    auth: 'admin',
    ok: { status: 200, description: 'the content summary', schema: InteractionContentSchema },
    errors: { 403: DENIED, 404: NOT_FOUND },
  },
  {
    method: 'get',
    path: '/v1/interactions/{id}/surveys',
    summary:
      'The surveys answered about an interaction: score 0–10 and comment (the comment withheld when processing is restricted, except for legal); a read that opens a comment is audited.',
    auth: 'admin',
    ok: { status: 200, description: 'the surveys', schema: InteractionSurveysSchema },
    errors: { 403: DENIED, 404: NOT_FOUND },
  },
  {
    method: 'delete',
    path: '/v1/interactions/{id}/transcript',
    summary: 'Delete the chat log (every line, every version of any transcript object); the general info stays.',
    auth: 'admin',
    ok: { status: 200, description: 'deleted', schema: ContentDeletedSchema },
    errors: { 403: DENIED, 404: NOT_FOUND, 409: HELD },
  },
  {
    method: 'get',
    path: '/v1/interactions/{id}/recordings/{recordingId}/play',
    summary: 'A presigned URL (5 minutes) that plays the recording inline.',
    auth: 'admin',
    ok: {
      status: 200,
      description: 'the link; it serves the audio as uploaded (audio/mpeg, audio/wav or audio/ogg)',
      schema: MediaLinkSchema,
    },
    errors: { 403: DENIED, 404: `${NOT_FOUND}; or the audio was never uploaded` },
  },
  {
    method: 'get',
    path: '/v1/interactions/{id}/recordings/{recordingId}/download',
    summary: 'A presigned URL (5 minutes) that downloads the recording as a file.',
    auth: 'admin',
    ok: {
      status: 200,
      description: 'the link; it serves the audio as uploaded (audio/mpeg, audio/wav or audio/ogg)',
      schema: MediaLinkSchema,
    },
    errors: { 403: DENIED, 404: `${NOT_FOUND}; or the audio was never uploaded` },
  },
  {
    method: 'delete',
    path: '/v1/interactions/{id}/recordings/{recordingId}',
    summary: 'Delete a recording (its pointer and every version of its audio); the general info stays.',
    auth: 'admin',
    ok: { status: 200, description: 'deleted', schema: ContentDeletedSchema },
    errors: { 403: DENIED, 404: NOT_FOUND, 409: HELD },
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
    summary:
      'Save the policy as the next revision; its `revision` must be the live one. Answers with what the change does at the next sweep.',
    auth: 'admin',
    body: TenantPolicySchema,
    ok: { status: 200, description: 'saved', schema: SavedPolicySchema },
    errors: {
      409: 'CONFLICT: the policy changed since the revision sent (or a concurrent save won): reload and reapply',
    },
  },
  {
    method: 'post',
    path: '/v1/policy/diff',
    summary:
      'What saving this policy would do at the next sweep, per class, with estimated record counts; nothing is saved.',
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
    query: pageQuery(100),
    ok: { status: 200, description: 'one page of revisions', schema: PolicyRevisionsSchema },
    errors: {},
  },
  {
    method: 'post',
    path: '/v1/recipient-secrets',
    summary:
      "A new secret to sign one recipient's webhooks (GDPR Art. 19 notices of erasure, rectification, restriction, objection), shown once and kept encrypted by KMS. Name its secretRef in policy.subjectRequests.notifyRecipients. With a secretRef: rotates that secret (a new key with a new keyId replaces the old one under the same reference; the rotation time is kept). Admin role; audited.",
    auth: 'admin',
    body: RecipientSecretRequestSchema,
    ok: { status: 201, description: 'the secret and its reference', schema: RecipientSecretSchema },
    errors: { 404: 'the secretRef to rotate is not one of the tenant' },
  },
  {
    method: 'get',
    path: '/v1/register',
    summary:
      'Record of processing (GDPR Art. 30) from the live policy and the deployment; Markdown with ?format=md or Accept: text/markdown.',
    auth: 'admin',
    query: [
      {
        name: 'format',
        required: false,
        description: 'json (default) or md',
        schema: { type: 'string', enum: ['json', 'md'] },
      },
    ],
    ok: {
      status: 200,
      description: 'the record of processing',
      schema: RecordOfProcessingSchema,
      files: ['text/markdown'],
    },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/audit',
    summary: 'Audit entries, newest first: who did what to which interaction, when, from which network.',
    auth: 'admin',
    query: [
      { name: 'user', required: false, description: 'staff user id', schema: { type: 'string' } },
      {
        name: 'action',
        required: false,
        description: AUDIT_ACTIONS.join(' | '),
        schema: { type: 'string', enum: [...AUDIT_ACTIONS] },
      },
      { name: 'interactionId', required: false, description: 'ULID', schema: { type: 'string' } },
      {
        name: 'from',
        required: false,
        description: 'ISO instant, inclusive',
        schema: { type: 'string', format: 'date-time' },
      },
      {
        name: 'to',
        required: false,
        description: 'ISO instant, inclusive',
        schema: { type: 'string', format: 'date-time' },
      },
      {
        name: 'support',
        required: false,
        description: 'true: vendor support accesses only',
        schema: { type: 'string', enum: ['true', 'false'] },
      },
      ...pageQuery(500),
    ],
    ok: { status: 200, description: 'one page of entries', schema: AuditPageSchema },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/sweep-history',
    summary:
      'What each retention sweep did to the tenant, newest night first: per data class and region how many records were due, deleted, anonymised, archived, sealed for litigation, kept by a hold or failed, and the failures (admin, legal).',
    auth: 'admin',
    query: pageQuery(MAX_SWEEP_HISTORY_PAGE),
    ok: { status: 200, description: 'one page of sweep runs', schema: SweepHistoryPageSchema },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/privacy-kpis',
    summary:
      "The privacy office's figures for a range of days: subject requests filed, completed and overdue, the median time to complete, the records each night's sweep removed, and the legal holds in force (admin, legal).",
    auth: 'admin',
    query: [
      {
        name: 'from',
        required: true,
        description: 'first day, tenant time zone',
        schema: { type: 'string', format: 'date' },
      },
      { name: 'to', required: true, description: 'last day, included', schema: { type: 'string', format: 'date' } },
    ],
    ok: { status: 200, description: 'the figures', schema: PrivacyKpiReportSchema },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/consents',
    summary:
      'Every consent proof and objection of one person, oldest first (admin, legal); the person is found by keyed hash and never named in the answer.',
    auth: 'admin',
    query: SUBJECT_QUERY,
    ok: { status: 200, description: 'the proofs', schema: SubjectConsentsSchema },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/interactions/{id}/consents',
    summary:
      'The consent the channel reported for an interaction and the proofs and objections filed for its participant (admin, legal).',
    auth: 'admin',
    ok: { status: 200, description: 'the consent records', schema: InteractionConsentsSchema },
    errors: { 404: 'no such interaction' },
  },
  {
    method: 'get',
    path: '/v1/chatbot-events',
    summary:
      'The retained raw chatbot events of one bot session, newest first, found by keyed hash of the session id; clear facts only, no payload (admin, legal). Audited.',
    auth: 'admin',
    query: [
      {
        name: 'sessionId',
        required: true,
        description: 'the bot session id (the visitor id events are indexed under)',
        schema: { type: 'string', minLength: 1, maxLength: 128 },
      },
    ],
    ok: { status: 200, description: 'the events', schema: ChatbotEventListSchema },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/chatbot-events/{id}',
    summary:
      'One retained raw chatbot event with its session id and payload opened (admin, legal; a restricted event for legal only). Audited.',
    auth: 'admin',
    ok: { status: 200, description: 'the event', schema: ChatbotEventDetailSchema },
    errors: { 403: 'processing restricted, or a role without event.view', 404: 'unknown or expired event' },
  },
];
