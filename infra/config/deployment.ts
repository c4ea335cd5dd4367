import * as z from 'zod';
import { RegionSchema } from '../../functions/domain/policy/region';

/**
 * What a platform engineer edits before `cdk deploy`: the regions this deployment serves and the
 * home region that holds the tenant directory and the API. Parsed once; a bad value stops synth
 * with the field named.
 */
export const DeploymentConfigSchema = z
  .object({
    /** Prefix of every stack and physical name, so two deployments can share an account (`cdk … -c appName=acme`). */
    appName: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,20}$/)
      .default('lethe'),
    homeRegion: RegionSchema,
    regions: z.array(RegionSchema).min(1),
    /** Object Lock default retention of the litigation bucket (iAdvize: 5 years). */
    litigationRetentionDays: z.number().int().min(1).max(36500).default(1826),
    /** Days CloudWatch keeps Lambda logs. */
    logRetentionDays: z.number().int().min(1).default(90),
    /** When the nightly retention sweep runs (EventBridge cron, UTC). */
    sweepCron: z.object({ minute: z.string(), hour: z.string() }).strict().default({ minute: '15', hour: '1' }),
    /** Principals (ARNs) allowed to assume the legal-access role that alone may open the litigation archive. */
    legalAccessPrincipals: z.array(z.string().min(1)).default([]),
    /** Who the alarm topic e-mails (`cdk … -c alarmEmail=ops@example.com`); without it, subscribe to the topic yourself. */
    alarmEmail: z.email().optional(),
    /** DynamoDB point-in-time recovery window: the life of "temporary backups" after an erasure. */
    pitrRecoveryPeriodDays: z.number().int().min(1).max(35).default(35),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!c.regions.includes(c.homeRegion))
      ctx.addIssue({ code: 'custom', path: ['regions'], message: `must include the home region ${c.homeRegion}` });
    if (new Set(c.regions).size !== c.regions.length)
      ctx.addIssue({ code: 'custom', path: ['regions'], message: 'must not repeat a region' });
  });

export type DeploymentConfig = z.infer<typeof DeploymentConfigSchema>;

export function parseDeploymentConfig(input: unknown): DeploymentConfig {
  const result = DeploymentConfigSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`infra/config deployment configuration is not valid:\n${lines.join('\n')}`);
  }
  return result.data;
}
