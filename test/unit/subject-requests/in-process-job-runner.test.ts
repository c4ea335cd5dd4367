import { InProcessJobRunner } from '../../../functions/adapters/jobs/in-process-job-runner';

describe('the in-process job runner (local runtime and tests)', () => {
  it('starts a job without waiting for it, and idle() waits for it and for the jobs it starts', async () => {
    // Prepare
    const finished: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runner: InProcessJobRunner = new InProcessJobRunner(
      async (_tenant, id) => {
        await gate;
        finished.push(id);
        if (id === 'first') await runner.start('t', 'second'); // a job that frees its slot starts the next one
      },
      () => undefined,
    );
    // Act
    await runner.start('t', 'first');
    const beforeRelease = [...finished];
    release();
    await runner.idle();
    // Assess
    expect(beforeRelease).toEqual([]);
    expect(finished).toEqual(['first', 'second']);
  });

  it('reports a failed job instead of throwing at whoever started it', async () => {
    // Prepare
    const failures: unknown[] = [];
    const runner = new InProcessJobRunner(
      () => Promise.reject(new Error('KMS unreachable')),
      (error, ids) => failures.push([error, ids]),
    );
    // Act
    await runner.start('t1', 'r1');
    await runner.idle();
    // Assess
    expect(failures).toEqual([[new Error('KMS unreachable'), { tenantId: 't1', requestId: 'r1' }]]);
  });
});
