import { parsePolicy } from '../../../functions/domain/policy/parse';
import { puzzelPreset } from '../../../functions/domain/policy/presets';
import { asAdmin, chat, DAY, newTenant, recordsOf, sweep, tallyOf, testContainer, type Tenant } from './support';

/** The tenant's per-day listing entries (admin search), read straight from DynamoDB Local. */
const listingEntries = async (tenant: Tenant) =>
  (await recordsOf(tenant.tenantId)).filter((i) => i.pk.startsWith(`T#${tenant.tenantId}#DAY#`));
const generalInfo = async (tenant: Tenant, pk: string) =>
  (await recordsOf(tenant.tenantId)).find((i) => i.pk === pk && i.sk === 'INFO');

describe('the per-day listing follows its interactions', () => {
  it('Puzzel: the sweep that deletes an interaction at 180 days deletes its listing entry too', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const conversation = await chat(tenant);
    expect((await listingEntries(tenant)).map((e) => e.interactionId)).toEqual([conversation.interactionId]);
    const expiry = new Date(((await generalInfo(tenant, conversation.pk))!.expiresAt as number) * 1000);

    // Act
    const run = await sweep(testContainer(), tenant.tenantId, expiry);

    // Assess
    expect(tallyOf(run, tenant.tenantId, 'interaction')).toMatchObject({ deleted: 1, failed: 0 });
    expect(await generalInfo(tenant, conversation.pk)).toBeUndefined();
    expect(await listingEntries(tenant)).toEqual([]);
  }, 120_000);

  it('iAdvize: the sweep that anonymises a chat at 3 years keeps its listing entry, re-dated with the statistics (still found by its clear facts)', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const conversation = await chat(tenant);
    expect(await listingEntries(tenant)).toHaveLength(1);
    const expiry = new Date(((await generalInfo(tenant, conversation.pk))!.expiresAt as number) * 1000);

    // Act
    const run = await sweep(testContainer(), tenant.tenantId, expiry);

    // Assess
    expect(tallyOf(run, tenant.tenantId, 'interaction')).toMatchObject({ anonymised: 1, failed: 0 });
    const statistics = await generalInfo(tenant, conversation.pk);
    expect(statistics?.tier).toBe('statistics');
    expect((await listingEntries(tenant)).map((e) => [e.interactionId, e.expiresAt])).toEqual([
      [conversation.interactionId, statistics?.expiresAt],
    ]);
  }, 180_000);

  it('Puzzel: general info lengthened from 180 days to a year keeps its listing entry for the year too', async () => {
    // Prepare: a chat under revision 1, swept once; then revision 2 keeps general info a year
    const tenant = await newTenant('puzzel');
    const conversation = await chat(tenant);
    const deps = testContainer();
    await sweep(deps, tenant.tenantId, new Date(Date.now() + 2 * DAY));
    const input = puzzelPreset();
    input.revision = 2;
    input.classes.interaction = { ...input.classes.interaction, retention: 'P1Y' };
    await deps.directory.savePolicy({
      tenantId: tenant.tenantId,
      revision: 2,
      policy: parsePolicy(input),
      savedAt: new Date().toISOString(),
      savedBy: 'admin',
    });

    // Act: the next sweep applies the change
    const run = await sweep(deps, tenant.tenantId, new Date(Date.now() + 3 * DAY));

    // Assess: general info and its listing entry now both end a year after the chat
    expect(run.policyChanges.find((p) => p.dataClass === 'interaction')).toMatchObject({ lengthened: 1 });
    const info = (await generalInfo(tenant, conversation.pk))!;
    expect(Math.round(((info.expiresAt as number) * 1000 - Date.now()) / DAY)).toBeGreaterThanOrEqual(364);
    expect((await listingEntries(tenant)).map((e) => e.expiresAt)).toEqual([info.expiresAt]);
    // The subject index must find it as long: TTL would otherwise remove its entries at day 180.
    const entries = (await recordsOf(tenant.tenantId)).filter(
      (i) => i.pk === conversation.pk && i.sk.startsWith('SUBJ#'),
    );
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => (e.expiresAt as number) >= (info.expiresAt as number))).toBe(true);
  }, 120_000);

  it("a hold takes a listing entry out of TTL's reach with its interaction (heldExpiresAt); release gives its expiry back", async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const conversation = await chat(tenant);
    const [entry] = await listingEntries(tenant);
    expect(typeof entry.expiresAt).toBe('number');

    // Act: a hold on the chat
    const hold = await asAdmin<{ holdId: string }>(tenant, '/v1/holds', {
      interactionId: conversation.interactionId,
      reason: 'claim 2026-52',
    });
    expect(hold.status).toBe(201);

    // Assess: no TTL on the entry while held; its expiry is kept aside
    const [held] = await listingEntries(tenant);
    expect(held.expiresAt).toBeUndefined();
    expect(held.heldExpiresAt).toBe(entry.expiresAt);

    // Act: the hold is released
    expect((await asAdmin(tenant, `/v1/holds/${hold.body.holdId}/release`, {})).status).toBe(200);

    // Assess: the entry has its interaction's expiry back, as TTL
    const [released] = await listingEntries(tenant);
    expect(released.heldExpiresAt).toBeUndefined();
    expect(released.expiresAt).toBe((await generalInfo(tenant, conversation.pk))!.expiresAt);
  }, 120_000);
});
