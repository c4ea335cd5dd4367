import type { Actor } from '../../../functions/domain/access/authorize';
import { typedQuery } from '../../../functions/domain/typed-query';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import { searchInteractions } from '../../../functions/usecases/admin/search-interactions';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { inMemoryContainer, openTenant } from '../../support/in-memory-container';

const adminOf = (tenantId: string): Actor => ({ tenantId, role: 'admin', userId: 'u-admin', support: false });

describe('search takes query values as people type them, + for a space', () => {
  it('a name typed with + between its words finds the conversation of that person', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const started = await startInteraction(c, tenantId, {
      body: { channel: 'chat', startedAt: c.clock.now().toISOString(), participant: { name: 'Anna Berg' } },
    });

    // Act
    const found = await searchInteractions(adminDepsOf(c), { actor: adminOf(tenantId) }, { name: 'Anna+Berg' });

    // Assess
    expect(found.items.map((i) => i.interactionId)).toEqual([started.body.interactionId]);
  });

  it('a phone typed with + for its spaces keeps its leading + as the international prefix', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const started = await startInteraction(c, tenantId, {
      body: { channel: 'call', startedAt: c.clock.now().toISOString(), participant: { phone: '+46 70 123 45 67' } },
    });

    // Act
    const found = await searchInteractions(adminDepsOf(c), { actor: adminOf(tenantId) }, { phone: '+46+70+123+45+67' });

    // Assess
    expect(found.items.map((i) => i.interactionId)).toEqual([started.body.interactionId]);
  });

  it('an e-mail, an instant and a token keep their +', () => {
    // Prepare
    const raw = {
      email: 'anna+news@example.se',
      from: '2026-03-01T00:00:00+01:00',
      nextToken: 'a+b',
      queue: 'first+line',
    };

    // Act
    const typed = typedQuery(raw);

    // Assess
    expect(typed).toEqual({ ...raw, queue: 'first line' });
  });
});
