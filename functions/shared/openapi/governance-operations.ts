import { DATA_CLASSES } from '../../domain/data-class';
import { PlaceHoldSchema } from '../../domain/holds/hold-request';
import { SUBJECT_REQUEST_ROLES } from '../../domain/access/subject-request-access';
import { SUBJECT_REQUEST_TYPES, SubjectRequestSchema } from '../../domain/subject-requests/request';
import { ExtensionSchema, MAX_EXTENSION_MONTHS } from '../../domain/subject-requests/deadline';
import { MAX_DESK_PAGE } from '../../domain/subject-requests/desk-query';
import { JOB_STATUSES } from '../../domain/subject-requests/job-status';
import { MAX_EXPORT_MONTHS } from '../../usecases/retention/archive-export';
import { DOWNLOAD_URL_SECONDS } from '../../usecases/subject-requests/view-request';
import { pageQuery, type ApiOperation } from './operation';
import { ArchiveMonthsSchema } from '../../usecases/retention/archive-months';

const STAFF = `staff of the ${SUBJECT_REQUEST_ROLES.join(' or ')} role`;
const UNKNOWN_REQUEST = 'unknown subject request, or one of another tenant';
const DEADLINE = `its deadline (GDPR Art. 12(3): one month from receipt on the tenant's calendar, plus up to ${MAX_EXTENSION_MONTHS} months of extension): dueAt, daysLeft (while open) and overdue`;

