import { InMemoryMetrics } from '../../../functions/adapters/metrics/in-memory-metrics';
import { placeHold } from '../../../functions/usecases/holds/place-hold';
import { releaseHold } from '../../../functions/usecases/holds/release-hold';
import { ANNA, chat, newTenant, testContainer } from './support';

describe('the business metrics of legal holds', () => {
  it('count a hold placed and released once, however often the release is repeated', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const anna = await chat(tenant, ANNA);
    const metrics = new InMemoryMetrics();
    const deps = { ...testContainer(), metrics };
    const actor = {
      tenantId: tenant.tenantId,
      userId: 'counsel',
      role: 'legal' as const,
      support: false,
      from: '192.0.2.0/24',
    };

    // Act
    const hold = await placeHold(deps, actor, { interactionId: anna.interactionId, reason: 'claim 2025-19' });
    await releaseHold(deps, actor, hold.holdId);
    await releaseHold(deps, actor, hold.holdId);

    // Assess
    expect(metrics.total('HoldsPlaced')).toBe(1);
    expect(metrics.total('HoldsReleased')).toBe(1);
  });
});
