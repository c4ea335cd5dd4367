/**
 * Starts a long job (a data-subject request, a terminated tenant's export package) without making
 * its caller wait: the API answers `202` and the job runs on. In AWS this is an asynchronous
 * invocation of the Lambda that runs the job; locally and in tests the job runs in the background
 * of the same process.
 */
export interface JobRunner {
  /** Starts or resumes the job; resolves once it is under way, not when it ends. */
  start(tenantId: string, requestId: string): Promise<void>;
}
