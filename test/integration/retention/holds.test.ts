import { callApi } from '../../support/api';
import { releaseHold } from '../../../functions/usecases/holds/release-hold';
import { ANNA, chat, DAY, newTenant, recordsOf, sortKeys, sweep, tallyOf, testContainer, type Tenant } from './support';

const BERIT = { email: 'berit@example.com', phone: '+46 70 999 88 77', name: 'Berit Ek' };

const asAdmin = <T>(tenant: Tenant, path: string, body?: unknown) =>
  callApi<T>(path, {
    method: body === undefined ? 'GET' : 'POST',
    body,
    headers: { authorization: `Bearer ${tenant.adminToken}` },
  });

describe('legal hold beats retention', () => {
  it("held interactions and subjects outlive their retention, untouched and out of TTL's reach, until released; then the sweep applies it", async () => {
    // Prepare: Anna's chat held by interaction, Berit held as a subject (by e-mail, hashed at once)
    const tenant = await newTenant('puzzel');
    const anna = await chat(tenant, ANNA);
    const berit = await chat(tenant, BERIT);
    const byInteraction = await asAdmin<{ holdId: string; itemsProtected: number }>(tenant, '/v1/holds', {
      interactionId: anna.interactionId,
      reason: 'claim 2025-17',
    });
    const bySubject = await asAdmin<{ holdId: string; target: unknown }>(tenant, '/v1/holds', {
      identifiers: { email: ' Berit@Example.com' },
      reason: 'claim 2025-18',
    });
    expect(byInteraction.status).toBe(201);
    expect(bySubject.status).toBe(201);
    expect(JSON.stringify(bySubject.body.target)).not.toContain('berit');
    // Berit writes again after the hold: that conversation is held too
    const beritAgain = await chat(tenant, BERIT);
    const deps = testContainer();
    const infoExpiry = new Date(
      Math.max(
        ...(await recordsOf(tenant.tenantId))
          .filter((i) => i.sk === 'INFO')
          .map((i) => ((i.expiresAt ?? i.heldExpiresAt) as number) * 1000),
      ),
    );

    // Assess: held items carry their expiry out of TTL's reach, the conversation written after the hold from the start
    const outOfTtlReach = (i: Record<string, unknown>) =>
      i.expiresAt === undefined && i.expiryBucket === undefined && typeof i.heldExpiresAt === 'number';
    for (const c of [anna, beritAgain])
      expect((await recordsOf(tenant.tenantId)).filter((i) => i.pk === c.pk).every(outOfTtlReach)).toBe(true);

    // Act: the night general info expires
    const held = await sweep(deps, tenant.tenantId, infoExpiry);

    // Assess: nothing held went, and nothing held was even due: every held item is out of the expiry index
    expect(tallyOf(held, tenant.tenantId, 'interaction')).toMatchObject({ due: 0, held: 0, deleted: 0 });
    for (const c of [anna, berit, beritAgain])
      expect(sortKeys(await recordsOf(tenant.tenantId), c.pk)).toContain('INFO');
    expect(
      (await recordsOf(tenant.tenantId)).filter((i) => i.pk === beritAgain.pk).every((i) => i.expiresAt === undefined),
    ).toBe(true);
    const holds = await asAdmin<{ holds: Array<{ holdId: string; releasedAt?: string }> }>(tenant, '/v1/holds');
    expect(holds.body.holds.map((h) => h.holdId).sort()).toEqual(
      [byInteraction.body.holdId, bySubject.body.holdId].sort(),
    );

    // Act: the interaction hold is released today (before the expiry); the subject hold 20 days after it
    const released = await asAdmin<{ itemsResumed: number; releasedAt: string }>(
      tenant,
      `/v1/holds/${byInteraction.body.holdId}/release`,
      {},
    );
    expect(
      (await deps.auditLog.list(tenant.tenantId, { action: 'legal-hold.release' })).items.map((e) => e.details.holdId),
    ).toEqual([byInteraction.body.holdId]);
    const later = new Date(infoExpiry.getTime() + 20 * DAY);
    deps.clock.set(later);
    const actor = {
      tenantId: tenant.tenantId,
      userId: 'counsel',
      role: 'legal' as const,
      support: false,
      from: '192.0.2.0/24',
    };
    const subjectReleased = await releaseHold(deps, actor, bySubject.body.holdId);
    const swept = await sweep(deps, tenant.tenantId, later);

    // Assess: both resumed and are gone; the hold records stay, released
    expect(released.status).toBe(200);
    expect(released.body.itemsResumed).toBeGreaterThan(0);
    expect(subjectReleased.itemsResumed).toBeGreaterThan(0);
    expect(tallyOf(swept, tenant.tenantId, 'interaction')).toMatchObject({ due: 3, deleted: 3, held: 0 });
    for (const c of [anna, berit, beritAgain]) expect(sortKeys(await recordsOf(tenant.tenantId), c.pk)).toEqual([]);
    const after = await asAdmin<{ holds: Array<{ releasedAt?: string }> }>(tenant, '/v1/holds');
    expect(after.body.holds.every((h) => h.releasedAt)).toBe(true);
    expect((await deps.directory.queryItems(tenant.tenantId, 'HELDSUBJECT#')).items).toEqual([]);
    // The nightly sweep at day 200 pruned the audit entries of day 0 (Puzzel: audit kept 180 days); the late release is there.
    expect(
      (await deps.auditLog.list(tenant.tenantId, { action: 'legal-hold.release' })).items.map((e) => e.details.holdId),
    ).toEqual([bySubject.body.holdId]);
  }, 120_000);
});
