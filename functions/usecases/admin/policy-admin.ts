import * as z from 'zod';
import { requireAccess } from '../../domain/access/require-access';
import { conflict, validationFailed } from '../../domain/errors';
import { policyDiff } from '../../domain/policy-diff/policy-diff';
import type { PolicyDiff } from '../../domain/policy-diff/schema';
import { parsePolicy } from '../../domain/policy/parse';
import { recipientProblems } from '../../domain/recipients/recipient';
import type { TenantPolicy } from '../../domain/policy/schema';
import { assertRegionsDeployed } from '../../domain/residency/deployed-regions';
import { parseOrThrow } from '../../domain/validation';
import { recipientSecretRefs } from '../recipients/recipient-secrets';
import type { PolicyRevision } from '../../ports/tenant-directory';
import { WriteConflict } from '../../ports/write-conflict';
import { tenantAccess, type AdminRequest, type TenantAccess } from './admin-request';
import { recordAccess, recordSupportRead } from './audit-trail';
import type { AdminDeps } from './deps';
import { recordCountsFor } from './policy-counts';
import { forgetTenantPolicy } from '../ingest/tenant-context';

export interface PolicyDocument {
  revision: number;
  savedAt: string;
  savedBy: string;
  policy: TenantPolicy;
}

export interface SavedPolicy extends PolicyDocument {
  diff: PolicyDiff;
}

const documentOf = (r: PolicyRevision): PolicyDocument => ({
  revision: r.revision,
  savedAt: r.savedAt,
  savedBy: r.savedBy,
  policy: r.policy,
});

/** GET /v1/policy: the live policy and its revision (send the revision back with a change). */
export async function readPolicy(deps: AdminDeps, request: AdminRequest): Promise<PolicyDocument> {
  const { actor } = request;
  const tenant = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'policy.view', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  const current = await deps.directory.currentPolicy(actor.tenantId);
  await recordSupportRead(deps, request, granted, 'policy.view', { details: { revision: tenant.revision } });
  return documentOf(current!);
}

export const RevisionsQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(20), nextToken: z.string().optional() })
  .strict();

/** GET /v1/policy/revisions: earlier revisions, newest first (who saved what when). */
export async function policyRevisions(
  deps: AdminDeps,
  request: AdminRequest,
  rawQuery: Record<string, string | undefined>,
): Promise<{ items: PolicyDocument[]; nextToken?: string }> {
  const { actor } = request;
  const page = parseOrThrow(RevisionsQuerySchema, rawQuery, 'The revisions query');
  const tenant = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'policy.view', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  const revisions = await deps.directory.listPolicies(actor.tenantId, { cursor: page.nextToken, limit: page.limit });
  await recordSupportRead(deps, request, granted, 'policy.view', { details: { revisions: revisions.items.length } });
  return { items: revisions.items.map(documentOf), ...(revisions.cursor ? { nextToken: revisions.cursor } : {}) };
}

/**
 * A proposed policy checked the way a save checks it: every bad field named (400), regions the
 * deployment serves, recipients it can reach with secrets of the tenant, and based on the live
 * revision (409 when someone saved in between). The caller sends the policy as GET /v1/policy
 * returned it, edited, with the revision it read.
 */
async function proposed(deps: AdminDeps, tenantId: string, tenant: TenantAccess, body: unknown): Promise<TenantPolicy> {
  const policy = parsePolicy(body);
  assertRegionsDeployed(policy, deps.deployment.regions);
  const recipients = policy.subjectRequests.notifyRecipients;
  const secrets = recipients.length ? await recipientSecretRefs(deps, tenantId) : new Set<string>();
  const problems = recipientProblems(recipients, { local: deps.local, secretExists: (ref) => secrets.has(ref) });
  if (problems.length) throw validationFailed(problems, 'The tenant policy names recipients it cannot notify.');
  if (policy.revision !== tenant.revision)
    throw conflict(
      `The policy was changed since revision ${policy.revision}: the live revision is ${tenant.revision}. Reload it, reapply your change and save again.`,
    );
  return { ...policy, revision: tenant.revision + 1 };
}

async function diffWithEstimate(
  deps: AdminDeps,
  tenantId: string,
  before: TenantPolicy,
  after: TenantPolicy,
): Promise<PolicyDiff> {
  const now = deps.clock.now();
  const plain = policyDiff(before, after, { now });
  const counts = await recordCountsFor(deps, tenantId, plain, before, after);
  return counts.length ? policyDiff(before, after, { now, counts }) : plain;
}

/** POST /v1/policy/diff: what saving this policy would do at the next sweep, without saving it. */
export async function previewPolicy(deps: AdminDeps, request: AdminRequest, body: unknown): Promise<PolicyDiff> {
  const { actor } = request;
  const tenant = await tenantAccess(deps, actor);
  requireAccess(actor, 'policy.change', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  return diffWithEstimate(deps, actor.tenantId, tenant.policy, await proposed(deps, actor.tenantId, tenant, body));
}

/**
 * PUT /v1/policy: saves the policy as the next revision (optimistic concurrency: the body's
 * revision must be the live one; a concurrent save makes this one a 409), writes the change to
 * the audit log, and answers with what it will do at the next sweep.
 */
export async function savePolicy(deps: AdminDeps, request: AdminRequest, body: unknown): Promise<SavedPolicy> {
  const { actor } = request;
  const tenant = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'policy.change', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  const next = await proposed(deps, actor.tenantId, tenant, body);
  const diff = await diffWithEstimate(deps, actor.tenantId, tenant.policy, next);
  const saved: PolicyRevision = {
    tenantId: actor.tenantId,
    revision: next.revision,
    policy: next,
    savedAt: deps.clock.now().toISOString(),
    savedBy: actor.userId,
  };
  try {
    await deps.directory.savePolicy(saved);
    // This container's ingest routes see it at once; other containers within TENANT_POLICY_TTL_MS.
    forgetTenantPolicy(actor.tenantId);
  } catch (error) {
    if (error instanceof WriteConflict)
      throw conflict(
        `Someone saved revision ${next.revision} first. Reload the policy, reapply your change and save again.`,
      );
    throw error;
  }
  await recordAccess(deps, request, granted, 'policy.change', {
    details: {
      fromRevision: tenant.revision,
      toRevision: next.revision,
      classesChanged: diff.classes.length,
      otherChanges: diff.otherChanges.length,
    },
  });
  return { ...documentOf(saved), diff };
}
