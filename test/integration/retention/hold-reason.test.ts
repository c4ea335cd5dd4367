import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { callApi } from '../../support/api';
import { dynamoDbClient, homeNames } from '../../support/emulators';
import { chat, newTenant } from './support';

describe('a legal hold reason is free text like any other', () => {
  it('is stored redacted: no name, phone or e-mail the admin typed reaches the directory table', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const held = await chat(tenant);
    const reason = 'claim by Johanna Berg, call her on 070-123 45 67 or johanna.berg@example.com';

    // Act
    const res = await callApi<{ holdId: string; reason: string }>('/v1/holds', {
      method: 'POST',
      body: { interactionId: held.interactionId, reason },
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });

    // Assess: the answer and the raw directory item carry the redacted reason only
    expect(res.status).toBe(201);
    expect(res.body.reason).toBe('claim by [NAME], call her on [PHONE] or [EMAIL]');
    const raw = await dynamoDbClient().send(
      new ScanCommand({
        TableName: homeNames().directoryTable,
        FilterExpression: 'holdId = :h',
        ExpressionAttributeValues: { ':h': { S: res.body.holdId } },
      }),
    );
    const items = (raw.Items ?? []).map((i) => JSON.stringify(unmarshall(i)));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items)
      for (const secret of ['Johanna', 'Berg', '123 45 67', 'example.com']) expect(item).not.toContain(secret);
  }, 60_000);
});
