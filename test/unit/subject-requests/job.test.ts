import { LetheError } from '../../../functions/domain/errors';
import {
  assertConfirmable,
  assertRunnable,
  cancellation,
  progressOf,
  stepsOf,
} from '../../../functions/domain/subject-requests/job';
import type { JobStatus } from '../../../functions/domain/subject-requests/job-status';

const job = (over: Partial<Parameters<typeof progressOf>[0]> = {}) => ({
  type: 'erase' as const,
  step: 0,
  done: 0,
  status: 'running' as JobStatus,
  ...over,
});

describe('the life of a subject-request job', () => {
  it('every request takes four steps: inventory, its own action, verification, certificate', () => {
    // Act / Assess
    expect(stepsOf('erase')).toEqual(['inventory', 'erase', 'verify', 'certify']);
    expect(stepsOf('export')).toEqual(['inventory', 'package', 'verify', 'certify']);
  });

  it('a request not yet running is cancelled at once; a running one at its next record; a finished one not at all (409)', () => {
    // Act / Assess
    expect((['pending-verification', 'queued', 'failed'] as const).map(cancellation)).toEqual(['now', 'now', 'now']);
    expect(cancellation('running')).toBe('at-next-record');
    for (const status of ['completed', 'cancelled'] as const)
      expect(() => cancellation(status)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it("a channel's request runs only after an admin confirmed it, and is confirmed once", () => {
    // Act / Assess
    expect(() => assertRunnable({ status: 'pending-verification', requestId: 'r' })).toThrow(LetheError);
    expect(() => assertRunnable({ status: 'failed', requestId: 'r' })).not.toThrow();
    expect(() => assertConfirmable({ status: 'pending-verification', requestId: 'r' })).not.toThrow();
    expect(() => assertConfirmable({ status: 'queued', requestId: 'r' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('progress counts whole steps and the share of partitions the action step has handled', () => {
    // Prepare
    const inventory = { partitions: 4 } as Parameters<typeof progressOf>[0]['inventory'];
    // Act
    const halfway = progressOf(job({ step: 1, done: 2, inventory }));
    const verifying = progressOf(job({ step: 2, done: 4, inventory }));
    const finished = progressOf(job({ step: 4, done: 4, inventory, status: 'completed' }));
    // Assess
    expect(halfway).toEqual({
      step: 'erase',
      stepIndex: 1,
      steps: 4,
      partitionsDone: 2,
      partitionsTotal: 4,
      percent: 37,
    });
    expect(verifying).toMatchObject({ step: 'verify', percent: 50 });
    expect(finished).toMatchObject({ step: 'done', percent: 100 });
  });
});
