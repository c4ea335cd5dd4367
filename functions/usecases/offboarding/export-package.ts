import { loadJSZip } from '../../domain/export/export-formats';
import { DATA_CLASSES, type DataClass } from '../../domain/data-class';
import type { PackageFile } from '../../domain/export/package-manifest';
import { packageManifest } from '../../domain/export/package-manifest';
import { counterPartition } from '../../domain/kpi/counter-key';
import { litigationPartition } from '../../domain/litigation/registry';
import type { TenantPolicy } from '../../domain/policy/schema';
import { parseArchivedRecord } from '../../domain/sweep/archive-object';
import type { OpenedRecord } from '../../domain/records';
import { spreadsheetCsv } from '../../domain/export/spreadsheet';
import { recordsCsv } from '../../domain/sweep/records-csv';
import { regionsOfClass } from '../../domain/sweep/units';
import { isVisibleAt } from '../../domain/retention/visibility';
import type { StoredItem } from '../../ports/record-store';
import type { TenantProfile } from '../../ports/tenant-directory';
import { allCounters } from '../retention/sweep-aggregates';
import { openedRecordOf } from '../records/item-facts';
import type { RetentionDeps } from '../retention/sweep-deps';
import { indexedItems, tenantBuckets, tenantMonths } from './tenant-buckets';

const contentPrefixes = (tenantId: string) => [
  `recording/${tenantId}/`,
  `transcript/${tenantId}/`,
  `upload/${tenantId}/`,
];

/**
 * Everything a terminating tenant holds, as one zip (Inbenta: deletion after contract end; the
 * controller gets its data back first): per region and class its live records with personal
 * fields opened (JSON lines and CSV), its archived records, its KPI counters, its content objects
 * as stored, the list of its sealed litigation batches (they stay sealed: only the legal role
 * opens them), and `manifest.json` with every file's size, SHA-256 and record count. Records are
 * found through the same index buckets the purge reads; nothing is scanned.
 */
export async function tenantPackage(
  deps: Pick<RetentionDeps, 'stores' | 'vault'>,
  input: { profile: TenantProfile; policies: readonly TenantPolicy[]; requestId: string; now: Date },
): Promise<{ zip: Uint8Array; manifest: string; records: number }> {
  const { profile, policies, now } = input;
  const tenantId = profile.tenantId;
  const files: PackageFile[] = [];
  let records = 0;
  for (const region of deps.stores.regions) {
    const stores = deps.stores.storesFor(region);
    const batches: StoredItem[] = [];
    for (const dataClass of DATA_CLASSES) {
      if (!regionsOfClass(policies, dataClass).includes(region)) continue;
      const live: OpenedRecord[] = [];
      const archived: OpenedRecord[] = [];
      for await (const hit of indexedItems(stores.records, tenantBuckets(profile, policies, dataClass, now))) {
        const item = await stores.records.get(hit, { consistent: true });
        if (!item) continue;
        if (item.pk === litigationPartition(tenantId)) batches.push(item);
        else if (item.tier === 'archived') {
          const opened = await openArchived(deps, region, item, dataClass);
          archived.push(...opened.records);
          files.push(...opened.otherFiles);
        } else if (isVisibleAt(item, now)) live.push(await openedRecordOf(deps.vault, region, item, dataClass));
      }
      for (const [folder, rows] of [
        ['records', live],
        ['archive', archived],
      ] as const) {
        if (!rows.length) continue;
        records += rows.length;
        files.push(
          {
            path: `${folder}/${region}/${dataClass}.jsonl`,
            mediaType: 'application/x-ndjson',
            dataClass,
            records: rows.length,
            content: `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`,
          },
          { path: `${folder}/${region}/${dataClass}.csv`, mediaType: 'text/csv', content: recordsCsv(rows) },
        );
      }
    }
    const counters = [];
    for (const month of tenantMonths(profile, now))
      counters.push(...(await allCounters(stores.aggregates, counterPartition(tenantId, month))));
    if (counters.length)
      files.push({
        path: `aggregates/${region}.csv`,
        mediaType: 'text/csv',
        dataClass: 'aggregate',
        records: counters.length,
        content: spreadsheetCsv(
          ['partition', 'counter', 'value'],
          counters.map((c) => [c.pk, c.sk, c.value]),
        ),
      });
    if (batches.length)
      files.push({
        path: `litigation/${region}/batches.json`,
        mediaType: 'application/json',
        content: JSON.stringify(
          batches.map(({ batchId, sealedClass, records: n, sealedAt, retainUntil }) => ({
            batchId,
            sealedClass,
            records: n,
            sealedAt,
            retainUntil,
          })),
          null,
          2,
        ),
      });
    for (const prefix of contentPrefixes(tenantId)) {
      let cursor: string | undefined;
      do {
        const page = await stores.content.listKeys(prefix, { cursor });
        for (const key of page.items) {
          const object = await stores.content.get(key);
          if (object)
            files.push({
              path: `content/${region}/${key}`,
              mediaType: object.contentType ?? 'application/octet-stream',
              content: object.bytes,
            });
        }
        cursor = page.cursor;
      } while (cursor);
    }
  }
  const manifest = packageManifest({
    kind: 'tenant-offboarding',
    requestId: input.requestId,
    tenantId,
    createdAt: now,
    files,
  });
  const zip = new (await loadJSZip())();
  for (const file of files) zip.file(file.path, file.content);
  zip.file('manifest.json', manifest);
  return { zip: await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), manifest, records };
}

/** What an archive pointer stands for: archived records opened, anything else (counters, content copies) as stored. */
async function openArchived(
  deps: Pick<RetentionDeps, 'stores' | 'vault'>,
  region: string,
  pointer: StoredItem,
  dataClass: DataClass,
): Promise<{ records: OpenedRecord[]; otherFiles: PackageFile[] }> {
  const keys = Array.isArray(pointer.archiveKeys)
    ? pointer.archiveKeys.filter((k): k is string => typeof k === 'string')
    : [];
  const records: OpenedRecord[] = [];
  const otherFiles: PackageFile[] = [];
  for (const key of keys) {
    const object = await deps.stores.storesFor(region).archive.get(key);
    if (!object) continue;
    const archived = parseArchivedRecord(object.bytes);
    if (archived) records.push(await openedRecordOf(deps.vault, region, archived.item as StoredItem, dataClass));
    else
      otherFiles.push({
        path: `archive/${region}/${key}`,
        mediaType: object.contentType ?? 'application/octet-stream',
        content: object.bytes,
      });
  }
  return { records, otherFiles };
}
