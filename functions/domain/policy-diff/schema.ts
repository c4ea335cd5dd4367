import * as z from 'zod';
import { CHANNELS, DATA_CLASSES, EXPIRY_ACTIONS } from '../data-class';

/**
 * What a policy change does, as the admin API answers it (POST /v1/policy/diff, PUT /v1/policy).
 * The types below are inferred from these schemas, so the OpenAPI document cannot drift from them.
 */
export const RetentionShiftSchema = z.object({
  before: z.string(),
  after: z.string(),
  change: z.enum(['shortened', 'lengthened', 'unchanged']),
});
export type RetentionShift = z.infer<typeof RetentionShiftSchema>;
export type RetentionDirection = RetentionShift['change'];

export const ImpactEstimateSchema = z
  .object({
    dueAtNextSweep: z
      .number()
      .int()
      .describe('live now, past their new expiry: deleted, anonymised or archived by the next sweep'),
    expireSooner: z.number().int().describe('live now, their new expiry earlier but still ahead'),
    kept: z.number().int().describe('live now, kept longer than before'),
    live: z.number().int().describe('live now under the old policy: what a changed post-expiry action applies to'),
  })
  .describe('from the KPI counters (interactions, surveys, chatbot events); absent for classes without counters');
export type ImpactEstimate = z.infer<typeof ImpactEstimateSchema>;

export const RegionMoveSchema = z.object({
  channel: z
    .enum(CHANNELS)
    .optional()
    .describe('absent: the class as a whole (channels without a region of their own)'),
  phase: z.enum(['final', 'in-flight']),
  before: z.string(),
  after: z.string(),
});
export type RegionMove = z.infer<typeof RegionMoveSchema>;

export const ClassDiffSchema = z.object({
  dataClass: z.enum(DATA_CLASSES),
  retention: RetentionShiftSchema.optional(),
  channelRetention: z
    .array(RetentionShiftSchema.extend({ channel: z.enum(CHANNELS) }))
    .describe('channels with a retention of their own whose retention moved'),
  afterExpiry: z.object({ before: z.enum(EXPIRY_ACTIONS), after: z.enum(EXPIRY_ACTIONS) }).optional(),
  archiveRetention: z.object({ before: z.string().optional(), after: z.string().optional() }).optional(),
  regions: z.array(RegionMoveSchema),
  litigationSeal: z.object({ before: z.boolean(), after: z.boolean() }).optional(),
  estimate: ImpactEstimateSchema.optional(),
  effects: z.array(z.string()).describe('the change in sentences a privacy officer reads before saving'),
});
export type ClassDiff = z.infer<typeof ClassDiffSchema>;

export const PolicyDiffSchema = z
  .object({
    fromRevision: z.number().int(),
    toRevision: z.number().int(),
    changed: z.boolean(),
    timeZone: z.object({ before: z.string(), after: z.string() }).optional(),
    classes: z.array(ClassDiffSchema).describe('the classes the change touches, in data-class order'),
    otherChanges: z
      .array(z.string())
      .describe('other settings that changed (redaction, consent, access, …), as dotted paths'),
    effects: z.array(z.string()),
  })
  .meta({ id: 'PolicyDiff' });
export type PolicyDiff = z.infer<typeof PolicyDiffSchema>;
