import {
  MAX_COUNTERS_PER_ADD,
  type AggregateStore,
  type CounterAdd,
  type CounterValue,
} from '../../ports/aggregate-store';
import type { Page } from '../../ports/page';
import type { ScannedItem } from '../../ports/tenant-scan';
import { decodeCursor, TABLE_KEYS } from '../dynamodb/cursor';
import { compareKeys, pageOf } from './stored-values';

/** The aggregates table of one region held in memory: the twin of DynamoAggregateStore. */
export class InMemoryAggregateStore implements AggregateStore {
  private readonly counters = new Map<string, CounterValue>();

  constructor(readonly region: string) {}

  async add(counters: readonly CounterAdd[]): Promise<void> {
    if (counters.length > MAX_COUNTERS_PER_ADD)
      throw new RangeError(`one add takes at most ${MAX_COUNTERS_PER_ADD} counters, not ${counters.length}`);
    const ids = counters.map((c) => `${c.pk}\u0000${c.sk}`);
    if (new Set(ids).size !== ids.length) throw new RangeError('a counter may appear only once in one add');
    counters.forEach((c, i) => {
      const value = (this.counters.get(ids[i])?.value ?? 0) + c.by;
      this.counters.set(ids[i], { pk: c.pk, sk: c.sk, value, expiresAt: c.expiresAt });
    });
  }

  async queryRange(
    pk: string,
    fromSk: string,
    throughSk: string,
    page: { cursor?: string; limit?: number } = {},
  ): Promise<Page<CounterValue>> {
    // Every key starting with throughSk is in (the DynamoDB adapter's BETWEEN … throughSk + U+FFFF).
    const within = (sk: string) => compareKeys(sk, fromSk) >= 0 && (sk <= throughSk || sk.startsWith(throughSk));
    const start = decodeCursor(page.cursor, {
      keys: TABLE_KEYS,
      partition: ['pk', pk],
      sortKey: ['sk', (sk) => within(String(sk))],
    });
    const matching = [...this.counters.values()]
      .filter((c) => c.pk === pk && within(c.sk) && (!start || compareKeys(c.sk, String(start.sk)) > 0))
      .sort((a, b) => compareKeys(a.sk, b.sk));
    return pageOf(
      matching,
      page.limit,
      (c) => ({ pk: c.pk, sk: c.sk }),
      (c) => ({ ...c }),
    );
  }

  async deletePartition(pk: string): Promise<number> {
    const partition = [...this.counters.entries()].filter(([, c]) => c.pk === pk);
    for (const [id] of partition) this.counters.delete(id);
    return partition.length;
  }

  /** Every counter as a Scan of the table reads it: for tests that check raw storage. */
  rawItems(): ReadonlyArray<Readonly<Record<string, unknown>>> {
    return [...this.counters.values()].map((c) => ({ ...c }));
  }

  /** Only the offboarding purge scans (ports/tenant-scan.ts). */
  async *scanTenant(tenantId: string): AsyncGenerator<ScannedItem> {
    for (const c of this.counters.values())
      if (c.pk.startsWith(`T#${tenantId}#`)) yield { pk: c.pk, sk: c.sk, expiresAt: c.expiresAt };
  }
}
