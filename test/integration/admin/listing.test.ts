import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDbClient, localNames, regions } from '../../support/emulators';
import { as, converse, newTenant, subjectRequest, type StaffUser } from './support';

/** The listing entries of one tenant's day, in each region, read straight from DynamoDB Local. */
async function listingOf(tenantId: string, day: string): Promise<Record<string, Array<Record<string, unknown>>>> {
  const out: Record<string, Array<Record<string, unknown>>> = {};
  for (const region of regions()) {
    const client = DynamoDBDocumentClient.from(dynamoDbClient(region));
    const res = await client.send(
      new QueryCommand({
        TableName: localNames(region).recordsTable,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `T#${tenantId}#DAY#${day}` },
      }),
    );
    out[region] = (res.Items ?? []) as Array<Record<string, unknown>>;
  }
  return out;
}

describe('the per-day listing written at ingest (what search by time reads instead of a scan)', () => {
  it('holds one entry per interaction with its clear attributes only, in the final region of its channel', async () => {
    // Prepare: iAdvize keeps calls in the US during the call and in the EU after; SMS in the US
    const tenant = await newTenant('iadvize');
    const startedAt = new Date(Date.now() - 3600_000).toISOString();
    // Act
    const call = await converse(tenant, {
      channel: 'call',
      startedAt,
      queue: 'vip',
      agent: 'agent-1',
      group: 'sales',
      participant: { phone: '+33612345678', name: 'Jeanne Dupont' },
    });
    const sms = await converse(tenant, { channel: 'sms', startedAt, participant: { phone: '+33612345679' } });
    // Assess
    const listed = await listingOf(tenant.tenantId, startedAt.slice(0, 10));
    expect(listed['eu-central-1']).toEqual([
      {
        pk: `T#${tenant.tenantId}#DAY#${startedAt.slice(0, 10)}`,
        sk: `${startedAt}#${call.interactionId}`,
        tenantId: tenant.tenantId,
        interactionId: call.interactionId,
        channel: 'call',
        queue: 'vip',
        agent: 'agent-1',
        group: 'sales',
        startedAt,
        expiresAt: expect.any(Number),
      },
    ]);
    expect(listed['us-east-1'].map((e) => e.interactionId)).toEqual([sms.interactionId]);
    expect(JSON.stringify(listed)).not.toMatch(/33612345678|Jeanne|Dupont/);
  });

  it('a search by time merges the regions newest first, page by page', async () => {
    // Prepare: chats (EU) and SMS (US) interleaved, ten minutes apart
    const tenant = await newTenant('iadvize');
    const admin: StaffUser = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
    const base = Date.now() - 3 * 3600_000;
    const made: string[] = [];
    for (let i = 0; i < 6; i++)
      made.push(
        (
          await converse(tenant, {
            channel: i % 2 ? 'sms' : 'chat',
            startedAt: new Date(base + i * 600_000).toISOString(),
          })
        ).interactionId,
      );
    // Act
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const res = await as<{ items: Array<{ interactionId: string; region: string }>; nextToken?: string }>(
        admin,
        `/v1/interactions?limit=2${token ? `&nextToken=${token}` : ''}`,
      );
      seen.push(...res.body.items.map((i) => i.interactionId));
      token = res.body.nextToken;
    } while (token);
    // Assess
    expect(seen).toEqual([...made].reverse());
  });

  it('erasing the subject removes the listing entry of their interaction, the others stay', async () => {
    // Prepare
    const tenant = await newTenant();
    const admin: StaffUser = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
    const startedAt = new Date(Date.now() - 3600_000).toISOString();
    const erased = await converse(tenant, { startedAt, participant: { phone: '+46701110001' } });
    const kept = await converse(tenant, { startedAt, participant: { phone: '+46701110002' } });
    // Act
    const done = await subjectRequest(admin, { type: 'erase', identifiers: { phone: '+46701110001' }, options: {} });
    // Assess
    expect(done.status).toBe('completed');
    const listed = Object.values(await listingOf(tenant.tenantId, startedAt.slice(0, 10))).flat();
    expect(listed.map((e) => e.interactionId)).toEqual([kept.interactionId]);
    expect(JSON.stringify(listed)).not.toContain(erased.interactionId);
  });
});
