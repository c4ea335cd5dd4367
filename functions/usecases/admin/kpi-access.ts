import { reportOfGroup } from '../../domain/access/group-report';
import { requireAccess } from '../../domain/access/require-access';
import { KpiQuerySchema } from '../../domain/kpi/query';
import type { KpiReport } from '../../domain/kpi/report';
import { parseOrThrow } from '../../domain/validation';
import { getKpis } from '../readback/get-kpis';
import { tenantAccess, type AdminRequest } from './admin-request';
import { recordSupportRead } from './audit-trail';
import type { AdminDeps } from './deps';

/**
 * GET /v1/kpis: the ingestion KPI report, for the roles that read reports. A manager's report is
 * narrowed to their own group: read grouped by group as well, then summed back to what was asked.
 */
export async function kpiReport(
  deps: AdminDeps,
  request: AdminRequest,
  rawQuery: Record<string, string | undefined>,
): Promise<KpiReport> {
  const { actor } = request;
  const tenant = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'kpi.view', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  let report: KpiReport;
  if (granted.reach === 'group') {
    const { groupBy } = parseOrThrow(KpiQuerySchema, rawQuery, 'The KPI query');
    const widened = [...new Set([...groupBy, 'group'])].join(',');
    report = reportOfGroup(
      await getKpis(deps, actor.tenantId, { ...rawQuery, groupBy: widened }),
      actor.group ?? '',
      groupBy,
    );
  } else report = await getKpis(deps, actor.tenantId, rawQuery);
  await recordSupportRead(deps, request, granted, 'kpi.view', { details: { rows: report.rows.length } });
  return report;
}
