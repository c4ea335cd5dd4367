import { parseDuration } from '../../domain/duration';
import { LetheError, notFound } from '../../domain/errors';
import type { TenantPolicy } from '../../domain/policy/schema';
import { expiryInstant } from '../../domain/retention/expiry-instant';
import { buildCertificate } from '../../domain/subject-requests/certificate';
import { mergeInventories, type Inventory } from '../../domain/subject-requests/inventory';
import { assertRunnable, stepsOf, type StepName, type SubjectRequestJob } from '../../domain/subject-requests/job';
import { isTerminal, type JobOutcome } from '../../domain/subject-requests/job-status';
import { statisticsExpiry } from '../../domain/sweep/plan';
import type { ItemCondition } from '../../ports/item-condition';
import { WriteConflict } from '../../ports/write-conflict';
import { deliverRequestNotices, queueNotices } from '../recipients/deliveries';
import { anonymisePartition } from './anonymise-partition';
import { auditOnce } from './audit-request';
import {
  claimSlot,
  dequeue,
  enqueue,
  LEASE_SECONDS,
  nextQueued,
  releaseSlot,
  renewSlot,
  startOrQueue,
} from './concurrency';
import { recordDeferrals } from './deferrals';
import type { SubjectRequestDeps } from './deps';
import { erasePartition } from './erase-partition';
import { clearErasing, markErasing } from '../subject-markers/erasure-markers';
import { buildExportPackage } from './export-package';
import { findSubjectPartitions, type SubjectPartition } from './find-subject';
import { keptFromDeletion } from '../../domain/holds/precedence';
import { carryHolds } from '../holds/carry-holds';
import { holdsOnPartitions } from '../holds/hold-guard';
import { findJob, requireJob, updateJob } from './job-store';
import { rectifyPartition, type Correction } from './rectify-partition';
import { carryStanding, dropConsentStanding } from '../ingest/standing-markers';
import { recordObjection } from './record-objection';
import { restrictPartition } from './restrict-partition';
import { markSubject } from '../subject-markers/restriction-markers';
import { openCorrections } from './sealed-corrections';
import { takeInventory } from './take-inventory';
import { verifyRequest } from './verify-request';

/** Test seams: a crash injected after a step's or a partition's checkpoint is saved. */
export interface JobHooks {
  afterStep?: (step: StepName) => void | Promise<void>;
  afterPartition?: (done: number) => void | Promise<void>;
}

/**
 * Passes of inventory and action at most: a verification that still finds records (written by an
 * ingest that began before the erasure marker, a lifted hold) sends the job back for another pass.
 * An erasure or anonymisation still finding records after the last one ends `incomplete`.
 */
export const MAX_PASSES = 5;

interface Run {
  deps: SubjectRequestDeps;
  policy: TenantPolicy;
  hooks: JobHooks;
  renewedAt: number;
}

const nowIso = (deps: SubjectRequestDeps) => deps.clock.now().toISOString();
const removes = (job: Pick<SubjectRequestJob, 'type'>) => job.type === 'erase' || job.type === 'anonymize';

/**
 * Fencing: the invocation that last started a job (`attempts`) owns it. Every checkpoint it writes
 * requires that number, so an older invocation still running the same job (a duplicated
 * asynchronous event, a wake-up racing a hand-over) fails its next checkpoint and stops there,
 * instead of running the job twice over.
 */
const owned = (job: Pick<SubjectRequestJob, 'attempts'>, also: Record<string, unknown> = {}): ItemCondition => ({
  kind: 'matches',
  attributes: { attempts: job.attempts, ...also },
});

/** Another invocation took the job over: this one stops without touching it. */
export class Superseded extends Error {
  constructor(readonly requestId: string) {
    super(`subject request ${requestId} is run by a newer invocation`);
    this.name = 'Superseded';
  }
}

/** `updateJob` for the owning invocation; a lost ownership becomes Superseded. */
async function checkpoint(
  deps: SubjectRequestDeps,
  job: SubjectRequestJob,
  set: Partial<SubjectRequestJob>,
  remove?: (keyof SubjectRequestJob)[],
): Promise<SubjectRequestJob> {
  try {
    return await updateJob(deps.directory, job, set, { remove, condition: owned(job) });
  } catch (error) {
    if (error instanceof WriteConflict) throw new Superseded(job.requestId);
    throw error;
  }
}

/**
 * Runs a subject request to its end, from wherever it stands: each step saves a checkpoint in the
 * job (`step`, `done`, the inventory), every step is safe to repeat, so an invocation after a
 * crash at any point continues and ends in the same state. A request that finds all of its
 * tenant's slots taken stays queued. A finished request is returned as it is. Errors propagate
 * with the job left as it was (a crash); `runSubjectRequest` records them.
 */
