/**
 * Starts a long job (a data-subject request) without making its caller wait: the API answers
 * `202` and the job runs on. In AWS this is an asynchronous invocation of the worker Lambda;
 * locally and in tests the job runs in the background of the same process.
 */
export interface JobRunner {
  /** Starts or resumes the job; resolves once it is under way, not when it ends. */
  start(tenantId: string, requestId: string): Promise<void>;
}
