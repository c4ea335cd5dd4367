import type { InMemoryContentStore } from '../../../functions/adapters/memory/content-store';
import type { InMemoryRegionalStores } from '../../../functions/adapters/memory/regional-stores';
import type { InMemoryTenantDirectory } from '../../../functions/adapters/memory/tenant-directory';
import type { RuntimeConfig } from '../../../functions/shared/runtime-config';
import { itemThing, objectThings, type RawStorageReader, type RawThing } from './raw-storage';

/** The in-memory deployment's stores, named as their tables and buckets are in AWS. */
export interface TwinStores {
  config: RuntimeConfig;
  stores: InMemoryRegionalStores;
  directory: InMemoryTenantDirectory;
  exports: InMemoryContentStore;
}

/**
 * The twins' raw storage for the lifecycle invariants, read as readRawStorage reads the emulators:
 * every item of every table, every object of every bucket (zips unpacked), sealed values opened
 * whenever their data key still exists, scoped to the tenants whose ids the keys name.
 */
export function twinRawStorage(twins: TwinStores): RawStorageReader {
  return async (vault, tenantIds) => {
    const mine = (key: string) => !tenantIds || tenantIds.some((t) => key.includes(t));
    const { config, stores } = twins;
    const home = config.homeRegion;
    const tables: Array<[string, string, ReadonlyArray<Record<string, unknown>>]> = [
      [home, config.home.directoryTable, twins.directory.rawItems()],
    ];
    const buckets: Array<[string, string, InMemoryContentStore]> = [[home, config.home.exportBucket, twins.exports]];
    for (const region of config.regions) {
      const names = config.regional[region];
      const s = stores.storesFor(region);
      tables.push(
        [region, names.recordsTable, s.records.rawItems()],
        [region, names.keysTable, s.keys.rawItems()],
        [region, names.aggregatesTable, s.aggregates.rawItems()],
      );
      buckets.push(
        [region, names.contentBucket, s.content],
        [region, names.archiveBucket, s.archive],
        [region, names.litigationBucket, s.litigation],
      );
    }
    const things: RawThing[] = [];
    for (const [region, table, items] of tables)
      for (const item of items) {
        const thing = await itemThing(vault, region, table, item);
        if (mine(thing.key)) things.push(thing);
      }
    for (const [region, bucket, store] of buckets)
      for (const { key, bytes } of store.rawObjects())
        if (mine(key)) things.push(...(await objectThings(vault, region, bucket, key, bytes)));
    return things;
  };
}
