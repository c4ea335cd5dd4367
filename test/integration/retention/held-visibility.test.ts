import type { Actor } from '../../../functions/domain/access/authorize';
import { viewInteraction } from '../../../functions/usecases/admin/interaction-detail';
import { searchInteractions } from '../../../functions/usecases/admin/search-interactions';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import { releaseHold } from '../../../functions/usecases/holds/release-hold';
import { getInteraction } from '../../../functions/usecases/readback/get-interaction';
import { getTranscript } from '../../../functions/usecases/readback/get-transcript';
import { callApi } from '../../support/api';
import { ANNA, chat, DAY, newTenant, recordsOf, SECOND, sortKeys, sweep, tallyOf, testContainer } from './support';

const HOUR = 3600 * SECOND;

describe('a legal hold keeps records, it does not bring them back', () => {
  it('a held interaction past its 180 days is a 404 to every ordinary read, readable and found only by legal and admins while the hold covers it, and its release lets the sweep delete it', async () => {
    // Prepare: Anna's chat under a hold placed today (Puzzel: general info kept 180 days)
    const tenant = await newTenant('puzzel');
    const anna = await chat(tenant, ANNA);
    const placed = await callApi<{ holdId: string }>('/v1/holds', {
      body: { interactionId: anna.interactionId, reason: 'claim 2025-31' },
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });
    expect(placed.status).toBe(201);
    const info = (await recordsOf(tenant.tenantId)).find((i) => i.pk === anna.pk && i.sk === 'INFO')!;
    expect(info.expiresAt).toBeUndefined();
    const expiry = new Date((info.heldExpiresAt as number) * 1000);
    const startedAt = Date.parse(info.startedAt as string);
    const range = { from: new Date(startedAt - HOUR).toISOString(), to: new Date(startedAt + HOUR).toISOString() };
    const admin: Actor = { tenantId: tenant.tenantId, userId: 'u-admin', role: 'admin', support: false };
    const request = { actor: admin, sourceIp: '192.0.2.10' };
    const deps = testContainer();
    const adminDeps = adminDepsOf(deps);
    const found = async (query: Record<string, string>) =>
      (await searchInteractions(adminDeps, request, { ...range, ...query })).items.map((i) => i.interactionId);

    // Act / Assess: one second before its expiry, the held interaction reads as usual, its expiry shown
    deps.clock.set(new Date(expiry.getTime() - SECOND));
    expect((await viewInteraction(adminDeps, request, anna.interactionId)).expiresAt).toBe(expiry.toISOString());
    expect(await found({})).toEqual([anna.interactionId]);
    expect(await found({ email: ANNA.email })).toEqual([anna.interactionId]);

    // Act / Assess: from its expiry instant, every ordinary read treats it as gone; the admin still reads it, as held (issue 10)
    deps.clock.set(expiry);
    await expect(getInteraction(deps, tenant.tenantId, anna.interactionId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(getTranscript(deps, tenant.tenantId, anna.interactionId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await viewInteraction(adminDeps, request, anna.interactionId)).holds).toEqual([placed.body.holdId]);
    expect(await found({})).toEqual([anna.interactionId]);
    expect(await found({ email: ANNA.email })).toEqual([anna.interactionId]);
    expect(await found({ held: 'false' })).toEqual([]);

    // Assess: the sweep of that night leaves it alone, physically there for the claim
    const night = await sweep(deps, tenant.tenantId, expiry);
    expect(tallyOf(night, tenant.tenantId, 'interaction')).toMatchObject({ deleted: 0, failed: 0 });
    expect(sortKeys(await recordsOf(tenant.tenantId), anna.pk)).toContain('INFO');

    // Act: counsel releases the hold 10 days later; that night's sweep runs
    const later = new Date(expiry.getTime() + 10 * DAY);
    deps.clock.set(later);
    const counsel = {
      tenantId: tenant.tenantId,
      userId: 'counsel',
      role: 'legal' as const,
      support: false,
      from: '192.0.2.0/24',
    };
    const released = await releaseHold(deps, counsel, placed.body.holdId);
    const swept = await sweep(deps, tenant.tenantId, later);

    // Assess: the hold path still reached every held item; the interaction is gone
    expect(released.itemsResumed).toBeGreaterThan(0);
    expect(tallyOf(swept, tenant.tenantId, 'interaction')).toMatchObject({ due: 1, deleted: 1, failed: 0 });
    expect(sortKeys(await recordsOf(tenant.tenantId), anna.pk)).toEqual([]);
  }, 120_000);
});
