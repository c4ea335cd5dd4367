import type { DataClass, IdentifierKind } from '../../domain/data-class';
import { backstopTags } from '../../domain/retention/content-backstop';
import { parseArchivedRecord } from '../../domain/sweep/archive-object';
import { archivePointerSortKey } from '../../domain/sweep/plan';
import { ROOT_SORT_KEY } from '../../domain/record-keys';
import type { StoredItem, WriteOperation } from '../../ports/record-store';
import { WriteConflict } from '../../ports/write-conflict';
import type { SubjectRequestDeps } from './deps';
import type { SubjectPartition } from './find-subject';
import { isHeldItem } from '../records/held-expiry';
import { sealingScopeOf } from '../records/record-items';
import {
  entriesOfPartition,
  namePrefixChanges,
  namePrefixKeysFor,
  rekeyedEntry,
  subjectIndexEntryKey,
} from '../records/subject-index';

/** One identifier to correct: its kind, the keyed hashes of its current and corrected values, and the corrected value. */
export interface Correction {
  kind: IdentifierKind;
  oldHmac: string;
  newHmac: string;
  value: string;
}

/** Where a root record keeps the identifiers of its subject, inside its sealed personal fields. */
const identifiersField = (dataClass: DataClass) =>
  dataClass === 'interaction' ? 'participant' : dataClass === 'consent' ? 'identifiers' : undefined;

/** The identifiers a root record holds now (none for classes that keep none). */
function identifiersOf(dataClass: DataClass, personal: Record<string, unknown>): Record<string, unknown> {
  const field = identifiersField(dataClass);
  return field ? ((personal[field] ?? {}) as Record<string, unknown>) : {};
}

function corrected(
  dataClass: DataClass,
  personal: Record<string, unknown>,
  corrections: readonly Correction[],
): Record<string, unknown> | undefined {
  const field = identifiersField(dataClass);
  if (!field) return undefined;
  const identifiers = { ...identifiersOf(dataClass, personal) };
  for (const c of corrections) identifiers[c.kind] = c.value;
  return { ...personal, [field]: identifiers };
}

/**
 * Corrects identifiers in one partition (GDPR Art. 16): where the partition is indexed under the
 * current value of an identifier, the sealed record gets the corrected value and the index entry
 * is re-keyed to the corrected value's hash (a name's prefix entries follow the name), all in one
 * transaction per region. A partition already corrected no longer has the old entry and is left
 * alone, so a re-run changes nothing.
 */
export async function rectifyPartition(
  deps: SubjectRequestDeps,
  tenantId: string,
  partition: SubjectPartition,
  corrections: readonly Correction[],
): Promise<void> {
  for (const region of partition.indexRegions) {
    const records = deps.stores.storesFor(region).records;
    const present: { correction: Correction; entry: StoredItem }[] = [];
    for (const correction of corrections) {
      const entry = await records.get(subjectIndexEntryKey(partition.pk, correction.kind, correction.oldHmac), {
        consistent: true,
      });
      if (entry) present.push({ correction, entry });
    }
    if (!present.length) continue;
    const operations: WriteOperation[] = [];
    const root = await records.get({ pk: partition.pk, sk: ROOT_SORT_KEY[partition.kind] }, { consistent: true });
    // Archived by the sweep: the copy in the archive bucket is corrected first, while the old entry still finds the partition.
    if (!root)
      await rectifyArchivedRoot(
        deps,
        { region, tenantId, partition },
        present.map((p) => p.correction),
      );
    let identifiers: Record<string, unknown> = {};
    if (root && typeof root.sealed === 'string') {
      const scope = sealingScopeOf(region, partition.id, root);
      const personal = await deps.vault.openJson<Record<string, unknown>>(scope, root.sealed);
      identifiers = identifiersOf(scope.dataClass, personal);
      const next = corrected(
        scope.dataClass,
        personal,
        present.map((p) => p.correction),
      );
      if (next)
        operations.push({
          kind: 'update',
          key: { pk: root.pk, sk: root.sk },
          changes: { set: { sealed: await deps.vault.sealJson(scope, next) } },
          condition: { kind: 'matches', attributes: { sealed: root.sealed } },
        });
    }
    for (const { correction, entry } of present) {
      operations.push({ kind: 'delete', key: { pk: entry.pk, sk: entry.sk }, condition: { kind: 'present' } });
      operations.push({ kind: 'put', item: rekeyedEntry(entry, tenantId, correction.newHmac) });
      if (correction.kind === 'name') {
        const former = typeof identifiers.name === 'string' ? identifiers.name : undefined;
        const renamed = { from: former, to: correction.value };
        operations.push(...(await namePrefixesRenamed(deps, { region, tenantId, partition }, entry, renamed)));
      }
    }
    try {
      await records.transactWrite(operations);
    } catch (error) {
      // Another run corrected it (or the record changed) meanwhile: the next pass reads it afresh.
      if (!(error instanceof WriteConflict)) throw error;
    }
  }
}

