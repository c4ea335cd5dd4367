import * as z from 'zod';
import type { DataClass } from '../../domain/data-class';
import { archiveMonthPrefix } from '../../domain/sweep/archive-object';
import { allPages } from '../records/pages';
import { monthsBetween } from './archive-export';
import type { RetentionDeps } from './sweep-deps';

export const ArchiveMonthsSchema = z
  .object({
    dataClass: z.string(),
    months: z
      .array(z.object({ month: z.string().describe('YYYY-MM of transfer'), objects: z.number().int() }))
      .describe('the months of the range with something archived, oldest first; each is one CSV export'),
  })
  .meta({ id: 'ArchiveMonths' });
export type ArchiveMonths = z.infer<typeof ArchiveMonthsSchema>;

/**
 * What the archive tier holds of one class for a tenant, month by month of transfer: the objects
 * under each month's prefix in every region (listed, never opened, so nothing is read or audited),
 * for the console to offer each month's CSV export.
 */
export async function listArchiveMonths(
  deps: Pick<RetentionDeps, 'stores'>,
  request: { tenantId: string; dataClass: DataClass; fromMonth: string; toMonth: string },
): Promise<ArchiveMonths> {
  const months = monthsBetween(request.fromMonth, request.toMonth);
  const counted = await Promise.all(
    months.map(async (month) => {
      const perRegion = await Promise.all(
        deps.stores.regions.map(async (region) => {
          const archive = deps.stores.storesFor(region).archive;
          const prefix = archiveMonthPrefix(request.tenantId, request.dataClass, month);
          return (await allPages((cursor) => archive.listKeys(prefix, { cursor }))).length;
        }),
      );
      return { month, objects: perRegion.reduce((sum, n) => sum + n, 0) };
    }),
  );
  return { dataClass: request.dataClass, months: counted.filter((m) => m.objects > 0) };
}
