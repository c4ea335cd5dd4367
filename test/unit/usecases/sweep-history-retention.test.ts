import { readSweepHistory, recordSweepHistory } from '../../../functions/usecases/retention/sweep-history';
import { inMemoryContainer, openTenant } from '../../support/in-memory-container';

const DAY = 86_400_000;

describe('the sweep history is kept as long as the audit class, counted from the night swept', () => {
  it('a night stays listed until its audit retention (180 days on Puzzel) ends, then it is gone from the history', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const night = c.clock.now();
    await recordSweepHistory(c, { now: night.toISOString(), rows: [], failures: [] }, [{ tenantId, reached: true }]);
    const read = (at: Date) => readSweepHistory(c.directory, tenantId, { limit: 10 }, at);

    // Act
    const dayBefore = await read(new Date(night.getTime() + 179 * DAY));
    const dayAfter = await read(new Date(night.getTime() + 181 * DAY));

    // Assess
    expect(dayBefore.items.map((i) => i.sweptAt)).toEqual([night.toISOString()]);
    expect(dayAfter.items).toEqual([]);
  });

  it('the stored entry carries the TTL attribute at the end of that retention', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const night = c.clock.now();

    // Act
    await recordSweepHistory(c, { now: night.toISOString(), rows: [], failures: [] }, [{ tenantId, reached: true }]);

    // Assess
    const { items } = await c.directory.queryItems(tenantId, 'SWEEPLOG#');
    const expiresAt = Number(items[0]?.expiresAt) * 1000;
    expect(expiresAt).toBeGreaterThan(night.getTime() + 179 * DAY);
    expect(expiresAt).toBeLessThanOrEqual(night.getTime() + 181 * DAY);
  });
});
