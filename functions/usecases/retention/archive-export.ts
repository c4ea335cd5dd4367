import type { AuditActor } from '../../domain/audit/entry';
import type { DataClass } from '../../domain/data-class';
import { validationFailed } from '../../domain/errors';
import { mayProcess } from '../../domain/subject-requests/restriction';
import { nextMonth } from '../../domain/sweep/aggregate-months';
import { archiveMonthPrefix, parseArchivedRecord } from '../../domain/sweep/archive-object';
import type { OpenedRecord } from '../../domain/records';
import { ARCHIVED_PREFIX } from '../../domain/sweep/plan';
import { recordsCsv } from '../../domain/sweep/records-csv';
import type { StoredItem } from '../../ports/record-store';
import { openedRecordOf } from '../records/item-facts';
import type { ArchivedCounters } from './sweep-aggregates';
import type { RetentionDeps } from './sweep-deps';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** At most this many months per export: an archive is read object by object. */
export const MAX_EXPORT_MONTHS = 36;

/**
 * The archive tier, reachable only this way (Inbenta: "available only on request, as CSV"): the
 * records of one class a tenant transferred to the archive in a range of months, from every
 * region, personal fields opened, as CSV. Found by listing the tenant's month prefixes in the
 * archive buckets, never by scanning. Records whose processing is restricted (GDPR Art. 18) are
 * left out except for the legal role, and counted as withheld. Written to the audit log.
 */
export async function exportArchiveCsv(
  deps: Pick<RetentionDeps, 'stores' | 'vault' | 'auditLog' | 'clock'>,
  request: {
    tenantId: string;
    dataClass: DataClass;
    fromMonth: string;
    toMonth: string;
    actor: AuditActor;
    source: string;
  },
): Promise<{ csv: string; records: number; withheldRestricted: number }> {
  const months = monthsBetween(request.fromMonth, request.toMonth);
  const rows: OpenedRecord[] = [];
  let withheldRestricted = 0;
  for (const region of deps.stores.regions) {
    const archive = deps.stores.storesFor(region).archive;
    for (const month of months) {
      let cursor: string | undefined;
      do {
        const page = await archive.listKeys(archiveMonthPrefix(request.tenantId, request.dataClass, month), { cursor });
        for (const key of page.items) {
          const object = await archive.get(key);
          const found = object
            ? await rowsOf(deps, region, request.dataClass, object.bytes, request.actor.role)
            : { rows: [], withheld: 0 };
          rows.push(...found.rows);
          withheldRestricted += found.withheld;
        }
        cursor = page.cursor;
      } while (cursor);
    }
  }
  await deps.auditLog.append(request.tenantId, {
    at: deps.clock.now().toISOString(),
    actor: request.actor,
    action: 'export',
    from: request.source,
    details: {
      tier: 'archive',
      class: request.dataClass,
      fromMonth: request.fromMonth,
      toMonth: request.toMonth,
      records: rows.length,
      withheldRestricted,
    },
  });
  return { csv: recordsCsv(rows), records: rows.length, withheldRestricted };
}

async function rowsOf(
  deps: Pick<RetentionDeps, 'stores' | 'vault'>,
  region: string,
  dataClass: DataClass,
  bytes: Uint8Array,
  role: string,
): Promise<{ rows: OpenedRecord[]; withheld: number }> {
  const archived = parseArchivedRecord(bytes);
  if (archived) {
    const item = archived.item as StoredItem;
    // A restriction asked after the transfer marks the pointer, not the archived copy: both count.
    const pointer = await deps.stores
      .storesFor(region)
      .records.get({ pk: item.pk, sk: `${ARCHIVED_PREFIX}${item.sk}` });
    if (!mayProcess(item, role) || (pointer && !mayProcess(pointer, role))) return { rows: [], withheld: 1 };
    return { rows: [await openedRecordOf(deps.vault, region, item, dataClass)], withheld: 0 };
  }
  const counters = parseCounters(bytes);
  if (!counters) return { rows: [], withheld: 0 };
  const expiresAt = Date.parse(counters.expiredAt) / 1000;
  return {
    rows: counters.counters.map((c) => ({
      pk: c.pk,
      sk: c.sk,
      dataClass: 'aggregate' as const,
      expiresAt,
      fields: { value: c.value, month: counters.month, archivedAt: counters.archivedAt },
    })),
    withheld: 0,
  };
}

function parseCounters(bytes: Uint8Array): ArchivedCounters | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<ArchivedCounters>;
    return parsed.format === 'lethe-archive-aggregates' && Array.isArray(parsed.counters)
      ? (parsed as ArchivedCounters)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `from` through `to`, or a 400 naming what is wrong. */
export function monthsBetween(from: string, to: string): string[] {
  const problems = [
    ...(MONTH.test(from) ? [] : [{ path: 'from', message: 'must be a month such as 2025-03' }]),
    ...(MONTH.test(to) ? [] : [{ path: 'to', message: 'must be a month such as 2025-03' }]),
  ];
  if (!problems.length && from > to) problems.push({ path: 'to', message: 'must not be before from' });
  if (problems.length) throw validationFailed(problems, 'The archive export range is not valid.');
  const months: string[] = [];
  for (let month = from; month <= to; month = nextMonth(month)) {
    months.push(month);
    if (months.length > MAX_EXPORT_MONTHS)
      throw validationFailed(
        [{ path: 'to', message: `at most ${MAX_EXPORT_MONTHS} months per export` }],
        'The archive export range is too long.',
      );
  }
  return months;
}
