import { rawDirectoryItems } from '../../support/emulators';
import { as, converse, fakeMp3, newTenant, type StaffUser, type Tenant } from '../admin/support';
import type { ContentStore } from '../../../functions/ports/content-store';
import type { RegionalStores } from '../../../functions/ports/regional-stores';
import { deleteRecording } from '../../../functions/usecases/admin/recording-access';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import { placeHold as placeHoldNow } from '../../../functions/usecases/holds/place-hold';
import { objectsUnder, recordsOf, sortKeys, testContainer } from './support';

const adminOf = (tenant: Tenant): StaffUser => ({
  tenantId: tenant.tenantId,
  role: 'admin',
  user: 'u-admin',
  group: 'admins',
});
const partitionOf = (tenant: Tenant, interactionId: string) => `T#${tenant.tenantId}#I#${interactionId}`;
type Held = { error: { code: string; message: string; holdIds: string[] } };

async function placeHold(admin: StaffUser, body: Record<string, unknown>): Promise<string> {
  const placed = await as<{ holdId: string }>(admin, '/v1/holds', { body: { reason: 'claim 2026-44', ...body } });
  if (placed.status !== 201)
    throw new Error(`POST /v1/holds answered ${placed.status}: ${JSON.stringify(placed.body)}`);
  return placed.body.holdId;
}

/** What physically exists of an interaction: its items' sort keys and its objects in the content buckets. */
async function storedOf(tenant: Tenant, interactionId: string): Promise<{ items: string[]; objects: string[] }> {
  const items = sortKeys(await recordsOf(tenant.tenantId), partitionOf(tenant, interactionId));
  const objects = [
    ...(await objectsUnder('contentBucket', `recording/${tenant.tenantId}/${interactionId}/`)),
    ...(await objectsUnder('contentBucket', `upload/${tenant.tenantId}/${interactionId}/`)),
    ...(await objectsUnder('contentBucket', `transcript/${tenant.tenantId}/${interactionId}/`)),
  ].sort();
  return { items, objects };
}

describe('a legal hold refuses every staff deletion: 409 HELD naming the hold, nothing deleted', () => {
  it("deleting a held interaction's recording is refused, its pointer and audio stay; after release the same delete succeeds", async () => {
    // Prepare
    const tenant = await newTenant();
    const admin = adminOf(tenant);
    const { interactionId, recordingId } = await converse(tenant, {
      participant: { phone: '+46701230001' },
      messages: ['hello'],
      audio: fakeMp3('held'),
    });
    const holdId = await placeHold(admin, { interactionId });
    const before = await storedOf(tenant, interactionId);
    expect(before.items).toContain(`REC#${recordingId}`);
    expect(before.objects.length).toBeGreaterThan(0);

    // Act
    const refused = await as<Held>(admin, `/v1/interactions/${interactionId}/recordings/${recordingId}`, {
      method: 'DELETE',
    });

    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'HELD', holdIds: [holdId] });
    expect(refused.body.error.message).toContain(holdId);
    expect(await storedOf(tenant, interactionId)).toEqual(before);

    // Act: counsel releases the hold; the delete is asked again
    expect((await as(admin, `/v1/holds/${holdId}/release`, { body: {} })).status).toBe(200);
    const deleted = await as(admin, `/v1/interactions/${interactionId}/recordings/${recordingId}`, {
      method: 'DELETE',
    });

    // Assess
    expect(deleted.status).toBe(200);
    const after = await storedOf(tenant, interactionId);
    expect(after.items).not.toContain(`REC#${recordingId}`);
    expect(after.objects.filter((k) => k.includes(recordingId!))).toEqual([]);
  });

  it('deleting the chat log of an interaction a subject hold covers is refused; every line stays', async () => {
    // Prepare: the hold names the caller by phone, not the interaction
    const tenant = await newTenant();
    const admin = adminOf(tenant);
    const { interactionId } = await converse(tenant, {
      channel: 'chat',
      participant: { phone: '+46701230002' },
      messages: ['one', 'two', 'three'],
    });
    const holdId = await placeHold(admin, { identifiers: { phone: '070-123 00 02' } });
    const before = await storedOf(tenant, interactionId);
    expect(before.items.filter((sk) => sk.startsWith('MSG#'))).toHaveLength(3);

    // Act
    const refused = await as<Held>(admin, `/v1/interactions/${interactionId}/transcript`, { method: 'DELETE' });

    // Assess: refused, and nothing changed, not even the "chat log deleted" mark on the general info
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'HELD', holdIds: [holdId] });
    expect(await storedOf(tenant, interactionId)).toEqual(before);
    const info = (await recordsOf(tenant.tenantId)).find(
      (i) => i.pk === partitionOf(tenant, interactionId) && i.sk === 'INFO',
    )!;
    expect(info.transcriptDeletedAt).toBeUndefined();
  });

  it('a bulk delete whose selection includes one held interaction is refused as a whole: the unheld one keeps its content too', async () => {
    // Prepare
    const tenant = await newTenant();
    const admin = adminOf(tenant);
    const held = await converse(tenant, {
      participant: { phone: '+46701230003' },
      messages: ['kept'],
      audio: fakeMp3('kept-1'),
    });
    const free = await converse(tenant, {
      participant: { phone: '+46701230004' },
      messages: ['also kept'],
      audio: fakeMp3('kept-2'),
    });
    const holdId = await placeHold(admin, { interactionId: held.interactionId });
    const before = [await storedOf(tenant, held.interactionId), await storedOf(tenant, free.interactionId)];

    // Act
    const refused = await as<Held>(admin, '/v1/interactions/bulk-delete', {
      body: { interactionIds: [free.interactionId, held.interactionId], content: ['transcript', 'recording'] },
    });

    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'HELD', holdIds: [holdId] });
    expect([await storedOf(tenant, held.interactionId), await storedOf(tenant, free.interactionId)]).toEqual(before);
  });
});

