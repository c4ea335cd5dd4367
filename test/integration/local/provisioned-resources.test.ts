import { DescribeTableCommand, DescribeTimeToLiveCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { ListAliasesCommand } from '@aws-sdk/client-kms';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import {
  dynamoDbClient,
  homeNames,
  homeRegion,
  kmsClient,
  localNames,
  regions,
  s3Client,
} from '../../support/emulators';

/** The global setup provisioned the real CDK app; these read it back through the SDK, as from AWS. */
describe('the local stack holds what the synthesized templates declare', () => {
  const describeTable = (region: string, table: string) =>
    dynamoDbClient(region).send(new DescribeTableCommand({ TableName: table }));
  const ttlOf = async (region: string, table: string) =>
    (await dynamoDbClient(region).send(new DescribeTimeToLiveCommand({ TableName: table }))).TimeToLiveDescription;

  it.each(regions())(
    'region %s has its records table with TTL on expiresAt and the byExpiry and bySubject indexes',
    async (region) => {
      // Prepare
      const { recordsTable } = localNames(region);

      // Act
      const { Table } = await describeTable(region, recordsTable);
      const ttl = await ttlOf(region, recordsTable);

      // Assess
      expect(Table?.KeySchema).toEqual([
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ]);
      expect(ttl).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
      const indexes = Object.fromEntries((Table?.GlobalSecondaryIndexes ?? []).map((g) => [g.IndexName, g]));
      expect(indexes.byExpiry).toMatchObject({
        KeySchema: [
          { AttributeName: 'expiryBucket', KeyType: 'HASH' },
          { AttributeName: 'expiresAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      });
      expect(indexes.bySubject).toMatchObject({
        KeySchema: [
          { AttributeName: 'subjectKey', KeyType: 'HASH' },
          { AttributeName: 'pk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: expect.arrayContaining(['kind', 'class']) },
      });
    },
  );

  it.each(regions())('region %s has its keys and aggregates tables with TTL', async (region) => {
    // Prepare
    const { keysTable, aggregatesTable } = localNames(region);

    // Act
    const ttls = await Promise.all([keysTable, aggregatesTable].map((t) => ttlOf(region, t)));

    // Assess
    for (const ttl of ttls) expect(ttl).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  });

  it.each(regions())('region %s has its content, archive and litigation buckets', async (region) => {
    // Prepare
    const { contentBucket, archiveBucket, litigationBucket } = localNames(region);

    // Act
    const answers = await Promise.all(
      [contentBucket, archiveBucket, litigationBucket].map((Bucket) =>
        s3Client(region).send(new HeadBucketCommand({ Bucket })),
      ),
    );

    // Assess
    for (const answer of answers) expect(answer.$metadata.httpStatusCode).toBe(200);
  });

  it.each(regions())('region %s has its data and litigation keys under their aliases', async (region) => {
    // Prepare
    const { dataKeyAlias, litigationKeyAlias } = localNames(region);

    // Act
    const { Aliases } = await kmsClient(region).send(new ListAliasesCommand({}));

    // Assess
    expect(Aliases?.map((a) => a.AliasName)).toEqual(expect.arrayContaining([dataKeyAlias, litigationKeyAlias]));
  });

  it('the home region has the tenant directory (gsi1, projection ALL, TTL) and the exports bucket', async () => {
    // Prepare
    const region = homeRegion();
    const { directoryTable, exportBucket } = homeNames();

    // Act
    const { Table } = await describeTable(region, directoryTable);
    const ttl = await ttlOf(region, directoryTable);
    const exportsBucket = await s3Client(region).send(new HeadBucketCommand({ Bucket: exportBucket }));

    // Assess
    expect(Table?.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.Projection?.ProjectionType])).toEqual([
      ['gsi1', 'ALL'],
    ]);
    expect(ttl?.TimeToLiveStatus).toBe('ENABLED');
    expect(exportsBucket.$metadata.httpStatusCode).toBe(200);
  });

  it("a region's tables are invisible from another region, as in AWS", async () => {
    // Prepare
    const [home, other] = [homeRegion(), regions().find((r) => r !== homeRegion())!];

    // Act
    const seenFromHome = describeTable(home, localNames(other).recordsTable);

    // Assess
    await expect(seenFromHome).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
