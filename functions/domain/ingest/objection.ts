import { validationFailed } from '../errors';
import type { TenantPolicy } from '../policy/schema';
import { CONSENT_PURPOSES } from './schemas';

/**
 * What a subject can object to (GDPR Art. 21) or unsubscribe from: the consent purposes ingest
 * enforces (`recording`, `storeContent`) and every purpose the tenant's policy names for a data
 * class (e.g. `marketing`, `analytics` once the policy lists them).
 */
export function objectablePurposes(policy: TenantPolicy): string[] {
  const named = Object.values(policy.classes).flatMap((c) => c.purposes);
  return [...new Set([...CONSENT_PURPOSES.filter((p) => p !== 'gdpr'), ...named])];
}

/** A 400 naming `path` unless `purpose` is one the subject can object to under this policy. */
export function assertObjectable(policy: TenantPolicy, purpose: string, path: string): void {
  const purposes = objectablePurposes(policy);
  if (!purposes.includes(purpose))
    throw validationFailed(
      [{ path, message: `must be one of the purposes of the policy: ${purposes.join(', ')}` }],
      `The purpose ${JSON.stringify(purpose)} is not one this tenant processes data for.`,
    );
}
