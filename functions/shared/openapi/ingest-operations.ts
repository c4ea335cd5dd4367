import { INGEST_LIMITS } from '../../domain/ingest/limits';
import {
  ConsentStandingAnswerSchema,
  ConsentStoredSchema,
  EventsIngestedSchema,
  InteractionCreatedSchema,
  InteractionEndedSchema,
  MessagesAppendedSchema,
  RecordingUploadSchema,
  SurveyStoredSchema,
  TranscriptViewSchema,
} from '../../domain/ingest/responses';
import { InteractionDetailSchema } from '../../usecases/admin/responses';
import {
  AppendMessagesSchema,
  ConsentSchema,
  EndInteractionSchema,
  EventBatchSchema,
  RecordingRequestSchema,
  StartInteractionSchema,
  SurveySchema,
} from '../../domain/ingest/schemas';
import { KPI_GROUPINGS } from '../../domain/kpi/query';
import { KpiReportSchema } from '../../domain/kpi/report';
import { RecordingCompletedSchema } from '../../usecases/recordings/responses';
import { RECORDING_UPLOAD_LIMITS } from '../../domain/ingest/upload-rules';
import { SUBJECT_QUERY, type ApiOperation } from './operation';

const SIZE = `413: over the size limits (body ${INGEST_LIMITS.bodyBytes} bytes, see the schema maxima)`;
const CONFLICT = 'the Idempotency-Key was used before with another request';
const ERASING =
  'ERASURE_IN_PROGRESS: an erasure or anonymisation of this data subject is running; send it again once it has ended';

/** The channels' ingest routes (x-api-key) and the read-back routes next to them. */
export const INGEST_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/interactions',
    summary: 'Start an interaction (general info, participant, consent).',
    auth: 'apiKey',
    body: StartInteractionSchema,
    idempotent: true,
    ok: { status: 201, description: 'stored', schema: InteractionCreatedSchema },
    errors: {
      403: 'CONSENT_REFUSED: the channel requires the GDPR notice and it was not accepted',
      409: `${CONFLICT}, or ${ERASING}`,
      413: SIZE,
    },
  },
  {
    method: 'post',
    path: '/v1/interactions/{id}/messages',
    summary:
      'Append messages; redacted, hidden fields and masked digits dropped, nothing stored without content consent.',
    auth: 'apiKey',
    body: AppendMessagesSchema,
    idempotent: true,
    ok: { status: 201, description: 'accepted', schema: MessagesAppendedSchema },
    errors: {
      404: 'unknown interaction',
      409: `${CONFLICT}, or ENDED: the interaction has ended and takes no more messages`,
      413: SIZE,
    },
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
    errors: {
      403: 'CONSENT_REFUSED: recording consent was refused; deny_recording is recorded',
      404: 'unknown interaction',
      409: CONFLICT,
    },
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
    errors: { 409: `${ERASING} (for the session of any event: nothing of the batch is stored)`, 413: SIZE },
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
    summary:
      'Store proof of consent given or withdrawn; a withdrawal stops content storage for the subject from now on.',
    auth: 'apiKey',
    body: ConsentSchema,
    idempotent: true,
    ok: { status: 201, description: 'stored', schema: ConsentStoredSchema },
    errors: { 409: `${CONFLICT}, or ${ERASING}`, 413: SIZE },
  },
  {
    method: 'get',
    path: '/v1/consents/standing',
    summary:
      'May this person be contacted, recorded or analysed for a purpose now? The answer names the proof that decides (an objection, a withdrawal, a consent), never the identifier.',
    auth: 'apiKey',
    query: [
      {
        name: 'purpose',
        required: true,
        description: 'recording, storeContent, gdpr or a purpose the policy names',
        schema: { type: 'string' },
      },
      ...SUBJECT_QUERY,
    ],
    ok: { status: 200, description: 'the standing of the purpose for the person', schema: ConsentStandingAnswerSchema },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/interactions/{id}',
    summary: 'General info of an interaction (admin).',
    auth: 'admin',
    ok: {
      status: 200,
      description: 'the general info and the ids of the legal holds that keep it',
      schema: InteractionDetailSchema,
    },
    errors: {
      404: 'unknown or expired interaction (past its expiry, one a legal hold keeps is found for the legal role and admins, audited)',
    },
  },
  {
    method: 'get',
    path: '/v1/interactions/{id}/transcript',
    summary:
      'Stored (redacted) messages of an interaction (admin); with ?format=xml or Accept: application/xml the chat log as an XML download.',
    auth: 'admin',
    query: [
      {
        name: 'format',
        required: false,
        description: 'json (default, a view) or xml (a download); both are audited',
        schema: { type: 'string', enum: ['json', 'xml'] },
      },
    ],
    ok: { status: 200, description: 'the transcript', schema: TranscriptViewSchema, files: ['application/xml'] },
    errors: { 404: 'unknown or expired interaction' },
  },
  {
    method: 'get',
    path: '/v1/kpis',
    summary: 'Daily KPI counters, summed per requested grouping (admin).',
    auth: 'admin',
    query: [
      {
        name: 'from',
        required: true,
        description: 'first day, tenant time zone',
        schema: { type: 'string', format: 'date' },
      },
      { name: 'to', required: true, description: 'last day, included', schema: { type: 'string', format: 'date' } },
      {
        name: 'groupBy',
        required: false,
        description: `comma-separated: ${KPI_GROUPINGS.join(', ')}; default day`,
        schema: { type: 'string' },
      },
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
