/** Time is injected everywhere it matters, so tests and the local runtime can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told otherwise: tests and the local runtime's /_local/clock. */
export class SettableClock implements Clock {
  private current: Date;
  constructor(start: Date | string = new Date()) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    const next = new Date(to);
    if (Number.isNaN(next.getTime())) throw new RangeError(`not a valid instant: ${String(to)}`);
    this.current = next;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