describe('placing a legal hold', () => {
  it("on another tenant's or an unknown interaction is a 404 worded like any missing interaction, and stores no hold", async () => {
    // Prepare
    const tenant = await newTenant();
    const other = await newTenant();
    const { interactionId: othersInteraction } = await converse(other, { participant: { phone: '+46701230005' } });
    const unknown = '01JAAAAAAAAAAAAAAAAAAAAAAA';
    const admin = adminOf(tenant);

    // Act
    const cross = await as<{ error: { code: string; message: string } }>(admin, '/v1/holds', {
      body: { interactionId: othersInteraction, reason: 'claim 2026-45' },
    });
    const missing = await as<{ error: { code: string; message: string } }>(admin, '/v1/holds', {
      body: { interactionId: unknown, reason: 'claim 2026-45' },
    });
    const view = await as<{ error: { code: string; message: string } }>(admin, `/v1/interactions/${unknown}`);

    // Assess
    expect([cross.status, missing.status]).toEqual([404, 404]);
    expect(cross.body.error).toEqual({ code: 'NOT_FOUND', message: `Interaction ${othersInteraction} was not found.` });
    expect(missing.body.error).toEqual(view.body.error);
    expect(await rawDirectoryItems(tenant.tenantId, 'HOLD#')).toEqual([]);
    expect(await rawDirectoryItems(other.tenantId, 'HOLD#')).toEqual([]);
  });

  it("stores its reason through the tenant's redactor: an e-mail or phone typed there is never kept in clear", async () => {
    // Prepare
    const tenant = await newTenant();
    const { interactionId } = await converse(tenant, { participant: { phone: '+46701230006' } });

    // Act
    const placed = await as<{ holdId: string; reason: string }>(adminOf(tenant), '/v1/holds', {
      body: { interactionId, reason: 'Claim by karin.holm@example.com, call her on +46 70 555 12 34' },
    });

    // Assess: neither in the answer nor in the directory table
    expect(placed.status).toBe(201);
    const [stored] = await rawDirectoryItems(tenant.tenantId, 'HOLD#');
    for (const text of [placed.body.reason, String(stored.reason)]) {
      expect(text).toContain('Claim by');
      expect(text).not.toContain('karin.holm@example.com');
      expect(text).not.toContain('555 12 34');
    }
  });

  it("a hold placed while a recording's delete is under way (past its hold check) answers only once that delete has ended", async () => {
    // Prepare: a recording; stores that pause the delete of its audio until the test opens the gate
    const tenant = await newTenant();
    const { interactionId, recordingId } = await converse(tenant, {
      participant: { phone: '+46701230007' },
      messages: ['hello'],
      audio: fakeMp3('racing'),
    });
    const c = testContainer();
    let reachedAudio!: () => void;
    let openGate!: () => void;
    const atAudio = new Promise<void>((resolve) => (reachedAudio = resolve));
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const paused: RegionalStores = {
      regions: c.stores.regions,
      storesFor: (region) => {
        const real = c.stores.storesFor(region);
        const content: ContentStore = Object.create(real.content);
        content.deleteAllVersions = async (key) => {
          if (key.startsWith(`recording/${tenant.tenantId}/${interactionId}/`)) {
            reachedAudio();
            await gate;
          }
          return real.content.deleteAllVersions(key);
        };
        return { ...real, content };
      },
    };
    const events: string[] = [];

    // Act: the delete passes its hold check and starts on the audio; counsel places a hold meanwhile
    const request = {
      actor: { tenantId: tenant.tenantId, userId: 'u-admin', role: 'admin' as const, support: false },
      sourceIp: '192.0.2.10',
    };
    const deleting = deleteRecording(adminDepsOf({ ...c, stores: paused }), request, interactionId, recordingId).then(
      () => events.push('delete ended'),
    );
    await atAudio;
    const holding = placeHoldNow(
      c,
      { tenantId: tenant.tenantId, userId: 'u-legal', role: 'legal', support: false, from: 'test' },
      { interactionId, reason: 'claim 2026-53' },
    ).then(() => events.push('hold placed'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    events.push('gate opened');
    openGate();
    await Promise.all([deleting, holding]);

    // Assess: the hold did not answer "placed" while a deletion of its data was still running
    expect(events).toEqual(['gate opened', 'delete ended', 'hold placed']);
  }, 60_000);
});
