import { LetheError } from '../../../functions/domain/errors';
import { parseSubjectRequestEvent } from '../../../functions/domain/subject-requests/request';
import {
  QUEUED_STALE_AFTER_SECONDS,
  requestsToWake,
  type WakeCandidate,
} from '../../../functions/domain/subject-requests/wake';

const NOW = new Date('2027-03-01T12:00:00Z');
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();
const running = (requestId: string): WakeCandidate => ({ requestId, status: 'running', updatedAt: minutesAgo(30) });
const queued = (requestId: string, minutes: number): WakeCandidate => ({
  requestId,
  status: 'queued',
  updatedAt: minutesAgo(minutes),
});
const live = (holder: string) => ({ holder, expiresAt: seconds(NOW) + 60 });
const expired = (holder: string) => ({ holder, expiresAt: seconds(NOW) - 1 });

describe('the periodic wake-up of subject requests', () => {
  it('a running request whose lease ended is resumed; one still leased is left to its process', () => {
    // Prepare
    const jobs = [running('01A'), running('01B')];
    const slots = [expired('01A'), live('01B')];
    // Act
    const woken = requestsToWake(jobs, slots, 2, NOW);
    // Assess
    expect(woken).toEqual(['01A']);
  });

  it('a running request whose slot another request took is resumed, as one with no slot at all', () => {
    // Act
    const woken = requestsToWake([running('01A'), running('01C')], [live('01B')], 3, NOW);
    // Assess
    expect(woken).toEqual(['01A', '01C']);
  });

  it('a queued request is started only once it has waited as long as an invocation may still be on its way', () => {
    // Prepare
    const waitedMinutes = QUEUED_STALE_AFTER_SECONDS / 60;
    const jobs = [queued('01A', waitedMinutes), queued('01B', waitedMinutes - 1)];
    // Act
    const woken = requestsToWake(jobs, [], 2, NOW);
    // Assess
    expect(woken).toEqual(['01A']);
  });

  it('no more requests than free slots are started: stalled running ones first, then the oldest queued', () => {
    // Prepare: 3 slots, one held by a live request
    const jobs = [queued('01A', 60), queued('01B', 60), running('01C'), running('01D')];
    const slots = [live('01D'), expired('01C')];
    // Act
    const woken = requestsToWake(jobs, slots, 3, NOW);
    // Assess
    expect(woken).toEqual(['01C', '01A']);
  });

  it('nothing is started while every slot is leased', () => {
    // Act / Assess
    expect(requestsToWake([queued('01A', 60)], [live('01X'), live('01Y')], 2, NOW)).toEqual([]);
  });

  it('the worker takes the schedule event { kind: "wake-queued" } and refuses any other kind', () => {
    // Act
    const wake = parseSubjectRequestEvent({ kind: 'wake-queued' });
    let refused: unknown;
    try {
      parseSubjectRequestEvent({ kind: 'wake-everything' });
    } catch (error) {
      refused = error;
    }
    // Assess
    expect(wake).toEqual({ kind: 'wake' });
    expect(refused).toBeInstanceOf(LetheError);
    expect((refused as LetheError).fields).toEqual([expect.objectContaining({ path: 'kind' })]);
  });
});
