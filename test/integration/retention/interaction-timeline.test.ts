import { callApi } from '../../support/api';
import { ANNA, asAdmin, chat, newTenant, recordsOf } from './support';

interface ClassExpiry {
  dataClass: string;
  records: number;
  firstExpiresAt?: string;
  lastExpiresAt?: string;
  held: boolean;
  retention: string;
  afterExpiry: string;
  sealFirst: boolean;
}
interface Detail {
  holds: string[];
  restricted: boolean;
  retention: ClassExpiry[];
}

const iso = (seconds: unknown) => new Date(Number(seconds) * 1000).toISOString();

describe("an interaction's retention timeline (GET /v1/interactions/{id})", () => {
  it('gives each class the expiries its stored records carry and what the policy in force does then', async () => {
    // Prepare: a Puzzel chat with two chat-log lines and a survey, no recording
    const tenant = await newTenant('puzzel');
    const anna = await chat(tenant, ANNA);
    const stored = (await recordsOf(tenant.tenantId)).filter((i) => i.pk === anna.pk && !i.sk.startsWith('SUBJ#'));
    const expiriesOf = (dataClass: string) =>
      stored
        .filter((i) => i.class === dataClass)
        .map((i) => Number(i.expiresAt))
        .sort();
    // Act
    const res = await callApi<Detail>(`/v1/interactions/${anna.interactionId}`, {
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });
    // Assess: the raw table's expiries, the preset's retention (general info 180 days, chat log 30, survey 180) and actions
    expect(res.status).toBe(200);
    const byClass = Object.fromEntries(res.body.retention.map((c) => [c.dataClass, c]));
    expect(Object.keys(byClass)).toEqual(['interaction', 'transcript', 'recording', 'survey']);
    for (const dataClass of ['interaction', 'transcript', 'survey']) {
      const expiries = expiriesOf(dataClass);
      expect(byClass[dataClass]).toMatchObject({
        records: expiries.length,
        firstExpiresAt: iso(expiries[0]),
        lastExpiresAt: iso(expiries[expiries.length - 1]),
        held: false,
      });
    }
    expect(byClass.transcript.records).toBe(2);
    expect(byClass.interaction).toMatchObject({ retention: 'P180D', afterExpiry: 'delete', sealFirst: false });
    expect(byClass.transcript).toMatchObject({ retention: 'P30D', afterExpiry: 'delete' });
    expect(byClass.recording).toEqual({
      dataClass: 'recording',
      records: 0,
      held: false,
      retention: 'P14D',
      afterExpiry: 'delete',
      sealFirst: false,
    });
    expect(res.body.restricted).toBe(false);
  });

  it("gives each search hit the same timeline as the interaction's own page", async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const anna = await chat(tenant, ANNA);
    const headers = { authorization: `Bearer ${tenant.adminToken}` };
    const detail = await callApi<Detail>(`/v1/interactions/${anna.interactionId}`, { headers });
    // Act
    const search = await callApi<{ items: Array<{ interactionId: string; retention: ClassExpiry[] }> }>(
      `/v1/interactions?email=${encodeURIComponent(ANNA.email)}`,
      { headers },
    );
    // Assess
    expect(search.status).toBe(200);
    expect(search.body.items.map((i) => i.interactionId)).toEqual([anna.interactionId]);
    expect(search.body.items[0].retention).toEqual(detail.body.retention);
  });

  it('shows the expiries a legal hold moved out of TTL reach, each class marked held', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const anna = await chat(tenant, ANNA);
    const placed = await asAdmin<{ holdId: string }>(tenant, '/v1/holds', {
      interactionId: anna.interactionId,
      reason: 'claim 2026-4',
    });
    expect(placed.status).toBe(201);
    const info = (await recordsOf(tenant.tenantId)).find((i) => i.pk === anna.pk && i.sk === 'INFO');
    // Act
    const res = await callApi<Detail>(`/v1/interactions/${anna.interactionId}`, {
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });
    // Assess
    expect(info?.expiresAt).toBeUndefined();
    expect(res.body.holds).toEqual([placed.body.holdId]);
    const stored = res.body.retention.filter((c) => c.records > 0);
    expect(stored.map((c) => [c.dataClass, c.held])).toEqual([
      ['interaction', true],
      ['transcript', true],
      ['survey', true],
    ]);
    expect(stored[0].lastExpiresAt).toBe(iso(info?.heldExpiresAt));
  });
});
