import { authorize, readerOf } from '../../domain/access/authorize';
import { requireAccess } from '../../domain/access/require-access';
import { LetheError, payloadTooLarge, validationFailed } from '../../domain/errors';
import { generalInfoCsv } from '../../domain/export/general-info-csv';
import type { InteractionView } from '../../domain/ingest/responses';
import type { InteractionInfo } from '../../domain/records';
import { getInteraction } from '../readback/get-interaction';
import { tenantAccess, type AdminRequest } from './admin-request';
import { interactionScopeOf } from './archived-interaction';
import { recordAccess } from './audit-trail';
import type { AdminDeps } from './deps';
import { generalInfoXlsx, XLSX_MEDIA_TYPE } from './general-info-xlsx';
import { searchedBy, searchPage } from './search-interactions';
import { SearchQuerySchema } from './search-query';

/** The most interactions one export holds; more must be narrowed down first. */
export const MAX_EXPORT_ROWS = 2000;
const PAGE = 200;
const OPEN_CONCURRENCY = 8;

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  mediaType: string;
  fileName: string;
  bytes: Buffer;
  rows: number;
}

const infoOf = (tenantId: string, v: InteractionView): InteractionInfo => ({
  tenantId,
  interactionId: v.interactionId,
  channel: v.channel,
  queue: v.queue,
  agent: v.agent,
  group: v.group,
  startedAt: v.startedAt,
  endedAt: v.endedAt,
  waitSeconds: v.waitSeconds,
  talkSeconds: v.talkSeconds,
  participant: v.participant,
  consent: v.consent,
  externalId: v.externalId,
});

async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

/**
 * GET /v1/interactions/export?format=xlsx|csv&<search criteria>: the general info of every
 * interaction the search finds (participant included), as xlsx or CSV. Restricted interactions are
 * left out except for the legal role; the export is written to the audit log with its row count
 * and the criteria's names, never their values.
 */
export async function exportGeneralInfo(
  deps: AdminDeps,
  request: AdminRequest,
  rawQuery: Record<string, string | undefined>,
): Promise<ExportFile> {
  const { format: rawFormat = 'xlsx', nextToken: _ignored, limit: _limit, ...criteria } = rawQuery;
  const format = EXPORT_FORMATS.find((f) => f === rawFormat);
  if (!format) throw validationFailed([{ path: 'format', message: `must be one of ${EXPORT_FORMATS.join(', ')}` }]);
  const { actor } = request;
  const tenant = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'interaction.export', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);

  const ids: string[] = [];
  let skipped = 0;
  let nextToken: string | undefined;
  do {
    const page = await searchPage(deps, request, {
      ...criteria,
      limit: String(PAGE),
      ...(nextToken ? { nextToken } : {}),
    });
    for (const located of page.located) {
      if (
        authorize(actor, 'interaction.export', { tenant: tenant.scope, interaction: interactionScopeOf(located.item) })
          .allowed
      )
        ids.push(located.info.interactionId);
      else skipped++;
    }
    if (ids.length > MAX_EXPORT_ROWS)
      throw payloadTooLarge(
        `More than ${MAX_EXPORT_ROWS} interactions match; narrow the search (time range, queue, channel) and export again.`,
      );
    nextToken = page.nextToken;
  } while (nextToken);

  // An interaction that expired since the search is simply no longer there.
  const opened = await inBatches(ids, OPEN_CONCURRENCY, (id) =>
    getInteraction(deps, actor.tenantId, id, readerOf(actor)).then(
      (view) => infoOf(actor.tenantId, view),
      (error: unknown) => {
        if (error instanceof LetheError && error.code === 'NOT_FOUND') return undefined;
        throw error;
      },
    ),
  );
  const infos = opened.filter((i): i is InteractionInfo => i !== undefined);
  const query = SearchQuerySchema.parse(criteria);
  await recordAccess(deps, request, granted, 'interaction.export', {
    details: { format, rows: infos.length, by: searchedBy(query), leftOutRestricted: skipped },
  });
  const stamp = deps.clock.now().toISOString().slice(0, 10);
  return format === 'xlsx'
    ? {
        mediaType: XLSX_MEDIA_TYPE,
        fileName: `general-info-${stamp}.xlsx`,
        bytes: await generalInfoXlsx(infos),
        rows: infos.length,
      }
    : {
        mediaType: 'text/csv; charset=utf-8',
        fileName: `general-info-${stamp}.csv`,
        bytes: Buffer.from(generalInfoCsv(infos), 'utf8'),
        rows: infos.length,
      };
}
