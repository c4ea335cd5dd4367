import * as z from 'zod';
import { METRICS } from './metrics';
import { KPI_GROUPINGS } from './query';

/** The answer of GET /v1/kpis: rows of summed counters, one per distinct grouping value. */
export const KpiReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string().describe('days are calendar days of this zone'),
    groupBy: z.array(z.enum(KPI_GROUPINGS)),
    rows: z.array(
      z.object({
        group: z.record(z.string(), z.string().nullable()),
        metrics: z.partialRecord(z.enum(METRICS), z.number()),
        scoreDistribution: z.record(z.string(), z.number()).optional(),
        clickThroughRate: z.number().optional().describe('clicks / questions'),
      }),
    ),
  })
  .meta({ id: 'KpiReport' });
export type KpiReport = z.infer<typeof KpiReportSchema>;
