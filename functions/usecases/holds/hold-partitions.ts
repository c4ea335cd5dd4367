import type { LegalHold } from '../../domain/holds/hold';
import { interactionPartition } from '../../domain/record-keys';
import type { RegionalStores } from '../../ports/regional-stores';
import { partitionsOfSubjectKey } from './hold-coverage';

/** The partitions a hold covers in each region: its interaction, or every partition indexed under its subject keys. */
export async function partitionsOfHold(
  stores: RegionalStores,
  hold: LegalHold,
): Promise<{ region: string; pk: string }[]> {
  const found: { region: string; pk: string }[] = [];
  for (const region of stores.regions) {
    const records = stores.storesFor(region).records;
    if (hold.target.kind === 'interaction')
      found.push({ region, pk: interactionPartition(hold.tenantId, hold.target.interactionId) });
    else {
      const pks = new Set<string>();
      for (const key of hold.target.subjectKeys)
        for (const pk of await partitionsOfSubjectKey(records, hold.tenantId, key.hmacHex)) pks.add(pk);
      for (const pk of pks) found.push({ region, pk });
    }
  }
  return found;
}
