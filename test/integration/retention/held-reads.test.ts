import type { Actor } from '../../../functions/domain/access/authorize';
import { interactionContent, viewInteraction } from '../../../functions/usecases/admin/interaction-detail';
import { searchInteractions } from '../../../functions/usecases/admin/search-interactions';
import { readTranscript } from '../../../functions/usecases/admin/transcript-access';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import { as, converse, newTenant, type StaffUser } from '../admin/support';
import { recordsOf, SECOND, testContainer } from './support';

type Hit = { interactionId: string; holds: string[] };

describe('what a legal hold keeps stays readable, to the legal role and admins only', () => {
  it('past its expiry a held interaction is read by legal and admins (audited) with its holds, found with held=true, and a 404 to its own advisor', async () => {
    // Prepare: two calls handled by agent-7, one of them held (Puzzel: general info kept 180 days)
    const tenant = await newTenant();
    const admin: StaffUser = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
    const held = await converse(tenant, {
      agent: 'agent-7',
      participant: { phone: '+46701240001' },
      messages: ['about the claim'],
    });
    const free = await converse(tenant, { agent: 'agent-7', participant: { phone: '+46701240002' } });
    const placed = await as<{ holdId: string }>(admin, '/v1/holds', {
      body: { interactionId: held.interactionId, reason: 'claim 2026-46' },
    });
    expect(placed.status).toBe(201);
    const holdId = placed.body.holdId;
    const info = (await recordsOf(tenant.tenantId)).find(
      (i) => i.pk === `T#${tenant.tenantId}#I#${held.interactionId}` && i.sk === 'INFO',
    )!;
    const expiry = new Date((info.heldExpiresAt as number) * 1000);
    const deps = testContainer();
    const adminDeps = adminDepsOf(deps);
    const actor = (role: Actor['role'], userId: string): { actor: Actor; sourceIp: string } => ({
      actor: { tenantId: tenant.tenantId, userId, role, support: false },
      sourceIp: '192.0.2.10',
    });
    const legal = actor('legal', 'counsel');
    const advisor = actor('advisor', 'agent-7');

    // Act / Assess: before the expiry, the API shows the hold on the view and on each search hit; `held` filters
    const view = await as<{ holds: string[] }>(admin, `/v1/interactions/${held.interactionId}`);
    const hits = await as<{ items: Hit[] }>(admin, '/v1/interactions');
    const onlyHeld = await as<{ items: Hit[] }>(admin, '/v1/interactions?held=true');
    const notHeld = await as<{ items: Hit[] }>(admin, '/v1/interactions?held=false');
    const badFilter = await as<{ error: { fields: Array<{ path: string }> } }>(admin, '/v1/interactions?held=maybe');
    expect(view.body.holds).toEqual([holdId]);
    expect(hits.body.items.map((h) => [h.interactionId, h.holds]).sort()).toEqual(
      [
        [held.interactionId, [holdId]],
        [free.interactionId, []],
      ].sort(),
    );
    expect(onlyHeld.body.items.map((h) => h.interactionId)).toEqual([held.interactionId]);
    expect(notHeld.body.items.map((h) => h.interactionId)).toEqual([free.interactionId]);
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.fields.map((f) => f.path)).toEqual(['held']);
    expect((await viewInteraction(adminDeps, advisor, held.interactionId)).holds).toEqual([holdId]);

    // Act: past the expiry instant
    deps.clock.set(new Date(expiry.getTime() + SECOND));
    const legalView = await viewInteraction(adminDeps, legal, held.interactionId);
    const legalContent = await interactionContent(adminDeps, legal, held.interactionId);
    const legalTranscript = await readTranscript(adminDeps, legal, held.interactionId, 'json');
    const legalHeldSearch = await searchInteractions(adminDeps, legal, { held: 'true' });

    // Assess: legal reads it all, each read audited as a read past expiry
    expect(legalView).toMatchObject({
      interactionId: held.interactionId,
      holds: [holdId],
      expiresAt: expiry.toISOString(),
    });
    expect(legalContent.transcript.messages).toBe(1);
    expect(legalTranscript.view.messages.map((m) => m.text)).toEqual(['about the claim']);
    expect(legalHeldSearch.items.map((h) => [h.interactionId, h.holds])).toEqual([[held.interactionId, [holdId]]]);
    const audited = (await deps.auditLog.list(tenant.tenantId, { action: 'interaction.view' })).items.filter(
      (e) => e.actor.user === 'counsel',
    );
    expect(audited.map((e) => e.details.heldPastExpiry)).toEqual([true, true]);
    const searched = (await deps.auditLog.list(tenant.tenantId, { action: 'interaction.search' })).items.filter(
      (e) => e.actor.user === 'counsel',
    );
    expect(searched.map((e) => e.details.heldPastExpiry)).toEqual([true]);

    // Assess: its own advisor, who read it before, gets the 404 of a missing interaction, and finds nothing held
    await expect(viewInteraction(adminDeps, advisor, held.interactionId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(readTranscript(adminDeps, advisor, held.interactionId, 'json')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await searchInteractions(adminDeps, advisor, { held: 'true' })).items).toEqual([]);
  }, 120_000);
});