export async function executeSubjectRequest(
  deps: SubjectRequestDeps,
  tenantId: string,
  requestId: string,
  hooks: JobHooks = {},
): Promise<SubjectRequestJob> {
  let job = await requireJob(deps.directory, tenantId, requestId);
  if (isTerminal(job.status)) return job;
  assertRunnable(job);
  const policy = await policyOf(deps, tenantId);
  const now = deps.clock.now();
  const claim = () => claimSlot(deps.directory, job, policy.subjectRequests.maxConcurrent, now);
  let slot = await claim();
  if (slot === undefined) {
    await enqueue(deps.directory, tenantId, requestId);
    // A slot freed between the claim and the enqueue would wake no one: look once more.
    slot = await claim();
    if (slot === undefined)
      return job.status === 'queued'
        ? job
        : updateJob(deps.directory, job, { status: 'queued', updatedAt: now.toISOString() });
  }
  await dequeue(deps.directory, tenantId, requestId);
  try {
    job = await checkpoint(
      deps,
      job,
      { status: 'running', slot, attempts: job.attempts + 1, updatedAt: now.toISOString() },
      ['error'],
    );
    const run: Run = { deps, policy, hooks, renewedAt: now.getTime() };
    if (job.cancelRequested) return await finish(deps, policy, job, 'cancelled');

    const steps = stepsOf(job.type);
    while (job.status === 'running' && job.step < steps.length) {
      const step = steps[job.step];
      job = await runStep(run, job, step);
      await hooks.afterStep?.(step);
    }
    return job;
  } catch (error) {
    if (!(error instanceof Superseded)) throw error;
    deps.logger.info('subject request run by a newer invocation; this one stops', { tenantId, requestId });
    return requireJob(deps.directory, tenantId, requestId);
  }
}

/** `executeSubjectRequest` for runners: a failure is recorded on the job (resumable) and its slot freed, then rethrown. */
export async function runSubjectRequest(
  deps: SubjectRequestDeps,
  tenantId: string,
  requestId: string,
): Promise<SubjectRequestJob> {
  try {
    return await executeSubjectRequest(deps, tenantId, requestId);
  } catch (error) {
    if (error instanceof LetheError) throw error;
    const e = error instanceof Error ? error : new Error(String(error));
    deps.logger.error('subject request failed; invoke it again to resume', {
      tenantId,
      requestId,
      error: { name: e.name, message: e.message },
    });
    const job = await findJob(deps.directory, tenantId, requestId);
    if (job && !isTerminal(job.status)) {
      await updateJob(
        deps.directory,
        job,
        { status: 'failed', error: { name: e.name, message: e.message }, updatedAt: nowIso(deps) },
        { remove: ['slot'] },
      );
      if (job.slot !== undefined) await releaseSlot(deps.directory, tenantId, requestId, job.slot);
    }
    throw error;
  }
}

async function runStep(run: Run, job: SubjectRequestJob, step: StepName): Promise<SubjectRequestJob> {
  const { deps, policy } = run;
  const updatedAt = nowIso(deps);
  const keys = job.subjectKeys ?? [];
  switch (step) {
    case 'inventory': {
      // From here to the end, ingest stores nothing new for the subject (erasure-markers.ts).
      if (removes(job)) await markErasing(deps.directory, job.tenantId, keys, job.requestId, deps.clock.now());
      const found = await takeInventory(deps, {
        tenantId: job.tenantId,
        policy,
        keys,
        honourHolds: removes(job),
        now: deps.clock.now(),
      });
      // A later pass adds what it finds to what the earlier ones acted on: the certificate counts every pass.
      const inventory = job.passes > 0 && job.inventory ? mergeInventories(job.inventory, found) : found;
      return checkpoint(deps, job, { inventory, step: job.step + 1, done: 0, updatedAt });
    }
    case 'package': {
      const exported = await buildExportPackage(deps, {
        tenantId: job.tenantId,
        requestId: job.requestId,
        policy,
        keys,
        searchedBy: job.searchedBy,
        readerRole: job.requestedBy.kind === 'admin' ? job.requestedBy.role : undefined,
        now: new Date(job.inventory?.at ?? updatedAt),
      });
      return checkpoint(deps, job, { exported, done: job.inventory?.partitions ?? 0, step: job.step + 1, updatedAt });
    }
    case 'verify': {
      const verification = await verifyRequest(deps, job, keys, deps.clock.now());
      const repeatable = !verification.ok && job.type !== 'export' && job.type !== 'restrict' && job.type !== 'object';
      if (repeatable && job.passes + 1 < MAX_PASSES)
        return checkpoint(deps, job, { verification, step: 0, passes: job.passes + 1, updatedAt });
      if (repeatable && removes(job)) return finish(deps, policy, { ...job, verification }, 'incomplete');
      return checkpoint(deps, job, { verification, step: job.step + 1, updatedAt });
    }
    case 'object':
      await recordObjection(deps, policy, job);
      return checkpoint(deps, job, { step: job.step + 1, updatedAt });
    case 'certify':
      return finish(deps, policy, job, 'completed');
    default:
      return actOnPartitions(run, job);
  }
}

