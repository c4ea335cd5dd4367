import { everythingStored, ingest, newTenant, readBack } from './support';

const SPOKEN_PHONE = 'zéro six douze trente-quatre cinquante-six soixante-dix-huit';
const SPOKEN_EMAIL = 'anna dot lind at example dot com';
const SPOKEN_CARD = 'four five three two, zero one five one, one two eight three, zero three six six';

describe('a call transcript with a phone, an e-mail and a card read out in words (Puzzel preset)', () => {
  it('stores the transcript with the spoken values redacted, as the written ones would be', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const startedAt = new Date().toISOString();
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'call',
      startedAt,
      consent: { gdpr: { granted: true, noticeVersion: '2025-01' } },
    });
    expect(started.status).toBe(201);
    const { interactionId } = started.body;

    // Act
    const appended = await ingest(tenant, `/v1/interactions/${interactionId}/messages`, {
      messages: [
        {
          from: 'visitor',
          at: startedAt,
          text: `my number is ${SPOKEN_PHONE}, my mail ${SPOKEN_EMAIL}, and the card is ${SPOKEN_CARD}`,
        },
      ],
    });

    // Assess: through the API
    expect(appended).toMatchObject({ status: 201, body: { accepted: 1, stored: 1 } });
    const transcript = await readBack<{ messages: Array<{ text: string }> }>(
      tenant,
      `/v1/interactions/${interactionId}/transcript`,
    );
    expect(transcript.status).toBe(200);
    expect(transcript.body.messages.map((m) => m.text)).toEqual([
      'my number is [PHONE], my mail [EMAIL], and the card is [CARD]',
    ]);

    // Assess: straight from DynamoDB Local, no piece of the spoken values anywhere
    const stored = await everythingStored(tenant.tenantId);
    for (const clear of [
      'douze trente-quatre',
      'soixante-dix-huit',
      'anna dot lind',
      'example dot com',
      'zero one five one',
    ])
      expect(stored).not.toContain(clear);
  });
});
