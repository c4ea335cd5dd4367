import { loadJSZip } from '../../domain/export/export-formats';
import type { Verification } from '../../domain/subject-requests/certificate';
import type { SubjectRequestJob } from '../../domain/subject-requests/job';
import { isRestricted } from '../../domain/subject-requests/restriction';
import type { SubjectKey } from '../../domain/subject/subject-key';
import type { SubjectRequestDeps } from './deps';
import { findSubjectPartitions, isRecordItem, partitionPieces } from './find-subject';
import { keptFromDeletion } from '../../domain/holds/precedence';
import { objectionKey } from './record-objection';
import { holdsOnPartitions } from '../holds/hold-guard';
import { copiesLeft } from '../copies/copy-registry';

/**
 * The re-scan that proves a request: the subject index is asked again, in every region, for every
 * subject key. Erasure and anonymisation must find nothing but held partitions, and none of the
 * derived copies they found (object or registry entry); rectification
 * nothing under the corrected identifiers' old values (and the records under their new ones);
 * restriction every found record in the wanted state; an export its package with every record;
 * an objection its proof.
 */
export async function verifyRequest(
  deps: SubjectRequestDeps,
  job: SubjectRequestJob,
  keys: readonly SubjectKey[],
  at: Date,
): Promise<Verification> {
  const base = {
    method: 'subject-index re-scan' as const,
    at: at.toISOString(),
    regions: [...deps.stores.regions],
    keysChecked: keys.length,
  };
  switch (job.type) {
    case 'erase':
    case 'anonymize': {
      const found = await findSubjectPartitions(deps.stores, job.tenantId, keys);
      const held = await holdsOnPartitions(deps, job.tenantId, found);
      const partitionsLeft = found.filter((p) => !keptFromDeletion(held.get(p.pk) ?? [])).length;
      // Plain derived copies escape crypto-shredding: one still there (object or entry) is data left.
      const copies = await copiesLeft(deps, job.tenantId, job.inventory?.copies ?? []);
      const remaining = partitionsLeft + copies;
      return { ...base, remaining, retained: held.size, checked: { copiesLeft: copies }, ok: remaining === 0 };
    }
    case 'rectify': {
      const correctedKinds = new Set(job.correctedKeys?.map((k) => k.kind) ?? []);
      const oldKeys = keys.filter((k) => correctedKinds.has(k.kind));
      const remaining = (await findSubjectPartitions(deps.stores, job.tenantId, oldKeys)).length;
      const rekeyed = (await findSubjectPartitions(deps.stores, job.tenantId, job.correctedKeys ?? [])).length;
      return {
        ...base,
        keysChecked: oldKeys.length + (job.correctedKeys?.length ?? 0),
        remaining,
        retained: 0,
        checked: { partitionsUnderCorrectedValues: rekeyed },
        ok: remaining === 0,
      };
    }
    case 'restrict': {
      const lift = job.options.lift === true;
      let settled = 0;
      let remaining = 0;
      for (const partition of await findSubjectPartitions(deps.stores, job.tenantId, keys))
        for (const { items } of await partitionPieces(deps.stores, partition.pk))
          for (const item of items.filter(isRecordItem)) {
            if (isRestricted(item) === !lift) settled++;
            else remaining++;
          }
      return {
        ...base,
        remaining,
        retained: 0,
        checked: { [lift ? 'recordsUnrestricted' : 'recordsRestricted']: settled },
        ok: remaining === 0,
      };
    }
    case 'object': {
      // The proof is read back wherever it may live: a policy edited since may name another region.
      const proofs = (
        await Promise.all(deps.stores.regions.map((r) => deps.stores.storesFor(r).records.get(objectionKey(job))))
      ).filter(Boolean).length;
      return { ...base, remaining: 0, retained: 0, checked: { objectionProofs: proofs }, ok: proofs > 0 };
    }
    case 'export': {
      const packaged = job.exported ? await recordsInPackage(deps, job.exported.key) : undefined;
      const expected = job.exported?.records ?? 0;
      const missing = packaged === undefined ? expected : Math.max(0, expected - packaged);
      return {
        ...base,
        remaining: missing,
        retained: 0,
        checked: { packageRecords: packaged ?? 0 },
        ok: packaged !== undefined && missing === 0,
      };
    }
  }
}

/** Records the stored package's manifest counts; undefined when the package is not there. */
async function recordsInPackage(deps: SubjectRequestDeps, key: string): Promise<number | undefined> {
  const object = await deps.exports.get(key);
  if (!object) return undefined;
  const manifest = await (await (await loadJSZip()).loadAsync(object.bytes)).file('manifest.json')?.async('string');
  if (!manifest) return undefined;
  const counts = (JSON.parse(manifest) as { recordsByClass: Record<string, number> }).recordsByClass;
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