/** The action step, a partition at a time, saving progress (and noticing a cancellation) after each. */
async function actOnPartitions(run: Run, job: SubjectRequestJob): Promise<SubjectRequestJob> {
  const { deps } = run;
  const act = await actionOf(run, job);
  const found = await findSubjectPartitions(deps.stores, job.tenantId, job.subjectKeys ?? []);
  const held = removes(job) ? await holdsOnPartitions(deps, job.tenantId, found) : new Map<string, string[]>();
  let work = found.filter((p) => !keptFromDeletion(held.get(p.pk) ?? []));
  // Restriction leaves the index as it is: skip what an earlier attempt already did. The others
  // take what they handled out of the index, so what is found is what is left.
  if (job.type === 'restrict') work = work.slice(job.done);
  let done = job.done;
  for (const partition of work) {
    await act(partition);
    done++;
    try {
      job = await updateJob(
        deps.directory,
        job,
        { done, updatedAt: nowIso(deps) },
        { condition: owned(job, { cancelRequested: false }) },
      );
    } catch (error) {
      if (!(error instanceof WriteConflict)) throw error;
      const current = await requireJob(deps.directory, job.tenantId, job.requestId);
      if (current.attempts !== job.attempts) throw new Superseded(job.requestId);
      return finish(deps, run.policy, current, 'cancelled');
    }
    await keepLease(run, job);
    await run.hooks.afterPartition?.(done);
  }
  return checkpoint(deps, job, { step: job.step + 1, updatedAt: nowIso(deps) });
}

type PartitionAction = (partition: SubjectPartition) => Promise<unknown>;

async function actionOf(run: Run, job: SubjectRequestJob): Promise<PartitionAction> {
  const { deps, policy } = run;
  const at = new Date(job.inventory?.at ?? nowIso(deps));
  if (removes(job))
    await dropConsentStanding(
      deps.directory,
      job.tenantId,
      (job.subjectKeys ?? []).map((k) => k.hmacHex),
    );
  switch (job.type) {
    case 'erase':
      await forgetRestriction(deps, job);
      return (p) => erasePartition(deps, job.tenantId, p);
    case 'anonymize': {
      await forgetRestriction(deps, job);
      const scope = {
        tenantId: job.tenantId,
        at,
        statisticsExpireAt: statisticsExpiry(at, policy),
        content: job.options.content === 'keep' ? ('keep' as const) : ('delete' as const),
      };
      return (p) => anonymisePartition(deps, scope, p);
    }
    case 'rectify': {
      const values = job.sealedCorrections
        ? await openCorrections(deps, job.tenantId, job.requestId, job.sealedCorrections)
        : {};
      const corrections: Correction[] = (job.correctedKeys ?? []).flatMap((newKey) => {
        const oldKey = job.subjectKeys?.find((k) => k.kind === newKey.kind);
        const value = values[newKey.kind];
        return oldKey && value !== undefined
          ? [{ kind: newKey.kind, oldHmac: oldKey.hmacHex, newHmac: newKey.hmacHex, value }]
          : [];
      });
      // Consents and objections hold for the corrected identifier as they did for the old one.
      for (const c of corrections) await carryStanding(deps.directory, job.tenantId, c.oldHmac, c.newHmac);
      // A hold on the subject keeps what it kept under the corrected identifier too.
      for (const c of corrections)
        await carryHolds(deps.directory, job.tenantId, c.oldHmac, { kind: c.kind, hmacHex: c.newHmac });
      return (p) => rectifyPartition(deps, job.tenantId, p, corrections);
    }
    case 'restrict':
      // The subject's marker first: what ingest writes from now on is restricted (or no longer) too.
      await markSubject(deps.directory, job.tenantId, job.subjectKeys ?? [], {
        requestId: job.requestId,
        at: at.toISOString(),
        lift: job.options.lift === true,
      });
      return (p) => restrictPartition(deps, p, job.requestId, job.options.lift === true);
    case 'export':
    case 'object':
      throw new RangeError(`${job.type} has no per-partition action: it acts in one step`);
  }
}

/**
 * A forgotten subject leaves no keyed hash behind, restriction markers included: the records a
 * restriction marked are erased or anonymised by this request (held ones keep their own mark).
 */
const forgetRestriction = (deps: SubjectRequestDeps, job: SubjectRequestJob) =>
  markSubject(deps.directory, job.tenantId, job.subjectKeys ?? [], {
    requestId: job.requestId,
    at: nowIso(deps),
    lift: true,
  });

