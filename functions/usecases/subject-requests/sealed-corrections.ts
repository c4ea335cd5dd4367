import type { IdentifierKind } from '../../domain/data-class';
import type { EncryptionContext } from '../../ports/key-vault';
import type { SubjectRequestDeps } from './deps';

/** The corrected identifier values of a rectification, as given. */
export type CorrectedValues = Partial<Record<IdentifierKind, string>>;

const contextOf = (tenantId: string, requestId: string): EncryptionContext => ({
  tenant: tenantId,
  requestId,
  purpose: 'subject-request',
});

/**
 * A rectification must write the corrected values into sealed records, possibly after a crash and
 * a resume, so the job keeps them: encrypted directly by the home region's KMS key, bound to the
 * tenant and the request, and dropped from the job when it finishes.
 */
export async function sealCorrections(
  deps: Pick<SubjectRequestDeps, 'keyVault' | 'homeRegion'>,
  tenantId: string,
  requestId: string,
  values: CorrectedValues,
): Promise<string> {
  const wrapped = await deps.keyVault.encrypt(
    deps.homeRegion,
    'data',
    Buffer.from(JSON.stringify(values), 'utf8'),
    contextOf(tenantId, requestId),
  );
  return Buffer.from(wrapped).toString('base64');
}

export async function openCorrections(
  deps: Pick<SubjectRequestDeps, 'keyVault' | 'homeRegion'>,
  tenantId: string,
  requestId: string,
  sealed: string,
): Promise<CorrectedValues> {
  const plain = await deps.keyVault.decrypt(
    deps.homeRegion,
    'data',
    Buffer.from(sealed, 'base64'),
    contextOf(tenantId, requestId),
  );
  return JSON.parse(Buffer.from(plain).toString('utf8')) as CorrectedValues;
}
