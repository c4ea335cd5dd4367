import { InProcessJobRunner } from '../../../functions/adapters/jobs/in-process-job-runner';
import { handler } from '../../../functions/handlers/subject-request-worker';
import { runSubjectCommand } from '../../../functions/cli/commands/subject';
import { subjectRequestDeps, type SubjectRequestDeps } from '../../../functions/usecases/subject-requests/deps';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { requireJob } from '../../../functions/usecases/subject-requests/job-store';
import { runSubjectRequest } from '../../../functions/usecases/subject-requests/run-request';
import type { SubjectRequestView } from '../../../functions/usecases/subject-requests/view-request';
import { newSubject, newTenant, storeSubject, testContainer } from './support';

describe('the console worker, the CLI and the per-tenant limit', () => {
  it('the worker Lambda runs the request of its test event to the end and answers with the certificate', async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    await storeSubject(c, tenant, a);
    const event = {
      tenantId: tenant.tenantId,
      type: 'erase',
      identifiers: { phone: a.phone, email: a.email },
      options: {},
    };

    // Act
    const answer = (await handler(event)) as SubjectRequestView;
    const resumed = (await handler({ tenantId: tenant.tenantId, requestId: answer.requestId })) as SubjectRequestView;
    const refused = await handler({ tenantId: 'not-a-tenant', type: 'erase', identifiers: {} });

    // Assess
    expect(answer).toMatchObject({
      status: 'completed',
      result: { type: 'erase', verification: { ok: true, remaining: 0 } },
    });
    expect(resumed).toMatchObject({
      requestId: answer.requestId,
      status: 'completed',
      result: { completedAt: answer.result!.completedAt },
    });
    expect(refused).toEqual({
      error: expect.objectContaining({
        code: 'VALIDATION_FAILED',
        fields: expect.arrayContaining([
          expect.objectContaining({ path: 'tenantId' }),
          expect.objectContaining({ path: 'identifiers' }),
        ]),
      }),
    });
  });

  it('lethe subject export files the request, follows it to the end and prints the certificate and the download link', async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    await storeSubject(c, tenant, a);
    const printed: string[] = [];
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => printed.push(String(chunk)) > 0);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);

    // Act
    let view: Awaited<ReturnType<typeof runSubjectCommand>>;
    try {
      view = await runSubjectCommand('export', { tenant: tenant.tenantId, email: a.email, wait: true, pollMs: '100' });
    } finally {
      out.mockRestore();
      err.mockRestore();
    }

    // Assess
    expect(view).toMatchObject({ status: 'completed' });
    const text = printed.join('');
    expect(text).toContain(`Certificate of export request ${view.requestId}`);
    expect(text).toMatch(
      /Verification \(subject-index re-scan, 1 key\(s\)\): 0 remaining, 0 retained, packageRecords \d+ — OK/,
    );
    expect(text).toMatch(/Download \(until .*\): http/);
    expect(text).not.toContain(a.email);
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('at most maxConcurrent requests of a tenant run at once; a queued one starts when a slot frees', async () => {
    // Prepare: the iAdvize preset allows 2 at once; both slots are taken by requests still running elsewhere
    const c = testContainer();
    let deps: SubjectRequestDeps;
    const runner = new InProcessJobRunner(
      (t, r) => runSubjectRequest(deps, t, r),
      () => undefined,
    );
    deps = subjectRequestDeps(c, runner);
    const tenant = await newTenant('iadvize');
    const [a, b] = [newSubject('anna'), newSubject('bruno')];
    await storeSubject(c, tenant, a);
    await storeSubject(c, tenant, b);
    const lease = Math.floor(Date.now() / 1000) + 600;
    for (const n of [0, 1])
      await c.directory.putItem({
        tenantId: tenant.tenantId,
        sk: `JOBSLOT#${n}`,
        holder: `elsewhere-${n}`,
        expiresAt: lease,
      });

    // Act
    const first = await fileSubjectRequest(
      deps,
      tenant.tenantId,
      { kind: 'operator' },
      { type: 'erase', identifiers: { phone: a.phone }, options: {} },
    );
    await runner.idle();
    const whileFull = await requireJob(c.directory, tenant.tenantId, first.requestId);
    await c.directory.deleteItem(tenant.tenantId, 'JOBSLOT#1'); // one of the others ends
    const second = await fileSubjectRequest(
      deps,
      tenant.tenantId,
      { kind: 'operator' },
      { type: 'erase', identifiers: { phone: b.phone }, options: {} },
    );
    await runner.idle();

    // Assess
    expect(whileFull.status).toBe('queued');
    expect((await requireJob(c.directory, tenant.tenantId, second.requestId)).status).toBe('completed');
    expect((await requireJob(c.directory, tenant.tenantId, first.requestId)).status).toBe('completed'); // started when the second freed its slot
    expect(await c.directory.getItem(tenant.tenantId, 'JOBSLOT#0', { consistent: true })).toMatchObject({
      holder: 'elsewhere-0',
    });
  });
});