/** Data-subject requests, legal holds, the litigation archive and the archive tier (admin and legal roles). */
export const GOVERNANCE_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/subject-requests',
    summary: `File a data-subject request (${SUBJECT_REQUEST_TYPES.join(', ')}). Filed by ${STAFF} it starts at once; filed by a channel for the end user it talks to, it waits in pending-verification until an admin confirms it.`,
    auth: ['admin', 'apiKey'],
    body: SubjectRequestSchema,
    ok: { status: 202, description: '{requestId, status}: follow it with GET /v1/subject-requests/{requestId}' },
    errors: { 404: 'unknown tenant' },
  },
  {
    method: 'get',
    path: '/v1/subject-requests',
    summary: `The request desk: the tenant's requests in filing order, each with who filed it (channel or staff) and ${DEADLINE}. Filters combine; a page may hold fewer items than the limit and still carry a nextToken. Staff of the ${SUBJECT_REQUEST_ROLES.join(' or ')} role.`,
    auth: 'admin',
    query: [
      {
        name: 'type',
        required: false,
        description: 'only requests of this type',
        schema: { type: 'string', enum: [...SUBJECT_REQUEST_TYPES] },
      },
      {
        name: 'status',
        required: false,
        description: 'only requests in this status',
        schema: { type: 'string', enum: [...JOB_STATUSES] },
      },
      {
        name: 'filedBy',
        required: false,
        description: 'channel (self-service, on behalf of the end user) or staff',
        schema: { type: 'string', enum: ['channel', 'staff'] },
      },
      {
        name: 'overdue',
        required: false,
        description: 'true: only open requests past their due time; false: only the others',
        schema: { type: 'string', enum: ['true', 'false'] },
      },
      ...pageQuery(MAX_DESK_PAGE),
    ],
    ok: { status: 200, description: '{items, nextToken}' },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/subject-requests/{requestId}',
    summary: `Status, progress, ${DEADLINE}, and, once done, the certificate (counts per store and region, what was kept and why, the verification re-scan; never an identifier). A completed export carries a download link valid ${DOWNLOAD_URL_SECONDS} s. A channel sees only the requests it filed. A request pending verification shows what to verify the person against: the identifier kinds filed, masked (never the values). Once an erasure, anonymisation, rectification, restriction or objection is done, \`deliveries\` logs the signed webhooks telling the policy's recipients (GDPR Art. 19): per recipient, status, attempts, last status, delivery time; the certificate carries them as \`recipients\`.`,
    auth: ['admin', 'apiKey'],
    ok: { status: 200, description: 'the request' },
    errors: { 404: UNKNOWN_REQUEST },
  },
  {
    method: 'delete',
    path: '/v1/subject-requests/{requestId}',
    summary:
      'Cancel a request: at once when it has not started (200), at its next record when it runs (202). A finished request cannot be cancelled.',
    auth: ['admin', 'apiKey'],
    ok: { status: 200, description: 'cancelled (202: cancelling)' },
    errors: { 404: UNKNOWN_REQUEST, 409: 'CONFLICT: the request finished or changed meanwhile' },
  },
  {
    method: 'post',
    path: '/v1/subject-requests/{requestId}/confirm',
    summary: 'Confirm, after verifying who the end user is, a request a channel filed; it then runs. Admin role only.',
    auth: 'admin',
    ok: { status: 202, description: '{requestId, status}' },
    errors: { 404: UNKNOWN_REQUEST, 409: 'CONFLICT: the request is not pending verification, or changed meanwhile' },
  },
  {
    method: 'post',
    path: '/v1/subject-requests/{requestId}/extension',
    summary: `Extend a request's deadline by 1 or 2 months (${MAX_EXTENSION_MONTHS} in all at most), with the reason told to the person (stored redacted). Decided within the first month of receipt, on an open request. Audited. Staff of the ${SUBJECT_REQUEST_ROLES.join(' or ')} role.`,
    auth: 'admin',
    body: ExtensionSchema,
    ok: { status: 200, description: 'the request with its new deadline' },
    errors: {
      404: UNKNOWN_REQUEST,
      409: 'CONFLICT: the request is closed, past its first month, or changed meanwhile',
    },
  },
  {
    method: 'post',
    path: '/v1/holds',
    summary:
      'Place a legal hold on one interaction or on a subject (identifiers are hashed at once, never stored; the reason is stored redacted). Held records are skipped by sweeps and erasure, and staff deletes of them are refused (409 HELD), until released. Admin or legal role.',
    auth: 'admin',
    body: PlaceHoldSchema,
    ok: { status: 201, description: 'the hold and how many records it covers now' },
    errors: {
      404: "unknown tenant; or an unknown, expired or another tenant's interaction (the same answer for each)",
    },
  },
  {
    method: 'get',
    path: '/v1/holds',
    summary: 'Every hold of the tenant, released ones included. Admin or legal role.',
    auth: 'admin',
    ok: { status: 200, description: '{holds}' },
    errors: {},
  },
  {
    method: 'post',
    path: '/v1/holds/{holdId}/release',
    summary:
      'Release a hold: what it kept is due again at the next sweep, and the erasures it postponed run again. Releasing a released hold changes nothing. Admin or legal role.',
    auth: 'admin',
    ok: { status: 200, description: 'the released hold and how many records are due again' },
    errors: { 404: 'unknown hold' },
  },
  {
    method: 'get',
    path: '/v1/litigation/batches',
    summary:
      'Sealed litigation batches: class, region, record count, sealing date and the date each is destroyed. Legal or admin role.',
    auth: 'admin',
    ok: { status: 200, description: '{batches}' },
    errors: {},
  },
  {
    method: 'post',
    path: '/v1/litigation/batches/{batchId}/retrievals',
    summary:
      "Record, in the audit log, a retrieval of a sealed batch and say where it lies. Opening it takes the legal-access role's own AWS identity (`lethe litigation export`): a token alone decrypts nothing. Legal role only.",
    auth: 'admin',
    ok: { status: 201, description: 'the batch, its location and the KMS key alias that opens it for the legal role' },
    errors: { 404: 'unknown batch' },
  },
  {
    method: 'get',
    path: '/v1/archive/{class}',
    summary: `The archive tier's only door: records of one class moved to the archive in the given months, as CSV (at most ${MAX_EXPORT_MONTHS} months). Audited. Admin or legal role.`,
    auth: 'admin',
    query: [
      {
        name: 'from',
        required: false,
        description: 'first month, YYYY-MM; default this month',
        schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
      },
      {
        name: 'to',
        required: false,
        description: 'last month, YYYY-MM, included; default from',
        schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
      },
    ],
    pathParams: {
      class: {
        description: 'the data class whose archived records to read',
        schema: { type: 'string', enum: [...DATA_CLASSES] },
      },
    },
    ok: { status: 200, description: 'the records; the header x-lethe-records says how many', files: ['text/csv'] },
    errors: {},
  },
  {
    method: 'get',
    path: '/v1/archive/{class}/months',
    summary: `What the archive tier holds of one class: the months of transfer with something archived and their object counts, listed without opening any (at most ${MAX_EXPORT_MONTHS} months). Admin or legal role.`,
    auth: 'admin',
    query: [
      {
        name: 'from',
        required: false,
        description: 'first month, YYYY-MM; default twelve months ago',
        schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
      },
      {
        name: 'to',
        required: false,
        description: 'last month, YYYY-MM, included; default this month',
        schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
      },
    ],
    pathParams: {
      class: {
        description: 'the data class whose archive to list',
        schema: { type: 'string', enum: [...DATA_CLASSES] },
      },
    },
    ok: { status: 200, description: 'the months', schema: ArchiveMonthsSchema },
    errors: {},
  },
];
