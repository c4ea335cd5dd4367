import {
  aroundToday,
  everythingStored,
  ingest,
  newTenant,
  partitionByRegion,
  type RawItem,
  rawItems,
  readBack,
} from './support';

const partitionOf = (tenantId: string, interactionId: string) => `T#${tenantId}#I#${interactionId}`;

describe('residency of ingested data (iAdvize preset: SMS in the US, calls in the US during the call, EU after)', () => {
  it('an SMS conversation is stored in us-east-1 and nowhere else', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    // Act
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'sms',
      startedAt: new Date().toISOString(),
      participant: { phone: '+1 202 555 0143' },
    });
    await ingest(tenant, `/v1/interactions/${started.body.interactionId}/messages`, {
      messages: [{ from: 'visitor', at: new Date().toISOString(), text: 'Is my order shipped?' }],
    });
    // Assess
    const partition = await partitionByRegion(
      tenant.tenantId,
      partitionOf(tenant.tenantId, started.body.interactionId),
    );
    expect(partition['eu-central-1']).toEqual([]);
    expect(partition['us-east-1'].map((i) => i.sk)).toEqual(
      expect.arrayContaining(['INFO', expect.stringMatching(/^MSG#/), expect.stringMatching(/^SUBJ#phone#/)]),
    );
    expect((await readBack(tenant, `/v1/interactions/${started.body.interactionId}`)).body).toMatchObject({
      channel: 'sms',
      region: 'us-east-1',
    });
  });

  it('a call lives in us-east-1 while it runs and only in eu-central-1 after /end, its US data key destroyed', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const startedAt = new Date(Date.now() - 300_000).toISOString();
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'call',
      startedAt,
      queue: 'support',
      participant: { phone: '+33 6 98 76 54 32', name: 'Jean Dupont' },
    });
    const { interactionId } = started.body;
    const pk = partitionOf(tenant.tenantId, interactionId);
    await ingest(tenant, `/v1/interactions/${interactionId}/messages`, {
      messages: [
        {
          from: 'visitor',
          at: startedAt,
          text: 'Jean Dupont, my number is 06 98 76 54 32',
          dtmf: { digits: '1985031712345', masked: true },
        },
      ],
    });
    const during = await partitionByRegion(tenant.tenantId, pk);
    const usKeysDuring = await rawItems('us-east-1', 'keysTable', tenant.tenantId);

    // Act
    const ended = await ingest(tenant, `/v1/interactions/${interactionId}/end`, {
      endedAt: new Date().toISOString(),
      waitSeconds: 12,
      talkSeconds: 280,
    });

    // Assess
    expect(during['eu-central-1']).toEqual([]);
    expect(during['us-east-1'].map((i) => i.sk)).toEqual(
      expect.arrayContaining(['INFO', expect.stringMatching(/^MSG#/)]),
    );
    expect(usKeysDuring.map((k) => k.dekId)).toContain(interactionId);
    expect(ended).toMatchObject({ status: 200, body: { interactionId, region: 'eu-central-1' } });
    const after = await partitionByRegion(tenant.tenantId, pk);
    expect(after['us-east-1']).toEqual([]);
    // The name's word prefixes (jea, jean, dup, dupo, dupon, dupont) move with its entries.
    expect(after['eu-central-1'].map((i) => i.sk).sort()).toEqual([
      'INFO',
      expect.stringMatching(/^MSG#/),
      expect.stringMatching(/^SUBJ#name#/),
      ...Array.from({ length: 6 }, () => expect.stringMatching(/^SUBJ#namePrefix#/)),
      expect.stringMatching(/^SUBJ#phone#/),
    ]);
    // Re-wrapped, not re-encrypted: the message's sealed value crossed as it was
    const messageIn = (items: RawItem[]) => items.find((i) => i.sk.startsWith('MSG#'))?.sealed;
    expect(messageIn(after['eu-central-1'])).toEqual(expect.any(String));
    expect(messageIn(after['eu-central-1'])).toBe(messageIn(during['us-east-1']));
    expect(after['eu-central-1'].find((i) => i.sk === 'INFO')).toMatchObject({
      phase: 'final',
      waitSeconds: 12,
      talkSeconds: 280,
    });
    expect((await rawItems('us-east-1', 'keysTable', tenant.tenantId)).map((k) => k.dekId)).not.toContain(
      interactionId,
    );
    const transcript = await readBack<{ messages: Array<{ text: string; dtmf?: string }> }>(
      tenant,
      `/v1/interactions/${interactionId}/transcript`,
    );
    expect(transcript.body.messages).toEqual([expect.objectContaining({ text: '[NAME], my number is [PHONE]' })]);
    expect(transcript.body.messages[0]).not.toHaveProperty('dtmf');
    expect(await everythingStored(tenant.tenantId)).not.toContain('1985031712345');
  });

  it('ending a call twice with the same facts answers the same; with other facts it is a conflict', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'call',
      startedAt: new Date().toISOString(),
    });
    const end = { endedAt: new Date(Date.now() + 60_000).toISOString(), waitSeconds: 5, talkSeconds: 60 };
    const first = await ingest(tenant, `/v1/interactions/${started.body.interactionId}/end`, end);
    // Act
    const again = await ingest(tenant, `/v1/interactions/${started.body.interactionId}/end`, end);
    const other = await ingest(tenant, `/v1/interactions/${started.body.interactionId}/end`, {
      ...end,
      talkSeconds: 61,
    });
    // Assess
    expect(again).toMatchObject({ status: 200, body: first.body });
    expect(other.status).toBe(409);
    const kpis = await readBack<{ rows: Array<{ metrics: Record<string, number> }> }>(
      tenant,
      `/v1/kpis?${aroundToday()}&groupBy=channel`,
    );
    expect(kpis.body.rows[0].metrics).toMatchObject({
      interactions: 1,
      endedInteractions: 1,
      waitSeconds: 5,
      talkSeconds: 60,
    });
  });
});
