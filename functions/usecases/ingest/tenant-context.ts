import { createHmac } from 'node:crypto';
import { notFound } from '../../domain/errors';
import type { TenantPolicy } from '../../domain/policy/schema';
import { createRedactor, type Redactor } from '../../domain/redaction';
import type { IngestDeps } from './deps';

/** A tenant as one request sees it: its current policy, its subject-index secret, its redactor. */
export interface TenantContext {
  tenantId: string;
  policy: TenantPolicy;
  revision: number;
  subjectSecret: Uint8Array;
  redactor: Redactor;
}

/**
 * Compiled redactors by tenant and policy revision: compiling tenant patterns costs more than a
 * request, and a saved policy is a new revision, so a cached redactor is never stale.
 */
const redactors = new Map<string, Redactor>();
const MAX_REDACTORS = 200;

/** The pseudonym key is derived from the subject-index secret, so a tenant has one secret to guard. */
const pseudonymKeyOf = (subjectSecret: Uint8Array) =>
  createHmac('sha256', subjectSecret).update('lethe:redaction-pseudonym').digest();

/** The tenant's redactor for its policy revision: the one every free text Lethe stores goes through. */
export function tenantRedactor(
  tenantId: string,
  revision: number,
  policy: TenantPolicy,
  subjectSecret: Uint8Array,
): Redactor {
  const id = `${tenantId}#${revision}`;
  let redactor = redactors.get(id);
  if (!redactor) {
    if (redactors.size >= MAX_REDACTORS) redactors.clear();
    redactor = createRedactor(policy.redaction, {
      pseudonymKey: pseudonymKeyOf(subjectSecret),
      defaultCallingCode: policy.defaultCallingCode,
    });
    redactors.set(id, redactor);
  }
  return redactor;
}

export async function loadTenant(
  deps: Pick<IngestDeps, 'directory' | 'tenantSecrets'>,
  tenantId: string,
): Promise<TenantContext> {
  const [current, subjectSecret] = await Promise.all([
    deps.directory.currentPolicy(tenantId),
    deps.tenantSecrets.subjectIndexSecret(tenantId),
  ]);
  if (!current) throw notFound(`Tenant ${tenantId}`);
  return {
    tenantId,
    policy: current.policy,
    revision: current.revision,
    subjectSecret,
    redactor: tenantRedactor(tenantId, current.revision, current.policy, subjectSecret),
  };
}
