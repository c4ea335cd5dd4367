import * as z from 'zod';
import { requireAccess } from '../../domain/access/require-access';
import { DATA_CLASSES } from '../../domain/data-class';
import { TALLY_COLUMNS } from '../../domain/sweep/summary';
import { parseOrThrow } from '../../domain/validation';
import { readSweepHistory } from '../retention/sweep-history';
import { tenantAccess, type AdminRequest } from './admin-request';
import type { AdminDeps } from './deps';

export const MAX_SWEEP_HISTORY_PAGE = 100;

export const SweepHistoryQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_SWEEP_HISTORY_PAGE).default(30),
    nextToken: z.string().optional(),
  })
  .strict();

const TallySchema = z.object(
  Object.fromEntries(TALLY_COLUMNS.map((c) => [c, z.number().int()])) as Record<
    (typeof TALLY_COLUMNS)[number],
    z.ZodNumber
  >,
);

/** One run of the sweep for the tenant: counts per class × region, and what failed. */
export const SweepHistoryEntrySchema = z
  .object({
    sweptAt: z.string().describe('the instant the sweep treated as now (the night swept)'),
    recordedAt: z.string(),
    complete: z.boolean().describe('every class × region of the tenant reached, without a failure'),
    rows: z.array(z.object({ dataClass: z.enum(DATA_CLASSES), region: z.string(), tally: TallySchema })),
    failures: z
      .array(z.object({ dataClass: z.enum(DATA_CLASSES), region: z.string(), reason: z.string() }))
      .describe('retried at the next run; ids and error names only'),
  })
  .meta({ id: 'SweepHistoryEntry' });

export const SweepHistoryPageSchema = z
  .object({ items: z.array(SweepHistoryEntrySchema), nextToken: z.string().optional() })
  .meta({ id: 'SweepHistoryPage' });
export type SweepHistoryPage = z.infer<typeof SweepHistoryPageSchema>;

/** GET /v1/sweep-history: what each sweep run did to the tenant's records, newest first (admin, legal). */
export async function sweepHistory(
  deps: AdminDeps,
  request: AdminRequest,
  rawQuery: Record<string, string | undefined>,
): Promise<SweepHistoryPage> {
  const { actor } = request;
  const page = parseOrThrow(SweepHistoryQuerySchema, rawQuery, 'The sweep history query');
  const tenant = await tenantAccess(deps, actor);
  requireAccess(actor, 'sweep.view', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  return readSweepHistory(deps.directory, actor.tenantId, page, deps.clock.now());
}
