import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { notFound, validationFailed } from '../../domain/errors';
import type { SigningKey } from '../../domain/recipients/webhook-signature';
import type { Clock } from '../../ports/clock';
import type { EncryptionContext, KeyVault } from '../../ports/key-vault';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { allPages } from '../records/pages';

/**
 * The secrets that sign a tenant's webhooks, one per recipient. Stored as the tenant's other
 * secrets are (tenant-secrets.ts): encrypted directly by the home region's KMS data key, bound to
 * tenant, purpose and reference, in a `RECIPIENTSECRET#<secretRef>` directory item. The clear
 * value is answered once, when it is made, and otherwise only ever unwrapped in memory to sign.
 * Rotating a secret replaces its key under the same reference (the policy stays as it is): the
 * new key gets a new key id, sent with every signature, and the rotation time is kept. A rotation
 * with a grace period keeps the old key wrapped beside the new one until the period ends: until
 * then every webhook carries the old key's signature too.
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
  /** Names this key in every signature it makes (`Lethe-Webhook-Key-Id`); a rotation makes a new one. */
  keyId: string;
  /** Shown once. The HMAC key is this string's UTF-8 bytes. */
  secret: string;
  createdAt: string;
  /** When this key replaced the previous one; absent for a first key. */
  rotatedAt?: string;
  /** Until when the replaced key still signs alongside this one (a rotation's grace period). */
  previousKeyValidUntil?: string;
}

const secretKey = (secretRef: string) => `${RECIPIENT_SECRET_PREFIX}${secretRef}`;

/** A fresh key of `secretRef`: its key id, the clear secret, and the secret wrapped by KMS. */
async function freshKey(deps: RecipientSecretDeps, tenantId: string, secretRef: string) {
  const secret = `whsec_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  const wrapped = await deps.keyVault.encrypt(
    deps.homeRegion,
    'data',
    Buffer.from(secret, 'utf8'),
    contextOf(tenantId, secretRef),
  );
  return { keyId: `k_${ulid()}`, secret, wrapped: Buffer.from(wrapped).toString('base64') };
}

export async function createRecipientSecret(
  deps: RecipientSecretDeps,
  tenantId: string,
  recipient: string,
): Promise<NewRecipientSecret> {
  const secretRef = `rs_${ulid()}`;
  const { keyId, secret, wrapped } = await freshKey(deps, tenantId, secretRef);
  const createdAt = deps.clock.now().toISOString();
  await deps.directory.putItem(
    { tenantId, sk: secretKey(secretRef), secretRef, recipient, keyId, wrapped, createdAt },
    { kind: 'absent' },
  );
  return { recipient, secretRef, keyId, secret, createdAt };
}

/** A secret made before key ids existed is named by its reference. */
const keyIdOf = (item: Record<string, unknown>) =>
  typeof item.keyId === 'string' ? item.keyId : String(item.secretRef);

/**
 * Replaces the key of `secretRef` with a new one: from then on every webhook to that recipient,
 * retries of earlier notices included, is signed with the new key and carries its key id; for
 * `graceHours` (none by default) the old key signs alongside it. The write is conditional on the
 * key it replaces, so of two rotations at once one is refused rather than answered a secret that
 * was never kept.
 */
export async function rotateRecipientSecret(
  deps: RecipientSecretDeps,
  tenantId: string,
  recipient: string,
  secretRef: string,
  graceHours = 0,
): Promise<NewRecipientSecret> {
  const item = await deps.directory.getItem(tenantId, secretKey(secretRef), { consistent: true });
  if (!item) throw notFound(`Recipient secret ${secretRef}`);
  if (item.recipient !== recipient)
    throw validationFailed(
      [
        {
          path: 'recipient',
          message: `must be the recipient secret ${secretRef} signs for (${String(item.recipient)})`,
        },
      ],
      'The recipient secret rotation is not valid.',
    );
  const { keyId, secret, wrapped } = await freshKey(deps, tenantId, secretRef);
  const now = deps.clock.now();
  const rotatedAt = now.toISOString();
  const previousKeyValidUntil =
    graceHours > 0 ? new Date(now.getTime() + graceHours * 3_600_000).toISOString() : undefined;
  const rotated = { keyId, wrapped, rotatedAt, previousKeyId: keyIdOf(item) };
  await deps.directory.updateItem(
    tenantId,
    secretKey(secretRef),
    previousKeyValidUntil
      ? { set: { ...rotated, previousWrapped: item.wrapped, previousKeyValidUntil } }
      : // An earlier rotation's grace ends with this one: only the key just replaced could sign beside.
        { set: rotated, remove: ['previousWrapped', 'previousKeyValidUntil'] },
    { kind: 'matches', attributes: { wrapped: item.wrapped } },
  );
  return {
    recipient,
    secretRef,
    keyId,
    secret,
    createdAt: String(item.createdAt),
    rotatedAt,
    ...(previousKeyValidUntil ? { previousKeyValidUntil } : {}),
  };
}

/** The references of the tenant's secrets (a policy may only name these). */
export async function recipientSecretRefs(
  deps: Pick<RecipientSecretDeps, 'directory'>,
  tenantId: string,
): Promise<Set<string>> {
  const items = await allPages((cursor) => deps.directory.queryItems(tenantId, RECIPIENT_SECRET_PREFIX, { cursor }));
  return new Set(items.map((item) => String(item.secretRef)));
}

/**
 * The signing key of `secretRef`, unwrapped in memory, and its key id; with the key it replaced
 * while the rotation's grace period runs.
 */
export async function openRecipientSecret(
  deps: Pick<RecipientSecretDeps, 'directory' | 'keyVault' | 'homeRegion' | 'clock'>,
  tenantId: string,
  secretRef: string,
): Promise<{ key: Uint8Array; keyId: string; previous?: SigningKey }> {
  const item = await deps.directory.getItem(tenantId, secretKey(secretRef));
  if (!item) throw notFound(`Recipient secret ${secretRef}`);
  const unwrap = (wrapped: unknown) =>
    deps.keyVault.decrypt(
      deps.homeRegion,
      'data',
      Buffer.from(String(wrapped), 'base64'),
      contextOf(tenantId, secretRef),
    );
  const key = await unwrap(item.wrapped);
  const graceRuns =
    typeof item.previousKeyValidUntil === 'string' && deps.clock.now().toISOString() < item.previousKeyValidUntil;
  return {
    key,
    keyId: keyIdOf(item),
    ...(graceRuns
      ? { previous: { secret: await unwrap(item.previousWrapped), keyId: String(item.previousKeyId) } }
      : {}),
  };
}
