import * as z from 'zod';
import type { SweepHistoryEntry } from '../sweep/history';
import { kpiDay } from './counters';

const Day = z.iso.date('must be a date such as 2025-03-01');

/** `GET /v1/privacy-kpis?from=2025-03-01&to=2025-03-31`: days are the tenant's, both ends included. */
export const PrivacyKpiQuerySchema = z
  .object({ from: Day, to: Day })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type PrivacyKpiQuery = z.infer<typeof PrivacyKpiQuerySchema>;

const NightSchema = z.object({
  night: z.string().describe('the day swept, tenant time zone'),
  removed: z.number().int().describe('deleted + anonymised: records that no longer hold personal data'),
  deleted: z.number().int(),
  anonymised: z.number().int(),
  archived: z.number().int(),
  sealed: z.number().int(),
  failed: z.number().int(),
});

/** The answer of GET /v1/privacy-kpis: the privacy office's figures, without personal data. */
export const PrivacyKpiReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string().describe('days are calendar days of this zone'),
    requests: z.object({
      filed: z.number().int().describe('subject requests received in the range'),
      completed: z.number().int().describe('subject requests completed in the range'),
      overdue: z.number().int().describe('requests open now and past their Art. 12(3) due time, whenever filed'),
      open: z.number().int().describe('requests open now, whenever filed'),
      medianHoursToComplete: z
        .number()
        .nullable()
        .describe('receipt to completion, of the requests completed in the range; null when none'),
      filedPerDay: z.array(z.object({ day: z.string(), filed: z.number().int(), completed: z.number().int() })),
    }),
    nights: z.array(NightSchema).describe('one per night swept in the range, oldest first'),
    holdsActive: z.number().int().describe('legal holds placed and not released, now'),
  })
  .meta({ id: 'PrivacyKpiReport' });
export type PrivacyKpiReport = z.infer<typeof PrivacyKpiReportSchema>;
export type NightRemovals = z.infer<typeof NightSchema>;

/** What the report needs of one subject request. */
export interface RequestFacts {
  requestedAt: string;
  /** When it was completed (its certificate's completedAt); absent unless completed. */
  completedAt?: string;
  open: boolean;
  overdue: boolean;
}

const inRange = (day: string, q: PrivacyKpiQuery) => day >= q.from && day <= q.to;

/** The middle value (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Filed, completed, open and overdue requests, and the median time to complete, for a range of tenant days. */
export function requestFigures(
  requests: readonly RequestFacts[],
  q: PrivacyKpiQuery,
  timeZone: string,
): PrivacyKpiReport['requests'] {
  const perDay = new Map<string, { filed: number; completed: number }>();
  const dayOf = (day: string) => {
    let counts = perDay.get(day);
    if (!counts) perDay.set(day, (counts = { filed: 0, completed: 0 }));
    return counts;
  };
  const hoursToComplete: number[] = [];
  for (const r of requests) {
    const filedOn = kpiDay(r.requestedAt, timeZone);
    if (inRange(filedOn, q)) dayOf(filedOn).filed++;
    if (!r.completedAt) continue;
    const completedOn = kpiDay(r.completedAt, timeZone);
    if (!inRange(completedOn, q)) continue;
    dayOf(completedOn).completed++;
    hoursToComplete.push((Date.parse(r.completedAt) - Date.parse(r.requestedAt)) / 3_600_000);
  }
  const days = [...perDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, c]) => ({ day, ...c }));
  const middle = median(hoursToComplete);
  return {
    filed: days.reduce((sum, d) => sum + d.filed, 0),
    completed: hoursToComplete.length,
    overdue: requests.filter((r) => r.overdue).length,
    open: requests.filter((r) => r.open).length,
    medianHoursToComplete: middle === null ? null : Math.round(middle * 10) / 10,
    filedPerDay: days,
  };
}

/**
 * What each night's sweep did, summed over classes and regions and over the runs of the same
 * night (a run stopped and resumed leaves one history entry per call).
 */
export function removalsPerNight(
  history: readonly Pick<SweepHistoryEntry, 'sweptAt' | 'rows'>[],
  q: PrivacyKpiQuery,
  timeZone: string,
): NightRemovals[] {
  const nights = new Map<string, NightRemovals>();
  for (const entry of history) {
    const night = kpiDay(entry.sweptAt, timeZone);
    if (!inRange(night, q)) continue;
    let sum = nights.get(night);
    if (!sum)
      nights.set(night, (sum = { night, removed: 0, deleted: 0, anonymised: 0, archived: 0, sealed: 0, failed: 0 }));
    for (const { tally } of entry.rows) {
      sum.deleted += tally.deleted;
      sum.anonymised += tally.anonymised;
      sum.archived += tally.archived;
      sum.sealed += tally.sealed;
      sum.failed += tally.failed;
      sum.removed += tally.deleted + tally.anonymised;
    }
  }
  return [...nights.values()].sort((a, b) => a.night.localeCompare(b.night));
}
