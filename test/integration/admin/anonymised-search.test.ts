import type { Actor } from '../../../functions/domain/access/authorize';
import { searchInteractions } from '../../../functions/usecases/admin/search-interactions';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import {
  ANNA,
  chat,
  DAY,
  newTenant as newRetentionTenant,
  recordsOf,
  sweep,
  testContainer,
} from '../retention/support';
import { as, converse, fakeMp3, newTenant, subjectRequest, type StaffUser } from './support';

const PHONE = '+46701112233';
const HOUR = 3_600_000;

interface Hit {
  interactionId: string;
  anonymisedAt?: string;
}

describe('anonymised interactions stay in search by their clear facts (Puzzel)', () => {
  it('after "forget me" with content kept, the call is found by time, queue and agent, not by the number, and its chat log and recording still open', async () => {
    // Prepare: a recorded call with a chat log, then the caller's anonymisation keeping content
    const tenant = await newTenant('puzzel');
    const admin: StaffUser = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
    const { interactionId, recordingId } = await converse(tenant, {
      queue: 'billing',
      agent: 'agent-7',
      participant: { phone: PHONE, name: 'Nils Holm' },
      messages: ['where is my order'],
      audio: fakeMp3('anon'),
    });
    const done = await subjectRequest(admin, {
      type: 'anonymize',
      identifiers: { phone: PHONE },
      options: { content: 'keep' },
    });
    expect(done.status).toBe('completed');
    const range = `from=${new Date(Date.now() - 2 * HOUR).toISOString()}&to=${new Date(Date.now() + HOUR).toISOString()}`;

    // Act
    const byTime = await as<{ items: Hit[] }>(admin, `/v1/interactions?${range}`);
    const byQueue = await as<{ items: Hit[] }>(admin, `/v1/interactions?${range}&queue=billing`);
    const byAgent = await as<{ items: Hit[] }>(admin, `/v1/interactions?${range}&agent=agent-7`);
    const byNumber = await as<{ items: Hit[] }>(admin, `/v1/interactions?phone=${encodeURIComponent(PHONE)}`);
    const view = await as<Record<string, unknown>>(admin, `/v1/interactions/${interactionId}`);
    const transcript = await as<{ messages: Array<{ text: string }> }>(
      admin,
      `/v1/interactions/${interactionId}/transcript`,
    );
    const play = await as(admin, `/v1/interactions/${interactionId}/recordings/${recordingId}/play`);

    // Assess: found by its clear facts, marked anonymised, nothing naming the caller
    for (const res of [byTime, byQueue, byAgent]) {
      expect(res.status).toBe(200);
      expect(res.body.items.map((i) => i.interactionId)).toEqual([interactionId]);
      expect(res.body.items[0].anonymisedAt).toEqual(expect.any(String));
      expect(JSON.stringify(res.body)).not.toMatch(/46701112233|Nils/);
    }
    expect(byNumber.body.items).toEqual([]);
    expect(view.body).not.toHaveProperty('participant');
    expect(view.body.anonymisedAt).toEqual(expect.any(String));
    expect(transcript.status).toBe(200);
    expect(transcript.body.messages.map((m) => m.text)).toEqual(['where is my order']);
    expect(play.status).toBe(200);
  });

  // Its last sweep catches up two years of nightly buckets at once: 1.5–2 minutes on two loaded cores.
  it('a call the sweep anonymises at the end of its 12 months stays listed as long as its statistics are kept', async () => {
    // Prepare: an iAdvize call (12 months, then anonymised)
    const tenant = await newRetentionTenant('iadvize');
    const c = await chat(tenant, ANNA, 'call');
    const stored = (await recordsOf(tenant.tenantId)).filter((i) => i.pk === c.pk);
    const info = stored.find((i) => i.sk === 'INFO')!;
    const expiry = new Date(
      Math.max(...stored.filter((i) => typeof i.expiresAt === 'number').map((i) => (i.expiresAt as number) * 1000)),
    );
    const deps = testContainer(expiry);
    const startedAt = Date.parse(info.startedAt as string);
    const admin: Actor = { tenantId: tenant.tenantId, userId: 'u-admin', role: 'admin', support: false };
    const query = {
      from: new Date(startedAt - HOUR).toISOString(),
      to: new Date(startedAt + HOUR).toISOString(),
      queue: 'billing',
    };

    // Act: the night its 12 months end, then a search a month later
    await sweep(deps, tenant.tenantId, expiry);
    deps.clock.set(new Date(expiry.getTime() + 30 * DAY));
    const found = await searchInteractions(adminDepsOf(deps), { actor: admin }, query);

    // Assess: found, anonymised; its listing entry now expires with the statistics
    expect(found.items.map((i) => [i.interactionId, typeof i.anonymisedAt])).toEqual([[c.interactionId, 'string']]);
    const anonymised = (await recordsOf(tenant.tenantId)).find((i) => i.pk === c.pk && i.sk === 'INFO')!;
    expect(anonymised).not.toHaveProperty('sealed');
    const listing = (await recordsOf(tenant.tenantId)).filter((i) => i.pk.includes('#DAY#'));
    expect(listing.map((i) => i.expiresAt)).toEqual([anonymised.expiresAt]);
    expect(Number(anonymised.expiresAt)).toBeGreaterThan(info.expiresAt as number);

    // Act: the night its statistics end
    const statisticsEnd = new Date(Number(anonymised.expiresAt) * 1000);
    await sweep(deps, tenant.tenantId, statisticsEnd);

    // Assess: the interaction and its listing entry are gone together
    expect((await recordsOf(tenant.tenantId)).filter((i) => i.pk === c.pk || i.pk.includes('#DAY#'))).toEqual([]);
  }, 600_000);
});
