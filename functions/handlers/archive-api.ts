import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DATA_CLASSES } from '../domain/data-class';
import { notFound, validationFailed } from '../domain/errors';
import { auditActorOf, authorizedAdmin, requestSource } from '../shared/admin-access';
import { container } from '../shared/container';
import { json, withErrors } from '../shared/http';
import { exportArchiveCsv } from '../usecases/retention/archive-export';
import { listArchiveMonths } from '../usecases/retention/archive-months';

/**
 * The archive tier's only door (Inbenta: archived raw data "available only on request, as CSV"):
 * `GET /v1/archive/{class}?from=YYYY-MM&to=YYYY-MM`, for whom `archive.export` allows, answers the
 * records of one class transferred to the archive in those months as CSV. Every export is audited.
 * `GET /v1/archive/{class}/months?from&to` lists the months that hold something (default: the last
 * twelve), with their object counts, without opening any.
 */
export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const deps = container();
  return withErrors(deps.logger, async (e) => {
    const route = `${e.httpMethod} ${e.resource}`;
    if (route !== 'GET /v1/archive/{class}' && route !== 'GET /v1/archive/{class}/months') throw notFound(route);
    const admin = await authorizedAdmin(e, deps, 'archive.export', 'The archive export');
    const dataClass = DATA_CLASSES.find((c) => c === e.pathParameters?.class);
    if (!dataClass) throw validationFailed([{ path: 'class', message: `must be one of ${DATA_CLASSES.join(', ')}` }]);
    const month = deps.clock.now().toISOString().slice(0, 7);
    const query = e.queryStringParameters ?? {};
    if (route === 'GET /v1/archive/{class}/months') {
      const yearAgo = new Date(deps.clock.now().getTime() - 365 * 86_400_000).toISOString().slice(0, 7);
      const months = await listArchiveMonths(deps, {
        tenantId: admin.tenantId,
        dataClass,
        fromMonth: query.from ?? yearAgo,
        toMonth: query.to ?? month,
      });
      return json(200, months);
    }
    const { csv, records, withheldRestricted } = await exportArchiveCsv(deps, {
      tenantId: admin.tenantId,
      dataClass,
      fromMonth: query.from ?? month,
      toMonth: query.to ?? query.from ?? month,
      actor: auditActorOf(admin),
      source: requestSource(e),
    });
    deps.logger.info('archive exported', { tenantId: admin.tenantId, dataClass, records, withheldRestricted });
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="lethe-archive-${dataClass}.csv"`,
        'cache-control': 'no-store',
        'x-lethe-records': String(records),
        'x-lethe-withheld-restricted': String(withheldRestricted),
      },
      body: csv,
    };
  })(event);
}
