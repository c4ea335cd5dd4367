import * as z from 'zod';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../data-class';
import { validationFailed, type FieldProblem } from '../errors';
import type { SubjectIdentifiers } from '../records';
import { IsoInstantSchema } from '../instant';
import { fieldProblems, parseOrThrow } from '../validation';
import { WAKE_QUEUED_EVENT } from './wake';

/**
 * A data-subject request as an operator, an admin or a channel files it: the same body for the
 * console Lambda, `POST /v1/subject-requests` and `lethe subject …`. Identifiers are as received;
 * they are normalised and hashed with the tenant secret before anything is stored, and only the
 * kinds searched (never the values) appear in results.
 */
export const SUBJECT_REQUEST_TYPES = ['erase', 'anonymize', 'export', 'rectify', 'restrict', 'object'] as const;
export type SubjectRequestType = (typeof SUBJECT_REQUEST_TYPES)[number];

const identifierShape = Object.fromEntries(
  IDENTIFIER_KINDS.map((k) => [k, z.string().trim().min(1, 'must not be blank').max(254)]),
) as Record<IdentifierKind, z.ZodString>;

const named = (identifiers: Partial<Record<IdentifierKind, string>>) =>
  IDENTIFIER_KINDS.some((k) => identifiers[k] !== undefined);

/** At least one of phone, email, visitorId, name. */
export const SubjectIdentifiersSchema = z
  .object(identifierShape)
  .partial()
  .strict()
  .refine(named, { message: 'name at least one identifier: phone, email, visitorId or name' })
  .meta({
    id: 'SubjectIdentifiers',
    description: 'Who the request is about. Used only to compute keyed hashes; never stored in clear.',
  });

const NoOptions = z.object({}).strict().prefault({});

/** Puzzel "forget me": identifiers always go; `content` says whether chat logs and recordings go too. */
export const AnonymizeOptionsSchema = z
  .object({ content: z.enum(['delete', 'keep']).default('delete') })
  .strict()
  .prefault({});

/** The corrected value of each identifier to rectify; its current value must be among the identifiers. */
export const RectifyOptionsSchema = z
  .object({
    corrected: z
      .object(identifierShape)
      .partial()
      .strict()
      .refine(named, { message: 'name the corrected value of at least one identifier' }),
  })
  .strict();

/** `lift: true` ends an earlier restriction of the same subject. */
export const RestrictOptionsSchema = z
  .object({ lift: z.boolean().default(false) })
  .strict()
  .prefault({});

/** GDPR Art. 21 / unsubscribe: the purpose to stop for the subject (`recording`, `storeContent` or one the tenant's policy names). */
export const ObjectOptionsSchema = z
  .object({ purpose: z.string().trim().min(1, 'must not be blank').max(100) })
  .strict();

/**
 * When the person made the request, if before it is filed (a letter or an e-mail keyed in later):
 * the GDPR deadline runs from receipt. Checked against the clock when filed (`receivedInstant`).
 */
const ReceivedAtSchema = IsoInstantSchema.optional().describe(
  'When the request was received, if earlier than now (e.g. by post); the deadline runs from it. At most one year back, never in the future.',
);

const variant = <T extends SubjectRequestType, O extends z.ZodType>(type: T, options: O) =>
  z
    .object({ type: z.literal(type), identifiers: SubjectIdentifiersSchema, options, receivedAt: ReceivedAtSchema })
    .strict();

export const SubjectRequestSchema = z
  .discriminatedUnion(
    'type',
    [
      variant('erase', NoOptions),
      variant('anonymize', AnonymizeOptionsSchema),
      variant('export', NoOptions),
      variant('rectify', RectifyOptionsSchema),
      variant('restrict', RestrictOptionsSchema),
      variant('object', ObjectOptionsSchema),
    ],
    { error: `type must be one of ${SUBJECT_REQUEST_TYPES.join(', ')}` },
  )
  .superRefine((request, ctx) => {
    if (request.type !== 'rectify') return;
    for (const kind of IDENTIFIER_KINDS)
      if (request.options.corrected[kind] !== undefined && request.identifiers[kind] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['identifiers', kind],
          message: `is required to rectify the ${kind}: give its current value`,
        });
  })
  .meta({ id: 'SubjectRequest' });
export type SubjectRequest = z.infer<typeof SubjectRequestSchema>;

const TenantIdSchema = z.ulid('must be a tenant id (ULID)');
const ResumeEventSchema = z
  .object({ tenantId: TenantIdSchema, requestId: z.ulid('must be a request id (ULID)') })
  .strict();
const WakeEventSchema = z.object({ kind: z.literal(WAKE_QUEUED_EVENT.kind) }).strict();

/**
 * The console Lambda's event: a new request with its tenant (`{ tenantId, type, identifiers,
 * options }`), `{ tenantId, requestId }` to start or resume a request filed earlier, or the
 * schedule's `{ "kind": "wake-queued" }` to start what waits too long (./wake.ts).
 */
export type SubjectRequestEvent =
  | { kind: 'resume'; tenantId: string; requestId: string }
  | { kind: 'new'; tenantId: string; request: SubjectRequest }
  | { kind: 'wake' };

export function parseSubjectRequestEvent(event: unknown): SubjectRequestEvent {
  const body = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  if ('kind' in body) {
    parseOrThrow(WakeEventSchema, body, 'The event');
    return { kind: 'wake' };
  }
  if ('requestId' in body) return { kind: 'resume', ...parseOrThrow(ResumeEventSchema, body, 'The event') };
  const { tenantId, ...rest } = body;
  const problems: FieldProblem[] = [];
  const tenant = TenantIdSchema.safeParse(tenantId);
  if (!tenant.success) problems.push({ path: 'tenantId', message: 'must be a tenant id (ULID)' });
  const request = SubjectRequestSchema.safeParse(rest);
  if (!request.success) problems.push(...fieldProblems(request.error));
  if (!tenant.success || !request.success) throw validationFailed(problems, 'The event is not valid.');
  return { kind: 'new', tenantId: tenant.data, request: request.data };
}

/** The kinds a request searches by, in IDENTIFIER_KINDS order. */
export const searchedKinds = (identifiers: SubjectIdentifiers): IdentifierKind[] =>
  IDENTIFIER_KINDS.filter((k) => identifiers[k] !== undefined);

/** The options worth keeping with a job: nothing that names the subject (rectify keeps only the kinds corrected). */
export function storedOptions(request: SubjectRequest): Record<string, string | boolean | string[]> {
  switch (request.type) {
    case 'anonymize':
      return { content: request.options.content };
    case 'restrict':
      return { lift: request.options.lift };
    case 'object':
      return { purpose: request.options.purpose };
    case 'rectify':
      return { corrected: searchedKinds(request.options.corrected) };
    default:
      return {};
  }
}
