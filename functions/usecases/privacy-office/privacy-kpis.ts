import { requireAccess } from '../../domain/access/require-access';
import { isActiveHold } from '../../domain/holds/hold';
import { kpiDay } from '../../domain/kpi/counters';
import {
  PrivacyKpiQuerySchema,
  removalsPerNight,
  requestFigures,
  type PrivacyKpiQuery,
  type PrivacyKpiReport,
  type RequestFacts,
} from '../../domain/kpi/privacy-report';
import { deadlineOf } from '../../domain/subject-requests/deadline';
import { isTerminal } from '../../domain/subject-requests/job-status';
import type { SweepHistoryEntry } from '../../domain/sweep/history';
import { parseOrThrow } from '../../domain/validation';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { listHolds } from '../holds/hold-records';
import { allPages } from '../records/pages';
import { readSweepHistory } from '../retention/sweep-history';
import { queryJobs } from '../subject-requests/job-store';
import { tenantAccess, type AdminRequest } from '../admin/admin-request';
import type { AdminDeps } from '../admin/deps';

/** Sweep-history entries read per page while walking back to the range's first night. */
const HISTORY_PAGE = 100;

/** The tenant's sweep runs from the newest back to the first night of the range (newest first, so it stops there). */
async function historySince(
  directory: TenantDirectory,
  tenantId: string,
  q: PrivacyKpiQuery,
  timeZone: string,
  now: Date,
): Promise<SweepHistoryEntry[]> {
  const entries: SweepHistoryEntry[] = [];
  let nextToken: string | undefined;
  do {
    const page = await readSweepHistory(directory, tenantId, { limit: HISTORY_PAGE, nextToken }, now);
    entries.push(...page.items);
    const oldest = page.items.at(-1);
    if (oldest && kpiDay(oldest.sweptAt, timeZone) < q.from) break;
    nextToken = page.nextToken;
  } while (nextToken);
  return entries;
}

/**
 * GET /v1/privacy-kpis?from&to: the subject requests filed, completed and overdue, the median time
 * to complete, the records each night's sweep removed and the holds in force (admin, legal). Read
 * from the requests, the sweep history and the holds as stored: counts only, nothing personal.
 */
export async function privacyKpiReport(
  deps: Pick<AdminDeps, 'directory' | 'clock'>,
  request: AdminRequest,
  rawQuery: Record<string, string | undefined>,
): Promise<PrivacyKpiReport> {
  const { actor } = request;
  const q = parseOrThrow(PrivacyKpiQuerySchema, rawQuery, 'The privacy KPI query');
  const tenant = await tenantAccess(deps, actor);
  requireAccess(actor, 'privacy-kpi.view', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  const { timeZone } = tenant.policy;
  const now = deps.clock.now();
  const [jobs, history, holds] = await Promise.all([
    allPages((cursor) => queryJobs(deps.directory, actor.tenantId, { cursor })),
    historySince(deps.directory, actor.tenantId, q, timeZone, deps.clock.now()),
    listHolds(deps.directory, actor.tenantId),
  ]);
  const requests = jobs.map(
    (job): RequestFacts => ({
      requestedAt: job.requestedAt,
      ...(job.status === 'completed' && job.result ? { completedAt: job.result.completedAt } : {}),
      open: !isTerminal(job.status),
      overdue: deadlineOf(job, timeZone, now).overdue,
    }),
  );
  return {
    from: q.from,
    to: q.to,
    timeZone,
    requests: requestFigures(requests, q, timeZone),
    nights: removalsPerNight(history, q, timeZone),
    holdsActive: holds.filter(isActiveHold).length,
  };
}
