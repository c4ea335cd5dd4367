import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { ulid } from 'ulid';
import { LOCAL_ACCOUNT } from '../../../functions/shared/resource-names';
import { KeyStore } from '../../../infra/local/kms/key-store';
import { startLocalKms, type LocalKms } from '../../../infra/local/kms/server';
import { LocalCloud } from '../../../infra/local/provisioning/local-cloud';
import { provision } from '../../../infra/local/provisioning/provision';
import { synthesize } from '../../../infra/local/provisioning/synth';
import type { SynthesizedStack } from '../../../infra/local/provisioning/template';
import { dynamoDbClient, env, s3Client } from '../../support/emulators';
import { provisioningFixtureApp } from './fixtures/provisioning-stack';

/**
 * The provisioner against a stack built in this test: it creates in the emulators what the template
 * declares, and running it again keeps what exists. The local KMS here is this test's own.
 */
describe('provisioning creates what a template declares', () => {
  const region = 'eu-west-3';
  const suffix = ulid().toLowerCase();
  const stackName = `ProvisionFixture${suffix}`;
  const now = new Date('2030-01-01T00:00:00Z');
  let stacks: SynthesizedStack[];
  let kms: LocalKms;
  const provisionOnce = () =>
    provision(new LocalCloud(stacks, LOCAL_ACCOUNT), {
      dynamodbEndpoint: env('LETHE_DYNAMODB_ENDPOINT'),
      s3Endpoint: env('LETHE_S3_ENDPOINT'),
      keyStore: kms.store,
      principals: kms.principals,
      now,
    });

  beforeAll(async () => {
    stacks = synthesize(provisioningFixtureApp(suffix));
    kms = await startLocalKms({ store: new KeyStore(LOCAL_ACCOUNT), port: 0, now: () => now });
    await provisionOnce();
  });
  afterAll(async () => {
    await kms.close();
  });

  it('creates a named table with its keys, GSI projection, LSI, stream and TTL', async () => {
    // Act
    const { Table } = await dynamoDbClient(region).send(
      new DescribeTableCommand({ TableName: `fixture-${suffix}-orders` }),
    );
    const ttl = await dynamoDbClient(region).send(
      new DescribeTimeToLiveCommand({ TableName: `fixture-${suffix}-orders` }),
    );

    // Assess
    expect(Table?.KeySchema?.map((k) => `${k.AttributeName}:${k.KeyType}`)).toEqual(['pk:HASH', 'sk:RANGE']);
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'byCustomer',
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total'] },
    });
    expect(Table?.LocalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'byTotal',
      Projection: { ProjectionType: 'KEYS_ONLY' },
    });
    expect(Table?.StreamSpecification).toMatchObject({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  });

  it('names an unnamed table and bucket after the stack and logical id, as CloudFormation would (minus the random part)', async () => {
    // Prepare
    const logicalId = (type: string) =>
      Object.entries(stacks[0].template.Resources ?? {}).find(
        ([id, r]) => r.Type === type && id.startsWith(type.endsWith('Table') ? 'Unnamed' : 'Scratch'),
      )![0];

    // Act
    const table = await dynamoDbClient(region).send(
      new DescribeTableCommand({ TableName: `${stackName}-${logicalId('AWS::DynamoDB::Table')}` }),
    );
    const bucket = await s3Client(region).send(
      new HeadBucketCommand({ Bucket: `${stackName}-${logicalId('AWS::S3::Bucket')}`.toLowerCase() }),
    );

    // Assess
    expect(table.Table?.TableStatus).toBe('ACTIVE');
    expect(bucket.$metadata.httpStatusCode).toBe(200);
  });

  it('creates the named bucket', async () => {
    // Act
    const bucket = await s3Client(region).send(new HeadBucketCommand({ Bucket: `fixture-${suffix}-uploads` }));

    // Assess
    expect(bucket.$metadata.httpStatusCode).toBe(200);
  });

  it('creates the KMS key under its alias with its policy: only the named role decrypts', async () => {
    // Prepare
    const client = (accessKeyId: string) =>
      new KMSClient({ region, endpoint: kms.endpoint, credentials: { accessKeyId, secretAccessKey: accessKeyId } });
    const { CiphertextBlob } = await client('S3RVER').send(
      new EncryptCommand({ KeyId: `alias/fixture-${suffix}-seal`, Plaintext: Buffer.from('x') }),
    );

    // Act
    const [byApplication, byReader] = await Promise.allSettled(
      ['S3RVER', 'LEGALROLE'].map((key) => client(key).send(new DecryptCommand({ CiphertextBlob }))),
    );

    // Assess
    expect(byApplication).toMatchObject({ status: 'rejected', reason: { name: 'AccessDeniedException' } });
    expect(byReader.status === 'fulfilled' && Buffer.from(byReader.value.Plaintext!).toString()).toBe('x');
    expect(kms.principals.describe()).toContain(
      `LEGALROLE (${region}) → arn:aws:iam::000000000000:role/fixture-${suffix}-reader`,
    );
  });

  it('keeps what exists when run again: same key, nothing created', async () => {
    // Prepare
    const keyBefore = kms.store.findKey(region, `alias/fixture-${suffix}-seal`)!.keyId;

    // Act
    const lines = await provisionOnce();

    // Assess
    expect(kms.store.findKey(region, `alias/fixture-${suffix}-seal`)!.keyId).toBe(keyBefore);
    expect(lines).toContain(`${stackName} (${region}): keys/aliases created 0, kept 2`);
    const tablesAndBuckets = lines.filter(
      (l) => l.startsWith(`${stackName} (${region}): tables`) || l.startsWith(`${stackName} (${region}): buckets`),
    );
    expect(tablesAndBuckets).toHaveLength(2);
    expect(tablesAndBuckets.join(' ')).not.toContain(' created');
  });

  it('adds an index the template gained since the table was created, as a stack update would', async () => {
    // Prepare
    const orders = Object.values(stacks[0].template.Resources!).find(
      (r) => r.Properties?.TableName === `fixture-${suffix}-orders`,
    )!.Properties!;
    (orders.AttributeDefinitions as unknown[]).push({ AttributeName: 'status', AttributeType: 'S' });
    (orders.GlobalSecondaryIndexes as unknown[]).push({
      IndexName: 'byStatus',
      KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }],
      Projection: { ProjectionType: 'KEYS_ONLY' },
    });

    // Act
    await provisionOnce();

    // Assess
    const { Table } = await dynamoDbClient(region).send(
      new DescribeTableCommand({ TableName: `fixture-${suffix}-orders` }),
    );
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName).sort()).toEqual(['byCustomer', 'byStatus']);
  });
});
