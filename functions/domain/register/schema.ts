import * as z from 'zod';
import { CHANNELS, DATA_CLASSES, EXPIRY_ACTIONS, LAWFUL_BASES } from '../data-class';

/**
 * The record of processing as the admin API answers it (GET /v1/register); the types are
 * inferred from these schemas, so the OpenAPI document cannot drift from them.
 */
export const RegionLocationSchema = z.object({ region: z.string(), location: z.string(), inEea: z.boolean() });
export type RegionLocation = z.infer<typeof RegionLocationSchema>;

export const ProcessingActivitySchema = z.object({
  dataClass: z.enum(DATA_CLASSES),
  categories: z.array(z.string()),
  purposes: z.array(z.string()),
  lawfulBasis: z.enum(LAWFUL_BASES),
  recipients: z.array(z.string()),
  retention: z.object({
    period: z.string(),
    afterExpiry: z.enum(EXPIRY_ACTIONS),
    archivePeriod: z.string().optional().describe('how long an archived copy is kept (afterExpiry = archive)'),
    channelPeriods: z
      .array(z.object({ channel: z.enum(CHANNELS), period: z.string() }))
      .describe('channels keeping this class for another period'),
  }),
  regions: z.array(z.string()).describe('every region the class may be stored in, in-flight regions of calls included'),
  sealedForLitigation: z.boolean(),
});
export type ProcessingActivity = z.infer<typeof ProcessingActivitySchema>;

export const SecurityMeasureSchema = z.object({ measure: z.string(), detail: z.string() });
export type SecurityMeasure = z.infer<typeof SecurityMeasureSchema>;

export const RecordOfProcessingSchema = z
  .object({
    generatedAt: z.string(),
    controller: z.object({ tenantId: z.string(), name: z.string() }),
    processor: z.object({ name: z.string(), role: z.string() }),
    policyRevision: z.number().int(),
    timeZone: z.string(),
    dataSubjects: z.array(z.string()),
    activities: z.array(ProcessingActivitySchema),
    transfers: z
      .array(RegionLocationSchema.extend({ dataClasses: z.array(z.enum(DATA_CLASSES)) }))
      .describe('regions outside the EU/EEA holding any class (Art. 30(1)(e))'),
    regions: z.array(RegionLocationSchema),
    securityMeasures: z.array(SecurityMeasureSchema),
  })
  .meta({ id: 'RecordOfProcessing' });
export type RecordOfProcessing = z.infer<typeof RecordOfProcessingSchema>;
