import * as z from 'zod';
import { DETECTOR_NAMES } from './detector-names';
import { tenantPatternProblems } from './tenant-patterns';

/** A pattern of the tenant's own (customer numbers, contract ids), redacted like a built-in detector. */
export const TenantPatternSchema = z
  .object({
    /** Placeholder label, e.g. CUSTOMER_ID becomes [CUSTOMER_ID]. */
    name: z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'must be UPPER_SNAKE_CASE, at most 40 characters'),
    pattern: z.string().min(1).max(500),
    caseInsensitive: z.boolean().default(false),
  })
  .strict();

/** The `redaction` section of a tenant policy: the policy schema embeds it, the redactor validates it. */
export const RedactionSettingsSchema = z
  .object({
    detectors: z.array(z.enum(DETECTOR_NAMES)).default([...DETECTOR_NAMES]),
    patterns: z.array(TenantPatternSchema).max(100).default([]),
    /** placeholder: [EMAIL]; pseudonym: the same value always becomes the same token in a tenant. */
    replacement: z.enum(['placeholder', 'pseudonym']).default('placeholder'),
    /** Redact the interaction's own participant name, e-mail and phone wherever they appear. */
    knownIdentifiers: z.boolean().default(true),
  })
  .strict()
  .superRefine((r, ctx) => {
    for (const { index, message } of tenantPatternProblems(r.patterns))
      ctx.addIssue({ code: 'custom', path: ['patterns', index, 'pattern'], message });
  });
export type RedactionSettings = z.infer<typeof RedactionSettingsSchema>;
