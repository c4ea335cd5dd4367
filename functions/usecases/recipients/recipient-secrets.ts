import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { notFound } from '../../domain/errors';
import type { Clock } from '../../ports/clock';
import type { EncryptionContext, KeyVault } from '../../ports/key-vault';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { allPages } from '../records/pages';

/**
 * The secrets that sign a tenant's webhooks, one per recipient. Stored as the tenant's other
 * secrets are (tenant-secrets.ts): encrypted directly by the home region's KMS data key, bound to
 * tenant, purpose and reference, in a `RECIPIENTSECRET#<secretRef>` directory item. The clear
 * value is answered once, when it is made, and otherwise only ever unwrapped in memory to sign.
 */
export const RECIPIENT_SECRET_PREFIX = 'RECIPIENTSECRET#';
const SECRET_BYTES = 32;

export interface RecipientSecretDeps {
  directory: TenantDirectory;
  keyVault: KeyVault;
  homeRegion: string;
  clock: Clock;
}

const contextOf = (tenantId: string, secretRef: string): EncryptionContext => ({
  tenant: tenantId,
  purpose: 'recipient-webhook',
  secretRef,
});

export interface NewRecipientSecret {
  /** The recipient's name in the policy. */
  recipient: string;
  secretRef: string;
  /** Shown once. The HMAC key is this string's UTF-8 bytes. */
  secret: string;
  createdAt: string;
}

export async function createRecipientSecret(
  deps: RecipientSecretDeps,
  tenantId: string,
  recipient: string,
): Promise<NewRecipientSecret> {
  const secretRef = `rs_${ulid()}`;
  const secret = `whsec_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  const wrapped = await deps.keyVault.encrypt(
    deps.homeRegion,
    'data',
    Buffer.from(secret, 'utf8'),
    contextOf(tenantId, secretRef),
  );
  const createdAt = deps.clock.now().toISOString();
  await deps.directory.putItem(
    {
      tenantId,
      sk: `${RECIPIENT_SECRET_PREFIX}${secretRef}`,
      secretRef,
      recipient,
      wrapped: Buffer.from(wrapped).toString('base64'),
      createdAt,
    },
    { kind: 'absent' },
  );
  return { recipient, secretRef, secret, createdAt };
}

/** The references of the tenant's secrets (a policy may only name these). */
export async function recipientSecretRefs(
  deps: Pick<RecipientSecretDeps, 'directory'>,
  tenantId: string,
): Promise<Set<string>> {
  const items = await allPages((cursor) => deps.directory.queryItems(tenantId, RECIPIENT_SECRET_PREFIX, { cursor }));
  return new Set(items.map((item) => String(item.secretRef)));
}

/** The signing key of `secretRef`, unwrapped in memory. */
export async function openRecipientSecret(
  deps: Pick<RecipientSecretDeps, 'directory' | 'keyVault' | 'homeRegion'>,
  tenantId: string,
  secretRef: string,
): Promise<Uint8Array> {
  const item = await deps.directory.getItem(tenantId, `${RECIPIENT_SECRET_PREFIX}${secretRef}`);
  if (!item) throw notFound(`Recipient secret ${secretRef}`);
  return deps.keyVault.decrypt(
    deps.homeRegion,
    'data',
    Buffer.from(String(item.wrapped), 'base64'),
    contextOf(tenantId, secretRef),
  );
}
