import * as z from 'zod';
import { ACCESS_ACTIONS } from '../../domain/access/actions';
import { ACTOR_ROLES, AUDIT_ACTIONS } from '../../domain/audit/entry';
import { EXPIRY_ACTIONS } from '../../domain/data-class';
import { InteractionFactsSchema, InteractionViewSchema } from '../../domain/ingest/responses';
import { PolicyDiffSchema } from '../../domain/policy-diff/schema';
import { TenantPolicySchema } from '../../domain/policy/schema';
import { MAX_GRACE_HOURS, RecipientSchema } from '../../domain/recipients/recipient';
import { INTERACTION_CLASSES } from '../../domain/retention/class-timeline';
import { RECORDING_STATUSES } from '../recordings/recording-pointer';

/**
 * What the admin endpoints answer, as zod schemas: the use cases return these shapes and the
 * OpenAPI document is generated from them.
 */

const HoldsSchema = z
  .array(z.string())
  .describe('ids of the active legal holds that keep the interaction; empty when none');

const RestrictedSchema = z.boolean().describe('processing restricted (GDPR Art. 18): content only for the legal role');

/** One line of an interaction's retention timeline (functions/domain/retention/class-timeline.ts). */
export const ClassExpirySchema = z
  .object({
    dataClass: z.enum(INTERACTION_CLASSES),
    records: z.number().int().describe('records left'),
    firstExpiresAt: z.string().optional().describe('earliest expiry among them'),
    lastExpiresAt: z.string().optional().describe('latest expiry (chat-log lines expire one by one)'),
    held: z.boolean().describe('kept past expiry by a legal hold'),
    retention: z.string().describe('retention in force on this channel (ISO-8601)'),
    afterExpiry: z.enum(EXPIRY_ACTIONS),
    sealFirst: z.boolean().describe('sealed for litigation before that'),
  })
  .meta({ id: 'ClassExpiry' });

const RetentionTimelineSchema = z.array(ClassExpirySchema).describe('per class: when its records expire, what then');

/** One search hit: the general info in clear attributes only (no participant: open it with GET /v1/interactions/{id}). */
export const InteractionSummarySchema = InteractionFactsSchema.extend({
  contentStored: z
    .boolean()
    .describe(
      'whether a chat log or a recording is stored and readable now; false when none was ever stored (opt-out) or it is gone',
    ),
  flags: z.array(z.string()).describe('e.g. deny_recording'),
  restricted: RestrictedSchema,
  expiresAt: z
    .string()
    .describe('when its retention ends (or ended: past it, only held interactions are shown, to legal and admins)'),
  holds: HoldsSchema,
  retention: RetentionTimelineSchema,
}).meta({ id: 'InteractionSummary' });

/** GET /v1/interactions/{id} (admin): the general info, the legal holds that keep it and its retention timeline. */
export const InteractionDetailSchema = InteractionViewSchema.extend({
  holds: HoldsSchema,
  restricted: RestrictedSchema,
  retention: RetentionTimelineSchema,
}).meta({
  id: 'InteractionDetail',
});
export type InteractionDetail = z.infer<typeof InteractionDetailSchema>;
export type InteractionSummary = z.infer<typeof InteractionSummarySchema>;

export const SearchResultSchema = z
  .object({
    items: z.array(InteractionSummarySchema),
    nextToken: z.string().optional().describe('absent on the last page; may come with fewer items than the limit'),
  })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const RecordingSchema = z
  .object({
    recordingId: z.string(),
    mediaType: z.string(),
    at: z.string(),
    status: z
      .enum(RECORDING_STATUSES)
      .describe('awaiting-upload until the channel uploaded the audio; deleted once its audio is gone (anonymised)'),
    durationSeconds: z.number().optional(),
  })
  .meta({ id: 'Recording' });

export const InteractionContentSchema = z
  .object({
    interactionId: z.string(),
    transcript: z.object({
      messages: z.number().int().describe('chat-log lines stored and not expired'),
      deletedAt: z.string().optional().describe('when an admin deleted the chat log'),
    }),
    recordings: z.array(RecordingSchema),
    restricted: z.boolean(),
  })
  .meta({ id: 'InteractionContent' });
export type InteractionContent = z.infer<typeof InteractionContentSchema>;

export const MediaLinkSchema = z
  .object({
    url: z.string().describe('short-lived presigned GET URL'),
    expiresAt: z.string(),
    mediaType: z.string(),
  })
  .meta({ id: 'MediaLink' });
export type MediaLink = z.infer<typeof MediaLinkSchema>;