/** Renews the slot's lease when a third of it has gone by. */
async function keepLease(run: Run, job: SubjectRequestJob): Promise<void> {
  const now = run.deps.clock.now();
  if (job.slot === undefined || now.getTime() - run.renewedAt < (LEASE_SECONDS * 1000) / 3) return;
  await renewSlot(run.deps.directory, job.tenantId, job.requestId, job.slot, now);
  run.renewedAt = now.getTime();
}

/**
 * Ends a request (completed, or cancelled: then with a certificate of what was done before the
 * cancellation, verified by the same re-scan): certificate, deferrals for what holds still keep,
 * the audit entry, the recipients' notices (GDPR Art. 19), and the subject keys dropped unless a
 * deferral needs them. Frees the slot, starts the next queued request, then sends the notices.
 * Safe to repeat.
 */
export async function finish(
  deps: SubjectRequestDeps,
  policy: TenantPolicy,
  job: SubjectRequestJob,
  outcome: JobOutcome,
): Promise<SubjectRequestJob> {
  const at = deps.clock.now();
  const keys = job.subjectKeys ?? [];
  const verification =
    outcome !== 'cancelled' && job.verification ? job.verification : await verifyRequest(deps, job, keys, at);
  const keptUntil = expiryInstant(at, parseDuration(policy.subjectRequests.certificateRetention)!, policy.timeZone);
  const certificate = buildCertificate({
    requestId: job.requestId,
    tenantId: job.tenantId,
    type: job.type,
    round: job.round,
    requestedAt: job.requestedAt,
    searchedBy: job.searchedBy,
    options: job.options,
    inventory: job.inventory ?? emptyInventory(deps, keys.length, at),
    verification,
    outcome,
    ...(outcome === 'incomplete'
      ? {
          incompleteBecause: `the subject's records were still found after ${MAX_PASSES} passes of inventory, erasure and verification: something kept writing them while the request ran; file the request again`,
        }
      : {}),
    completedAt: at,
    keptUntil,
    litigationBasis: policy.classes.litigation.lawfulBasis,
    keyBackupDays: deps.pitrDays,
    exported: job.exported,
  });
  const stillHeld =
    outcome !== 'cancelled' && removes(job)
      ? [
          ...new Set(
            [
              ...(
                await holdsOnPartitions(
                  deps,
                  job.tenantId,
                  await findSubjectPartitions(deps.stores, job.tenantId, keys),
                )
              ).values(),
            ].flat(),
          ),
        ]
      : [];
  await recordDeferrals(deps.directory, job, stillHeld);
  if (removes(job)) await clearErasing(deps.directory, job.tenantId, keys);
  const found = certificate.lines.filter((l) => l.store === 'records').reduce((n, l) => n + l.found, 0);
  // Queued before the job is marked finished, while it still holds the subject keys: a crash from here on loses no notice.
  await queueNotices(deps, policy, job, outcome, at, keptUntil);
  job = await auditOnce(deps, job, outcome, {
    records: found,
    retained: certificate.retained.length,
    remaining: verification.remaining,
    ok: verification.ok,
  });
  const finished = await checkpoint(
    deps,
    job,
    {
      status: outcome,
      result: certificate,
      step: stepsOf(job.type).length,
      updatedAt: at.toISOString(),
      expiresAt: Math.ceil(keptUntil.getTime() / 1000),
    },
    [
      ...(stillHeld.length ? [] : (['subjectKeys'] as const)),
      'correctedKeys',
      'sealedCorrections',
      'verification',
      'verifyAgainst',
      'slot',
    ],
  );
  // A repeated finish of a completed request counts it once.
  if (outcome === 'completed' && job.status !== 'completed') deps.metrics.count('SubjectRequestsCompleted', 1);
  if (job.slot !== undefined) {
    await releaseSlot(deps.directory, job.tenantId, job.requestId, job.slot);
    const [next] = await nextQueued(deps.directory, job.tenantId, 1);
    if (next) await startOrQueue(deps, job.tenantId, next);
  }
  // The request is complete whatever the recipients answer: a notice not delivered now is retried by the wake-up.
  await deliverRequestNotices(deps, job.tenantId, job.requestId);
  return finished;
}

function emptyInventory(deps: SubjectRequestDeps, keysSearched: number, at: Date): Inventory {
  return {
    at: at.toISOString(),
    regions: [...deps.stores.regions],
    keysSearched,
    partitions: 0,
    counts: [],
    held: [],
    litigation: [],
    restrictedRecords: 0,
    holdings: [],
  };
}

async function policyOf(deps: SubjectRequestDeps, tenantId: string): Promise<TenantPolicy> {
  const current = await deps.directory.currentPolicy(tenantId);
  if (!current) throw notFound(`Tenant ${tenantId}`);
  return current.policy;
}
