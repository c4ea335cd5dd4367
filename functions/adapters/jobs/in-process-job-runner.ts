import type { JobRunner } from '../../ports/job-runner';

type Run = (tenantId: string, requestId: string) => Promise<unknown>;

/**
 * Runs jobs in the background of this process: the local runtime (which serves every handler in
 * one process) and tests. `idle()` waits for every job started so far, including jobs those jobs
 * start when they free their slot, so a Lambda can drain its work before returning. A job's
 * failure is reported to `onFailure` (the job itself records it and can be resumed).
 */
export class InProcessJobRunner implements JobRunner {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly run: Run,
    private readonly onFailure: (error: unknown, ids: { tenantId: string; requestId: string }) => void,
  ) {}

  async start(tenantId: string, requestId: string): Promise<void> {
    const job = this.run(tenantId, requestId).then(
      () => undefined,
      (error: unknown) => this.onFailure(error, { tenantId, requestId }),
    );
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
  }

  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }
}
