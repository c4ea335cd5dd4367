import * as z from 'zod';
import { DIMENSIONS } from './metrics';

export const KPI_GROUPINGS = ['day', ...DIMENSIONS] as const;
export type KpiGrouping = (typeof KPI_GROUPINGS)[number];

/** Longest range one KPI request may cover. */
export const KPI_MAX_DAYS = 366;

const Day = z.iso.date('must be a date such as 2025-03-01');
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** `GET /v1/kpis?from=2025-03-01&to=2025-03-31&groupBy=day,channel`: days are the tenant's, both ends included. */
export const KpiQuerySchema = z
  .object({
    from: Day,
    to: Day,
    groupBy: z
      .string()
      .default('day')
      .transform((s) => [
        ...new Set(
          s
            .split(',')
            .map((g) => g.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.enum(KPI_GROUPINGS, `must be a comma-separated list of ${KPI_GROUPINGS.join(', ')}`))),
  })
  .strict()
  .superRefine((q, ctx) => {
    const days = (dayMs(q.to) - dayMs(q.from)) / 86_400_000 + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (days > KPI_MAX_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${KPI_MAX_DAYS} days after from` });
  })
  .meta({ id: 'KpiQuery' });
export type KpiQuery = z.infer<typeof KpiQuerySchema>;

/** The months (`YYYY-MM`) a day range touches: one aggregates partition each. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  const cursor = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  while (cursor.toISOString().slice(0, 7) <= to.slice(0, 7)) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}
