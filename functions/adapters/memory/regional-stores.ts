import type { RegionalStores, RegionStores } from '../../ports/regional-stores';
import { InMemoryAggregateStore } from './aggregate-store';
import { InMemoryContentStore } from './content-store';
import { InMemoryDataKeyStore } from './data-key-store';
import { InMemoryRecordStore } from './record-store';

/** One region's stores as their in-memory classes (tests read their raw contents). */
export interface InMemoryRegionStores extends RegionStores {
  records: InMemoryRecordStore;
  keys: InMemoryDataKeyStore;
  aggregates: InMemoryAggregateStore;
  content: InMemoryContentStore;
  archive: InMemoryContentStore;
  litigation: InMemoryContentStore;
}

/** Every store of each region, held in memory: the twin of AwsRegionalStores for fast use-case tests. */
export class InMemoryRegionalStores implements RegionalStores {
  private readonly built: ReadonlyMap<string, InMemoryRegionStores>;

  constructor(readonly regions: readonly string[]) {
    this.built = new Map(
      regions.map((region) => [
        region,
        {
          region,
          records: new InMemoryRecordStore(region),
          keys: new InMemoryDataKeyStore(region),
          aggregates: new InMemoryAggregateStore(region),
          content: new InMemoryContentStore(`content-${region}`, region),
          archive: new InMemoryContentStore(`archive-${region}`, region),
          litigation: new InMemoryContentStore(`litigation-${region}`, region),
        },
      ]),
    );
  }

  storesFor(region: string): InMemoryRegionStores {
    const stores = this.built.get(region);
    if (!stores)
      throw new RangeError(`region ${region} is not served by this deployment (it serves ${this.regions.join(', ')})`);
    return stores;
  }
}
