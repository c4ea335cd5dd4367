import type { AggregateStore } from './aggregate-store';
import type { ContentStore } from './content-store';
import type { DataKeyStore } from './data-key-store';
import type { RecordStore } from './record-store';

/** Everything one region stores. */
export interface RegionStores {
  region: string;
  records: RecordStore;
  keys: DataKeyStore;
  aggregates: AggregateStore;
  content: ContentStore;
  archive: ContentStore;
  litigation: ContentStore;
}

/**
 * The one router from a region to its stores. Which region a (tenant, class, channel) lives in is
 * `regionFor(policy, …)` in functions/domain/residency; this only turns its answer into stores,
 * and refuses a region the deployment does not serve rather than write somewhere unplanned.
 */
export interface RegionalStores {
  /** The regions this deployment serves. */
  readonly regions: readonly string[];
  /** Throws RangeError for a region the deployment does not serve. */
  storesFor(region: string): RegionStores;
}
