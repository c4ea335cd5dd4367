import { systemClock } from '../domain/clock';
import type { Clock } from '../ports/clock';

/**
 * The clock every handler reads. In AWS it is the system clock; the local runtime and the tests
 * swap in a settable one (POST /_local/clock) so retention can be shown without waiting. It lives
 * on the global object, so code loaded twice in one process (sources and a deployed bundle,
 * infra/local/runtime/bundle-runner.mjs) reads the one clock.
 */
const SHARED_CLOCK = Symbol.for('lethe.clock');
const holder = globalThis as { [SHARED_CLOCK]?: Clock };

export const clock: Clock = { now: () => (holder[SHARED_CLOCK] ?? systemClock).now() };

export function useClock(next: Clock): void {
  holder[SHARED_CLOCK] = next;
}
