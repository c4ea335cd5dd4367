import type { StepName } from '../../../functions/domain/subject-requests/job';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { executeSubjectRequest } from '../../../functions/usecases/subject-requests/run-request';
import { newSubject, newTenant, storeSubject, testContainer, testDeps } from './support';

describe('a subject request started twice at once runs once', () => {
  it("the invocation started first stops at its next checkpoint once a second one took the request over: it runs no further step, and the certificate is the second one's", async () => {
    // Prepare: an erasure of Anna (several partitions in two regions)
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const anna = newSubject('anna');
    await storeSubject(c, tenant, anna);
    const filed = await fileSubjectRequest(
      testDeps(c),
      tenant.tenantId,
      { kind: 'operator' },
      { type: 'erase', identifiers: { email: anna.email, phone: anna.phone }, options: {} },
    );
    const firstStepsAfterTakeover: StepName[] = [];
    let second: Awaited<ReturnType<typeof executeSubjectRequest>> | undefined;

    // Act: the first invocation, after its first partition, sees a duplicate of its start event run the request to its end
    const first = await executeSubjectRequest(testDeps(c), tenant.tenantId, filed.requestId, {
      afterPartition: async (done) => {
        if (done === 1 && !second)
          second = await executeSubjectRequest(testDeps(testContainer()), tenant.tenantId, filed.requestId);
      },
      afterStep: (step) => {
        if (second) firstStepsAfterTakeover.push(step);
      },
    });

    // Assess
    expect(second?.status).toBe('completed');
    expect(second?.attempts).toBe(2);
    expect(firstStepsAfterTakeover).toEqual([]);
    expect(first.status).toBe('completed');
    expect(first.result).toEqual(second?.result);
    expect(first.result?.verification).toMatchObject({ ok: true, remaining: 0 });
  }, 120_000);
});
