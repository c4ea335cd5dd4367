import * as z from 'zod';
import { RegionSchema } from '../domain/policy/region';
import {
  homeResourceNames,
  regionalResourceNames,
  type HomeResourceNames,
  type RegionalResourceNames,
} from './resource-names';

/**
 * Everything a handler needs from its environment, parsed once at cold start. The CDK stacks set
 * these variables on every function; the local runtime and the tests set the same ones plus the
 * emulator endpoints. A missing or bad variable stops the cold start with the variable named.
 */
const EnvSchema = z.object({
  LETHE_APP: z.string().default('lethe'),
  LETHE_ACCOUNT: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
  LETHE_HOME_REGION: RegionSchema,
  LETHE_REGIONS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean),
    )
    .pipe(z.array(RegionSchema).min(1)),
  /** Local runtime and tests only: where the emulators listen. Absent in AWS. */
  LETHE_DYNAMODB_ENDPOINT: z.url().optional(),
  LETHE_S3_ENDPOINT: z.url().optional(),
  LETHE_KMS_ENDPOINT: z.url().optional(),
  /** Local runtime and tests only: HMAC key that signs and verifies admin tokens. */
  LETHE_LOCAL_TOKEN_SECRET: z.string().min(32).optional(),
  /** AWS only: the Cognito user pool whose JWTs the admin authorizer accepts. */
  LETHE_USER_POOL_ID: z.string().optional(),
  LETHE_USER_POOL_CLIENT_ID: z.string().optional(),
  LETHE_USER_POOL_CLI_CLIENT_ID: z.string().optional(),
  /** AWS only, on the console's function: the Cognito domain of the hosted sign-in and the console URL it returns to. */
  LETHE_SIGN_IN_DOMAIN: z.url().optional(),
  LETHE_CONSOLE_URL: z.url().optional(),
  /** AWS only: the subject-request worker Lambda that jobs start in; set on the functions that may invoke it. */
  LETHE_SUBJECT_REQUEST_WORKER: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Lambda function name')
    .optional(),
  /** AWS only: the offboarding Lambda, which builds export packages in invocations of its own; set on the functions that may invoke it. */
  LETHE_OFFBOARDING_FUNCTION: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a Lambda function name')
    .optional(),
  LETHE_LITIGATION_RETENTION_DAYS: z.coerce.number().int().min(1).default(1826),
  LETHE_PITR_DAYS: z.coerce.number().int().min(1).max(35).default(35),
});

export interface RuntimeConfig {
  app: string;
  account: string;
  homeRegion: string;
  regions: string[];
  home: HomeResourceNames;
  regional: Record<string, RegionalResourceNames>;
  endpoints: { dynamodb?: string; s3?: string; kms?: string };
  /** True when running against the emulators (enables /_local routes). */
  local: boolean;
  localTokenSecret?: string;
  /** The staff pool; its ID tokens are accepted from the console's client and from the CLI's (`lethe login`). */
  userPool?: { id: string; clientId: string; cliClientId?: string };
  /** The console's hosted sign-in (AWS): the Cognito domain, the app client, the URL the domain returns to. */
  consoleSignIn?: { domain: string; clientId: string; redirectUri: string };
  /** The subject-request worker's function name (AWS); absent locally, where jobs run in-process. */
  subjectRequestWorker?: string;
  /** The offboarding function's name (AWS); absent locally, where packages are built in-process. */
  offboardingFunction?: string;
  litigationRetentionDays: number;
  pitrDays: number;
}

export function parseRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Lethe configuration is not valid: ${lines.join('; ')}`);
  }
  const e = result.data;
  if (!e.LETHE_REGIONS.includes(e.LETHE_HOME_REGION))
    throw new Error(
      `Lethe configuration is not valid: LETHE_REGIONS must include LETHE_HOME_REGION (${e.LETHE_HOME_REGION})`,
    );
  const local = Boolean(e.LETHE_DYNAMODB_ENDPOINT);
  return {
    app: e.LETHE_APP,
    account: e.LETHE_ACCOUNT,
    homeRegion: e.LETHE_HOME_REGION,
    regions: e.LETHE_REGIONS,
    home: homeResourceNames(e.LETHE_APP, e.LETHE_ACCOUNT, e.LETHE_HOME_REGION),
    regional: Object.fromEntries(
      e.LETHE_REGIONS.map((r) => [r, regionalResourceNames(e.LETHE_APP, e.LETHE_ACCOUNT, r)]),
    ),
    endpoints: { dynamodb: e.LETHE_DYNAMODB_ENDPOINT, s3: e.LETHE_S3_ENDPOINT, kms: e.LETHE_KMS_ENDPOINT },
    local,
    localTokenSecret: e.LETHE_LOCAL_TOKEN_SECRET,
    userPool:
      e.LETHE_USER_POOL_ID && e.LETHE_USER_POOL_CLIENT_ID
        ? {
            id: e.LETHE_USER_POOL_ID,
            clientId: e.LETHE_USER_POOL_CLIENT_ID,
            ...(e.LETHE_USER_POOL_CLI_CLIENT_ID ? { cliClientId: e.LETHE_USER_POOL_CLI_CLIENT_ID } : {}),
          }
        : undefined,
    consoleSignIn:
      e.LETHE_SIGN_IN_DOMAIN && e.LETHE_CONSOLE_URL && e.LETHE_USER_POOL_CLIENT_ID
        ? {
            domain: e.LETHE_SIGN_IN_DOMAIN.replace(/\/+$/, ''),
            clientId: e.LETHE_USER_POOL_CLIENT_ID,
            redirectUri: e.LETHE_CONSOLE_URL,
          }
        : undefined,
    subjectRequestWorker: e.LETHE_SUBJECT_REQUEST_WORKER,
    offboardingFunction: e.LETHE_OFFBOARDING_FUNCTION,
    litigationRetentionDays: e.LETHE_LITIGATION_RETENTION_DAYS,
    pitrDays: e.LETHE_PITR_DAYS,
  };
}

let cached: RuntimeConfig | undefined;
/** The configuration of this process, parsed on first use (cold start) and kept. */
export function runtimeConfig(): RuntimeConfig {
  cached ??= parseRuntimeConfig();
  return cached;
}
