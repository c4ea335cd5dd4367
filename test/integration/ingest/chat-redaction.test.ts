import { readFileSync } from 'node:fs';
import { namePrefixKeysOf } from '../../../functions/domain/subject/name-prefixes';
import { subjectKey } from '../../../functions/domain/subject/subject-key';
import { normaliseEmail, normaliseName, normalisePhone } from '../../../functions/domain/subject/normalise';
import { env } from '../../support/emulators';
import { testContainer } from '../adapters/container';
import { aroundToday, everythingStored, ingest, newTenant, partitionByRegion, rawItems, readBack } from './support';

const ANNA = { name: 'Anna Lind', email: 'anna.lind@example.com', phone: '+33 6 12 34 56 78' };
const CARD = '4111 1111 1111 1111';
const HIDDEN_CARD = '5555 5555 5555 4444';

describe('a chat with an e-mail, a card number and a hidden field (iAdvize preset)', () => {
  it('stores only the redacted text, in eu-central-1, indexed by keyed hashes, and counts it', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const startedAt = new Date().toISOString();
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt,
      queue: 'billing',
      participant: ANNA,
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
          text: `Hi, Anna Lind here. Mail me at ${ANNA.email}, my card is ${CARD}.`,
          fields: [{ name: 'cardNumber', value: HIDDEN_CARD, hidden: true }],
        },
      ],
    });

    // Assess: through the API
    expect(appended).toMatchObject({ status: 201, body: { accepted: 1, stored: 1 } });
    const transcript = await readBack<{ messages: Array<{ text: string; fields?: unknown }> }>(
      tenant,
      `/v1/interactions/${interactionId}/transcript`,
    );
    expect(transcript.status).toBe(200);
    expect(transcript.body.messages).toEqual([
      expect.objectContaining({
        from: 'visitor',
        seq: 0,
        text: 'Hi, [NAME] here. Mail me at [EMAIL], my card is [CARD].',
      }),
    ]);
    expect(transcript.body.messages[0]).not.toHaveProperty('fields');

    // Assess: straight from DynamoDB Local — nothing clear anywhere, the hidden field not at all
    const stored = await everythingStored(tenant.tenantId);
    // The cards also as digit runs (any spacing), long enough that no keyed hash's hex matches them by chance.
    for (const clear of [
      ANNA.email,
      'Anna Lind',
      CARD,
      '41111111',
      HIDDEN_CARD,
      '55555555',
      'cardNumber',
      '+33612345678',
    ])
      expect(stored).not.toContain(clear);
    const { vault } = testContainer();
    const partition = await partitionByRegion(tenant.tenantId, `T#${tenant.tenantId}#I#${interactionId}`);
    expect(partition['us-east-1']).toEqual([]);
    const message = partition['eu-central-1'].find((i) => i.sk.startsWith('MSG#'))!;
    const opened = await vault.openJson(
      { region: 'eu-central-1', tenantId: tenant.tenantId, dataClass: 'transcript', partitionId: interactionId },
      message.sealed as string,
    );
    expect(opened).toEqual({ text: 'Hi, [NAME] here. Mail me at [EMAIL], my card is [CARD].' });

    // Assess: general info in the chat region, with its expiry from the policy (chat 3 years)
    const info = partition['eu-central-1'].find((i) => i.sk === 'INFO')!;
    expect(info).toMatchObject({ class: 'interaction', channel: 'chat', queue: 'billing', dekId: interactionId });
    expect(info.expiresAt as number).toBeGreaterThan(Date.parse(startedAt) / 1000 + 3 * 365 * 86400 - 86400);
    expect(info.expiryBucket).toMatch(new RegExp(`^T#${tenant.tenantId}#interaction#\\d{4}-\\d{2}-\\d{2}#[0-3]$`));

    // Assess: index entries are keyed hashes of the normalised identifiers
    const secret = await testContainer().tenantSecrets.subjectIndexSecret(tenant.tenantId);
    const entries = partition['eu-central-1'].filter((i) => i.sk.startsWith('SUBJ#'));
    const emailKey = subjectKey(secret, 'email', normaliseEmail(ANNA.email));
    const phoneKey = subjectKey(secret, 'phone', normalisePhone(ANNA.phone, '33'));
    const nameKey = subjectKey(secret, 'name', normaliseName(ANNA.name));
    const prefixKeys = namePrefixKeysOf(ANNA.name, secret).map((k) => `SUBJ#namePrefix#${k.hmacHex}`);
    expect(prefixKeys).toHaveLength(4); // ann, anna, lin, lind
    expect(entries.map((e) => e.sk).sort()).toEqual(
      [`SUBJ#email#${emailKey}`, `SUBJ#name#${nameKey}`, `SUBJ#phone#${phoneKey}`, ...prefixKeys].sort(),
    );
    expect(entries.find((e) => e.kind === 'email')).toMatchObject({
      subjectKey: `T#${tenant.tenantId}#${emailKey}`,
      class: 'interaction',
    });

    // Assess: the KPIs counted it
    const kpis = await readBack<{ rows: Array<{ group: Record<string, string>; metrics: Record<string, number> }> }>(
      tenant,
      `/v1/kpis?${aroundToday()}&groupBy=channel,queue`,
    );
    expect(kpis.status).toBe(200);
    expect(kpis.body.rows).toContainEqual(
      expect.objectContaining({ group: { channel: 'chat', queue: 'billing' }, metrics: { interactions: 1 } }),
    );
    const counters = await rawItems('eu-central-1', 'aggregatesTable', tenant.tenantId);
    expect(JSON.stringify(counters)).not.toMatch(/anna|lind|4111/i);

    // Assess: the handlers logged the requests, and nothing of their content
    const log = readFileSync(env('LETHE_LOCAL_STACK_LOG'), 'utf8');
    expect(log).toContain(`"tenantId":"${tenant.tenantId}"`);
    for (const clear of [ANNA.email, 'Anna Lind', CARD, HIDDEN_CARD]) expect(log).not.toContain(clear);
  });
});