export const ContentDeletedSchema = z
  .object({ interactionId: z.string(), deleted: z.number().int().describe('items and object versions removed') })
  .meta({ id: 'ContentDeleted' });
export type ContentDeleted = z.infer<typeof ContentDeletedSchema>;

export const CONTENT_KINDS = ['transcript', 'recording'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

export const BulkRequestSchema = z
  .object({
    interactionIds: z.array(z.ulid('must be an interaction id (ULID)')).min(1).max(100),
    content: z.array(z.enum(CONTENT_KINDS)).min(1).default(['transcript', 'recording']),
  })
  .strict()
  .meta({ id: 'BulkRequest' });
export type BulkRequest = z.infer<typeof BulkRequestSchema>;

export const BulkOutcomeSchema = z.object({
  interactionId: z.string(),
  status: z.enum(['done', 'forbidden', 'not-found']),
  transcripts: z.number().int().optional(),
  recordings: z.number().int().optional(),
});

export const BulkDeletedSchema = z.object({ results: z.array(BulkOutcomeSchema) }).meta({ id: 'BulkDeleted' });
export type BulkDeleted = z.infer<typeof BulkDeletedSchema>;

export const BulkDownloadSchema = z
  .object({
    url: z.string().describe('presigned GET URL of the zip (chat logs as XML, recordings as files)'),
    expiresAt: z.string(),
    results: z.array(BulkOutcomeSchema),
  })
  .meta({ id: 'BulkDownload' });
export type BulkDownload = z.infer<typeof BulkDownloadSchema>;

export const AuditEntryViewSchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.object({ user: z.string(), role: z.enum(ACTOR_ROLES), support: z.boolean() }),
    action: z.enum(AUDIT_ACTIONS),
    interactionId: z.string().optional(),
    from: z.string().describe('the caller network (/24 or /48), never a full address'),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditPageSchema = z
  .object({ items: z.array(AuditEntryViewSchema), nextToken: z.string().optional() })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const MeSchema = z
  .object({
    tenantId: z.string(),
    userId: z.string(),
    role: z.string(),
    group: z.string().optional(),
    support: z.boolean(),
    allowed: z
      .array(z.enum(ACCESS_ACTIONS))
      .describe('actions this user may take (interaction actions within their reach)'),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const PolicyDocumentSchema = z
  .object({ revision: z.number().int(), savedAt: z.string(), savedBy: z.string(), policy: TenantPolicySchema })
  .meta({ id: 'PolicyDocument' });

export const SavedPolicySchema = PolicyDocumentSchema.extend({ diff: PolicyDiffSchema }).meta({ id: 'SavedPolicy' });

export const PolicyRevisionsSchema = z
  .object({ items: z.array(PolicyDocumentSchema), nextToken: z.string().optional() })
  .meta({ id: 'PolicyRevisions' });

/** The recipient a new secret is for: named, so a request is never a write from nothing. */
export const RecipientSecretRequestSchema = z
  .object({
    recipient: RecipientSchema.shape.name.describe('the name the policy gives the recipient this secret signs for'),
    secretRef: z
      .string()
      .regex(/^rs_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a secretRef answered by an earlier POST /v1/recipient-secrets')
      .optional()
      .describe('rotate this secret: a new key replaces its key under the same reference'),
    graceHours: z
      .number()
      .int()
      .min(1)
      .max(MAX_GRACE_HOURS)
      .optional()
      .describe('with secretRef: the replaced key still signs alongside the new one for this many hours'),
  })
  .strict()
  .refine((r) => r.graceHours === undefined || r.secretRef !== undefined, {
    path: ['graceHours'],
    message: 'applies to a rotation only: name the secretRef to rotate',
  })
  .meta({ id: 'RecipientSecretRequest' });

export const RecipientSecretSchema = z
  .object({
    recipient: z.string(),
    secretRef: z.string().describe("name it as a recipient's secretRef in policy.subjectRequests.notifyRecipients"),
    secret: z
      .string()
      .describe("shown once: the HMAC-SHA256 key of the recipient's webhooks is this string's UTF-8 bytes"),
    keyId: z.string().describe('sent as Lethe-Webhook-Key-Id with every signature this key makes'),
    createdAt: z.string(),
    rotatedAt: z.string().optional().describe('when this key replaced the previous one'),
    previousKeyValidUntil: z
      .string()
      .optional()
      .describe("until when the replaced key's signature is sent alongside (the rotation's graceHours)"),
  })
  .meta({ id: 'RecipientSecret' });
