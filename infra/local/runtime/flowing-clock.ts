import type { Clock } from '../../../functions/ports/clock';

/**
 * The local runtime's clock: real time shifted by an offset. `POST /_local/clock` moves it to an
 * instant, and time keeps flowing from there (a frozen clock would make every request of a demo
 * happen at the same millisecond). Listeners hear of every move (the scheduler re-plans).
 */
export class FlowingClock implements Clock {
  private offsetMs = 0;
  private readonly listeners: Array<() => void> = [];

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }
}

/** A full ISO-8601 instant with a zone (`2030-01-01T00:00:00Z`, `...+02:00`), or undefined. */
export function parseInstant(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = '00'] = match;
  const date = new Date(value);
  // Date accepts 2030-02-31 and rolls over; a real instant round-trips its calendar fields.
  const calendar = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
  const valid =
    !Number.isNaN(date.getTime()) &&
    calendar.getUTCFullYear() === +y &&
    calendar.getUTCMonth() === +mo - 1 &&
    calendar.getUTCDate() === +d &&
    +h < 24 &&
    +mi < 60 &&
    +s < 60;
  return valid ? date : undefined;
}
