import { InMemoryMetrics } from '../../../functions/adapters/metrics/in-memory-metrics';
import type { JobRunner } from '../../../functions/ports/job-runner';
import { allPages } from '../../../functions/usecases/records/pages';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { listActiveJobs, requireJob } from '../../../functions/usecases/subject-requests/job-store';
import { executeSubjectRequest } from '../../../functions/usecases/subject-requests/run-request';
import { wakeQueuedRequests } from '../../../functions/usecases/subject-requests/wake-requests';
import { newSubject, newTenant, storeSubject, testContainer, testDeps } from './support';

class Crash extends Error {}

/**
 * Records what the wake-up starts for one tenant. The emulators are shared with the other test
 * files, whose requests the wake-up finds too: those are not started here.
 */
function recordingRunner(tenantId: string): JobRunner & { started: string[] } {
  const started: string[] = [];
  return { started, start: async (t, requestId) => void (t === tenantId && started.push(requestId)) };
}

const refusingRunner: JobRunner = {
  start: async () => {
    throw new Error('the worker could not be invoked');
  },
};

const minutes = (n: number) => n * 60_000;

describe('the periodic wake-up of subject requests', () => {
  it('a request the runner could not start is started once it has waited 15 minutes, and then runs to the end', async () => {
    // Prepare: filing hands the request to a runner that refuses it
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    await storeSubject(c, tenant, a);
    const filed = await fileSubjectRequest(
      { ...testDeps(c), runner: refusingRunner },
      tenant.tenantId,
      { kind: 'operator' },
      { type: 'erase', identifiers: { phone: a.phone }, options: {} },
    );
    const filedAt = c.clock.now().getTime();

    // Act
    const early = recordingRunner(tenant.tenantId);
    await wakeQueuedRequests(testDeps(c), early);
    c.clock.set(new Date(filedAt + minutes(15)));
    const due = recordingRunner(tenant.tenantId);
    await wakeQueuedRequests(testDeps(c), due);
    const job = await executeSubjectRequest(testDeps(c), tenant.tenantId, due.started[0]);
    const stillActive = (await allPages((cursor) => listActiveJobs(c.directory, cursor))).filter(
      (j) => j.tenantId === tenant.tenantId,
    );

    // Assess
    expect(early.started).toEqual([]);
    expect(due.started).toEqual([filed.requestId]);
    expect(job).toMatchObject({
      requestId: filed.requestId,
      status: 'completed',
      result: { verification: { ok: true, remaining: 0 } },
    });
    expect(stillActive).toEqual([]); // a finished request leaves the listing the wake-up reads
  });

  it('a running request whose process died is resumed once its lease has run out, and ends as an uninterrupted run would', async () => {
    // Prepare: the request's process dies after the inventory, holding its slot
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    await storeSubject(c, tenant, a);
    const deps = testDeps(c);
    const filed = await fileSubjectRequest(
      deps,
      tenant.tenantId,
      { kind: 'operator' },
      { type: 'erase', identifiers: { phone: a.phone, email: a.email }, options: {} },
    );
    const crashedAt = c.clock.now().getTime();
    await expect(
      executeSubjectRequest(deps, tenant.tenantId, filed.requestId, {
        afterStep: (step) => {
          if (step === 'inventory') throw new Crash('the process died');
        },
      }),
    ).rejects.toBeInstanceOf(Crash);

    // Act
    const whileLeased = recordingRunner(tenant.tenantId);
    await wakeQueuedRequests(deps, whileLeased);
    c.clock.set(new Date(crashedAt + minutes(16))); // the 15-minute lease has run out
    const afterLease = recordingRunner(tenant.tenantId);
    await wakeQueuedRequests(deps, afterLease);
    const crashed = await requireJob(c.directory, tenant.tenantId, filed.requestId);
    const job = await executeSubjectRequest(deps, tenant.tenantId, afterLease.started[0]);

    // Assess
    expect(crashed).toMatchObject({ status: 'running', step: 1 });
    expect(whileLeased.started).toEqual([]);
    expect(afterLease.started).toEqual([filed.requestId]);
    expect(job).toMatchObject({
      status: 'completed',
      attempts: 2,
      result: { verification: { ok: true, remaining: 0 } },
    });
  });

  it('starts no queued request while every slot of its tenant is leased by a live request', async () => {
    // Prepare: the iAdvize preset allows 2 at once; both are leased elsewhere for an hour
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const leasedUntil = Math.floor(c.clock.now().getTime() / 1000) + 3600;
    for (const n of [0, 1])
      await c.directory.putItem({
        tenantId: tenant.tenantId,
        sk: `JOBSLOT#${n}`,
        holder: `elsewhere-${n}`,
        expiresAt: leasedUntil,
      });
    const filed = await fileSubjectRequest(
      { ...testDeps(c), runner: refusingRunner },
      tenant.tenantId,
      { kind: 'operator' },
      { type: 'export', identifiers: { email: 'nobody@example.fr' }, options: {} },
    );
    c.clock.set(new Date(c.clock.now().getTime() + minutes(30)));

    // Act
    const full = recordingRunner(tenant.tenantId);
    await wakeQueuedRequests(testDeps(c), full);
    await c.directory.deleteItem(tenant.tenantId, 'JOBSLOT#1'); // one of them ends
    const freed = recordingRunner(tenant.tenantId);
    await wakeQueuedRequests(testDeps(c), freed);

    // Assess
    expect(full.started).toEqual([]);
    expect(freed.started).toEqual([filed.requestId]);
  });

  it('counts a request opened, overdue once it has waited a month unanswered, then completed', async () => {
    // Prepare: a request the runner could not start waits in the queue
    const c = testContainer();
    const metrics = new InMemoryMetrics();
    const deps = { ...testDeps(c), metrics };
    const tenant = await newTenant('iadvize');
    const filed = await fileSubjectRequest(
      { ...deps, runner: refusingRunner },
      tenant.tenantId,
      { kind: 'operator' },
      { type: 'export', identifiers: { email: 'nobody@example.fr' }, options: {} },
    );

    // Act
    c.clock.set(new Date(Date.parse(filed.requestedAt) + 32 * 86_400_000)); // one month is at most 31 days: past due
    const woken = await wakeQueuedRequests(deps, recordingRunner(tenant.tenantId));
    const job = await executeSubjectRequest(deps, tenant.tenantId, filed.requestId);

    // Assess: the gauge is what the wake-up saw (other files' requests may be overdue too)
    expect(metrics.total('SubjectRequestsOpened')).toBe(1);
    expect(woken.overdue).toBeGreaterThanOrEqual(1);
    expect(metrics.last('SubjectRequestsOverdue')).toBe(woken.overdue);
    expect(job.status).toBe('completed');
    expect(metrics.total('SubjectRequestsCompleted')).toBe(1);
  });
});
