import * as z from 'zod';
import { CHANNELS, DATA_CLASSES, EXPIRY_ACTIONS, LAWFUL_BASES, type DataClass } from '../data-class';
import { DurationSchema } from '../duration';
import { RedactionSettingsSchema } from '../redaction/settings';
import { RecipientsSchema } from '../recipients/recipient';
import { RegionSchema } from './region';

export { RegionSchema };

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Retention, region and lawful basis of one data class: the unit of every retention rule. */
export const ClassPolicySchema = z
  .object({
    retention: DurationSchema,
    afterExpiry: z.enum(EXPIRY_ACTIONS),
    /** Only with afterExpiry=archive: how long the archived copy lives (Inbenta: 2 years). */
    archiveRetention: DurationSchema.optional(),
    region: RegionSchema.optional(),
    purposes: z.array(z.string().min(1)).min(1, 'name at least one purpose'),
    lawfulBasis: z.enum(LAWFUL_BASES),
    recipients: z.array(z.string().min(1)).default([]),
    categories: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.afterExpiry === 'archive' && !c.archiveRetention)
      ctx.addIssue({ code: 'custom', path: ['archiveRetention'], message: 'is required when afterExpiry is archive' });
    if (c.afterExpiry !== 'archive' && c.archiveRetention)
      ctx.addIssue({ code: 'custom', path: ['archiveRetention'], message: 'only applies when afterExpiry is archive' });
  });
export type ClassPolicy = z.infer<typeof ClassPolicySchema>;

const ChannelRetentionSchema = z
  .object({
    interaction: DurationSchema,
    transcript: DurationSchema,
    recording: DurationSchema,
    survey: DurationSchema,
  })
  .partial()
  .strict();

/** What a channel needs before Lethe stores something, and where its data lives. */
export const ChannelPolicySchema = z
  .object({
    /** Overrides the class regions for everything this channel produces (iAdvize: SMS in the US). */
    region: RegionSchema.optional(),
    /** Where call metadata lives while the call runs; moved to its final region at /end. */
    inFlightRegion: RegionSchema.optional(),
    /** Per-channel retention overriding the class retention (iAdvize: call/SMS 12 months). */
    retention: ChannelRetentionSchema.default({}),
    /** opt-out: content stored unless the end user refused; opt-in: only when they agreed. */
    contentConsent: z.enum(['opt-in', 'opt-out']).default('opt-out'),
    recordingConsent: z.enum(['opt-in', 'opt-out']).default('opt-in'),
    /** Refuse to store anything unless the GDPR notice was accepted. */
    gdprNoticeRequired: z.boolean().default(false),
    /** E-mail bodies are never stored when false (Puzzel): only the from-address and a URL. */
    storeBody: z.boolean().default(true),
  })
  .strict();
export type ChannelPolicy = z.infer<typeof ChannelPolicySchema>;

const classesShape = Object.fromEntries(DATA_CLASSES.map((c) => [c, ClassPolicySchema])) as {
  [K in DataClass]: typeof ClassPolicySchema;
};

const channelsShape = Object.fromEntries(CHANNELS.map((c) => [c, ChannelPolicySchema.prefault({})])) as {
  [K in (typeof CHANNELS)[number]]: z.ZodPrefault<typeof ChannelPolicySchema>;
};

export const TenantPolicySchema = z
  .object({
    schemaVersion: z.literal(1),
    /** Increases by one with every saved change; old revisions are kept for the audit trail. */
    revision: z.number().int().min(1),
    preset: z.string().optional(),
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris'),
    defaultRegion: RegionSchema,
    /** Country calling code used to normalise national phone numbers to E.164 (46 = Sweden). */
    defaultCallingCode: z.string().regex(/^[1-9][0-9]{0,2}$/, 'must be a country calling code such as 33 or 46'),
    classes: z.object(classesShape).strict(),
    channels: z.object(channelsShape).strict().prefault({}),
    redaction: RedactionSettingsSchema.prefault({}),
    access: z
      .object({
        groups: z
          .array(z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/), name: z.string().min(1) }).strict())
          .default([]),
        /** Vendor support may read (never change) and every access is flagged in the audit log. */
        supportAccess: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    litigation: z
      .object({
        /** Records of these classes are sealed in the litigation archive before their expiry action. */
        sealClasses: z.array(z.enum(DATA_CLASSES)).default([]),
      })
      .strict()
      .prefault({}),
    offboarding: z
      .object({ graceDays: z.number().int().min(0).max(365).default(60) })
      .strict()
      .prefault({}),
    subjectRequests: z
      .object({
        maxConcurrent: z.number().int().min(1).max(20).default(2),
        certificateRetention: DurationSchema.default('P5Y'),
        /** How a request filed by a channel on behalf of its end user is confirmed. */
        selfServiceVerification: z.enum(['admin']).default('admin'),
        /** Told by signed webhook when a request erases, rectifies, restricts or objects (GDPR Art. 19). */
        notifyRecipients: RecipientsSchema.default([]),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.litigation.sealClasses.includes('litigation'))
      ctx.addIssue({
        code: 'custom',
        path: ['litigation', 'sealClasses'],
        message: 'cannot seal the litigation class itself',
      });
    if (p.classes.aggregate.afterExpiry === 'anonymize')
      ctx.addIssue({
        code: 'custom',
        path: ['classes', 'aggregate', 'afterExpiry'],
        message: 'aggregates hold no personal data: use delete or archive',
      });
  });

export type TenantPolicy = z.infer<typeof TenantPolicySchema>;
/** What a caller writes: defaults not yet applied. */
export type TenantPolicyInput = z.input<typeof TenantPolicySchema>;
