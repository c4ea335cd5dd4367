import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import * as z from 'zod';
import { PRESETS, presetPolicy } from '../../domain/policy/presets';
import { assertRegionsDeployed } from '../../domain/residency/deployed-regions';
import { parseOrThrow } from '../../domain/validation';
import type { AdminTokenIssuer } from '../../ports/admin-tokens';
import type { Clock } from '../../ports/clock';
import type { KeyVault } from '../../ports/key-vault';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { apiKeyHash, newApiKey } from './api-key';
import { tenantSecretContext } from './tenant-secrets';

const PRESET_NAMES = Object.keys(PRESETS) as [keyof typeof PRESETS, ...(keyof typeof PRESETS)[]];

export const CreateTenantSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(100, 'must be at most 100 characters')
      .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
    preset: z.enum(PRESET_NAMES, { error: `must be one of ${PRESET_NAMES.join(', ')}` }),
  })
  .strict()
  .meta({ id: 'CreateTenant' });
export type CreateTenantInput = z.input<typeof CreateTenantSchema>;

/** Bytes of the subject-index HMAC secret and of the audit key. */
const SECRET_BYTES = 32;
/** Life of the first admin token: a working day, long enough to set the tenant up. */
export const FIRST_ADMIN_TOKEN_SECONDS = 12 * 3600;
/** The staff user the first admin token names, until real users exist. */
export const FIRST_ADMIN_USER = 'tenant-admin';
/** The agent group the first admin token names (an admin sees every group anyway). */
export const FIRST_ADMIN_GROUP = 'admins';

export interface CreatedTenant {
  tenantId: string;
  /** Shown once: only its hash is stored. */
  apiKey: string;
  /** Locally: a signed admin token. In AWS: absent, see `adminSetup`. */
  adminToken?: string;
  /** In AWS: how to give the tenant its first administrator (a Cognito user). */
  adminSetup?: string;
}

export interface CreateTenantDeps {
  directory: TenantDirectory;
  keyVault: KeyVault;
  clock: Clock;
  homeRegion: string;
  deployedRegions: readonly string[];
  /** Present only where Lethe signs admin tokens itself (locally). */
  tokenIssuer?: AdminTokenIssuer;
}

/**
 * Opens a tenant: its profile with freshly generated secrets (the subject-index HMAC key and the
 * audit key, both wrapped by the home region's data key), revision 1 of its policy from the
 * preset, and its first ingest API key, written all or nothing. Returns the API key once.
 */
export async function createTenant(input: unknown, deps: CreateTenantDeps): Promise<CreatedTenant> {
  const { name, preset } = parseOrThrow(CreateTenantSchema, input, 'The tenant');
  const policy = presetPolicy(preset);
  assertRegionsDeployed(policy, deps.deployedRegions);

  const now = deps.clock.now();
  const createdAt = now.toISOString();
  const tenantId = ulid(now.getTime());
  const wrap = (purpose: 'subject-index' | 'audit') =>
    deps.keyVault.encrypt(deps.homeRegion, 'data', randomBytes(SECRET_BYTES), tenantSecretContext(tenantId, purpose));
  const [subjectSecretWrapped, auditKeyWrapped] = await Promise.all([wrap('subject-index'), wrap('audit')]);
  const apiKey = newApiKey();

  await deps.directory.createTenant(
    { tenantId, name, preset, status: 'active', createdAt, subjectSecretWrapped, auditKeyWrapped },
    { tenantId, revision: policy.revision, policy, savedAt: createdAt, savedBy: 'system' },
    { keyHash: apiKeyHash(apiKey), tenantId, createdAt },
  );

  if (!deps.tokenIssuer) return { tenantId, apiKey, adminSetup: cognitoSetup(tenantId) };
  const adminToken = await deps.tokenIssuer.issue(
    {
      sub: FIRST_ADMIN_USER,
      'custom:tenant': tenantId,
      'custom:group': FIRST_ADMIN_GROUP,
      'cognito:groups': ['admin'],
    },
    FIRST_ADMIN_TOKEN_SECONDS,
  );
  return { tenantId, apiKey, adminToken };
}

const cognitoSetup = (tenantId: string) =>
  `Create the first administrator in the Cognito user pool: a user with custom:tenant=${tenantId} (and custom:group), added to the group "admin". Its ID token is the admin token.`;
