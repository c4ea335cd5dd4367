import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDbClient, homeRegion, localNames, regions } from '../../support/emulators';
import { interaction, recordStoreContract } from '../../support/record-store-contract';
import { freshTenant, testContainer } from './container';

describe('the records table of a region', () => {
  const { stores } = testContainer();

  describe('on DynamoDB Local, the RecordStore contract', () => {
    recordStoreContract(() => ({ records: stores.storesFor(homeRegion()).records, freshTenant }));
  });

  it('writes to the table of the region it was asked for, and only there', async () => {
    // Prepare
    const other = regions().find((r) => r !== homeRegion());
    if (!other) throw new Error('the local stack serves one region; this test needs two (LETHE_REGIONS)');
    const chat = interaction(freshTenant());
    // Act
    await stores.storesFor(other).records.put(chat.info);
    // Assess
    const where = async (region: string) =>
      (
        await dynamoDbClient(region).send(
          new GetItemCommand({
            TableName: localNames(region).recordsTable,
            Key: { pk: { S: chat.pk }, sk: { S: 'INFO' } },
          }),
        )
      ).Item;
    expect(await where(other)).toBeDefined();
    expect(await where(homeRegion())).toBeUndefined();
    expect(() => stores.storesFor('ap-south-1')).toThrow(/not served/);
  });
});
