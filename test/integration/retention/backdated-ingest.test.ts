import { getTranscript } from '../../../functions/usecases/readback/get-transcript';
import { ANNA, DAY, ingest, newTenant, recordsOf, sweep, tallyOf, testContainer } from './support';

describe('records written with a past date', () => {
  it('a chat log imported 40 days late (Puzzel: kept 30 days) is hidden at once and gone at the next sweep, though the sweep had already passed its expiry day', async () => {
    // Prepare: a Puzzel tenant swept today, so its checkpoint stands at today
    const tenant = await newTenant('puzzel');
    const deps = testContainer();
    const today = new Date();
    await sweep(deps, tenant.tenantId, today);
    const startedAt = new Date(today.getTime() - 40 * DAY).toISOString();

    // Act: a conversation of 40 days ago is ingested now; its chat-log lines expired 10 days ago
    const { interactionId } = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt,
      queue: 'billing',
      participant: ANNA,
      consent: { storeContent: true, gdpr: { granted: true, noticeVersion: '2025-01' } },
    });
    await ingest(tenant, `/v1/interactions/${interactionId}/messages`, {
      messages: [{ from: 'visitor', at: startedAt, text: 'Where is my parcel?' }],
    });
    const lines = (await recordsOf(tenant.tenantId)).filter((i) => i.sk.startsWith('MSG#'));
    expect(lines).toHaveLength(1);
    expect((lines[0].expiresAt as number) * 1000).toBeLessThan(today.getTime() - 9 * DAY);
    expect((await getTranscript(deps, tenant.tenantId, interactionId)).messages).toEqual([]);
    const nextNight = new Date(today.getTime() + DAY);
    const run = await sweep(deps, tenant.tenantId, nextNight);

    // Assess: the next sweep found the line (in the bucket of the day it was written) and deleted it
    expect(tallyOf(run, tenant.tenantId, 'transcript')).toMatchObject({ due: 1, deleted: 1, failed: 0 });
    const left = await recordsOf(tenant.tenantId);
    expect(left.filter((i) => i.sk.startsWith('MSG#'))).toEqual([]);
    expect(left.some((i) => i.sk === 'INFO')).toBe(true);
  }, 120_000);
});
