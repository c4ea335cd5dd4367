import type { DekCache } from '../../domain/crypto/dek-cache';
import { notFound } from '../../domain/errors';
import type { EncryptionContext, KeyVault } from '../../ports/key-vault';
import type { TenantDirectory, TenantProfile } from '../../ports/tenant-directory';

/** What each tenant secret is for; bound into its KMS encryption context. */
export type TenantSecretPurpose = 'subject-index' | 'audit';

export const tenantSecretContext = (tenantId: string, purpose: TenantSecretPurpose): EncryptionContext => ({
  tenant: tenantId,
  purpose,
});

const WRAPPED: Record<TenantSecretPurpose, keyof Pick<TenantProfile, 'subjectSecretWrapped' | 'auditKeyWrapped'>> = {
  'subject-index': 'subjectSecretWrapped',
  audit: 'auditKeyWrapped',
};

/**
 * A tenant's secrets, unwrapped by the home region's data key on first use and cached briefly:
 * the HMAC key of the subject index (`subjectKey()` in functions/domain/subject) and the key that
 * signs audit tombstones.
 */
export class TenantSecrets {
  constructor(
    private readonly deps: { directory: TenantDirectory; keyVault: KeyVault; cache: DekCache; homeRegion: string },
  ) {}

  subjectIndexSecret(tenantId: string): Promise<Uint8Array> {
    return this.secret(tenantId, 'subject-index');
  }

  auditKey(tenantId: string): Promise<Uint8Array> {
    return this.secret(tenantId, 'audit');
  }

  private async secret(tenantId: string, purpose: TenantSecretPurpose): Promise<Uint8Array> {
    const id = `${tenantId}|${purpose}`;
    const cached = this.deps.cache.get(id);
    if (cached) return cached;
    const profile = await this.deps.directory.getProfile(tenantId);
    if (!profile) throw notFound(`Tenant ${tenantId}`);
    const secret = await this.deps.keyVault.decrypt(
      this.deps.homeRegion,
      'data',
      profile[WRAPPED[purpose]],
      tenantSecretContext(tenantId, purpose),
    );
    this.deps.cache.set(id, secret);
    return secret;
  }
}
