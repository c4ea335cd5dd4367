import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DATA_CLASSES, type DataClass } from '../../domain/data-class';
import { notFound } from '../../domain/errors';
import type { TenantPolicy } from '../../domain/policy/schema';
import { createRedactor, type Redactor } from '../../domain/redaction';
import { regionsOfClass } from '../../domain/residency/region-for';
import type { PolicyRevision, TenantDirectory } from '../../ports/tenant-directory';
import { allPages } from '../records/pages';
import type { IngestDeps } from './deps';

/** A tenant as one request sees it: its current policy, its subject-index secret, its redactor. */
export interface TenantContext {
  tenantId: string;
  policy: TenantPolicy;
  revision: number;
  /** Every revision of its policy, newest first: records stay where the revision of their day put them. */
  policies: readonly TenantPolicy[];
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

/**
 * How long a warm container keeps a tenant's policy revisions for ingest: a saved policy reaches
 * every ingest route within this (README, "Ingest hot path"). The container that saves it forgets
 * its copy at once.
 */
export const TENANT_POLICY_TTL_MS = 30_000;
const MAX_CACHED_TENANTS = 1000;

/** A tenant's policy revisions, newest first (the current one first), as one read found them. */
interface Revisions {
  current: PolicyRevision;
  policies: TenantPolicy[];
}
const revisionsCache = new Map<string, { revisions: Promise<Revisions | undefined>; expiresAtMs: number }>();

async function readRevisions(directory: TenantDirectory, tenantId: string): Promise<Revisions | undefined> {
  const all = await allPages((cursor) => directory.listPolicies(tenantId, { cursor }));
  return all.length ? { current: all[0], policies: all.map((r) => r.policy) } : undefined;
}

/** Revisions as this container last read them, at most TENANT_POLICY_TTL_MS ago (monotonic time). */
function cachedRevisions(
  directory: TenantDirectory,
  tenantId: string,
  nowMs: () => number,
): Promise<Revisions | undefined> {
  const entry = revisionsCache.get(tenantId);
  if (entry && entry.expiresAtMs > nowMs()) return entry.revisions;
  if (revisionsCache.size >= MAX_CACHED_TENANTS) revisionsCache.clear();
  // The promise is kept, so requests arriving together share one read; a failed or empty read is not kept.
  const revisions = readRevisions(directory, tenantId);
  revisionsCache.set(tenantId, { revisions, expiresAtMs: nowMs() + TENANT_POLICY_TTL_MS });
  void revisions.then(
    (found) => found ?? forgetTenantPolicy(tenantId),
    () => forgetTenantPolicy(tenantId),
  );
  return revisions;
}

/** Drops this container's copy of a tenant's policy revisions (the policy was just saved here). */
export function forgetTenantPolicy(tenantId: string): void {
  revisionsCache.delete(tenantId);
}

type TenantDeps = Pick<IngestDeps, 'directory' | 'tenantSecrets'>;

async function contextOf(
  deps: TenantDeps,
  tenantId: string,
  revisions: Promise<Revisions | undefined>,
): Promise<TenantContext> {
  const [found, subjectSecret] = await Promise.all([revisions, deps.tenantSecrets.subjectIndexSecret(tenantId)]);
  if (!found) throw notFound(`Tenant ${tenantId}`);
  const { policy, revision } = found.current;
  return {
    tenantId,
    policy,
    revision,
    policies: found.policies,
    subjectSecret,
    redactor: tenantRedactor(tenantId, revision, policy, subjectSecret),
  };
}

/** The tenant with its policy as saved now: for reads and changes that must not act on an older revision. */
export async function loadTenant(deps: TenantDeps, tenantId: string): Promise<TenantContext> {
  return contextOf(deps, tenantId, readRevisions(deps.directory, tenantId));
}

/**
 * The tenant as the ingest routes see it: its policy revisions as this warm container read them at
 * most TENANT_POLICY_TTL_MS ago, so a message costs no directory read for them.
 */
export async function ingestTenant(
  deps: TenantDeps,
  tenantId: string,
  nowMs: () => number = () => performance.now(),
): Promise<TenantContext> {
  return contextOf(deps, tenantId, cachedRevisions(deps.directory, tenantId, nowMs));
}

/**
 * The served regions that hold, or may hold, the tenant's records of `dataClass`: those its
 * revisions put them in. No request needs to go anywhere else.
 */
export function regionsHolding(
  tenant: Pick<TenantContext, 'policies'>,
  dataClass: DataClass,
  served: readonly string[],
): string[] {
  return regionsOfClass(tenant.policies, dataClass).filter((r) => served.includes(r));
}

/** The served regions that hold, or may hold, any of the tenant's records. */
export function regionsOfTenantData(tenant: Pick<TenantContext, 'policies'>, served: readonly string[]): string[] {
  return [...new Set(DATA_CLASSES.flatMap((c) => regionsHolding(tenant, c, served)))].sort();
}
