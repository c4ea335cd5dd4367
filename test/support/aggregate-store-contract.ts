import { counterKey } from '../../functions/domain/kpi/counter-key';
import type { AggregateStore } from '../../functions/ports/aggregate-store';

/**
 * What every AggregateStore does: the DynamoDB adapter against DynamoDB Local
 * (test/integration/adapters/aggregate-store.test.ts) and the in-memory twin
 * (test/unit/adapters/in-memory-stores.test.ts) run these same cases.
 */
export interface AggregateStoreUnderTest {
  aggregates: AggregateStore;
  /** A tenant id of its own for every case, so cases never see each other's data. */
  freshTenant: () => string;
}

const EXPIRES = 1_803_891_600;

export function aggregateStoreContract(subject: () => AggregateStoreUnderTest): void {
  let aggregates: AggregateStore;
  let freshTenant: () => string;
  beforeAll(() => {
    ({ aggregates, freshTenant } = subject());
  });

  it('adds to counters atomically and sums repeated adds, each with its expiry', async () => {
    // Prepare
    const tenantId = freshTenant();
    const chats = counterKey(tenantId, {
      day: '2024-03-01',
      metric: 'interactions',
      dims: { channel: 'chat', queue: 'sales' },
    });
    const waits = counterKey(tenantId, {
      day: '2024-03-01',
      metric: 'waitSeconds',
      dims: { channel: 'chat', queue: 'sales' },
    });
    // Act
    await aggregates.add([
      { ...chats, by: 1, expiresAt: EXPIRES },
      { ...waits, by: 42, expiresAt: EXPIRES },
    ]);
    await aggregates.add([{ ...chats, by: 1, expiresAt: EXPIRES }]);
    // Assess
    const { items } = await aggregates.queryRange(chats.pk, '2024-03-01', '2024-03-01');
    expect(items).toEqual([
      { ...chats, value: 2, expiresAt: EXPIRES },
      { ...waits, value: 42, expiresAt: EXPIRES },
    ]);
  });

  it('returns only the days of the range asked for, the last day included', async () => {
    // Prepare
    const tenantId = freshTenant();
    const day = (d: string) => counterKey(tenantId, { day: d, metric: 'questions', dims: { source: 'web' } });
    for (const d of ['2024-03-01', '2024-03-02', '2024-03-03', '2024-03-04'])
      await aggregates.add([{ ...day(d), by: 1, expiresAt: EXPIRES }]);
    // Act
    const { items } = await aggregates.queryRange(day('2024-03-02').pk, '2024-03-02', '2024-03-03');
    // Assess
    expect(items.map((i) => i.sk.slice(0, 10))).toEqual(['2024-03-02', '2024-03-03']);
  });

  it('deletes a whole month of a tenant', async () => {
    // Prepare
    const tenantId = freshTenant();
    const key = counterKey(tenantId, { day: '2024-03-05', metric: 'clicks', dims: {} });
    await aggregates.add([{ ...key, by: 3, expiresAt: EXPIRES }]);
    // Act
    const deleted = await aggregates.deletePartition(key.pk);
    // Assess
    expect(deleted).toBe(1);
    expect((await aggregates.queryRange(key.pk, '2024-03-01', '2024-03-31')).items).toEqual([]);
  });
}
