import { systemClock } from '../domain/clock';
import type { Clock } from '../ports/clock';

/**
 * The clock every handler reads. In AWS it is the system clock; the local runtime and the tests
 * swap in a settable one (POST /_local/clock) so retention can be shown without waiting.
 */
let current: Clock = systemClock;

export const clock: Clock = { now: () => current.now() };

export function useClock(next: Clock): void {
  current = next;
}
