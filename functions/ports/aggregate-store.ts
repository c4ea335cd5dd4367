import type { Page } from './page';
import type { TenantScan } from './tenant-scan';

/** One `ADD` to a counter whose key the domain built (functions/domain/kpi/counter-key.ts). */
export interface CounterAdd {
  pk: string;
  sk: string;
  by: number;
  /** TTL of the counter, epoch seconds. */
  expiresAt: number;
}

export interface CounterValue {
  pk: string;
  sk: string;
  value: number;
  /** When the counter's retention ends, epoch seconds (its TTL). */
  expiresAt?: number;
}

/** The most counters one `add` takes (one DynamoDB transaction). */
export const MAX_COUNTERS_PER_ADD = 100;

/** The aggregates table of ONE region: daily counters, never personal data. */
export interface AggregateStore extends TenantScan {
  readonly region: string;
  /** Adds to every counter at once (one transaction); each counter may appear only once. */
  add(counters: readonly CounterAdd[]): Promise<void>;
  /** Counters of partition `pk` whose sort key lies from `fromSk` through every key starting with `throughSk`. */
  queryRange(
    pk: string,
    fromSk: string,
    throughSk: string,
    page?: { cursor?: string; limit?: number },
  ): Promise<Page<CounterValue>>;
  /** Deletes every counter of partition `pk`; returns how many. */
  deletePartition(pk: string): Promise<number>;
}