/**
 * A corrected name is found by its own word prefixes, no longer by the old name's: entries of
 * prefixes only the old name had go (those read and those the old name makes, so one a backfill
 * filed after the read goes too), the new name's missing ones are filed beside the name entry
 * (same attributes), in the rectification's transaction. At most twice the per-name cap.
 */
async function namePrefixesRenamed(
  deps: SubjectRequestDeps,
  where: { region: string; tenantId: string; partition: SubjectPartition },
  nameEntry: StoredItem,
  name: { from: string | undefined; to: string },
): Promise<WriteOperation[]> {
  const { region, tenantId, partition } = where;
  const secret = await deps.tenantSecrets.subjectIndexSecret(tenantId);
  const prefixKeysOf = (value: string | undefined) => namePrefixKeysFor(partition.kind as DataClass, value, secret);
  const { missing, stale } = namePrefixChanges(
    nameEntry,
    tenantId,
    prefixKeysOf(name.to),
    await entriesOfPartition(deps.stores.storesFor(region).records, partition.pk),
    prefixKeysOf(name.from),
  );
  return [
    ...stale.map((key): WriteOperation => ({ kind: 'delete', key })),
    ...missing.map((item): WriteOperation => ({ kind: 'put', item })),
  ];
}

/**
 * A root record the sweep moved to the archive tier lives on as an object in the region's archive
 * bucket (the stored item, identifiers sealed under the partition's key), found through the pointer
 * left in its place. Its sealed identifiers are corrected and the object rewritten under the same
 * key, so the archive's CSV export shows the corrected value. Rewriting an object already
 * corrected writes the same values again: a re-run changes nothing.
 */
async function rectifyArchivedRoot(
  deps: SubjectRequestDeps,
  where: { region: string; tenantId: string; partition: SubjectPartition },
  corrections: readonly Correction[],
): Promise<void> {
  const { region, partition } = where;
  const stores = deps.stores.storesFor(region);
  const pointer = await stores.records.get(
    { pk: partition.pk, sk: archivePointerSortKey(ROOT_SORT_KEY[partition.kind]) },
    { consistent: true },
  );
  const keys = Array.isArray(pointer?.archiveKeys)
    ? pointer.archiveKeys.filter((k): k is string => typeof k === 'string' && k.endsWith('.json'))
    : [];
  for (const key of keys) {
    const object = await stores.archive.get(key);
    const archived = object && parseArchivedRecord(object.bytes);
    if (!archived || typeof archived.item.sealed !== 'string') continue;
    const scope = sealingScopeOf(region, partition.id, archived.item);
    const next = corrected(
      scope.dataClass,
      await deps.vault.openJson<Record<string, unknown>>(scope, archived.item.sealed),
      corrections,
    );
    if (!next) continue;
    const item = { ...archived.item, sealed: await deps.vault.sealJson(scope, next) };
    // The rewrite keeps the lifecycle backstop in the state the hold protection gave the partition.
    const tags = backstopTags(isHeldItem(pointer) ? 'held' : 'on');
    await stores.archive.put(key, Buffer.from(JSON.stringify({ ...archived, item }), 'utf8'), {
      contentType: object.contentType ?? 'application/json',
      tags,
    });
  }
}
