import { createHmac } from 'node:crypto';
import type { Channel } from '../data-class';
import { instantOfWallClock, wallClockAt } from '../retention/zoned-time';
import { UNSPECIFIED, type Dimension, type Metric } from './metrics';

/** One `ADD` to a daily counter. */
export interface CounterIncrement {
  /** The tenant's calendar day, `YYYY-MM-DD`. */
  day: string;
  metric: Metric;
  dims: Partial<Record<Dimension, string>>;
  by: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** KPIs are daily in the tenant's own time zone: a 23:30 Paris chat counts for that Paris day. */
export function kpiDay(instant: string | Date, timeZone: string): string {
  const wall = wallClockAt(new Date(instant).getTime(), timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** The redacted dimensions of a chatbot event (Inbenta: by user type, source and environment). */
export interface EventFacts {
  type: 'question' | 'click' | 'rating' | 'custom';
  userType?: string;
  source?: string;
  environment?: string;
  at: string;
}

const EVENT_METRIC = { question: 'questions', click: 'clicks', rating: 'ratings', custom: 'customEvents' } as const;

/** A chatbot event counts once for its type; the first event of a session that day also counts the session. */
export function eventIncrements(event: EventFacts, timeZone: string, opensSession: boolean): CounterIncrement[] {
  const day = kpiDay(event.at, timeZone);
  const dims = {
    userType: event.userType ?? UNSPECIFIED,
    source: event.source ?? UNSPECIFIED,
    environment: event.environment ?? UNSPECIFIED,
  };
  const increments: CounterIncrement[] = [{ day, metric: EVENT_METRIC[event.type], dims, by: 1 }];
  if (opensSession) increments.push({ day, metric: 'sessions', dims, by: 1 });
  return increments;
}

/** What the interaction counters are keyed by. */
export interface InteractionFacts {
  channel: Channel;
  queue?: string;
  group?: string;
  startedAt: string;
}

/** Every counter of an interaction lands on its start day, so a day's waits match its count. */
function interactionKey(i: InteractionFacts, timeZone: string) {
  return {
    day: kpiDay(i.startedAt, timeZone),
    dims: { channel: i.channel, queue: i.queue ?? UNSPECIFIED, group: i.group ?? UNSPECIFIED },
  };
}

export function interactionStartIncrements(i: InteractionFacts, timeZone: string): CounterIncrement[] {
  return [{ ...interactionKey(i, timeZone), metric: 'interactions', by: 1 }];
}

export function interactionEndIncrements(
  i: InteractionFacts,
  end: { waitSeconds: number; talkSeconds: number },
  timeZone: string,
): CounterIncrement[] {
  const key = interactionKey(i, timeZone);
  return [
    { ...key, metric: 'endedInteractions', by: 1 },
    { ...key, metric: 'waitSeconds', by: end.waitSeconds },
    { ...key, metric: 'talkSeconds', by: end.talkSeconds },
  ];
}

/** Surveys are counted per score, which makes the score distribution. */
export function surveyIncrements(i: InteractionFacts, score: number, timeZone: string): CounterIncrement[] {
  const key = interactionKey(i, timeZone);
  return [{ ...key, dims: { ...key.dims, score: String(score) }, metric: 'surveys', by: 1 }];
}

/** The first instant of a tenant day: a counter's retention counts from it. */
export function dayStart(day: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(
    instantOfWallClock({ year, month, day: date, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone),
  );
}

/**
 * Id of the marker that says "this session was already counted on this day": a keyed hash, so
 * the marker neither holds nor reveals the session id.
 */
export function sessionMarkerId(secret: Uint8Array, sessionId: string): string {
  return createHmac('sha256', secret).update(`session:${sessionId}`, 'utf8').digest('hex');
}
